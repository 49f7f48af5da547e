package dev.proofofcompute.stark.field;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.math.BigInteger;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class GoldilocksTest {
  private static final BigInteger P = new BigInteger("18446744069414584321");

  private static BigInteger big(long a) {
    return new BigInteger(Long.toUnsignedString(a));
  }

  /** Random canonical elements, with the edge values mixed in. */
  private static long element(SplittableRandom rnd) {
    int pick = rnd.nextInt(16);
    return switch (pick) {
      case 0 -> 0;
      case 1 -> 1;
      case 2 -> Goldilocks.P - 1;
      case 3 -> Goldilocks.EPSILON;
      case 4 -> Goldilocks.P - Goldilocks.EPSILON;
      default -> Goldilocks.reduce(rnd.nextLong());
    };
  }

  @Test
  void modulusIsTwoToThe64MinusTwoToThe32PlusOne() {
    assertThat(big(Goldilocks.P)).isEqualTo(P);
    assertThat(P.isProbablePrime(64)).isTrue();
  }

  @Test
  void arithmeticMatchesBigIntegerReferenceSeed20261127() {
    SplittableRandom rnd = new SplittableRandom(20261127L);
    for (int i = 0; i < 30_000; i++) {
      long a = element(rnd);
      long b = element(rnd);
      String msg =
          "seed 20261127, a=" + Long.toUnsignedString(a) + " b=" + Long.toUnsignedString(b);
      assertThat(big(Goldilocks.add(a, b))).as(msg).isEqualTo(big(a).add(big(b)).mod(P));
      assertThat(big(Goldilocks.sub(a, b))).as(msg).isEqualTo(big(a).subtract(big(b)).mod(P));
      assertThat(big(Goldilocks.mul(a, b))).as(msg).isEqualTo(big(a).multiply(big(b)).mod(P));
      assertThat(big(Goldilocks.neg(a))).as(msg).isEqualTo(big(a).negate().mod(P));
    }
  }

  @Test
  void reductionOfArbitrary128BitValuesMatchesBigIntegerSeed7() {
    SplittableRandom rnd = new SplittableRandom(7L);
    for (int i = 0; i < 30_000; i++) {
      long hi = i % 3 == 0 ? -1L - rnd.nextInt(1 << 20) : rnd.nextLong();
      long lo = rnd.nextLong();
      BigInteger v = big(hi).shiftLeft(64).add(big(lo));
      assertThat(big(Goldilocks.reduce128(hi, lo))).as("seed 7, i=" + i).isEqualTo(v.mod(P));
    }
  }

  @Test
  void fieldAxiomsHoldOnRandomElementsSeed42() {
    SplittableRandom rnd = new SplittableRandom(42L);
    for (int i = 0; i < 20_000; i++) {
      long a = element(rnd);
      long b = element(rnd);
      long c = element(rnd);
      assertThat(Goldilocks.mul(a, Goldilocks.add(b, c)))
          .isEqualTo(Goldilocks.add(Goldilocks.mul(a, b), Goldilocks.mul(a, c)));
      assertThat(Goldilocks.mul(Goldilocks.mul(a, b), c))
          .isEqualTo(Goldilocks.mul(a, Goldilocks.mul(b, c)));
      assertThat(Goldilocks.add(a, Goldilocks.neg(a))).isZero();
      assertThat(Goldilocks.isCanonical(Goldilocks.mul(a, b))).isTrue();
    }
  }

  @Test
  void inverseAndBatchInverseMatchBigIntegerModInverseSeed99() {
    SplittableRandom rnd = new SplittableRandom(99L);
    long[] values = new long[1000];
    for (int i = 0; i < values.length; i++) {
      long a;
      do {
        a = element(rnd);
      } while (a == 0);
      values[i] = a;
    }
    long[] batch = values.clone();
    Goldilocks.batchInvert(batch);
    for (int i = 0; i < values.length; i++) {
      BigInteger expected = big(values[i]).modInverse(P);
      assertThat(big(Goldilocks.inv(values[i]))).isEqualTo(expected);
      assertThat(big(batch[i])).isEqualTo(expected);
    }
    assertThatThrownBy(() -> Goldilocks.inv(0)).isInstanceOf(ArithmeticException.class);
    assertThatThrownBy(() -> Goldilocks.batchInvert(new long[] {1, 0, 2}))
        .hasMessageContaining("index 1");
  }

  @Test
  void sevenGeneratesTheMultiplicativeGroup() {
    // p - 1 = 2^32 * 3 * 5 * 17 * 257 * 65537: 7 has full order iff 7^((p-1)/q) != 1 for each q.
    BigInteger pm1 = P.subtract(BigInteger.ONE);
    assertThat(BigInteger.TWO.pow(32).multiply(BigInteger.valueOf(3L * 5 * 17 * 257 * 65537)))
        .isEqualTo(pm1);
    for (long q : new long[] {2, 3, 5, 17, 257, 65537}) {
      BigInteger e = pm1.divide(BigInteger.valueOf(q));
      assertThat(big(Goldilocks.pow(Goldilocks.GENERATOR, e.longValue())))
          .as("7^((p-1)/%d)", q)
          .isEqualTo(BigInteger.valueOf(7).modPow(e, P))
          .isNotEqualTo(BigInteger.ONE);
    }
  }

  @Test
  void rootsOfUnityHaveExactOrder() {
    for (int k = 0; k <= Goldilocks.TWO_ADICITY; k++) {
      long w = Goldilocks.rootOfUnity(k);
      BigInteger order = BigInteger.TWO.pow(k);
      assertThat(big(w).modPow(order, P)).as("order 2^%d", k).isEqualTo(BigInteger.ONE);
      if (k > 0) {
        assertThat(big(w).modPow(order.shiftRight(1), P)).isEqualTo(P.subtract(BigInteger.ONE));
        assertThat(Goldilocks.square(w)).isEqualTo(Goldilocks.rootOfUnity(k - 1));
      }
    }
    assertThatThrownBy(() -> Goldilocks.rootOfUnity(33)).hasMessageContaining("[0, 32]");
  }

  @Test
  void fromSignedAndPowMatchReference() {
    assertThat(Goldilocks.fromSigned(-1)).isEqualTo(Goldilocks.P - 1);
    assertThat(Goldilocks.fromSigned(Long.MIN_VALUE))
        .isEqualTo(BigInteger.valueOf(Long.MIN_VALUE).mod(P).longValue());
    SplittableRandom rnd = new SplittableRandom(5L);
    for (int i = 0; i < 200; i++) {
      long a = element(rnd);
      long e = rnd.nextLong();
      assertThat(big(Goldilocks.pow(a, e))).isEqualTo(big(a).modPow(big(e), P));
    }
  }
}
