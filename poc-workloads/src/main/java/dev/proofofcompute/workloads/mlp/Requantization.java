package dev.proofofcompute.workloads.mlp;

/**
 * The fixed-point rescaling between two layers: an int32 accumulator {@code acc} becomes the int8
 * activation {@code clamp(roundHalfUp(acc · multiplier / 2^shift), 0, 127)} — the ReLU is the lower
 * clamp.
 *
 * <p>Rounding is round-half-up (ties toward +∞): {@code floor((acc · multiplier + 2^(shift-1)) /
 * 2^shift)}, computed exactly in 64-bit arithmetic as an arithmetic right shift. Bounds: {@code 1
 * <= multiplier <= 2^30} and {@code 1 <= shift <= 62}, so for any int32 product and any bias below
 * 2^30 the numerator stays below {@code 2^32 · 2^30 + 2^61 < 2^63}.
 */
public record Requantization(int multiplier, int shift) {
  public static final int MAX_MULTIPLIER = 1 << 30;
  public static final int MAX_SHIFT = 62;

  /**
   * @throws IllegalArgumentException when a bound above is broken
   */
  public Requantization {
    if (multiplier < 1 || multiplier > MAX_MULTIPLIER) {
      throw new IllegalArgumentException(
          "requantisation multiplier is in [1, 2^30], got " + multiplier);
    }
    if (shift < 1 || shift > MAX_SHIFT) {
      throw new IllegalArgumentException("requantisation shift is in [1, 62], got " + shift);
    }
  }

  /** The int8 activation (in [0, 127]) of accumulator {@code acc}. */
  int apply(long acc) {
    long q = (acc * multiplier + (1L << (shift - 1))) >> shift;
    return (int) Math.min(127, Math.max(0, q));
  }
}
