package dev.proofofcompute.schemes.replication;

import dev.proofofcompute.crypto.random.RandomSource;

/**
 * Decides, per task, whether a provider's result is replicated or trusted as it is.
 *
 * <p>Design (BOINC adaptive replication: BOINC wiki "AdaptiveReplication", and the validator's
 * consecutive-valid bookkeeping in {@code sched/validator.cpp}; Sarmenta, "Sabotage-tolerance
 * mechanisms for volunteer computing systems", FGCS 18(4), 2002, §4 on combining voting with
 * spot-checking): a provider with {@code CV} consecutive valid results is checked with probability
 *
 * <pre>
 *   p(CV) = 1                          if CV < trustThreshold
 *   p(CV) = max(1 / CV, checkFloor)    otherwise
 * </pre>
 *
 * Unlike BOINC, {@code p} never falls below {@code checkFloor > 0}: a provider that cheats on a
 * task is caught with probability at least {@code checkFloor} (when the replicas are honest), so a
 * floor chosen from stake, price and the saving from cheating keeps cheating unprofitable however
 * long the provider's record.
 *
 * <p>Call order: the decision must be drawn <em>after</em> the provider has committed to its result
 * and from randomness it cannot see, or a cheater would cheat exactly on the unchecked tasks.
 * {@link ReplicationRound#decideAdaptively} enforces that order: it accepts the call only once the
 * first provider's commitment is in and before any other replica is dispatched.
 *
 * <p>Sampling: with {@code u} uniform in {@code [0, 2^53)} from the injected {@link RandomSource},
 * the task is replicated iff {@code u < ceil(p · 2^53)}, so the realised probability is {@code p}
 * rounded up to a multiple of {@code 2^-53}. No randomness is drawn when {@code p = 1}.
 */
public final class AdaptiveReplication {
  private static final long SCALE = 1L << 53;

  private final AdaptiveSettings settings;

  private AdaptiveReplication(AdaptiveSettings settings) {
    this.settings = settings;
  }

  public static AdaptiveReplication of(AdaptiveSettings settings) {
    return new AdaptiveReplication(settings);
  }

  public AdaptiveSettings settings() {
    return settings;
  }

  /** The probability {@code p(CV)} that a task of a provider with this record is replicated. */
  public double checkProbability(Reputation reputation) {
    long cv = reputation.consecutiveValid();
    if (cv < settings.trustThreshold()) {
      return 1.0;
    }
    return Math.max(1.0 / cv, settings.checkFloor());
  }

  /**
   * Draws the decision for one task of a provider with record {@code reputation}. Call only after
   * that provider has committed to its result (see the class comment).
   */
  public Decision decide(Reputation reputation, RandomSource random) {
    double p = checkProbability(reputation);
    if (p >= 1.0) {
      return Decision.REPLICATE;
    }
    long threshold = (long) Math.ceil(p * SCALE);
    return random.nextLong(SCALE) < threshold ? Decision.REPLICATE : Decision.TRUST;
  }

  /** Whether a task is replicated. */
  public enum Decision {
    /** Dispatch the task to the other replicas and decide by quorum. */
    REPLICATE,
    /** Accept the provider's (committed, then revealed) result without replicas. */
    TRUST
  }
}
