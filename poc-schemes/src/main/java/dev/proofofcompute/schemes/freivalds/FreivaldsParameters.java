package dev.proofofcompute.schemes.freivalds;

import dev.proofofcompute.core.scheme.SchemeParameters;

/**
 * Parameters of the {@code freivalds} scheme.
 *
 * <h2>Soundness of the exact check (integer matrices)</h2>
 *
 * <p>For a claimed product {@code C} of {@code A × B} let {@code D = C - AB}. If {@code D ≠ 0} then
 * some row {@code d} of {@code D} is non-zero, {@code d·r} is a non-zero linear polynomial in the
 * entries of {@code r}, and for {@code r} uniform over {@code S^n}, {@code S} a subset of a field,
 * {@code Pr[d·r = 0] ≤ 1/|S|} (Freivalds 1977; Schwartz 1980 / Zippel 1979 lemma with degree 1).
 * With {@code S} the whole field GF(p), {@code p = 2^61 - 1}, one round passes a wrong {@code C}
 * with probability at most {@code 1/p < 2^-60.99}; {@code k} independent rounds give {@code p^-k}.
 * This needs {@code D ≢ 0 (mod p)} whenever {@code D ≠ 0} over the integers: the verifier only
 * checks operands whose exact product fits int32 ({@link FreivaldsVerifier}), so every entry of
 * {@code D} is below {@code 2^32 < p} in magnitude. (A 31-bit field would not do: a cheater could
 * add {@code 2^31 - 1} to an entry and stay in int32.)
 *
 * <p>For a chain of {@code L} products ({@link dev.proofofcompute.core.workload.MatrixStructure}),
 * each checked with its own fresh vectors:
 *
 * <ul>
 *   <li>a wrong submission escapes with probability at most {@code p^-k}, whatever {@code L}: it
 *       has a first wrong product (if every {@code C_j = A_j(claimed) B_j} then by induction every
 *       claim is the honest product), and it escapes only if that product passes all of its {@code
 *       k} rounds;
 *   <li>the probability that <em>some</em> wrong product passes its own check — the event that
 *       matters when products are judged or paid for separately, e.g. per layer — is at most {@code
 *       L·p^-k} by the union bound. {@link #forSoundness(double, int)} sizes {@code k} for it.
 * </ul>
 *
 * <p>So {@code k = 1} already gives {@code ≤ 2^-60} for a whole submission, and {@code k = 2} gives
 * {@code ≤ 2^-60} per product for chains of up to {@code 2^61} products.
 *
 * <h2>The float64 check</h2>
 *
 * <p>Float64 products are compared with the tolerance derived in {@link FreivaldsVerifier} from the
 * provider's unit roundoff {@link #floatUnitRoundoff} ({@code 2^-53} for binary64 accumulation in
 * any order, with or without fused multiply-add). With {@link FloatVectors#SIGNS} the tolerance
 * {@code τ_i} and a bound {@code ρ_i} on the verifier's own rounding do not depend on the signs; if
 * some error entry has {@code |D_ij| > τ_i + ρ_i}, flipping {@code r_j} moves {@code (Dr)_i} by
 * {@code 2|D_ij|}, so at most one of the two values passes: each round catches such a {@code C}
 * with probability at least 1/2, and {@link #floatRounds} rounds leave at most {@code
 * 2^-floatRounds} (docs/schemes.md gives {@code ρ_i}).
 *
 * @param rounds independent rounds k of the exact check of each integer product, 1..64
 * @param field the field the exact check computes in
 * @param floatRounds independent rounds of the float64 check of each float product, 1..256
 * @param floatVectors how the float check draws its random vectors
 * @param floatUnitRoundoff the unit roundoff u of the provider's float accumulation, {@code 2^-53}
 *     (binary64) to {@code 2^-8} (bfloat16): the tolerance grows with it
 */
public record FreivaldsParameters(
    int rounds, Field field, int floatRounds, FloatVectors floatVectors, double floatUnitRoundoff)
    implements SchemeParameters {
  /** Largest number of exact rounds. */
  public static final int MAX_ROUNDS = 64;

  /** Largest number of float rounds. */
  public static final int MAX_FLOAT_ROUNDS = 256;

  /** Unit roundoff of IEEE-754 binary64 with round to nearest, {@code 2^-53}. */
  public static final double BINARY64_UNIT_ROUNDOFF = 0x1p-53;

  public FreivaldsParameters {
    if (rounds < 1 || rounds > MAX_ROUNDS) {
      throw new IllegalArgumentException(
          "Freivalds rounds must be in 1.." + MAX_ROUNDS + ", got " + rounds);
    }
    if (floatRounds < 1 || floatRounds > MAX_FLOAT_ROUNDS) {
      throw new IllegalArgumentException(
          "Freivalds float rounds must be in 1.." + MAX_FLOAT_ROUNDS + ", got " + floatRounds);
    }
    if (!(floatUnitRoundoff >= BINARY64_UNIT_ROUNDOFF && floatUnitRoundoff <= 0x1p-8)) {
      throw new IllegalArgumentException(
          "the provider's unit roundoff must be in [2^-53, 2^-8], got " + floatUnitRoundoff);
    }
  }

  /** The field of the exact check. */
  public enum Field {
    /**
     * GF(2^61 - 1), a Mersenne prime: products reduce with shifts, and the field is larger than any
     * difference between an int32 claim and an int32-range product.
     */
    MERSENNE_61(Mersenne61.P);

    private final long modulus;

    Field(long modulus) {
      this.modulus = modulus;
    }

    public long modulus() {
      return modulus;
    }
  }

  /** The distribution of the entries of the float check's random vectors. */
  public enum FloatVectors {
    /** Uniform in {-1, 1}: at least 1/2 per round against any error beyond the tolerance. */
    SIGNS,
    /**
     * Uniform in [0, 1) on the grid {@code m·2^-53}: errors many times the tolerance are caught
     * with probability close to 1 per round, small ones less reliably.
     */
    UNIFORM
  }

  /**
   * The cheapest parameters whose error is at most {@code 2^targetLog2Error} for a whole
   * submission, however many products it has: {@code k} exact rounds with {@code p^-k ≤ 2^target}
   * and {@code -target} float rounds with sign vectors, binary64 providers.
   *
   * @param targetLog2Error the log2 of the target error, in [-1000, -1], e.g. {@code -60}
   */
  public static FreivaldsParameters forSoundness(double targetLog2Error) {
    return forSoundness(targetLog2Error, 1);
  }

  /**
   * As {@link #forSoundness(double)}, but bounding the probability that any one of up to {@code
   * maxProducts} wrong products passes its own check (union bound {@code L·p^-k ≤ 2^target}).
   */
  public static FreivaldsParameters forSoundness(double targetLog2Error, int maxProducts) {
    if (!(targetLog2Error >= -1000 && targetLog2Error <= -1)) {
      throw new IllegalArgumentException(
          "target log2 error must be in [-1000, -1], got " + targetLog2Error);
    }
    if (maxProducts < 1) {
      throw new IllegalArgumentException("maxProducts must be >= 1, got " + maxProducts);
    }
    double bits = -targetLog2Error + log2(maxProducts);
    // p^-k <= 2^-bits  <=>  k·log2(p) >= bits, and log2(p) is 61 - 6.3e-19: k·61 > bits exactly
    // when k·log2(p) >= bits, for every double bits (its ulp near 61·k is far above k·6.3e-19).
    int k = (int) Math.floor(bits / 61) + 1;
    int floatK = (int) Math.ceil(bits);
    if (k > MAX_ROUNDS || floatK > MAX_FLOAT_ROUNDS) {
      throw new IllegalArgumentException(
          "2^" + targetLog2Error + " over " + maxProducts + " products needs too many rounds");
    }
    return new FreivaldsParameters(
        k, Field.MERSENNE_61, floatK, FloatVectors.SIGNS, BINARY64_UNIT_ROUNDOFF);
  }

  /** {@link #forSoundness(double) forSoundness(-60)}: one exact round, 60 float rounds. */
  public static FreivaldsParameters defaults() {
    return forSoundness(-60);
  }

  @Override
  public String scheme() {
    return FreivaldsScheme.NAME;
  }

  /**
   * log2 of the bound on the probability that a wrong integer submission with {@code products}
   * products is accepted, counting every product separately (union bound): {@code log2(L) -
   * k·log2(p)}. With {@code products = 1} this is the bound on a whole submission's escape.
   */
  public double log2ExactError(int products) {
    if (products < 1) {
      throw new IllegalArgumentException("products must be >= 1, got " + products);
    }
    return log2(products) - rounds * log2((double) field.modulus());
  }

  /**
   * log2 of the bound, per submission, on accepting a float product whose error exceeds the
   * tolerance in some entry, with {@link FloatVectors#SIGNS}: {@code -floatRounds}; no bound is
   * claimed for {@link FloatVectors#UNIFORM}, so this is 0 (probability 1) for it.
   */
  public double log2FloatError() {
    return floatVectors == FloatVectors.SIGNS ? -floatRounds : 0;
  }

  private static double log2(double x) {
    return Math.log(x) / Math.log(2);
  }
}
