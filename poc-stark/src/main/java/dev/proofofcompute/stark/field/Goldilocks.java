package dev.proofofcompute.stark.field;

/**
 * The Goldilocks prime field {@code p = 2^64 - 2^32 + 1}. Elements are canonical: a {@code long}
 * read as unsigned, in {@code [0, p)}. Every operation takes canonical inputs and returns a
 * canonical output.
 *
 * <p>Design: reduction of a 128-bit product uses {@code 2^64 = 2^32 - 1} and {@code 2^96 = -1} (mod
 * p), so {@code hi·2^64 + lo = lo + hi_lo·(2^32 - 1) - hi_hi} with one conditional correction per
 * step, as in Plonky2's {@code reduce128} (Polygon Zero, "Plonky2: Fast Recursive Arguments with
 * PLONK and FRI", 2022, on the choice of field). The high word comes from {@link
 * Math#unsignedMultiplyHigh}, an intrinsic from JDK 18 on. The multiplicative group has order
 * {@code p - 1 = 2^32 · 3 · 5 · 17 · 257 · 65537}; 7 generates it, so {@code 7^((p-1)/2^32)} is a
 * primitive {@code 2^32}-th root of unity and the field has two-adicity 32.
 */
public final class Goldilocks {
  /** The modulus {@code 2^64 - 2^32 + 1}, as an unsigned long. */
  public static final long P = 0xFFFF_FFFF_0000_0001L;

  /** {@code 2^32 - 1 = 2^64 mod p}. */
  static final long EPSILON = 0xFFFF_FFFFL;

  /** A generator of the multiplicative group. */
  public static final long GENERATOR = 7;

  /** The largest {@code k} with {@code 2^k | p - 1}. */
  public static final int TWO_ADICITY = 32;

  private static final long[] ROOTS_OF_UNITY = new long[TWO_ADICITY + 1];

  static {
    // 7^((p-1)/2^32) = 7^(2^32 - 1) is a primitive 2^32-th root; square down for smaller orders.
    long root = pow(GENERATOR, EPSILON);
    for (int k = TWO_ADICITY; k >= 0; k--) {
      ROOTS_OF_UNITY[k] = root;
      root = mul(root, root);
    }
  }

  private Goldilocks() {}

  /** True when {@code value} is in canonical form. */
  public static boolean isCanonical(long value) {
    return Long.compareUnsigned(value, P) < 0;
  }

  /** {@code value mod p} for any unsigned 64-bit value. */
  public static long reduce(long value) {
    return Long.compareUnsigned(value, P) >= 0 ? value - P : value;
  }

  /** The element for the signed integer {@code value}. */
  public static long fromSigned(long value) {
    return value >= 0 ? reduce(value) : neg(reduce(-value));
  }

  // Arithmetic below is branch-free: on random field elements the carries and borrows are
  // unpredictable, and mispredicted branches would dominate the cost of a butterfly. A carry out of
  // x + y is bit 63 of (x & y) | ((x | y) & ~sum); a borrow out of x - y is bit 63 of
  // (~x & y) | ((~x | y) & diff); ">> 63" turns it into an all-ones or all-zeros mask.

  public static long add(long a, long b) {
    long s = a + b;
    long carry = ((a & b) | ((a | b) & ~s)) >> 63;
    // Wrapped past 2^64: add 2^64 mod p. The sum is below 2p, so that result is canonical.
    s += EPSILON & carry;
    return canonicalize(s);
  }

  public static long sub(long a, long b) {
    long d = a - b;
    long borrow = ((~a & b) | ((~a | b) & d)) >> 63;
    // On a borrow d = a - b + 2^64; we want a - b + p = d - (2^64 - p).
    return d - (EPSILON & borrow);
  }

  public static long neg(long a) {
    return a == 0 ? 0 : P - a;
  }

  public static long mul(long a, long b) {
    return reduce128(Math.unsignedMultiplyHigh(a, b), a * b);
  }

  public static long square(long a) {
    return mul(a, a);
  }

  /** Reduces {@code hi·2^64 + lo} modulo p. */
  static long reduce128(long hi, long lo) {
    long hiHi = hi >>> 32;
    long hiLo = hi & EPSILON;
    long t0 = lo - hiHi;
    long borrow = ((~lo & hiHi) | ((~lo | hiHi) & t0)) >> 63;
    // Borrowed 2^64; compensate by subtracting 2^64 mod p. Cannot underflow since lo - hiHi
    // wrapped to a value of at least 2^64 - 2^32.
    t0 -= EPSILON & borrow;
    long t1 = hiLo * EPSILON;
    long r = t0 + t1;
    long carry = ((t0 & t1) | ((t0 | t1) & ~r)) >> 63;
    r += EPSILON & carry;
    return canonicalize(r);
  }

  /**
   * {@code x mod p} for any 64-bit x, branch-free: {@code x >= p} iff {@code x + (2^32 - 1)}
   * carries.
   */
  private static long canonicalize(long x) {
    long t = x + EPSILON;
    long over = (x & ~t) >> 63;
    return (t & over) | (x & ~over);
  }

  /** {@code base^exponent}, with the exponent read as unsigned. */
  public static long pow(long base, long exponent) {
    long result = 1;
    long b = base;
    long e = exponent;
    while (e != 0) {
      if ((e & 1) != 0) {
        result = mul(result, b);
      }
      b = mul(b, b);
      e >>>= 1;
    }
    return result;
  }

  /**
   * The multiplicative inverse, by Fermat: {@code a^(p-2)}.
   *
   * @throws ArithmeticException when {@code a} is zero
   */
  public static long inv(long a) {
    if (a == 0) {
      throw new ArithmeticException("zero has no inverse in the Goldilocks field");
    }
    return pow(a, P - 2);
  }

  /**
   * Inverts every element of {@code values} in place with one field inversion (Montgomery's trick:
   * P. Montgomery, "Speeding the Pollard and elliptic curve methods of factorization", Math. Comp.
   * 48, 1987, Section 10.3.1).
   *
   * @throws ArithmeticException when any element is zero
   */
  public static void batchInvert(long[] values) {
    int n = values.length;
    if (n == 0) {
      return;
    }
    long[] prefix = new long[n];
    long acc = 1;
    for (int i = 0; i < n; i++) {
      if (values[i] == 0) {
        throw new ArithmeticException("zero has no inverse (index " + i + ")");
      }
      prefix[i] = acc;
      acc = mul(acc, values[i]);
    }
    long inv = inv(acc);
    for (int i = n - 1; i >= 0; i--) {
      long v = values[i];
      values[i] = mul(inv, prefix[i]);
      inv = mul(inv, v);
    }
  }

  /**
   * A primitive {@code 2^logOrder}-th root of unity; the roots for different orders are consistent:
   * {@code rootOfUnity(k)^2 == rootOfUnity(k - 1)}.
   */
  public static long rootOfUnity(int logOrder) {
    if (logOrder < 0 || logOrder > TWO_ADICITY) {
      throw new IllegalArgumentException("log2 of the order must be in [0, 32], got " + logOrder);
    }
    return ROOTS_OF_UNITY[logOrder];
  }

  /** Unsigned decimal, for messages. */
  public static String toString(long a) {
    return Long.toUnsignedString(a);
  }
}
