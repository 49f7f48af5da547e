package dev.proofofcompute.workloads.heat;

import dev.proofofcompute.core.linalg.IntMatrix;
import dev.proofofcompute.workloads.SplitMix64;

/**
 * A diffusion run: the initial grid ({@code N × N} integer temperatures, its border being the fixed
 * boundary), the diffusion number {@code alpha = alphaNumerator / 2^alphaShift} and the number of
 * time steps.
 *
 * <p>Bounds: {@code 3 <= N <= 1024}; {@code |u| <= 2^24}; {@code 1 <= alphaShift <= 20}; {@code 0
 * <= 4 · alphaNumerator <= 2^alphaShift} (the stability condition {@code alpha <= 1/4} of the
 * explicit scheme in 2D); {@code 1 <= steps <= 1_000_000}.
 */
public record HeatSimInput(IntMatrix initial, int alphaNumerator, int alphaShift, int steps) {
  public static final int MIN_SIZE = 3;
  public static final int MAX_SIZE = 1024;
  public static final int MAX_TEMPERATURE = 1 << 24;
  public static final int MAX_SHIFT = 20;
  public static final int MAX_STEPS = 1_000_000;

  /**
   * @throws IllegalArgumentException when a bound above is broken
   */
  public HeatSimInput {
    checkGrid(initial);
    if (alphaShift < 1 || alphaShift > MAX_SHIFT) {
      throw new IllegalArgumentException(
          "alphaShift is in [1, " + MAX_SHIFT + "], got " + alphaShift);
    }
    if (alphaNumerator < 0 || 4L * alphaNumerator > (1L << alphaShift)) {
      throw new IllegalArgumentException(
          "alpha = "
              + alphaNumerator
              + "/2^"
              + alphaShift
              + " is outside [0, 1/4] (the explicit scheme is unstable above 1/4)");
    }
    if (steps < 1 || steps > MAX_STEPS) {
      throw new IllegalArgumentException("steps is in [1, " + MAX_STEPS + "], got " + steps);
    }
  }

  /**
   * A seeded random run (tests, benchmarks, the arena): an {@code n × n} grid whose border cells
   * are uniform in [0, 10000] and whose interior is 0 (a cold plate in a heated frame), {@code
   * alpha = 1/4}, {@code steps} steps. Border cells are drawn from {@link SplitMix64} in row-major
   * order.
   */
  public static HeatSimInput random(long seed, int n, int steps) {
    SplitMix64 rnd = new SplitMix64(seed);
    IntMatrix grid =
        IntMatrix.generate(
            n,
            n,
            (r, c) -> r == 0 || c == 0 || r == n - 1 || c == n - 1 ? rnd.nextInt(0, 10_000) : 0);
    return new HeatSimInput(grid, 1, 2, steps);
  }

  /** Checks the shape and temperature range of a grid. */
  static void checkGrid(IntMatrix grid) {
    if (grid.rows() != grid.cols() || grid.rows() < MIN_SIZE || grid.rows() > MAX_SIZE) {
      throw new IllegalArgumentException(
          "the grid is N x N with "
              + MIN_SIZE
              + " <= N <= "
              + MAX_SIZE
              + ", got "
              + grid.rows()
              + "x"
              + grid.cols());
    }
    int[] d = grid.toRowMajorArray();
    for (int i = 0; i < d.length; i++) {
      if (d[i] < -MAX_TEMPERATURE || d[i] > MAX_TEMPERATURE) {
        throw new IllegalArgumentException(
            "grid entry " + i + " = " + d[i] + " is outside [-2^24, 2^24]");
      }
    }
  }
}
