package dev.proofofcompute.stark.field;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.math.BigInteger;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class Ext2Test {
  private static final BigInteger P = new BigInteger("18446744069414584321");

  private static Ext2 random(SplittableRandom rnd) {
    return Ext2.of(Goldilocks.reduce(rnd.nextLong()), Goldilocks.reduce(rnd.nextLong()));
  }

  private static BigInteger big(long a) {
    return new BigInteger(Long.toUnsignedString(a));
  }

  @Test
  void sevenIsANonResidueSoTheExtensionIsAField() {
    // Euler's criterion: 7^((p-1)/2) = -1.
    BigInteger e = P.subtract(BigInteger.ONE).shiftRight(1);
    assertThat(BigInteger.valueOf(Ext2.W).modPow(e, P)).isEqualTo(P.subtract(BigInteger.ONE));
  }

  @Test
  void multiplicationMatchesSchoolbookReferenceSeed11() {
    SplittableRandom rnd = new SplittableRandom(11L);
    for (int i = 0; i < 10_000; i++) {
      Ext2 a = random(rnd);
      Ext2 b = random(rnd);
      Ext2 c = a.mul(b);
      BigInteger c0 =
          big(a.c0())
              .multiply(big(b.c0()))
              .add(BigInteger.valueOf(7).multiply(big(a.c1())).multiply(big(b.c1())));
      BigInteger c1 = big(a.c0()).multiply(big(b.c1())).add(big(a.c1()).multiply(big(b.c0())));
      assertThat(big(c.c0())).as("seed 11, i=%d", i).isEqualTo(c0.mod(P));
      assertThat(big(c.c1())).as("seed 11, i=%d", i).isEqualTo(c1.mod(P));
      long[] o0 = new long[1];
      long[] o1 = new long[1];
      Ext2.mulInto(a.c0(), a.c1(), b.c0(), b.c1(), o0, o1, 0);
      assertThat(Ext2.of(o0[0], o1[0])).isEqualTo(c);
    }
  }

  @Test
  void fieldAxiomsAndInversesSeed12() {
    SplittableRandom rnd = new SplittableRandom(12L);
    Ext2[] values = new Ext2[500];
    for (int i = 0; i < values.length; i++) {
      Ext2 a = random(rnd);
      Ext2 b = random(rnd);
      Ext2 c = random(rnd);
      assertThat(a.mul(b.add(c))).isEqualTo(a.mul(b).add(a.mul(c)));
      assertThat(a.mul(b).mul(c)).isEqualTo(a.mul(b.mul(c)));
      assertThat(a.sub(b).add(b)).isEqualTo(a);
      assertThat(a.add(a.neg())).isEqualTo(Ext2.ZERO);
      assertThat(a.mul(a.inv())).isEqualTo(Ext2.ONE);
      assertThat(a.mul(b.c0())).isEqualTo(a.mul(Ext2.ofBase(b.c0())));
      values[i] = a;
    }
    Ext2[] batch = values.clone();
    Ext2.batchInvert(batch);
    for (int i = 0; i < values.length; i++) {
      assertThat(batch[i]).isEqualTo(values[i].inv());
    }
    assertThatThrownBy(() -> Ext2.ZERO.inv()).isInstanceOf(ArithmeticException.class);
  }

  @Test
  void powMatchesRepeatedMultiplicationAndFrobeniusHasOrderTwo() {
    Ext2 a = Ext2.of(3, 5);
    Ext2 acc = Ext2.ONE;
    for (int e = 0; e < 50; e++) {
      assertThat(a.pow(e)).isEqualTo(acc);
      acc = acc.mul(a);
    }
    // x^p is the conjugate c0 - c1 u; applying it twice is the identity.
    Ext2 frob = a.pow(Goldilocks.P);
    assertThat(frob).isEqualTo(Ext2.of(3, Goldilocks.neg(5)));
    assertThat(frob.pow(Goldilocks.P)).isEqualTo(a);
  }

  @Test
  void rejectsNonCanonicalCoordinates() {
    assertThatThrownBy(() -> Ext2.of(Goldilocks.P, 0)).hasMessageContaining("canonical");
    assertThatThrownBy(() -> Ext2.ofBase(-1L)).hasMessageContaining("canonical");
  }
}
