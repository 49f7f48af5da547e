package dev.proofofcompute.schemes.replication;

/**
 * When two floating-point results count as the same answer. Two doubles {@code x} and {@code y}
 * agree when
 *
 * <pre>
 *   |x - y| <= absolute + relative * max(|x|, |y|)      (both finite)
 *   bits(x) == bits(y)                                 (either one infinite or NaN)
 * </pre>
 *
 * where {@code bits} is {@link Double#doubleToLongBits} (every NaN is one canonical NaN). Two
 * vectors agree when they have the same length and agree entry by entry. The relation is reflexive
 * and symmetric but <em>not</em> transitive, which is why the quorum anchors its groups
 * deterministically (see {@link ReplicationRound}).
 *
 * <p>Choosing the bound. Replicas that evaluate the same sum of {@code n} terms in different orders
 * (another JIT, another BLAS, another blocking) each land within {@code γ_{n-1} Σ|t_i|} of the
 * exact sum, where {@code γ_m = m·u / (1 - m·u)} and {@code u = 2^-53} is the unit round-off of
 * binary64: every summand passes through at most {@code n - 1} roundings whatever the order
 * (Higham, <i>Accuracy and Stability of Numerical Algorithms</i>, 2nd ed., 2002, §4.2). Two such
 * results therefore differ by at most {@code 2 γ_{n-1} κ |S|} with condition number {@code κ =
 * Σ|t_i| / |Σ t_i|}; {@link #forSummation} turns that into a relative tolerance, so that honest
 * replicas always agree. A wrong result must then be off by more than the tolerance to be caught:
 * the tolerance is the precision the policy buys, and a cheater may shade an answer within it.
 *
 * @param relative the relative part, in {@code [0, 0.01]}: a looser bound would let materially
 *     different answers agree
 * @param absolute the absolute part, finite and {@code >= 0} (for results whose exact value may be
 *     zero after cancellation)
 */
public record FloatTolerance(double relative, double absolute) {
  /** The loosest relative tolerance a policy may use. */
  public static final double MAX_RELATIVE = 0.01;

  /** The unit round-off of IEEE-754 binary64. */
  private static final double UNIT_ROUNDOFF = 0x1p-53;

  /**
   * Slack for the rounding of the bound itself and of the comparison {@code |x - y| <= r·max}: both
   * are off by a few ulps at most, far below this factor.
   */
  private static final double SLACK = 1 + 0x1p-30;

  public FloatTolerance {
    if (!Double.isFinite(relative) || relative < 0 || relative > MAX_RELATIVE) {
      throw new IllegalArgumentException(
          "a relative tolerance is in [0, " + MAX_RELATIVE + "], got " + relative);
    }
    if (!Double.isFinite(absolute) || absolute < 0) {
      throw new IllegalArgumentException(
          "an absolute tolerance is finite and >= 0, got " + absolute);
    }
    if (relative == 0 && absolute == 0) {
      throw new IllegalArgumentException(
          "a zero tolerance is byte equality: use an EXACT workload instead");
    }
  }

  /** A purely relative tolerance. */
  public static FloatTolerance relative(double relative) {
    return new FloatTolerance(relative, 0);
  }

  /**
   * The tightest relative tolerance under which two evaluations of a sum of {@code terms} doubles,
   * in any two orders, always agree: {@code 2γκ / (1 - γκ)} with {@code γ = γ_{terms-1}}, widened
   * by a factor {@code 1 + 2^-30} for the rounding of this formula and of the comparison. The bound
   * holds for sums only (additions never lose accuracy to underflow); products inside the terms
   * need their own error term.
   *
   * @param terms the number of summands, {@code >= 2}
   * @param conditionNumber {@code Σ|t_i| / |Σ t_i|}, {@code >= 1}; exactly 1 when all terms share a
   *     sign
   * @throws IllegalArgumentException if the resulting tolerance exceeds {@link #MAX_RELATIVE}
   */
  public static FloatTolerance forSummation(int terms, double conditionNumber) {
    if (terms < 2) {
      throw new IllegalArgumentException("a sum of fewer than 2 terms is exact, got " + terms);
    }
    if (!(conditionNumber >= 1) || Double.isInfinite(conditionNumber)) {
      throw new IllegalArgumentException(
          "a condition number is finite and >= 1, got " + conditionNumber);
    }
    double mu = (terms - 1) * UNIT_ROUNDOFF;
    double gamma = mu / (1 - mu);
    double gk = gamma * conditionNumber;
    if (gk >= MAX_RELATIVE) {
      throw new IllegalArgumentException(
          "a sum of "
              + terms
              + " terms with condition number "
              + conditionNumber
              + " is too ill-conditioned for a tolerance of at most "
              + MAX_RELATIVE);
    }
    return relative(2 * gk / (1 - gk) * SLACK);
  }

  /** Whether {@code x} and {@code y} agree under this tolerance. */
  public boolean agree(double x, double y) {
    if (!Double.isFinite(x) || !Double.isFinite(y)) {
      return Double.doubleToLongBits(x) == Double.doubleToLongBits(y);
    }
    return Math.abs(x - y) <= absolute + relative * Math.max(Math.abs(x), Math.abs(y));
  }

  /** Whether {@code a} and {@code b} have the same length and agree entry by entry. */
  public boolean agree(double[] a, double[] b) {
    if (a.length != b.length) {
      return false;
    }
    for (int i = 0; i < a.length; i++) {
      if (!agree(a[i], b[i])) {
        return false;
      }
    }
    return true;
  }
}
