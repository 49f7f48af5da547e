package dev.proofofcompute.workloads.train;

import dev.proofofcompute.core.linalg.IntMatrix;

/**
 * The tensors of a two-layer perceptron {@code y = relu(x·w1 + b1)·w2 + b2}, Q16.16: {@code w1} is
 * {@code in × hidden}, {@code b1} is {@code 1 × hidden}, {@code w2} is {@code hidden × out}, {@code
 * b2} is {@code 1 × out}. Used for the weights and, with the same shapes, for their momentum.
 */
public record MlpParameters(IntMatrix w1, IntMatrix b1, IntMatrix w2, IntMatrix b2) {
  /**
   * @throws IllegalArgumentException when the shapes do not fit together
   */
  public MlpParameters {
    int hidden = w1.cols();
    int out = w2.cols();
    if (b1.rows() != 1 || b1.cols() != hidden) {
      throw new IllegalArgumentException(
          "b1 must be 1x" + hidden + ", got " + b1.rows() + "x" + b1.cols());
    }
    if (w2.rows() != hidden) {
      throw new IllegalArgumentException(
          "w2 must have " + hidden + " rows, got " + w2.rows() + "x" + w2.cols());
    }
    if (b2.rows() != 1 || b2.cols() != out) {
      throw new IllegalArgumentException(
          "b2 must be 1x" + out + ", got " + b2.rows() + "x" + b2.cols());
    }
  }

  public int inputs() {
    return w1.rows();
  }

  public int hidden() {
    return w1.cols();
  }

  public int outputs() {
    return w2.cols();
  }

  /** All-zero tensors of the given widths. */
  public static MlpParameters zeros(int inputs, int hidden, int outputs) {
    return new MlpParameters(
        IntMatrix.of(inputs, hidden, new int[inputs * hidden]),
        IntMatrix.of(1, hidden, new int[hidden]),
        IntMatrix.of(hidden, outputs, new int[hidden * outputs]),
        IntMatrix.of(1, outputs, new int[outputs]));
  }
}
