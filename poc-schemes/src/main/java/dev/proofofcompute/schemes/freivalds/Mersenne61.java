package dev.proofofcompute.schemes.freivalds;

/**
 * Arithmetic in the prime field GF(p), {@code p = 2^61 - 1}, on {@code long}s in {@code [0, p)}.
 *
 * <p>Design: p is a Mersenne prime, so {@code 2^61 ≡ 1 (mod p)} and a number {@code x = h·2^61 + l}
 * reduces to {@code h + l} with a shift and a mask instead of a division (Crandall and Pomerance,
 * <i>Prime Numbers</i>, 2nd ed., §9.2.3, moduli of special form). A 128-bit product comes from
 * {@link Math#multiplyHigh} / {@link Math#unsignedMultiplyHigh} and the low 64-bit product.
 *
 * <p>{@link #dot} takes int32 entries as integers with their sign: it accumulates the exact signed
 * 128-bit sum of {@code a_j · v_j} and reduces once, so a matrix–vector product costs one 64×64
 * multiplication per entry.
 */
final class Mersenne61 {
  /** The modulus {@code 2^61 - 1}. */
  static final long P = (1L << 61) - 1;

  private Mersenne61() {}

  /** The field element congruent to the integer {@code v}; negative values map to {@code p + v}. */
  static long fromInt(int v) {
    return v >= 0 ? v : P + v;
  }

  static long add(long a, long b) {
    long s = a + b;
    return s >= P ? s - P : s;
  }

  static long sub(long a, long b) {
    long d = a - b;
    return d < 0 ? d + P : d;
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
    // x >>> 61, below 2^64; fold its top bits once more (2^64 = 8·2^61 ≡ 8).
    long high = (hi << 3) | (lo >>> 61);
    long s = low + (high & P) + (high >>> 61);
    s = (s & P) + (s >>> 61);
    return s >= P ? s - P : s;
  }

  /**
   * {@code Σ_{j<len} a[off + j] · v[j] mod p}, with each {@code a} an integer in int32 range and
   * each {@code v[j]} in {@code [0, p)}.
   */
  static long dot(int[] a, int off, long[] v, int len) {
    // Exact signed 128-bit accumulator (hi, lo); every term is below 2^92 in magnitude and there
    // are fewer than 2^31 of them, so the sum stays below 2^123 and cannot overflow.
    long hi = 0;
    long lo = 0;
    for (int j = 0; j < len; j++) {
      long x = a[off + j];
      long y = v[j];
      long tLo = x * y;
      long tHi = Math.multiplyHigh(x, y);
      long sum = lo + tLo;
      hi += tHi + (Long.compareUnsigned(sum, lo) < 0 ? 1 : 0);
      lo = sum;
    }
    if (hi >= 0) {
      return reduce128(hi, lo);
    }
    // Negative: reduce the magnitude and negate in the field.
    long negLo = -lo;
    long negHi = ~hi + (lo == 0 ? 1 : 0);
    long m = reduce128(negHi, negLo);
    return m == 0 ? 0 : P - m;
  }
}
