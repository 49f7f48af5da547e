package dev.proofofcompute.stark.field;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class PolynomialsTest {

  @Test
  void extensionEvaluationAgreesWithBaseEvaluationOnBasePointsSeed23() {
    SplittableRandom rnd = new SplittableRandom(23L);
    long[] c = new long[17];
    for (int i = 0; i < c.length; i++) {
      c[i] = Goldilocks.reduce(rnd.nextLong());
    }
    for (int t = 0; t < 50; t++) {
      long x = Goldilocks.reduce(rnd.nextLong());
      long expected = Polynomials.evaluate(c, x);
      assertThat(Polynomials.evaluate(c, Ext2.ofBase(x))).isEqualTo(Ext2.ofBase(expected));
      assertThat(Polynomials.evaluate(c, new long[c.length], Ext2.ofBase(x)))
          .isEqualTo(Ext2.ofBase(expected));
    }
    // At an extension point, compare with the power-sum definition.
    Ext2 z = Ext2.of(5, 9);
    Ext2 sum = Ext2.ZERO;
    for (int i = 0; i < c.length; i++) {
      sum = sum.add(z.pow(i).mul(c[i]));
    }
    assertThat(Polynomials.evaluate(c, z)).isEqualTo(sum);
  }

  @Test
  void lagrangeInterpolationRecoversAPolynomialSeed29() {
    SplittableRandom rnd = new SplittableRandom(29L);
    Ext2[] coefficients = new Ext2[4];
    for (int i = 0; i < 4; i++) {
      coefficients[i] =
          Ext2.of(Goldilocks.reduce(rnd.nextLong()), Goldilocks.reduce(rnd.nextLong()));
    }
    long[] xs = {3, 10, 77, Goldilocks.P - 5};
    Ext2[] ys = new Ext2[4];
    for (int i = 0; i < 4; i++) {
      ys[i] = Polynomials.evaluate(coefficients, Ext2.ofBase(xs[i]));
    }
    Ext2 at = Ext2.of(123, 456);
    assertThat(Polynomials.interpolateAt(xs, ys, at))
        .isEqualTo(Polynomials.evaluate(coefficients, at));
  }
}
