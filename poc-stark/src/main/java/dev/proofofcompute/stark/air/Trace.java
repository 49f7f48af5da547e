package dev.proofofcompute.stark.air;

import dev.proofofcompute.stark.field.Goldilocks;

/**
 * An execution trace: {@code width} columns of {@code length} canonical Goldilocks elements, {@code
 * length} a power of two. Immutable: copies on the way in and out.
 */
public final class Trace {
  private final long[][] columns;

  private Trace(long[][] columns) {
    this.columns = columns;
  }

  /**
   * A trace holding copies of {@code columns}.
   *
   * @throws IllegalArgumentException when the columns are empty, ragged, not a power of two long,
   *     or hold a non-canonical element
   */
  public static Trace of(long[][] columns) {
    if (columns.length == 0) {
      throw new IllegalArgumentException("a trace has at least one column");
    }
    int n = columns[0].length;
    if (n < 2 || Integer.bitCount(n) != 1) {
      throw new IllegalArgumentException("trace length must be a power of two >= 2, got " + n);
    }
    long[][] copy = new long[columns.length][];
    for (int c = 0; c < columns.length; c++) {
      if (columns[c].length != n) {
        throw new IllegalArgumentException("column " + c + " has length " + columns[c].length);
      }
      for (int r = 0; r < n; r++) {
        if (!Goldilocks.isCanonical(columns[c][r])) {
          throw new IllegalArgumentException("non-canonical element at column " + c + " row " + r);
        }
      }
      copy[c] = columns[c].clone();
    }
    return new Trace(copy);
  }

  public int width() {
    return columns.length;
  }

  public int length() {
    return columns[0].length;
  }

  public long get(int column, int row) {
    return columns[column][row];
  }

  /** A copy of column {@code column}. */
  public long[] column(int column) {
    return columns[column].clone();
  }

  /** A copy of this trace with one cell replaced. */
  public Trace with(int column, int row, long value) {
    if (!Goldilocks.isCanonical(value)) {
      throw new IllegalArgumentException("not a canonical field element");
    }
    long[][] copy = new long[columns.length][];
    for (int c = 0; c < columns.length; c++) {
      copy[c] = columns[c].clone();
    }
    copy[column][row] = value;
    return new Trace(copy);
  }
}
