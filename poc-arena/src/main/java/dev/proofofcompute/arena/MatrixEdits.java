package dev.proofofcompute.arena;

import dev.proofofcompute.core.linalg.DoubleMatrix;
import dev.proofofcompute.core.linalg.IntMatrix;
import dev.proofofcompute.core.linalg.Matrix;
import dev.proofofcompute.crypto.random.RandomSource;
import dev.proofofcompute.workloads.matmul.MatrixProducts;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;

/** The edits cheaters make to matrices: one changed entry, made-up rows; and plain products. */
final class MatrixEdits {
  /** Relative change of a corrupted float entry: far beyond any rounding tolerance. */
  static final double FLOAT_ERROR = 1e-6;

  private MatrixEdits() {}

  /** {@code m} with one entry, chosen by {@code random}, changed by a visible amount. */
  static Matrix corruptEntry(Matrix m, RandomSource random) {
    int row = (int) random.nextLong(m.rows());
    int col = (int) random.nextLong(m.cols());
    return corruptEntry(m, row, col);
  }

  /**
   * {@code m} with entry {@code (row, col)} changed by a visible amount: +1 for an int entry, a
   * relative {@value #FLOAT_ERROR} (plus as much absolute) for a float one.
   */
  static Matrix corruptEntry(Matrix m, int row, int col) {
    return switch (m) {
      case IntMatrix im ->
          IntMatrix.generate(
              im.rows(),
              im.cols(),
              (r, c) -> r == row && c == col ? nudge(im.get(r, c)) : im.get(r, c));
      case DoubleMatrix dm ->
          DoubleMatrix.generate(
              dm.rows(),
              dm.cols(),
              (r, c) -> r == row && c == col ? skew(dm.get(r, c)) : dm.get(r, c));
    };
  }

  /** {@code m} with the given rows replaced by zeros (a lazy provider's made-up rows). */
  static Matrix zeroRows(Matrix m, Set<Integer> rows) {
    return switch (m) {
      case IntMatrix im ->
          IntMatrix.generate(im.rows(), im.cols(), (r, c) -> rows.contains(r) ? 0 : im.get(r, c));
      case DoubleMatrix dm ->
          DoubleMatrix.generate(
              dm.rows(), dm.cols(), (r, c) -> rows.contains(r) ? 0.0 : dm.get(r, c));
    };
  }

  /**
   * {@code count} distinct indices in {@code [0, n)}, uniform: the first {@code count} of a
   * Fisher–Yates shuffle driven by {@code random}.
   */
  static Set<Integer> distinct(int n, int count, RandomSource random) {
    if (count < 0 || count > n) {
      throw new IllegalArgumentException("cannot choose " + count + " of " + n);
    }
    List<Integer> all = new ArrayList<>(n);
    for (int i = 0; i < n; i++) {
      all.add(i);
    }
    for (int i = 0; i < count; i++) {
      int j = i + (int) random.nextLong(n - i);
      Integer t = all.get(i);
      all.set(i, all.get(j));
      all.set(j, t);
    }
    return new TreeSet<>(all.subList(0, count));
  }

  /** The number of items a provider faking fraction {@code f} of {@code n} fakes: at least 1. */
  static int faked(int n, double f) {
    return (int) Math.max(1, Math.min(n, Math.round(f * n)));
  }

  /** The honest product of two operands of one kind. */
  static Matrix product(Matrix a, Matrix b) {
    if (a instanceof IntMatrix ia && b instanceof IntMatrix ib) {
      return MatrixProducts.int8(ia, ib);
    }
    if (a instanceof DoubleMatrix da && b instanceof DoubleMatrix db) {
      return MatrixProducts.float64(da, db);
    }
    throw new IllegalArgumentException("operands of different kinds: " + a + ", " + b);
  }

  private static int nudge(int v) {
    return v == Integer.MAX_VALUE ? v - 1 : v + 1;
  }

  private static double skew(double v) {
    return v * (1 + FLOAT_ERROR) + FLOAT_ERROR;
  }
}
