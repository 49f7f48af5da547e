package dev.proofofcompute.schemes.economics;

import dev.proofofcompute.crypto.money.Amount;
import java.util.OptionalInt;

/**
 * The economics of cheating, as pure functions: how likely a faked result escapes a policy, what a
 * rational provider expects to gain by cheating, and the cheapest verification effort that makes
 * that gain negative. Formulas and derivations are in {@code docs/schemes.md}, "Economics".
 *
 * <h2>Escape probabilities</h2>
 *
 * <ul>
 *   <li>Spot-checks with replacement: a provider that fakes a fraction {@code f} of the items
 *       escapes {@code s} independent uniform samples with probability {@code (1-f)^s}.
 *   <li>Without replacement (a uniform {@code s}-subset of the {@code N} items, {@code F} faked):
 *       the hypergeometric {@code C(N-F, s)/C(N, s) = Π_{i<s} (N-F-i)/(N-i)}, computed as that
 *       product of factors in [0, 1] — no factorials, no log-gamma, relative error about {@code
 *       s·2^-53}.
 *   <li>Canaries: {@code c} items with known answers placed uniformly among the {@code N + c} a
 *       provider sees. A provider that cannot tell them apart and fakes {@code F} of the {@code N +
 *       c} items misses every canary with probability {@code C(N, F)/C(N+c, F) = Π_{i<F}
 *       (N-i)/(N+c-i)}; with {@code s} real items also sampled, the escape probability is that
 *       times {@code C(N-F, s)/C(N, s)}.
 *   <li>Replication with {@code k} replicas and quorum {@code q > k/2}: given one cheating replica,
 *       each other replica independently belongs to the colluding fraction {@code γ}; the wrong
 *       result is accepted iff at least {@code q} replicas return it: {@code Σ_{x≥q-1} C(k-1, x)
 *       γ^x (1-γ)^(k-1-x)}.
 *   <li>Adaptive replication (BOINC): a host with fewer than {@code threshold} consecutive valid
 *       results is always checked; otherwise with probability {@code max(1/CV, floor)}. An
 *       unchecked result escapes; a checked one escapes with the replication probability.
 * </ul>
 *
 * <h2>The expected gain from cheating</h2>
 *
 * <p>A job pays price {@code P} on acceptance; honest execution costs {@code E}; the provider has
 * stake {@code S} at risk, of which a fraction {@code φ} is slashed on detection, and a detected
 * provider is not paid. A cheater saves a fraction {@code σ} of {@code E} and is detected with
 * probability {@code d}. Then
 *
 * <pre>
 *   honest profit      =  P - E
 *   cheating profit    =  (1-d)·(P - (1-σ)E) + d·(-(1-σ)E - φS)  =  (1-d)·P - (1-σ)·E - d·φ·S
 *   gain from cheating =  cheating - honest  =  σ·E - d·(P + φ·S)
 * </pre>
 *
 * Cheating does not pay iff the gain is negative, iff {@code d > d* = σE / (P + φS)}: the detection
 * must exceed the saving over what a detected cheater forfeits. If {@code d* ≥ 1} no verification
 * deters the cheat: raise the stake. Money comes in as {@link Amount}s; profits and gains are
 * expectations in micro-credits (doubles), never ledger amounts.
 */
public final class CheatingEconomics {
  /** Largest replica count the replication formulas accept (binomial terms stay finite). */
  public static final int MAX_REPLICAS = 1000;

  private CheatingEconomics() {}

  /**
   * The money side of a job.
   *
   * @param price paid to the provider when its result is accepted
   * @param executionCost the provider's cost of executing the job honestly
   * @param stake the provider's stake at risk for this job
   * @param slashFraction the fraction of the stake slashed on detection, in [0, 1]
   */
  public record Market(Amount price, Amount executionCost, Amount stake, double slashFraction) {
    public Market {
      probability("slashFraction", slashFraction);
    }

    /** What a detected cheater forfeits besides its cost: {@code P + φS}, in micro-credits. */
    double forfeit() {
      return (double) price.units() + slashFraction * stake.units();
    }

    double p() {
      return price.units();
    }

    double e() {
      return executionCost.units();
    }

    double s() {
      return stake.units();
    }
  }

  // ---- spot-checks ----

  /**
   * {@code (1-f)^s}: escape of a fraction {@code f} faked from {@code s} samples with replacement.
   */
  public static double escapeWithReplacement(double fakedFraction, int samples) {
    probability("fakedFraction", fakedFraction);
    nonNegative("samples", samples);
    return Math.pow(1 - fakedFraction, samples);
  }

  /**
   * {@code C(N-F, s)/C(N, s)}: escape of {@code F} faked items among {@code N} from a uniform
   * sample of {@code s} distinct items.
   */
  public static double escapeWithoutReplacement(long items, long faked, long samples) {
    checkCounts(items, faked, samples);
    return missAll(items, faked, samples);
  }

  /**
   * {@code C(N, F)/C(N+c, F)}: the probability that {@code F} faked items among the {@code N + c} a
   * provider sees include none of the {@code c} canaries.
   */
  public static double escapeCanaries(long items, long canaries, long faked) {
    nonNegative("canaries", canaries);
    long total = Math.addExact(items, canaries);
    checkCounts(total, faked, 0);
    // choosing the F faked items among N + c, none of the c canaries: Π_{i<F} (N-i)/(N+c-i)
    return missAll(total, canaries, faked);
  }

  /**
   * Escape from {@code c} canaries (all checked) and {@code s} samples of the {@code N} real items
   * without replacement, for {@code F} faked among the {@code N + c}: {@code C(N,F)/C(N+c,F) ·
   * C(N-F,s)/C(N,s)}, and 0 when {@code F > N} (a canary is then certainly faked).
   */
  public static double escapeCanariesAndSamples(
      long items, long canaries, long faked, long samples) {
    double canaryEscape = escapeCanaries(items, canaries, faked);
    if (faked > items) {
      return 0;
    }
    return canaryEscape * escapeWithoutReplacement(items, faked, samples);
  }

  /**
   * The least {@code s} with {@code 1 - (1-f)^s >= targetDetection}.
   *
   * @throws IllegalArgumentException when {@code f = 0} and the target is positive (unreachable)
   */
  public static int minimalSamplesWithReplacement(double fakedFraction, double targetDetection) {
    probability("fakedFraction", fakedFraction);
    target(targetDetection);
    if (targetDetection == 0) {
      return 0;
    }
    if (fakedFraction == 0) {
      throw new IllegalArgumentException("nothing faked: no sample count detects it");
    }
    if (fakedFraction == 1) {
      return 1;
    }
    double estimate = Math.ceil(Math.log1p(-targetDetection) / Math.log1p(-fakedFraction));
    if (!(estimate < Integer.MAX_VALUE)) {
      throw new IllegalArgumentException("needs more than 2^31 samples");
    }
    // Correct the floating-point estimate against the defining inequality.
    int s = Math.max(1, (int) estimate);
    while (s > 1 && 1 - escapeWithReplacement(fakedFraction, s - 1) >= targetDetection) {
      s--;
    }
    while (1 - escapeWithReplacement(fakedFraction, s) < targetDetection) {
      s++;
    }
    return s;
  }

  /**
   * The least {@code s <= N} with {@code 1 - C(N-F,s)/C(N,s) >= targetDetection}.
   *
   * @throws IllegalArgumentException when {@code F = 0} and the target is positive, or when more
   *     than 2^31 samples would be needed
   */
  public static long minimalSamplesWithoutReplacement(
      long items, long faked, double targetDetection) {
    checkCounts(items, faked, 0);
    target(targetDetection);
    if (targetDetection == 0) {
      return 0;
    }
    if (faked == 0) {
      throw new IllegalArgumentException("nothing faked: no sample count detects it");
    }
    // Sampling without replacement never needs more samples than with replacement at f = F/N
    // (each factor (N-F-i)/(N-i) is at most (N-F)/N), which bounds the search.
    long bound =
        Math.min(items, minimalSamplesWithReplacement((double) faked / items, targetDetection));
    double escape = 1;
    for (long s = 1; s <= bound; s++) {
      escape *= (double) (items - faked - (s - 1)) / (items - (s - 1));
      if (1 - escape >= targetDetection) {
        return s;
      }
    }
    return bound;
  }

  // ---- replication ----

  /**
   * The probability that one cheater's wrong result is accepted by {@code replicas} replicas with
   * quorum {@code quorum > replicas/2}, when each other replica independently colludes (returns the
   * same wrong result) with probability {@code colludingFraction}.
   */
  public static double replicationEscape(int replicas, int quorum, double colludingFraction) {
    if (replicas < 1 || replicas > MAX_REPLICAS || quorum > replicas || 2 * quorum <= replicas) {
      throw new IllegalArgumentException(
          "need 1 <= replicas <= "
              + MAX_REPLICAS
              + " and replicas/2 < quorum <= replicas, got "
              + replicas
              + " and "
              + quorum);
    }
    probability("colludingFraction", colludingFraction);
    int others = replicas - 1;
    double sum = 0;
    for (int x = quorum - 1; x <= others; x++) {
      sum += binomialPmf(others, x, colludingFraction);
    }
    return Math.min(1, sum);
  }

  /** The smallest strict-majority quorum of {@code replicas}: {@code floor(k/2) + 1}. */
  public static int majority(int replicas) {
    if (replicas < 1) {
      throw new IllegalArgumentException("replicas must be >= 1, got " + replicas);
    }
    return replicas / 2 + 1;
  }

  /**
   * BOINC-style adaptive replication: 1 below {@code threshold} consecutive valid results, else
   * {@code max(1/CV, floor)}.
   */
  public static double adaptiveCheckProbability(
      long consecutiveValid, long threshold, double floor) {
    nonNegative("consecutiveValid", consecutiveValid);
    nonNegative("threshold", threshold);
    probability("floor", floor);
    if (floor == 0) {
      throw new IllegalArgumentException("the check probability floor must be positive");
    }
    if (consecutiveValid < Math.max(1, threshold)) {
      return 1;
    }
    return Math.max(1.0 / consecutiveValid, floor);
  }

  /**
   * Escape of a wrong result checked with probability {@code p} by a check it escapes with
   * probability {@code escapeWhenChecked}: {@code (1-p) + p·e}.
   */
  public static double escapeWithCheckProbability(double p, double escapeWhenChecked) {
    probability("p", p);
    probability("escapeWhenChecked", escapeWhenChecked);
    return (1 - p) + p * escapeWhenChecked;
  }

  // ---- expected value ----

  /** {@code P - E}, in micro-credits. */
  public static double honestProfit(Market market) {
    return market.p() - market.e();
  }

  /** {@code (1-d)·P - (1-σ)·E - d·φ·S}, in micro-credits. */
  public static double cheatingProfit(Market market, double savingFraction, double detection) {
    probability("savingFraction", savingFraction);
    probability("detection", detection);
    return (1 - detection) * market.p()
        - (1 - savingFraction) * market.e()
        - detection * market.slashFraction() * market.s();
  }

  /**
   * The expected gain from cheating over honest work, {@code σ·E - d·(P + φ·S)} micro-credits:
   * cheating does not pay when it is negative.
   */
  public static double cheatingGain(Market market, double savingFraction, double detection) {
    probability("savingFraction", savingFraction);
    probability("detection", detection);
    return savingFraction * market.e() - detection * market.forfeit();
  }

  /**
   * {@code d* = σE / (P + φS)}: cheating has negative expected gain iff the detection probability
   * exceeds this. Infinite when nothing can be forfeited and something is saved; above 1 when no
   * verification deters the cheat.
   */
  public static double breakEvenDetection(Market market, double savingFraction) {
    probability("savingFraction", savingFraction);
    double saving = savingFraction * market.e();
    if (saving == 0) {
      return 0;
    }
    return saving / market.forfeit();
  }

  /**
   * The fewest spot-check samples (without replacement) that make cheating a losing bet for a
   * provider faking {@code F} of {@code N} items and saving {@code σ} of the cost; empty when even
   * checking every item does not (the stake is too small).
   */
  public static OptionalInt minimalSamplesToDeter(
      Market market, long items, long faked, double savingFraction) {
    checkCounts(items, faked, 0);
    if (faked == 0) {
      throw new IllegalArgumentException("nothing faked: nothing to deter");
    }
    double escape = 1;
    for (long s = 1; s <= Math.min(items, Integer.MAX_VALUE); s++) {
      escape *= (double) (items - faked - (s - 1)) / (items - (s - 1));
      if (cheatingGain(market, savingFraction, 1 - escape) < 0) {
        return OptionalInt.of((int) s);
      }
    }
    return OptionalInt.empty();
  }

  /**
   * The fewest replicas {@code k} (quorum a strict majority) that make cheating a losing bet when
   * other replicas collude with probability {@code γ}, searching {@code 2..maxReplicas}; empty when
   * none does. The requester pays {@code k - 1} extra executions.
   */
  public static OptionalInt minimalReplicasToDeter(
      Market market, double colludingFraction, double savingFraction, int maxReplicas) {
    if (maxReplicas < 2 || maxReplicas > MAX_REPLICAS) {
      throw new IllegalArgumentException(
          "maxReplicas must be in 2.." + MAX_REPLICAS + ", got " + maxReplicas);
    }
    for (int k = 2; k <= maxReplicas; k++) {
      double detection = 1 - replicationEscape(k, majority(k), colludingFraction);
      if (cheatingGain(market, savingFraction, detection) < 0) {
        return OptionalInt.of(k);
      }
    }
    return OptionalInt.empty();
  }

  /**
   * The break-even check probability {@code p* = d* / (1 - e)} for a check that a wrong result
   * escapes with probability {@code e}: every check probability (and so every adaptive-replication
   * floor) strictly above {@code p*} makes cheating a losing bet, and none at or below it does.
   * Above 1 when no check probability deters the cheat.
   */
  public static double breakEvenCheckProbability(
      Market market, double savingFraction, double escapeWhenChecked) {
    probability("escapeWhenChecked", escapeWhenChecked);
    double dStar = breakEvenDetection(market, savingFraction);
    if (dStar == 0) {
      return 0;
    }
    return escapeWhenChecked == 1 ? Double.POSITIVE_INFINITY : dStar / (1 - escapeWhenChecked);
  }

  // ---- helpers ----

  /**
   * {@code Π_{i<s} (N-F-i)/(N-i)}: the chance that s distinct uniform draws miss F marked items.
   */
  private static double missAll(long items, long marked, long draws) {
    if (draws > items - marked) {
      return 0;
    }
    double p = 1;
    for (long i = 0; i < draws && p > 0; i++) {
      p *= (double) (items - marked - i) / (items - i);
    }
    return p;
  }

  private static double binomialPmf(int n, int x, double p) {
    if (p == 0) {
      return x == 0 ? 1 : 0;
    }
    if (p == 1) {
      return x == n ? 1 : 0;
    }
    // C(n, x) p^x (1-p)^(n-x) as a product of n factors, each near 1 or p, to avoid overflow.
    double v = 1;
    int k = Math.min(x, n - x);
    for (int i = 1; i <= k; i++) {
      v = v * (n - k + i) / i;
    }
    return v * Math.pow(p, x) * Math.pow(1 - p, n - x);
  }

  private static void checkCounts(long items, long faked, long samples) {
    if (items < 1) {
      throw new IllegalArgumentException("items must be >= 1, got " + items);
    }
    if (faked < 0 || faked > items) {
      throw new IllegalArgumentException("faked must be in 0.." + items + ", got " + faked);
    }
    if (samples < 0 || samples > items) {
      throw new IllegalArgumentException("samples must be in 0.." + items + ", got " + samples);
    }
  }

  private static void probability(String name, double p) {
    if (!(p >= 0 && p <= 1)) {
      throw new IllegalArgumentException(name + " must be in [0, 1], got " + p);
    }
  }

  private static void target(double t) {
    if (!(t >= 0 && t < 1)) {
      throw new IllegalArgumentException("target detection must be in [0, 1), got " + t);
    }
  }

  private static void nonNegative(String name, long v) {
    if (v < 0) {
      throw new IllegalArgumentException(name + " must be >= 0, got " + v);
    }
  }
}
