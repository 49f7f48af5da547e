package dev.proofofcompute.stark.workload;

import dev.proofofcompute.core.linalg.IntMatrix;

/**
 * The output of {@link MatVec}.
 *
 * @param result the {@code m × 1} int32 product {@code W·x}
 */
public record MatVecOutput(IntMatrix result) {
  public MatVecOutput {
    if (result.cols() != 1) {
      throw new IllegalArgumentException(
          "the result is a column vector (m x 1), got " + result.rows() + "x" + result.cols());
    }
  }
}
