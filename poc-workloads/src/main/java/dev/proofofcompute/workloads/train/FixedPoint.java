package dev.proofofcompute.workloads.train;

/**
 * Q16.16 fixed-point arithmetic: a real {@code x} is the int32 {@code round(x · 2^16)}, so values
 * lie in [-32768, 32768) with a resolution of 2^-16.
 *
 * <p>Every operation is exact integer arithmetic in 64 bits followed by one documented rounding and
 * saturation, so that results are identical everywhere:
 *
 * <ul>
 *   <li>{@link #mul}: {@code floor((a · b + 2^15) / 2^16)}, round-half-up (ties toward +∞). The
 *       64-bit product of two int32 values never overflows, and neither does the rounding offset.
 *   <li>{@link #saturate}: clamps a 64-bit intermediate into the int32 range. Sums are accumulated
 *       in 64 bits and saturated once when stored.
 *   <li>{@link #divRound}: {@code floor((2a + d) / (2d))}, round-half-up division by a positive
 *       {@code d}.
 * </ul>
 */
public final class FixedPoint {
  /** The Q16.16 value of 1. */
  public static final int ONE = 1 << 16;

  private FixedPoint() {}

  /** The Q16.16 product of {@code a} and {@code b}, as a 64-bit value (not saturated). */
  public static long mul(long a, long b) {
    return (a * b + (1L << 15)) >> 16;
  }

  /** {@code v} clamped into [Integer.MIN_VALUE, Integer.MAX_VALUE]. */
  public static int saturate(long v) {
    return (int) Math.max(Integer.MIN_VALUE, Math.min(Integer.MAX_VALUE, v));
  }

  /** {@code a / d} rounded half up, for {@code 0 < d <= 2^30} and {@code |a| < 2^61}. */
  public static long divRound(long a, long d) {
    return Math.floorDiv(2 * a + d, 2 * d);
  }
}
