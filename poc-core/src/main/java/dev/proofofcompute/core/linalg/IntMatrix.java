package dev.proofofcompute.core.linalg;

import dev.proofofcompute.crypto.Bytes;
import java.nio.ByteBuffer;
import java.util.Arrays;

/** An immutable int32 matrix. int8 operands are int32 matrices whose entries lie in [-128, 127]. */
public final class IntMatrix implements Matrix {
  private final int rows;
  private final int cols;
  private final int[] data;

  private IntMatrix(int rows, int cols, int[] data) {
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
  public static IntMatrix of(int rows, int cols, int[] rowMajor) {
    return new IntMatrix(rows, cols, rowMajor.clone());
  }

  /** Takes ownership of an array no one else holds. */
  static IntMatrix wrap(int rows, int cols, int[] rowMajor) {
    return new IntMatrix(rows, cols, rowMajor);
  }

  /** Builds a matrix entry by entry; the builder array is handed over, not copied. */
  public static IntMatrix generate(int rows, int cols, EntryFunction f) {
    int[] d = new int[Math.multiplyExact(rows, cols)];
    for (int r = 0; r < rows; r++) {
      for (int c = 0; c < cols; c++) {
        d[r * cols + c] = f.at(r, c);
      }
    }
    return new IntMatrix(rows, cols, d);
  }

  /** Entry function for {@link #generate}. */
  @FunctionalInterface
  public interface EntryFunction {
    int at(int row, int col);
  }

  @Override
  public int rows() {
    return rows;
  }

  @Override
  public int cols() {
    return cols;
  }

  public int get(int row, int col) {
    if (row < 0 || row >= rows || col < 0 || col >= cols) {
      throw new IndexOutOfBoundsException(
          "(" + row + ", " + col + ") outside " + rows + "x" + cols);
    }
    return data[row * cols + col];
  }

  /** A copy of the entries in row-major order. */
  public int[] toRowMajorArray() {
    return data.clone();
  }

  /** Copies row {@code row} into {@code out} (length {@code cols()}). */
  public void copyRow(int row, int[] out) {
    System.arraycopy(data, row * cols, out, 0, cols);
  }

  /** True when every entry lies in [-128, 127]. */
  public boolean isInt8() {
    for (int v : data) {
      if (v < -128 || v > 127) {
        return false;
      }
    }
    return true;
  }

  @Override
  public Bytes encode() {
    ByteBuffer buf = ByteBuffer.allocate(9 + 4 * data.length);
    buf.put((byte) 0x01).putInt(rows).putInt(cols);
    buf.asIntBuffer().put(data);
    return Bytes.of(buf.array());
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof IntMatrix m
        && m.rows == rows
        && m.cols == cols
        && Arrays.equals(m.data, data);
  }

  @Override
  public int hashCode() {
    return 31 * (31 * rows + cols) + Arrays.hashCode(data);
  }

  @Override
  public String toString() {
    return "IntMatrix[" + rows + "x" + cols + "]";
  }
}
