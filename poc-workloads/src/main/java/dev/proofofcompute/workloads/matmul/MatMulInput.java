package dev.proofofcompute.workloads.matmul;

import dev.proofofcompute.core.linalg.IntMatrix;

/**
 * The operands of an int8 product: {@code a} (n × k) and {@code b} (k × m), every entry in [-128,
 * 127], {@code k <= }{@link MatrixProducts#MAX_INT8_INNER}.
 */
public record MatMulInput(IntMatrix a, IntMatrix b) {
  /**
   * @throws IllegalArgumentException when the operands do not chain or are not int8
   */
  public MatMulInput {
    MatrixProducts.checkInt8Operands(a, b);
  }
}
