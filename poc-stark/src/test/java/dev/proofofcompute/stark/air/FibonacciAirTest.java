package dev.proofofcompute.stark.air;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.proofofcompute.stark.field.Ext2;
import dev.proofofcompute.stark.field.Goldilocks;
import java.math.BigInteger;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class FibonacciAirTest {

  @Test
  void traceHoldsTheFibonacciNumbersModP() {
    Trace t = FibonacciAir.trace(128, 1, 1);
    BigInteger p = new BigInteger(Long.toUnsignedString(Goldilocks.P));
    BigInteger a = BigInteger.ONE;
    BigInteger b = BigInteger.ONE;
    for (int i = 0; i < 128; i++) {
      assertThat(Long.toUnsignedString(t.get(0, i))).isEqualTo(a.mod(p).toString());
      assertThat(Long.toUnsignedString(t.get(1, i))).isEqualTo(b.mod(p).toString());
      BigInteger c = a.add(b);
      a = b;
      b = c;
    }
  }

  @Test
  void baseAndExtensionEvaluationsAgreeSeed61() {
    FibonacciAir air = FibonacciAir.create(8, 1, 1, 34);
    SplittableRandom rnd = new SplittableRandom(61L);
    for (int trial = 0; trial < 100; trial++) {
      long[] cur = {Goldilocks.reduce(rnd.nextLong()), Goldilocks.reduce(rnd.nextLong())};
      long[] next = {Goldilocks.reduce(rnd.nextLong()), Goldilocks.reduce(rnd.nextLong())};
      long[] out = new long[2];
      air.evaluateTransition(cur, next, new long[0], out);
      Ext2[] outExt = new Ext2[2];
      air.evaluateTransition(
          new Ext2[] {Ext2.ofBase(cur[0]), Ext2.ofBase(cur[1])},
          new Ext2[] {Ext2.ofBase(next[0]), Ext2.ofBase(next[1])},
          new Ext2[0],
          outExt);
      assertThat(outExt).containsExactly(Ext2.ofBase(out[0]), Ext2.ofBase(out[1]));
    }
  }

  @Test
  void rejectsBadShapes() {
    assertThatThrownBy(() -> FibonacciAir.create(12, 1, 1, 1)).hasMessageContaining("power of two");
    assertThatThrownBy(() -> Trace.of(new long[][] {{1, 2, 3}}))
        .hasMessageContaining("power of two");
    assertThatThrownBy(() -> Trace.of(new long[][] {{1, 2}, {1}})).hasMessageContaining("column 1");
    assertThatThrownBy(() -> Trace.of(new long[][] {{1, -1L}}))
        .hasMessageContaining("non-canonical");
  }
}
