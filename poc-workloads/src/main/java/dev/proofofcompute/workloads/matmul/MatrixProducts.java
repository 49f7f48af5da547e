package dev.proofofcompute.workloads.matmul;

import dev.proofofcompute.core.linalg.DoubleMatrix;
import dev.proofofcompute.core.linalg.IntMatrix;
import dev.proofofcompute.core.linalg.Matrix;

/**
 * The deterministic matrix-product kernels every built-in workload shares.
 *
 * <p>Integer products are exact: each entry is an int32 sum of int8 × int8 terms whose inner
 * dimension is bounded ({@link #MAX_INT8_INNER}) so that no sum can overflow; the order of the
 * terms then cannot matter. Float64 products fix the order of every reduction: entry {@code (i, j)}
 * is {@code ((0.0 + a[i][0]·b[0][j]) + a[i][1]·b[1][j]) + ...} with {@code t} ascending, each
 * product and sum rounded once to nearest-even as IEEE 754 (and Java since 17) requires; no fused
 * multiply-add, no blocking or reassociation, so the result is bit-identical on every JVM.
 */
public final class MatrixProducts {
  /**
   * Largest inner dimension of an int8 product: {@code 131071 · 128 · 128 < 2^31}, so every partial
   * sum fits an int32.
   */
  public static final int MAX_INT8_INNER = 131_071;

  private MatrixProducts() {}

  /**
   * The exact product {@code a × b} of two int8 matrices.
   *
   * @throws IllegalArgumentException when the shapes do not chain, an entry is outside [-128, 127]
   *     or the inner dimension exceeds {@link #MAX_INT8_INNER}
   */
  public static IntMatrix int8(IntMatrix a, IntMatrix b) {
    checkInt8Operands(a, b);
    return int32Unchecked(a, b);
  }

  /** Validates the operands of {@link #int8}. */
  static void checkInt8Operands(IntMatrix a, IntMatrix b) {
    checkChain(a.rows(), a.cols(), b.rows(), b.cols());
    if (a.cols() > MAX_INT8_INNER) {
      throw new IllegalArgumentException(
          "inner dimension " + a.cols() + " exceeds " + MAX_INT8_INNER + " (int32 overflow)");
    }
    if (!a.isInt8()) {
      throw new IllegalArgumentException("left operand has an entry outside int8 [-128, 127]");
    }
    if (!b.isInt8()) {
      throw new IllegalArgumentException("right operand has an entry outside int8 [-128, 127]");
    }
  }

  /** {@code a × b} in int32 arithmetic; the caller guarantees that no sum overflows. */
  private static IntMatrix int32Unchecked(IntMatrix a, IntMatrix b) {
    int n = a.rows();
    int k = a.cols();
    int m = b.cols();
    int[] left = a.toRowMajorArray();
    int[] right = b.toRowMajorArray();
    int[] out = new int[n * m];
    for (int i = 0; i < n; i++) {
      int rowOut = i * m;
      for (int t = 0; t < k; t++) {
        int av = left[i * k + t];
        if (av == 0) {
          continue;
        }
        int rowB = t * m;
        for (int j = 0; j < m; j++) {
          out[rowOut + j] += av * right[rowB + j];
        }
      }
    }
    return IntMatrix.of(n, m, out);
  }

  /**
   * The float64 product {@code a × b} in the fixed order of the class comment.
   *
   * @throws IllegalArgumentException when the shapes do not chain
   */
  public static DoubleMatrix float64(DoubleMatrix a, DoubleMatrix b) {
    checkChain(a.rows(), a.cols(), b.rows(), b.cols());
    int n = a.rows();
    int k = a.cols();
    int m = b.cols();
    double[] left = a.toRowMajorArray();
    double[] right = b.toRowMajorArray();
    double[] out = new double[n * m];
    // Loop order i, t, j: entry (i, j) still receives its terms with t ascending, starting from
    // +0.0, exactly as the reference triple loop would add them.
    for (int i = 0; i < n; i++) {
      int rowOut = i * m;
      for (int t = 0; t < k; t++) {
        double av = left[i * k + t];
        int rowB = t * m;
        for (int j = 0; j < m; j++) {
          out[rowOut + j] = out[rowOut + j] + av * right[rowB + j];
        }
      }
    }
    return DoubleMatrix.of(n, m, out);
  }

  private static void checkChain(int aRows, int aCols, int bRows, int bCols) {
    if (aCols != bRows) {
      throw new IllegalArgumentException(
          "cannot multiply "
              + aRows
              + "x"
              + aCols
              + " by "
              + bRows
              + "x"
              + bCols
              + ": inner dimensions differ");
    }
    if ((long) aRows * bCols > Matrix.MAX_ENTRIES) {
      throw new IllegalArgumentException(
          "product " + aRows + "x" + bCols + " exceeds " + Matrix.MAX_ENTRIES + " entries");
    }
  }
}
