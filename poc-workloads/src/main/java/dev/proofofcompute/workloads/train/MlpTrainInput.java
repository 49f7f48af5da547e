package dev.proofofcompute.workloads.train;

/**
 * A training job: the data set and initial weights are generated from {@code seed}; {@code steps}
 * mini-batches of {@code batchSize} samples are taken cyclically from the {@code samples} samples;
 * {@code learningRate} and {@code momentum} are Q16.16.
 *
 * <p>Bounds: {@code 1 <= inputs, hidden <= 64}, {@code 1 <= outputs <= 16}, {@code 1 <= samples <=
 * 65536}, {@code 1 <= batchSize <= 256}, {@code 1 <= steps <= 1_000_000}, {@code 0 < learningRate
 * <= 1.0}, {@code 0 <= momentum < 1.0}.
 */
public record MlpTrainInput(
    long seed,
    int inputs,
    int hidden,
    int outputs,
    int samples,
    int batchSize,
    int steps,
    int learningRate,
    int momentum) {
  public static final int MAX_WIDTH = 64;
  public static final int MAX_OUTPUTS = 16;
  public static final int MAX_SAMPLES = 1 << 16;
  public static final int MAX_BATCH = 256;
  public static final int MAX_STEPS = 1_000_000;

  /**
   * @throws IllegalArgumentException when a bound above is broken
   */
  public MlpTrainInput {
    check("inputs", inputs, 1, MAX_WIDTH);
    check("hidden", hidden, 1, MAX_WIDTH);
    check("outputs", outputs, 1, MAX_OUTPUTS);
    check("samples", samples, 1, MAX_SAMPLES);
    check("batchSize", batchSize, 1, MAX_BATCH);
    check("steps", steps, 1, MAX_STEPS);
    check("learningRate", learningRate, 1, FixedPoint.ONE);
    check("momentum", momentum, 0, FixedPoint.ONE - 1);
  }

  private static void check(String name, int value, int lo, int hi) {
    if (value < lo || value > hi) {
      throw new IllegalArgumentException(name + " is in [" + lo + ", " + hi + "], got " + value);
    }
  }
}
