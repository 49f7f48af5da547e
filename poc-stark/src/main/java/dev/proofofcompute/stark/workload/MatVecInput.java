package dev.proofofcompute.stark.workload;

import dev.proofofcompute.core.linalg.IntMatrix;
import dev.proofofcompute.stark.air.MatVecAir;

/**
 * The input of {@link MatVec}: a quantised layer's weights and one input vector.
 *
 * @param weights the {@code m × n} weight matrix, every entry in {@code [-128, 127]}
 * @param vector the {@code n × 1} input vector, every entry in {@code [-128, 127]}
 */
public record MatVecInput(IntMatrix weights, IntMatrix vector) {
  /**
   * Checks the operands.
   *
   * @throws IllegalArgumentException when the shapes do not chain, an entry is not int8, {@code n}
   *     exceeds {@value MatVecAir#MAX_COLS} or the trace would exceed {@value
   *     MatVecAir#MAX_TRACE_LENGTH} rows
   */
  public MatVecInput {
    MatVecAir.checkOperands(weights, vector);
  }
}
