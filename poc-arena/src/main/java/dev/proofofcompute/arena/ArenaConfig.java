package dev.proofofcompute.arena;

/**
 * What the arena runs: how often, from which seed, on instances of which size. Every run's
 * randomness (inputs, salts, challenges, which items a lazy provider fakes) derives from {@code
 * seed}, so a report is reproduced exactly by running the same configuration again.
 *
 * @param seed the root seed, printed in the report
 * @param honestRuns runs of honest providers per honest scenario (zero-false-positive evidence),
 *     {@code >= 1}; the issue asks for at least 1,000
 * @param adversaryRuns runs per scenario whose adversary every check must catch (wrong results,
 *     copies, malformed evidence), {@code >= 1}
 * @param samplingRuns runs per scenario whose detection is a probability to be compared with theory
 *     (spot-check samples, adaptive replication, segment audits), {@code >= 1}
 * @param matrixSize {@code n}: {@code matmul} operands are {@code n × n}, {@code mlp-infer} has
 *     widths {@code n → n → ⌈n/2⌉} over a batch of {@code n} rows; in {@code [2, 64]}
 * @param itemCount rows of a spot-checked {@code matmul} batch (the items), in {@code [2, 4096]}
 * @param heatGrid {@code N} of the {@code heat-sim} grid, in {@code [3, 64]}
 * @param heatSteps {@code T} of a {@code heat-sim} run under bisection, in {@code [2, 4096]}
 */
public record ArenaConfig(
    long seed,
    int honestRuns,
    int adversaryRuns,
    int samplingRuns,
    int matrixSize,
    int itemCount,
    int heatGrid,
    int heatSteps) {
  /** The default root seed. */
  public static final long DEFAULT_SEED = 20_261_127L;

  public ArenaConfig {
    positive("honestRuns", honestRuns);
    positive("adversaryRuns", adversaryRuns);
    positive("samplingRuns", samplingRuns);
    range("matrixSize", matrixSize, 2, 64);
    range("itemCount", itemCount, 2, 4096);
    range("heatGrid", heatGrid, 3, 64);
    range("heatSteps", heatSteps, 2, 4096);
  }

  /**
   * The defaults: 1,000 honest runs per honest scenario, 200 per must-catch adversary, 2,000 per
   * sampled detection, 8×8 matrices, 32-item batches, an 8×8 grid run for 64 steps. A whole run
   * takes a few seconds on one core.
   */
  public static ArenaConfig defaults() {
    return new ArenaConfig(DEFAULT_SEED, 1000, 200, 2000, 8, 32, 8, 64);
  }

  /** This configuration with another root seed. */
  public ArenaConfig withSeed(long newSeed) {
    return new ArenaConfig(
        newSeed,
        honestRuns,
        adversaryRuns,
        samplingRuns,
        matrixSize,
        itemCount,
        heatGrid,
        heatSteps);
  }

  /** This configuration with other run counts (for quick runs and tests). */
  public ArenaConfig withRuns(int honest, int adversary, int sampling) {
    return new ArenaConfig(
        seed, honest, adversary, sampling, matrixSize, itemCount, heatGrid, heatSteps);
  }

  private static void positive(String name, int value) {
    if (value < 1) {
      throw new IllegalArgumentException(name + " is >= 1, got " + value);
    }
  }

  private static void range(String name, int value, int min, int max) {
    if (value < min || value > max) {
      throw new IllegalArgumentException(name + " is in [" + min + ", " + max + "], got " + value);
    }
  }
}
