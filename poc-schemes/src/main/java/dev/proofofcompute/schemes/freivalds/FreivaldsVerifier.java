package dev.proofofcompute.schemes.freivalds;

import dev.proofofcompute.core.linalg.DoubleMatrix;
import dev.proofofcompute.core.linalg.IntMatrix;
import dev.proofofcompute.core.linalg.Matrix;
import dev.proofofcompute.crypto.VerificationException;
import dev.proofofcompute.crypto.random.RandomSource;
import dev.proofofcompute.schemes.freivalds.FreivaldsParameters.FloatVectors;
import java.util.Optional;

/**
 * Freivalds' check of a claimed matrix product (R. Freivalds, "Probabilistic machines can use less
 * running time", IFIP Congress 1977): {@code C = A × B} is tested as {@code A(Br) = Cr} for fresh
 * random vectors {@code r}, three matrix–vector products, O(n^2) instead of O(n^3).
 *
 * <h2>Integer matrices: exact, over GF(2^61 - 1)</h2>
 *
 * <p>Entries are mapped to field elements with their sign ({@code v < 0} to {@code p + v}), {@code
 * r} is uniform over the whole field, and every sum is exact (r split into 30- and 31-bit limbs
 * whose products with int32 entries are summed in {@code long}s without overflow and folded into
 * the field, {@link Mersenne61#dot}). The check is sound, with error {@code p^-k} for {@code k}
 * rounds (see {@link FreivaldsParameters}), when no entry of {@code C - AB} is a non-zero multiple
 * of p; the verifier guarantees it by checking only operands whose product provably fits int32: for
 * every row {@code i}, {@code Σ_t |A_it| · max_j |B_tj| ≤ 2^31 - 1} ({@link #operandProblem}).
 * Under that bound every partial sum fits int32 too, so a provider that accumulates in wrapping
 * int32 arithmetic computes the exact product and is never rejected.
 *
 * <h2>Float64 matrices: a derived tolerance</h2>
 *
 * <p>With {@code A} m×n, {@code B} n×q and the standard model of floating-point arithmetic, a dot
 * product of length n computed in any order has {@code |fl(x·y) - x·y| ≤ γ_n |x|·|y|}, {@code γ_n =
 * nu/(1 - nu)} (N. J. Higham, <i>Accuracy and Stability of Numerical Algorithms</i>, 2nd ed., SIAM
 * 2002, §3.1, eq. (3.4), and Lemma 3.1). An honest provider with unit roundoff {@code u_p} returns
 * {@code C = AB + E}, {@code |E| ≤ γ'_n |A||B|} ({@code γ'} with {@code u_p}). The verifier, in
 * binary64 ({@code u = 2^-53}), computes {@code y = fl(Br)}, {@code z = fl(Ay)}, {@code w =
 * fl(Cr)}; then
 *
 * <pre>
 *   z - w = A·e_y + e_z - E·r - e_w,   |e_y| ≤ γ_q|B||r|,  |e_z| ≤ γ_n|A||y|,  |e_w| ≤ γ_q|C||r|,
 *   |z - w| ≤ c · |A|(|B||r|),   c = γ_q + γ_n(1 + γ_q) + γ'_n + γ_q(1 + γ'_n).
 * </pre>
 *
 * The verifier computes {@code h = fl(|A| fl(|B||r|))}, a sum of non-negative terms, so the exact
 * value is at most {@code h / ((1 - γ_q)(1 - γ_n))}. Row {@code i} passes when {@code |z_i - w_i| ≤
 * τ_i} with
 *
 * <pre>
 *   τ_i = c / ((1 - γ_q)(1 - γ_n)) · (1 + 2^-40) · h_i  +  4η · ((n + 1)(q + 1) + q·Σ_t|A_it|)
 * </pre>
 *
 * where the factor {@code 1 + 2^-40} covers the few roundings in computing {@code τ} and {@code z -
 * w} themselves, and the last term, with {@code η = 2^-1074}, covers gradual underflow (each
 * product may add an absolute error of {@code η/2}: Higham §2.1, the model with underflow). So an
 * honest product, summed in any order, always passes: zero false positives. Operands with
 * non-finite entries or whose products come within 2^10 of overflow are outside the check's range.
 *
 * <p>Implementations of this class are immutable; the random source is injected and used only
 * inside {@link #verify}, after the claim exists.
 */
public final class FreivaldsVerifier implements ProductVerifier {
  private static final double U = FreivaldsParameters.BINARY64_UNIT_ROUNDOFF;
  private static final double ETA = Double.MIN_VALUE;
  private static final double FLOAT_LIMIT = Double.MAX_VALUE / 1024;

  private final FreivaldsParameters parameters;
  private final RandomSource random;

  private FreivaldsVerifier(FreivaldsParameters parameters, RandomSource random) {
    this.parameters = parameters;
    this.random = random;
  }

  /** A verifier with these parameters that draws its vectors from {@code random}. */
  public static FreivaldsVerifier create(FreivaldsParameters parameters, RandomSource random) {
    return new FreivaldsVerifier(parameters, random);
  }

  public FreivaldsParameters parameters() {
    return parameters;
  }

  @Override
  public void verify(int index, Matrix a, Matrix b, Matrix c) throws VerificationException {
    try {
      Optional<String> operands = operandProblem(a, b);
      if (operands.isPresent()) {
        throw new VerificationException("product " + index + ": " + operands.get());
      }
      Optional<String> shape = shapeProblem(index, a, b, c);
      if (shape.isPresent()) {
        throw new VerificationException(shape.get());
      }
      checkRounds(index, a, b, c);
    } catch (RuntimeException e) {
      throw new VerificationException("product " + index + ": verifier error: " + e, e);
    }
  }

  /**
   * Why {@code c} cannot be the product of {@code a} and {@code b} by its kind or shape alone (the
   * operands are assumed to chain), or empty.
   */
  public static Optional<String> shapeProblem(int index, Matrix a, Matrix b, Matrix c) {
    if (kind(c).equals(kind(a)) && c.rows() == a.rows() && c.cols() == b.cols()) {
      return Optional.empty();
    }
    return Optional.of(
        "product "
            + index
            + " is "
            + c.rows()
            + "x"
            + c.cols()
            + " "
            + kind(c)
            + ", expected "
            + a.rows()
            + "x"
            + b.cols()
            + " "
            + kind(a));
  }

  /**
   * Why the check cannot decide for operands {@code a} and {@code b}, or empty: they are of
   * different kinds, do not chain, their integer product may leave int32, or a float operand is
   * non-finite or too large.
   */
  public Optional<String> operandProblem(Matrix a, Matrix b) {
    if (a.cols() != b.rows()) {
      return Optional.of(
          "operands "
              + a.rows()
              + "x"
              + a.cols()
              + " and "
              + b.rows()
              + "x"
              + b.cols()
              + " do not chain");
    }
    if (a instanceof IntMatrix ia && b instanceof IntMatrix ib) {
      return intOperandProblem(ia, ib);
    }
    if (a instanceof DoubleMatrix da && b instanceof DoubleMatrix db) {
      return floatOperandProblem(da, db);
    }
    return Optional.of("operands of different kinds: " + kind(a) + " and " + kind(b));
  }

  private static Optional<String> intOperandProblem(IntMatrix a, IntMatrix b) {
    int n = a.cols();
    int q = b.cols();
    int[] row = new int[Math.max(n, q)];
    long[] maxAbsB = new long[n];
    for (int t = 0; t < n; t++) {
      b.copyRow(t, row);
      long max = 0;
      for (int j = 0; j < q; j++) {
        max = Math.max(max, Math.abs((long) row[j]));
      }
      maxAbsB[t] = max;
    }
    for (int i = 0; i < a.rows(); i++) {
      a.copyRow(i, row);
      long bound = 0;
      for (int t = 0; t < n; t++) {
        // bound <= 2^31 - 1 and each term <= 2^62 before this addition: no long overflow.
        bound += Math.abs((long) row[t]) * maxAbsB[t];
        if (bound > Integer.MAX_VALUE) {
          return Optional.of(
              "row "
                  + i
                  + " of the product may exceed int32 (Σ|A_it|·max|B_t·| > 2^31 - 1); the exact"
                  + " check needs products that fit int32");
        }
      }
    }
    return Optional.empty();
  }

  private Optional<String> floatOperandProblem(DoubleMatrix a, DoubleMatrix b) {
    int n = a.cols();
    int q = b.cols();
    if (n * parameters.floatUnitRoundoff() >= 0.5 || Math.max(n, q) * U >= 0.5) {
      return Optional.of("dimension " + Math.max(n, q) + " too large for the float error bound");
    }
    double[] row = new double[Math.max(n, q)];
    double[] bRowAbs = new double[n];
    for (int t = 0; t < n; t++) {
      b.copyRow(t, row);
      double s = 0;
      for (int j = 0; j < q; j++) {
        double v = row[j];
        if (!Double.isFinite(v)) {
          return Optional.of("right operand has a non-finite entry at (" + t + ", " + j + ")");
        }
        s += Math.abs(v);
      }
      bRowAbs[t] = s;
    }
    for (int i = 0; i < a.rows(); i++) {
      a.copyRow(i, row);
      double rowAbs = 0;
      double h = 0;
      for (int t = 0; t < n; t++) {
        double v = row[t];
        if (!Double.isFinite(v)) {
          return Optional.of("left operand has a non-finite entry at (" + i + ", " + t + ")");
        }
        rowAbs += Math.abs(v);
        h += Math.abs(v) * bRowAbs[t];
      }
      if (!(rowAbs <= FLOAT_LIMIT && h <= FLOAT_LIMIT)) {
        return Optional.of("row " + i + " of |A||B| comes within 2^10 of float64 overflow");
      }
    }
    return Optional.empty();
  }

  /** Runs the rounds; the operands and the claim's shape have been checked. */
  void checkRounds(int index, Matrix a, Matrix b, Matrix c) throws VerificationException {
    switch (a) {
      case IntMatrix ia -> exactRounds(index, ia, (IntMatrix) b, (IntMatrix) c);
      case DoubleMatrix da -> floatRounds(index, da, (DoubleMatrix) b, (DoubleMatrix) c);
    }
  }

  private void exactRounds(int index, IntMatrix a, IntMatrix b, IntMatrix c)
      throws VerificationException {
    int m = a.rows();
    int n = a.cols();
    int q = b.cols();
    // Rows are copied into reusable buffers one at a time: one pass over each matrix per round.
    int[] row = new int[Math.max(n, q)];
    long[] r = new long[q];
    long[] rLo = new long[q];
    long[] rHi = new long[q];
    long[] y = new long[n];
    long[] yLo = new long[n];
    long[] yHi = new long[n];
    for (int round = 1; round <= parameters.rounds(); round++) {
      for (int j = 0; j < q; j++) {
        r[j] = random.nextLong(Mersenne61.P);
      }
      Mersenne61.split(r, q, rLo, rHi);
      for (int t = 0; t < n; t++) {
        b.copyRow(t, row);
        y[t] = Mersenne61.dot(row, q, rLo, rHi);
      }
      Mersenne61.split(y, n, yLo, yHi);
      for (int i = 0; i < m; i++) {
        a.copyRow(i, row);
        long z = Mersenne61.dot(row, n, yLo, yHi);
        c.copyRow(i, row);
        long w = Mersenne61.dot(row, q, rLo, rHi);
        if (z != w) {
          throw new VerificationException(
              "product " + index + " fails Freivalds round " + round + " (row " + i + ")");
        }
      }
    }
  }

  private void floatRounds(int index, DoubleMatrix a, DoubleMatrix b, DoubleMatrix c)
      throws VerificationException {
    int m = a.rows();
    int n = a.cols();
    int q = b.cols();
    double coefficient = toleranceCoefficient(n, q, parameters.floatUnitRoundoff());
    double[] row = new double[Math.max(n, q)];
    double[] tiny = new double[m];
    for (int i = 0; i < m; i++) {
      a.copyRow(i, row);
      double rowAbs = 0;
      for (int t = 0; t < n; t++) {
        rowAbs += Math.abs(row[t]);
      }
      tiny[i] = 4 * ((n + 1.0) * (q + 1.0) * ETA + q * (rowAbs * ETA));
    }
    double[] r = new double[q];
    double[] y = new double[n];
    double[] yAbs = new double[n];
    for (int round = 1; round <= parameters.floatRounds(); round++) {
      for (int j = 0; j < q; j++) {
        r[j] =
            parameters.floatVectors() == FloatVectors.SIGNS
                ? (random.nextLong(2) == 0 ? -1.0 : 1.0)
                : random.nextLong(1L << 53) * 0x1p-53;
      }
      for (int t = 0; t < n; t++) {
        b.copyRow(t, row);
        double s = 0;
        double sAbs = 0;
        for (int j = 0; j < q; j++) {
          s += row[j] * r[j];
          sAbs += Math.abs(row[j]) * Math.abs(r[j]);
        }
        y[t] = s;
        yAbs[t] = sAbs;
      }
      for (int i = 0; i < m; i++) {
        a.copyRow(i, row);
        double z = 0;
        double h = 0;
        for (int t = 0; t < n; t++) {
          z += row[t] * y[t];
          h += Math.abs(row[t]) * yAbs[t];
        }
        c.copyRow(i, row);
        double w = 0;
        for (int j = 0; j < q; j++) {
          w += row[j] * r[j];
        }
        double tolerance = coefficient * h + tiny[i];
        double gap = Math.abs(z - w);
        if (!(gap <= tolerance)) {
          throw new VerificationException(
              "product "
                  + index
                  + " fails Freivalds float round "
                  + round
                  + " (row "
                  + i
                  + ": |A(Br) - Cr| = "
                  + gap
                  + " > tolerance "
                  + tolerance
                  + ")");
        }
      }
    }
  }

  /**
   * The relative tolerance factor {@code c / ((1 - γ_q)(1 - γ_n)) · (1 + 2^-40)} of the class
   * comment, for inner dimension {@code n}, {@code q} columns and provider unit roundoff {@code
   * providerU}.
   */
  static double toleranceCoefficient(int n, int q, double providerU) {
    double gn = gamma(n, U);
    double gq = gamma(q, U);
    double gp = gamma(n, providerU);
    double c = gq + gn * (1 + gq) + gp + gq * (1 + gp);
    return c / ((1 - gq) * (1 - gn)) * (1 + 0x1p-40);
  }

  /** Higham's {@code γ_k = k·u / (1 - k·u)}, for {@code k·u < 1}. */
  static double gamma(int k, double u) {
    double ku = k * u;
    return ku / (1 - ku);
  }

  private static String kind(Matrix m) {
    return switch (m) {
      case IntMatrix i -> "int32";
      case DoubleMatrix d -> "float64";
    };
  }
}
