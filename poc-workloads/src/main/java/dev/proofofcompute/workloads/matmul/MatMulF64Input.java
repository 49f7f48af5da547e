package dev.proofofcompute.workloads.matmul;

import dev.proofofcompute.core.linalg.DoubleMatrix;

/**
 * The operands of a float64 product: {@code a} (n × k) and {@code b} (k × m) with finite entries
 * (no NaN or infinity, whose propagation other implementations may not reproduce).
 */
public record MatMulF64Input(DoubleMatrix a, DoubleMatrix b) {
  /**
   * @throws IllegalArgumentException when the operands do not chain or hold a non-finite entry
   */
  public MatMulF64Input {
    if (a.cols() != b.rows()) {
      throw new IllegalArgumentException(
          "cannot multiply "
              + a.rows()
              + "x"
              + a.cols()
              + " by "
              + b.rows()
              + "x"
              + b.cols()
              + ": inner dimensions differ");
    }
    checkFinite(a, "left");
    checkFinite(b, "right");
  }

  private static void checkFinite(DoubleMatrix m, String which) {
    double[] d = m.toRowMajorArray();
    for (int i = 0; i < d.length; i++) {
      if (!Double.isFinite(d[i])) {
        throw new IllegalArgumentException(
            which + " operand entry " + i + " is not finite: " + d[i]);
      }
    }
  }
}
