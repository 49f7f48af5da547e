package dev.proofofcompute.schemes.freivalds;

import dev.proofofcompute.core.linalg.DoubleMatrix;
import dev.proofofcompute.core.linalg.IntMatrix;
import dev.proofofcompute.crypto.Bytes;
import dev.proofofcompute.crypto.random.RandomSource;
import java.util.SplittableRandom;

/** Seeded test matrices and naive reference products. */
final class TestMatrices {
  private TestMatrices() {}

  /** Challenge randomness from a seeded source (the seed is in each test's name). */
  static RandomSource seeded(long seed) {
    return RandomSource.seeded(seed);
  }

  /** A random source whose every draw fails, standing in for a broken entropy source. */
  static RandomSource broken() {
    return new RandomSource() {
      @Override
      public Bytes nextBytes(int n) {
        throw new IllegalStateException("entropy source failed");
      }

      @Override
      public long nextLong() {
        throw new IllegalStateException("entropy source failed");
      }
    };
  }

  static IntMatrix int8(SplittableRandom rnd, int rows, int cols) {
    return IntMatrix.generate(rows, cols, (r, c) -> rnd.nextInt(256) - 128);
  }

  static DoubleMatrix uniform(SplittableRandom rnd, int rows, int cols, double lo, double hi) {
    return DoubleMatrix.generate(rows, cols, (r, c) -> lo + (hi - lo) * rnd.nextDouble());
  }

  /** The naive triple-loop product in exact long arithmetic; throws if an entry leaves int32. */
  static IntMatrix naive(IntMatrix a, IntMatrix b) {
    return IntMatrix.generate(
        a.rows(),
        b.cols(),
        (i, j) -> {
          long s = 0;
          for (int t = 0; t < a.cols(); t++) {
            s += (long) a.get(i, t) * b.get(t, j);
          }
          return Math.toIntExact(s);
        });
  }

  /** The float product with each entry summed with t ascending. */
  static DoubleMatrix forward(DoubleMatrix a, DoubleMatrix b) {
    return DoubleMatrix.generate(
        a.rows(),
        b.cols(),
        (i, j) -> {
          double s = 0;
          for (int t = 0; t < a.cols(); t++) {
            s += a.get(i, t) * b.get(t, j);
          }
          return s;
        });
  }

  /** The float product with each entry summed with t descending. */
  static DoubleMatrix reversed(DoubleMatrix a, DoubleMatrix b) {
    return DoubleMatrix.generate(
        a.rows(),
        b.cols(),
        (i, j) -> {
          double s = 0;
          for (int t = a.cols() - 1; t >= 0; t--) {
            s += a.get(i, t) * b.get(t, j);
          }
          return s;
        });
  }

  /** The float product with fused multiply-adds, t ascending. */
  static DoubleMatrix fused(DoubleMatrix a, DoubleMatrix b) {
    return DoubleMatrix.generate(
        a.rows(),
        b.cols(),
        (i, j) -> {
          double s = 0;
          for (int t = 0; t < a.cols(); t++) {
            s = Math.fma(a.get(i, t), b.get(t, j), s);
          }
          return s;
        });
  }

  /** The float product with pairwise (recursive halving) summation. */
  static DoubleMatrix pairwise(DoubleMatrix a, DoubleMatrix b) {
    return DoubleMatrix.generate(
        a.rows(), b.cols(), (i, j) -> pairwiseSum(a, b, i, j, 0, a.cols()));
  }

  private static double pairwiseSum(DoubleMatrix a, DoubleMatrix b, int i, int j, int lo, int hi) {
    if (hi - lo == 1) {
      return a.get(i, lo) * b.get(lo, j);
    }
    int mid = (lo + hi) >>> 1;
    return pairwiseSum(a, b, i, j, lo, mid) + pairwiseSum(a, b, i, j, mid, hi);
  }

  /** The float product accumulated in float32 (unit roundoff 2^-24). */
  static DoubleMatrix float32Accumulated(DoubleMatrix a, DoubleMatrix b) {
    return DoubleMatrix.generate(
        a.rows(),
        b.cols(),
        (i, j) -> {
          float s = 0;
          for (int t = 0; t < a.cols(); t++) {
            s += (float) (a.get(i, t) * b.get(t, j));
          }
          return s;
        });
  }

  static IntMatrix withEntry(IntMatrix m, int row, int col, int value) {
    int[] d = m.toRowMajorArray();
    d[row * m.cols() + col] = value;
    return IntMatrix.of(m.rows(), m.cols(), d);
  }

  static DoubleMatrix withEntry(DoubleMatrix m, int row, int col, double value) {
    double[] d = m.toRowMajorArray();
    d[row * m.cols() + col] = value;
    return DoubleMatrix.of(m.rows(), m.cols(), d);
  }
}
