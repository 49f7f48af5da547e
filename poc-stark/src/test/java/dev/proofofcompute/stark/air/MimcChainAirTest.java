package dev.proofofcompute.stark.air;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.proofofcompute.stark.field.Ext2;
import dev.proofofcompute.stark.field.Goldilocks;
import java.math.BigInteger;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class MimcChainAirTest {
  private static final BigInteger P = new BigInteger(Long.toUnsignedString(Goldilocks.P));

  private static BigInteger big(long a) {
    return new BigInteger(Long.toUnsignedString(a));
  }

  @Test
  void sevenIsCoprimeToPMinusOneSoTheSboxIsAPermutationSeed67() {
    BigInteger pm1 = P.subtract(BigInteger.ONE);
    assertThat(BigInteger.valueOf(MimcChainAir.ALPHA).gcd(pm1)).isEqualTo(BigInteger.ONE);
    BigInteger inverse = BigInteger.valueOf(MimcChainAir.ALPHA).modInverse(pm1);
    SplittableRandom rnd = new SplittableRandom(67L);
    for (int i = 0; i < 100; i++) {
      BigInteger x = big(Goldilocks.reduce(rnd.nextLong()));
      assertThat(x.modPow(BigInteger.valueOf(7), P).modPow(inverse, P)).isEqualTo(x);
    }
  }

  @Test
  void chainMatchesBigIntegerReferenceSeed71() {
    long seed = Goldilocks.reduce(new SplittableRandom(71L).nextLong());
    BigInteger x = big(seed);
    Trace trace = MimcChainAir.trace(seed, 200);
    for (int i = 0; i < 200; i++) {
      assertThat(big(trace.get(0, i))).isEqualTo(x);
      BigInteger t = x.add(big(MimcChainAir.roundConstant(i % 64)));
      assertThat(big(trace.get(1, i))).isEqualTo(t.modPow(BigInteger.valueOf(3), P));
      x = t.modPow(BigInteger.valueOf(7), P);
    }
    assertThat(big(MimcChainAir.digest(seed, 200))).isEqualTo(x);
    assertThat(trace.get(0, 200)).isEqualTo(MimcChainAir.digest(seed, 200));
    assertThat(trace.length()).isEqualTo(256);
  }

  @Test
  void roundConstantsAreDistinctCanonicalElements() {
    java.util.Set<Long> seen = new java.util.HashSet<>();
    for (int i = 0; i < MimcChainAir.ROUNDS; i++) {
      long c = MimcChainAir.roundConstant(i);
      assertThat(Goldilocks.isCanonical(c)).isTrue();
      assertThat(seen.add(c)).as("constant %d repeats", i).isTrue();
    }
  }

  @Test
  void baseAndExtensionEvaluationsAgreeSeed73() {
    MimcChainAir air = MimcChainAir.create(1, 10, 2);
    SplittableRandom rnd = new SplittableRandom(73L);
    for (int i = 0; i < 100; i++) {
      long[] cur = {Goldilocks.reduce(rnd.nextLong()), Goldilocks.reduce(rnd.nextLong())};
      long[] next = {Goldilocks.reduce(rnd.nextLong()), Goldilocks.reduce(rnd.nextLong())};
      long c = Goldilocks.reduce(rnd.nextLong());
      long[] out = new long[2];
      air.evaluateTransition(cur, next, new long[] {c}, out);
      Ext2[] outExt = new Ext2[2];
      air.evaluateTransition(
          new Ext2[] {Ext2.ofBase(cur[0]), Ext2.ofBase(cur[1])},
          new Ext2[] {Ext2.ofBase(next[0]), Ext2.ofBase(next[1])},
          new Ext2[] {Ext2.ofBase(c)},
          outExt);
      assertThat(outExt).containsExactly(Ext2.ofBase(out[0]), Ext2.ofBase(out[1]));
    }
  }

  @Test
  void traceLengthCoversTheStepsAndThePeriod() {
    assertThat(MimcChainAir.traceLengthFor(1)).isEqualTo(64);
    assertThat(MimcChainAir.traceLengthFor(63)).isEqualTo(64);
    assertThat(MimcChainAir.traceLengthFor(64)).isEqualTo(128);
    assertThat(MimcChainAir.traceLengthFor(1023)).isEqualTo(1024);
    assertThatThrownBy(() -> MimcChainAir.create(1, 0, 1)).hasMessageContaining("steps");
  }
}
