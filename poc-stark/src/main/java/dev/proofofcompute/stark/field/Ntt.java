package dev.proofofcompute.stark.field;

import static dev.proofofcompute.stark.field.Goldilocks.add;
import static dev.proofofcompute.stark.field.Goldilocks.mul;
import static dev.proofofcompute.stark.field.Goldilocks.sub;

/**
 * Radix-2 number-theoretic transforms over the 2-adic subgroups of the Goldilocks field, and the
 * coset low-degree extension built on them.
 *
 * <p>Design: iterative Cooley–Tukey decimation in time (Cormen et al., "Introduction to
 * Algorithms", 3rd ed., Section 30.3): a bit-reversal permutation, then {@code log2 n} layers of
 * butterflies with twiddles {@code ω^k} taken from one precomputed table. Inputs and outputs are in
 * natural order: {@code forward} maps coefficients {@code c_i} to evaluations {@code Σ c_i ω^{ij}}
 * at {@code ω^j}, {@code ω = Goldilocks.rootOfUnity(log2 n)}. A coset LDE multiplies coefficient
 * {@code i} by {@code offset^i} before the forward transform, which evaluates the polynomial on
 * {@code offset·<ω_N>} (ethSTARK documentation, eprint 2021/582; the offset keeps the evaluation
 * domain disjoint from the trace domain).
 */
public final class Ntt {
  private Ntt() {}

  /** In-place forward transform: coefficients to evaluations on {@code <ω_n>}. */
  public static void forward(long[] values) {
    transform(values, false, 0);
  }

  /** In-place inverse transform: evaluations on {@code <ω_n>} to coefficients. */
  public static void inverse(long[] values) {
    transform(values, true, 0);
    long nInv = Goldilocks.inv(values.length);
    for (int i = 0; i < values.length; i++) {
      values[i] = mul(values[i], nInv);
    }
  }

  /**
   * The evaluations of the polynomial with coefficients {@code coefficients} (degree below {@code
   * domainSize}) on the coset {@code offset·<ω_domainSize>}, in natural order.
   */
  public static long[] evaluateOnCoset(long[] coefficients, int domainSize, long offset) {
    checkPowerOfTwo(domainSize);
    if (coefficients.length > domainSize) {
      throw new IllegalArgumentException(
          coefficients.length + " coefficients do not fit a domain of " + domainSize);
    }
    long[] out = new long[domainSize];
    long s = 1;
    for (int i = 0; i < coefficients.length; i++) {
      out[i] = mul(coefficients[i], s);
      s = mul(s, offset);
    }
    // Only the first 2^(log N - k) inputs are non-zero: after the bit-reversal permutation each
    // aligned block of 2^k holds one non-zero value at its start, and the first k butterfly layers
    // just copy it across the block.
    int filled = Math.max(1, Integer.highestOneBit(Math.max(1, coefficients.length - 1)) << 1);
    int skip = Integer.numberOfTrailingZeros(domainSize / Math.min(filled, domainSize));
    transform(out, false, skip);
    return out;
  }

  /**
   * The coefficients of the polynomial of degree below {@code values.length} whose evaluations on
   * {@code offset·<ω_n>} are {@code values}.
   */
  public static long[] interpolateCoset(long[] values, long offset) {
    long[] out = values.clone();
    inverse(out);
    long offInv = Goldilocks.inv(offset);
    long s = 1;
    for (int i = 0; i < out.length; i++) {
      out[i] = mul(out[i], s);
      s = mul(s, offInv);
    }
    return out;
  }

  /**
   * Low-degree extension: given the evaluations of a column on the trace domain {@code <ω_n>},
   * returns its evaluations on {@code offset·<ω_{n·blowup}>}.
   */
  public static long[] lowDegreeExtend(long[] traceColumn, int blowup, long offset) {
    long[] coefficients = traceColumn.clone();
    inverse(coefficients);
    return evaluateOnCoset(coefficients, Math.multiplyExact(traceColumn.length, blowup), offset);
  }

  /**
   * The transform, skipping the first {@code skip} butterfly layers; legal only when every input
   * outside the first {@code n / 2^skip} positions is zero.
   */
  private static void transform(long[] a, boolean inverse, int skip) {
    int n = a.length;
    int log = checkPowerOfTwo(n);
    if (n == 1) {
      return;
    }
    bitReverse(a, log);
    int block = 1 << skip;
    if (skip > 0) {
      for (int start = 0; start < n; start += block) {
        java.util.Arrays.fill(a, start + 1, start + block, a[start]);
      }
    }
    long root = Goldilocks.rootOfUnity(log);
    if (inverse) {
      root = Goldilocks.inv(root);
    }
    long[] twiddles = new long[n / 2];
    twiddles[0] = 1;
    for (int i = 1; i < n / 2; i++) {
      twiddles[i] = mul(twiddles[i - 1], root);
    }
    for (int len = 2 * block; len <= n; len <<= 1) {
      int half = len >>> 1;
      int step = n / len;
      for (int start = 0; start < n; start += len) {
        for (int j = 0; j < half; j++) {
          long w = twiddles[j * step];
          int u = start + j;
          int v = u + half;
          long t = mul(a[v], w);
          long x = a[u];
          a[u] = add(x, t);
          a[v] = sub(x, t);
        }
      }
    }
  }

  private static void bitReverse(long[] a, int log) {
    int shift = 32 - log;
    for (int i = 0; i < a.length; i++) {
      int j = Integer.reverse(i) >>> shift;
      if (i < j) {
        long t = a[i];
        a[i] = a[j];
        a[j] = t;
      }
    }
  }

  /** {@code log2 n}. */
  static int checkPowerOfTwo(int n) {
    if (n <= 0 || Integer.bitCount(n) != 1) {
      throw new IllegalArgumentException("transform size must be a power of two, got " + n);
    }
    int log = Integer.numberOfTrailingZeros(n);
    if (log > Goldilocks.TWO_ADICITY) {
      throw new IllegalArgumentException("transform size exceeds 2^32");
    }
    return log;
  }
}
