package dev.proofofcompute.schemes.freivalds;

/**
 * Arithmetic in the prime field GF(p), {@code p = 2^61 - 1}, on {@code long}s in {@code [0, p)}.
 *
 * <p>Design: p is a Mersenne prime, so {@code 2^61 ≡ 1 (mod p)} and a number {@code x = h·2^61 + l}
 * reduces to {@code h + l} with a shift and a mask instead of a division (Crandall and Pomerance,
 * <i>Prime Numbers</i>, 2nd ed., §9.2.3, moduli of special form). A 128-bit product comes from
 * {@link Math#unsignedMultiplyHigh} and the low 64-bit product.
 *
 * <p>{@link #dot} takes int32 entries as integers with their sign and splits the field elements
 * into a 30-bit and a 31-bit limb, so that exact sums of products fit plain {@code long}s and a
 * matrix–vector product costs two 64-bit multiply-adds per entry.
 */
final class Mersenne61 {
  /** The modulus {@code 2^61 - 1}. */
  static final long P = (1L << 61) - 1;

  private Mersenne61() {}

  static long add(long a, long b) {
    long s = a + b;
    return s >= P ? s - P : s;
  }

  static long mul(long a, long b) {
    return reduce128(Math.unsignedMultiplyHigh(a, b), a * b);
  }

  /**
   * {@code x mod p} for the unsigned 128-bit {@code x = hi·2^64 + lo}, {@code x < 2^125} (so {@code
   * hi < 2^61}).
   */
  static long reduce128(long hi, long lo) {
    long low = lo & P;
    // high = x >>> 61 < 2^64, and high ≡ (high & p) + (high >>> 61) once more.
    long high = (hi << 3) | (lo >>> 61);
    long s = low + (high & P) + (high >>> 61);
    s = (s & P) + (s >>> 61);
    return s >= P ? s - P : s;
  }

  /** The field element congruent to the integer {@code v}, {@code |v| < 2^63}. */
  static long fromLong(long v) {
    if (v >= 0) {
      long s = (v & P) + (v >>> 61);
      return s >= P ? s - P : s;
    }
    long m = fromLong(-v);
    return m == 0 ? 0 : P - m;
  }

  /** Bits in the low limb of {@link #split}. */
  static final int LIMB = 30;

  /** {@code 2^30 mod p}, the weight of the high limb. */
  private static final long LIMB_WEIGHT = 1L << LIMB;

  /**
   * Splits field elements {@code v[j] = hi[j]·2^30 + lo[j]}, {@code lo < 2^30}, {@code hi < 2^31},
   * for {@link #dot}.
   */
  static void split(long[] v, int len, long[] lo, long[] hi) {
    for (int j = 0; j < len; j++) {
      lo[j] = v[j] & (LIMB_WEIGHT - 1);
      hi[j] = v[j] >>> LIMB;
    }
  }

  /**
   * {@code Σ_{j<len} a[j] · v[j] mod p} for int32 integers {@code a[j]} (with their sign) and field
   * elements {@code v} given as limbs by {@link #split}.
   *
   * <p>The two limb sums are accumulated in plain {@code long}s, exactly: with {@code M =
   * max|a_j|}, each term is below {@code M·2^31} in magnitude, so a chunk of {@code floor((2^32 -
   * 1)/M)} terms sums below {@code 2^63}; each chunk is then folded into the field. For int8 rows a
   * chunk is millions of terms, so a dot product costs two 64-bit multiply-adds per entry and one
   * fold.
   */
  static long dot(int[] a, int len, long[] lo, long[] hi) {
    long max = 0;
    for (int j = 0; j < len; j++) {
      max = Math.max(max, Math.abs((long) a[j]));
    }
    if (max == 0) {
      return 0;
    }
    int chunk = (int) Math.min(len, ((1L << 32) - 1) / max);
    long sumLo = 0;
    long sumHi = 0;
    for (int start = 0; start < len; start += chunk) {
      int end = Math.min(len, start + chunk);
      long accLo = 0;
      long accHi = 0;
      for (int j = start; j < end; j++) {
        long x = a[j];
        accLo += x * lo[j];
        accHi += x * hi[j];
      }
      sumLo = add(sumLo, fromLong(accLo));
      sumHi = add(sumHi, fromLong(accHi));
    }
    return add(sumLo, mul(sumHi, LIMB_WEIGHT));
  }
}
