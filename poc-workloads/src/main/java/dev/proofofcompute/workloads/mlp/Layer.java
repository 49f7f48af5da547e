package dev.proofofcompute.workloads.mlp;

import dev.proofofcompute.core.linalg.IntMatrix;

/**
 * One dense layer of a {@link QuantizedMlp}: int8 weights ({@code in × out}) and an int32 bias
 * ({@code 1 × out}).
 *
 * <p>Bounds that make every later sum exact: {@code in <= 65536}, so a product entry is at most
 * {@code 65536 · 2^14 = 2^30} in magnitude; {@code |bias| < 2^30}, so product + bias fits an int32.
 */
public record Layer(IntMatrix weights, IntMatrix bias) {
  /** Largest input width of a layer. */
  public static final int MAX_INPUTS = 1 << 16;

  /** Bias entries lie strictly inside {@code (-2^30, 2^30)}. */
  public static final int BIAS_BOUND = 1 << 30;

  /**
   * @throws IllegalArgumentException when a bound above is broken or the bias has the wrong shape
   */
  public Layer {
    if (weights.rows() > MAX_INPUTS) {
      throw new IllegalArgumentException(
          "a layer has at most " + MAX_INPUTS + " inputs, got " + weights.rows());
    }
    if (!weights.isInt8()) {
      throw new IllegalArgumentException("weights have an entry outside int8 [-128, 127]");
    }
    if (bias.rows() != 1 || bias.cols() != weights.cols()) {
      throw new IllegalArgumentException(
          "bias of a layer with "
              + weights.cols()
              + " outputs is 1x"
              + weights.cols()
              + ", got "
              + bias.rows()
              + "x"
              + bias.cols());
    }
    for (int j = 0; j < bias.cols(); j++) {
      int b = bias.get(0, j);
      if (b <= -BIAS_BOUND || b >= BIAS_BOUND) {
        throw new IllegalArgumentException(
            "bias entry " + j + " = " + b + " is outside (-2^30, 2^30)");
      }
    }
  }

  public int inputs() {
    return weights.rows();
  }

  public int outputs() {
    return weights.cols();
  }
}
