package dev.proofofcompute.workloads;

import dev.proofofcompute.core.linalg.DoubleMatrix;
import dev.proofofcompute.core.linalg.IntMatrix;
import dev.proofofcompute.core.linalg.Matrix;
import dev.proofofcompute.crypto.Bytes;
import dev.proofofcompute.crypto.DecodingException;
import java.util.ArrayList;
import java.util.List;

/**
 * Rows of matrices as items: a row travels as the {@link Matrix#encode() encoding} of a {@code 1 ×
 * cols} matrix, and a batch is the rows stacked in order.
 */
public final class MatrixRows {
  private MatrixRows() {}

  /** Row {@code i} of {@code m} as a {@code 1 × cols} matrix. */
  public static IntMatrix row(IntMatrix m, int i) {
    checkIndex(i, m.rows());
    int[] r = new int[m.cols()];
    m.copyRow(i, r);
    return IntMatrix.of(1, r.length, r);
  }

  /** Row {@code i} of {@code m} as a {@code 1 × cols} matrix. */
  public static DoubleMatrix row(DoubleMatrix m, int i) {
    checkIndex(i, m.rows());
    double[] r = new double[m.cols()];
    m.copyRow(i, r);
    return DoubleMatrix.of(1, r.length, r);
  }

  /** The encodings of every row of {@code m}, in order. */
  public static List<Bytes> encodedRows(IntMatrix m) {
    List<Bytes> out = new ArrayList<>(m.rows());
    for (int i = 0; i < m.rows(); i++) {
      out.add(row(m, i).encode());
    }
    return List.copyOf(out);
  }

  /** The encodings of every row of {@code m}, in order. */
  public static List<Bytes> encodedRows(DoubleMatrix m) {
    List<Bytes> out = new ArrayList<>(m.rows());
    for (int i = 0; i < m.rows(); i++) {
      out.add(row(m, i).encode());
    }
    return List.copyOf(out);
  }

  /**
   * Stacks encoded int rows of width {@code cols} into a matrix.
   *
   * @throws IllegalArgumentException when there are no rows or a row is malformed or of another
   *     kind or width
   */
  public static IntMatrix stackInt(List<Bytes> rows, int cols) {
    checkCount(rows);
    int[] data = new int[Math.multiplyExact(rows.size(), cols)];
    for (int i = 0; i < rows.size(); i++) {
      if (!(decodeRow(rows.get(i), i, cols) instanceof IntMatrix r)) {
        throw new IllegalArgumentException("item " + i + " is not an int32 row");
      }
      System.arraycopy(r.toRowMajorArray(), 0, data, i * cols, cols);
    }
    return IntMatrix.of(rows.size(), cols, data);
  }

  /**
   * Stacks encoded float64 rows of width {@code cols} into a matrix.
   *
   * @throws IllegalArgumentException when there are no rows or a row is malformed or of another
   *     kind or width
   */
  public static DoubleMatrix stackDouble(List<Bytes> rows, int cols) {
    checkCount(rows);
    double[] data = new double[Math.multiplyExact(rows.size(), cols)];
    for (int i = 0; i < rows.size(); i++) {
      if (!(decodeRow(rows.get(i), i, cols) instanceof DoubleMatrix r)) {
        throw new IllegalArgumentException("item " + i + " is not a float64 row");
      }
      System.arraycopy(r.toRowMajorArray(), 0, data, i * cols, cols);
    }
    return DoubleMatrix.of(rows.size(), cols, data);
  }

  private static Matrix decodeRow(Bytes bytes, int i, int cols) {
    Matrix m;
    try {
      m = Matrix.decode(bytes);
    } catch (DecodingException e) {
      throw new IllegalArgumentException("item " + i + " is malformed: " + e.getMessage(), e);
    }
    if (m.rows() != 1 || m.cols() != cols) {
      throw new IllegalArgumentException(
          "item " + i + " must be a 1x" + cols + " row, got " + m.rows() + "x" + m.cols());
    }
    return m;
  }

  private static void checkCount(List<Bytes> rows) {
    if (rows.isEmpty()) {
      throw new IllegalArgumentException("a batch has at least one item");
    }
    if (rows.size() > Matrix.MAX_ENTRIES) {
      throw new IllegalArgumentException("too many items: " + rows.size());
    }
  }

  private static void checkIndex(int i, int rows) {
    if (i < 0 || i >= rows) {
      throw new IndexOutOfBoundsException("item " + i + " outside 0.." + (rows - 1));
    }
  }
}
