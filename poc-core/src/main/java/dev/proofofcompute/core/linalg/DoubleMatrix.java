package dev.proofofcompute.core.linalg;

import dev.proofofcompute.crypto.Bytes;
import java.nio.ByteBuffer;
import java.util.Arrays;

/**
 * An immutable float64 matrix. Equality and encoding use the IEEE-754 bit patterns, so {@code -0.0}
 * and {@code 0.0} differ and a NaN equals the same NaN: byte-exact, as the protocol needs.
 */
public final class DoubleMatrix implements Matrix {
  private final int rows;
  private final int cols;
  private final double[] data;

  private DoubleMatrix(int rows, int cols, double[] data) {
    if (rows < 1 || cols < 1 || (long) rows * cols > MAX_ENTRIES) {
      throw new IllegalArgumentException("bad matrix shape " + rows + "x" + cols);
    }
    if (data.length != rows * cols) {
      throw new IllegalArgumentException(
          "a " + rows + "x" + cols + " matrix has " + rows * cols + " entries, got " + data.length);
    }
    this.rows = rows;
    this.cols = cols;
    this.data = data;
  }

  /** A matrix holding a copy of {@code rowMajor}. */
  public static DoubleMatrix of(int rows, int cols, double[] rowMajor) {
    return new DoubleMatrix(rows, cols, rowMajor.clone());
  }

  /** Takes ownership of an array no one else holds. */
  static DoubleMatrix wrap(int rows, int cols, double[] rowMajor) {
    return new DoubleMatrix(rows, cols, rowMajor);
  }

  /** Builds a matrix entry by entry; the builder array is handed over, not copied. */
  public static DoubleMatrix generate(int rows, int cols, EntryFunction f) {
    double[] d = new double[Math.multiplyExact(rows, cols)];
    for (int r = 0; r < rows; r++) {
      for (int c = 0; c < cols; c++) {
        d[r * cols + c] = f.at(r, c);
      }
    }
    return new DoubleMatrix(rows, cols, d);
  }

  /** Entry function for {@link #generate}. */
  @FunctionalInterface
  public interface EntryFunction {
    double at(int row, int col);
  }

  @Override
  public int rows() {
    return rows;
  }

  @Override
  public int cols() {
    return cols;
  }

  public double get(int row, int col) {
    if (row < 0 || row >= rows || col < 0 || col >= cols) {
      throw new IndexOutOfBoundsException(
          "(" + row + ", " + col + ") outside " + rows + "x" + cols);
    }
    return data[row * cols + col];
  }

  /** A copy of the entries in row-major order. */
  public double[] toRowMajorArray() {
    return data.clone();
  }

  /** Copies row {@code row} into {@code out} (length {@code cols()}). */
  public void copyRow(int row, double[] out) {
    System.arraycopy(data, row * cols, out, 0, cols);
  }

  @Override
  public Bytes encode() {
    ByteBuffer buf = ByteBuffer.allocate(9 + 8 * data.length);
    buf.put((byte) 0x02).putInt(rows).putInt(cols);
    for (double v : data) {
      buf.putLong(Double.doubleToRawLongBits(v));
    }
    return Bytes.of(buf.array());
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof DoubleMatrix m
        && m.rows == rows
        && m.cols == cols
        && Arrays.equals(bits(m.data), bits(data));
  }

  @Override
  public int hashCode() {
    return 31 * (31 * rows + cols) + Arrays.hashCode(bits(data));
  }

  private static long[] bits(double[] values) {
    long[] out = new long[values.length];
    for (int i = 0; i < values.length; i++) {
      out[i] = Double.doubleToRawLongBits(values[i]);
    }
    return out;
  }

  @Override
  public String toString() {
    return "DoubleMatrix[" + rows + "x" + cols + "]";
  }
}
