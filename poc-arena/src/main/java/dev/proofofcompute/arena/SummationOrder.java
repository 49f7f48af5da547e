package dev.proofofcompute.arena;

import dev.proofofcompute.core.linalg.DoubleMatrix;

/**
 * The ways an honest provider may legitimately sum a float64 dot product — another BLAS, another
 * blocking, fused multiply-add. All are within {@code γ_k Σ|a||b|} of the exact value (Higham,
 * <i>Accuracy and Stability of Numerical Algorithms</i>, 2nd ed., §3.1, eq. (3.4)), but their bits
 * differ: honest float replicas and provers in the arena use them in turn, so that zero false
 * positives under a tolerance is shown on outputs that really differ.
 */
enum SummationOrder {
  /** {@code t} ascending from +0.0: the workload's own order. */
  FORWARD,
  /** {@code t} descending. */
  REVERSED,
  /** Recursive halving (pairwise summation). */
  PAIRWISE,
  /** {@code t} ascending with {@link Math#fma}: one rounding per term. */
  FUSED;

  /** {@code a × b} with every entry summed in this order. */
  DoubleMatrix product(DoubleMatrix a, DoubleMatrix b) {
    if (a.cols() != b.rows()) {
      throw new IllegalArgumentException("operands do not chain: " + a + ", " + b);
    }
    int k = a.cols();
    double[] row = new double[k];
    double[] col = new double[k];
    double[] terms = new double[k];
    double[] out = new double[a.rows() * b.cols()];
    for (int i = 0; i < a.rows(); i++) {
      a.copyRow(i, row);
      for (int j = 0; j < b.cols(); j++) {
        for (int t = 0; t < k; t++) {
          col[t] = b.get(t, j);
        }
        out[i * b.cols() + j] = dot(row, col, terms);
      }
    }
    return DoubleMatrix.of(a.rows(), b.cols(), out);
  }

  private double dot(double[] x, double[] y, double[] terms) {
    int k = x.length;
    return switch (this) {
      case FORWARD -> {
        double s = +0.0;
        for (int t = 0; t < k; t++) {
          s = s + x[t] * y[t];
        }
        yield s;
      }
      case REVERSED -> {
        double s = +0.0;
        for (int t = k - 1; t >= 0; t--) {
          s = s + x[t] * y[t];
        }
        yield s;
      }
      case PAIRWISE -> {
        for (int t = 0; t < k; t++) {
          terms[t] = x[t] * y[t];
        }
        yield pairwise(terms, 0, k);
      }
      case FUSED -> {
        double s = +0.0;
        for (int t = 0; t < k; t++) {
          s = Math.fma(x[t], y[t], s);
        }
        yield s;
      }
    };
  }

  private static double pairwise(double[] terms, int from, int to) {
    if (to - from == 1) {
      return terms[from];
    }
    int mid = (from + to) >>> 1;
    return pairwise(terms, from, mid) + pairwise(terms, mid, to);
  }

  /** The order of honest provider number {@code index}: the orders in turn. */
  static SummationOrder of(int index) {
    SummationOrder[] all = values();
    return all[Math.floorMod(index, all.length)];
  }
}
