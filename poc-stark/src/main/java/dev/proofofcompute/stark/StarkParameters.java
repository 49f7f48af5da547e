package dev.proofofcompute.stark;

/**
 * The security knobs of a STARK proof, and the security they buy.
 *
 * <p><b>Conjectured security</b> (ethSTARK documentation, eprint 2021/582, Conjecture 1 and Eq.
 * (19), in the form Winterfell's {@code ConjecturedSecurity} uses): every query contributes {@code
 * log2(blowup)} bits, grinding adds {@code grindingBits} once the queries alone give at least 80
 * bits, and the total is capped by the extension field: {@code min(128 - log2(N), queries ·
 * log2(blowup) + grinding) - 1}, with {@code N = traceLength · blowup} the evaluation domain, and
 * by SHA-256's 128-bit collision resistance.
 *
 * <p><b>Provable security</b> (Block, Garreta, Tiwari, Zając, "On Soundness Notions for Interactive
 * Oracle Proofs", eprint 2024/1553, Theorems 2 and 3; building on Ben-Sasson et al., "Proximity
 * Gaps for Reed–Solomon Codes", eprint 2020/654, and Haböck, eprint 2022/1216, Theorem 8): the
 * round-by-round soundness error of the ALI, DEEP, FRI commit and FRI query rounds, in the unique
 * decoding regime and in the list-decoding (Johnson bound) regime with the proximity parameter
 * {@code m} chosen optimally; the better of the two is reported. It needs far more queries than the
 * conjecture: the FRI query error per query is {@code (1 + ρ)/2} (unique decoding) or {@code (1 +
 * 1/2m)·sqrt(ρ)} (list decoding) instead of {@code ρ}, {@code ρ = 1/blowup}.
 *
 * @param blowupFactor the Reed–Solomon expansion {@code 1/ρ}: a power of two in [2, 128]
 * @param queries the number of FRI queries, in [1, 255]
 * @param grindingBits leading zero bits of the proof-of-work hash demanded before queries are
 *     drawn, in [0, 32]
 * @param foldingFactor the FRI folding factor: 2, 4 or 8
 * @param extensionDegree the degree of the field extension challenges come from: 2
 * @param maxRemainderLength FRI stops folding once the degree bound is at most this many
 *     coefficients, then sends the remainder polynomial in the clear; a power of two in [{@code
 *     foldingFactor}, 4096]
 */
public record StarkParameters(
    int blowupFactor,
    int queries,
    int grindingBits,
    int foldingFactor,
    int extensionDegree,
    int maxRemainderLength) {

  /** The largest trace the no-argument security figures assume: 2^20 rows. */
  public static final int REFERENCE_TRACE_LENGTH = 1 << 20;

  /** Bits of the quadratic extension field. */
  static final int EXTENSION_FIELD_BITS = 128;

  /** Collision resistance of SHA-256, which caps every figure. */
  static final int COLLISION_RESISTANCE_BITS = 128;

  private static final int GRINDING_CONTRIBUTION_FLOOR = 80;

  public StarkParameters {
    if (blowupFactor < 2 || blowupFactor > 128 || Integer.bitCount(blowupFactor) != 1) {
      throw new IllegalArgumentException("blowup factor must be a power of two in [2, 128]");
    }
    if (queries < 1 || queries > 255) {
      throw new IllegalArgumentException("query count must be in [1, 255]");
    }
    if (grindingBits < 0 || grindingBits > 32) {
      throw new IllegalArgumentException("grinding bits must be in [0, 32]");
    }
    if (foldingFactor != 2 && foldingFactor != 4 && foldingFactor != 8) {
      throw new IllegalArgumentException("folding factor must be 2, 4 or 8");
    }
    if (extensionDegree != 2) {
      throw new IllegalArgumentException("only the quadratic extension (degree 2) is supported");
    }
    if (maxRemainderLength < foldingFactor
        || maxRemainderLength > 4096
        || Integer.bitCount(maxRemainderLength) != 1) {
      throw new IllegalArgumentException(
          "max remainder length must be a power of two in [folding factor, 4096]");
    }
  }

  /**
   * The defaults: blowup 4, 42 queries, 16 grinding bits, folding factor 8, quadratic extension,
   * remainder of at most 128 coefficients; 99 conjectured bits for traces up to 2^20 rows. Blowup 4
   * admits transition constraints up to degree 5 (four composition segments); an AIR of higher
   * degree needs a larger blowup, e.g. {@code new StarkParameters(8, 28, 16, 8, 2, 128)}, also 99
   * bits, with smaller proofs and about twice the proving time.
   */
  public static StarkParameters defaults() {
    return new StarkParameters(4, 42, 16, 8, 2, 128);
  }

  /** Conjectured security in bits for a trace of {@link #REFERENCE_TRACE_LENGTH} rows. */
  public int conjecturedSecurityBits() {
    return conjecturedSecurityBits(REFERENCE_TRACE_LENGTH);
  }

  /** Conjectured security in bits for a trace of {@code traceLength} rows. */
  public int conjecturedSecurityBits(int traceLength) {
    int logLde = log2(traceLength) + log2(blowupFactor);
    int fieldSecurity = EXTENSION_FIELD_BITS - logLde;
    int querySecurity = log2(blowupFactor) * queries;
    if (querySecurity >= GRINDING_CONTRIBUTION_FLOOR) {
      querySecurity += grindingBits;
    }
    return Math.min(Math.min(fieldSecurity, querySecurity) - 1, COLLISION_RESISTANCE_BITS);
  }

  /** Provable security in bits for a trace of {@link #REFERENCE_TRACE_LENGTH} rows. */
  public int provableSecurityBits() {
    return provableSecurityBits(REFERENCE_TRACE_LENGTH);
  }

  /** The better of the unique-decoding and list-decoding provable bounds. */
  public int provableSecurityBits(int traceLength) {
    return Math.max(
        provableSecurityBitsUniqueDecoding(traceLength),
        provableSecurityBitsListDecoding(traceLength));
  }

  /** Provable security in the unique-decoding regime (eprint 2024/1553, Theorem 3). */
  public int provableSecurityBitsUniqueDecoding(int traceLength) {
    log2(traceLength);
    double f = EXTENSION_FIELD_BITS;
    double n = traceLength;
    double lde = n * blowupFactor;
    double openings = 2;
    double rhoPlus = (n + openings) / lde;
    double alpha = (1 + rhoPlus) / 2;
    // The blowup bounds the constraint degree, since the composition must fit the domain.
    double maxDegree = blowupFactor + 1.0;
    double bits = f; // ALI: one random linear combination
    bits = Math.min(bits, f - log2(maxDegree * (n + openings - 1) + (n - 1))); // DEEP
    bits = Math.min(bits, f - log2(lde)); // FRI commit, first round
    if (friLayerCount(traceLength) > 0) {
      bits = Math.min(bits, f - log2((foldingFactor - 1.0) * (lde + 1))); // later rounds
    }
    bits = Math.min(bits, grindingBits - queries * log2(alpha)); // FRI queries
    return (int) Math.min(Math.floor(bits), COLLISION_RESISTANCE_BITS);
  }

  /**
   * Provable security in the list-decoding regime up to the Johnson bound (eprint 2024/1553,
   * Theorem 2), maximised over the proximity parameter {@code m}.
   */
  public int provableSecurityBitsListDecoding(int traceLength) {
    log2(traceLength);
    double n = traceLength;
    // Largest m for which the slack eta of the Johnson-bound argument stays positive, capped.
    int mMax = (int) Math.min(Math.ceil(1 / (2 * (Math.sqrt((n + 2) / n) - 1))), 1000);
    double best = Double.NEGATIVE_INFINITY;
    for (int m = 3; m < mMax; m++) {
      best = Math.max(best, listDecodingBits(traceLength, m));
    }
    return (int) Math.min(Math.floor(Math.max(best, 0)), COLLISION_RESISTANCE_BITS);
  }

  private double listDecodingBits(int traceLength, int m) {
    double f = EXTENSION_FIELD_BITS;
    double rho = 1.0 / blowupFactor;
    double alpha = (1 + 0.5 / m) * Math.sqrt(rho);
    double maxDegree = blowupFactor + 1.0;
    double n = traceLength;
    double lde = n * blowupFactor;
    double openings = 2;
    double listSize = m / (rho - 2.0 * m / lde);
    double bits = f - log2(listSize); // ALI
    bits =
        Math.min(
            bits,
            f - log2(listSize * listSize * (maxDegree * (n + openings - 1) + (n - 1)))); // DEEP
    bits =
        Math.min(
            bits, f - log2(0.5 * Math.pow(m + 0.5, 7) / Math.pow(rho, 1.5) * lde * lde)); // FRI
    bits = Math.min(bits, grindingBits - queries * log2(alpha)); // FRI queries
    return bits;
  }

  /** The number of committed FRI layers for a trace of {@code traceLength} rows. */
  int friLayerCount(int traceLength) {
    int layers = 0;
    for (int d = traceLength; d > maxRemainderLength; d /= foldingFactor) {
      layers++;
    }
    return layers;
  }

  /** The number of remainder coefficients for a trace of {@code traceLength} rows. */
  int remainderLength(int traceLength) {
    int d = traceLength;
    while (d > maxRemainderLength) {
      d /= foldingFactor;
    }
    return d;
  }

  private static double log2(double x) {
    return Math.log(x) / Math.log(2);
  }

  private static int log2(int powerOfTwo) {
    if (powerOfTwo < 1 || Integer.bitCount(powerOfTwo) != 1) {
      throw new IllegalArgumentException("not a power of two: " + powerOfTwo);
    }
    return Integer.numberOfTrailingZeros(powerOfTwo);
  }
}
