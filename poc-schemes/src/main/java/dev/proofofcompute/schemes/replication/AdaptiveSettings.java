package dev.proofofcompute.schemes.replication;

/**
 * The settings of adaptive replication (BOINC's "adaptive replication", see {@link
 * AdaptiveReplication}): a provider whose run of consecutive valid results {@code CV} has reached
 * {@code trustThreshold} has its next task replicated only with probability {@code max(1/CV,
 * checkFloor)}; below the threshold every task is replicated.
 *
 * @param trustThreshold consecutive valid results needed before a task may go unreplicated, {@code
 *     >= 1}; BOINC uses 10
 * @param checkFloor the lowest check probability, in {@code (0, 1]}: never zero, so that even the
 *     most trusted provider is checked often enough for cheating to stay unprofitable (the
 *     economics calculator sizes it from stake, price and the saving from cheating); {@code 1}
 *     turns adaptive replication off
 */
public record AdaptiveSettings(int trustThreshold, double checkFloor) {
  /** BOINC's threshold of consecutive valid results (BOINC wiki, "AdaptiveReplication"). */
  public static final int BOINC_TRUST_THRESHOLD = 10;

  public AdaptiveSettings {
    if (trustThreshold < 1) {
      throw new IllegalArgumentException("a trust threshold is >= 1, got " + trustThreshold);
    }
    if (!(checkFloor > 0 && checkFloor <= 1)) {
      throw new IllegalArgumentException(
          "a check-probability floor is in (0, 1] (never zero), got " + checkFloor);
    }
  }

  /** BOINC's threshold of 10 with the given floor. */
  public static AdaptiveSettings boinc(double checkFloor) {
    return new AdaptiveSettings(BOINC_TRUST_THRESHOLD, checkFloor);
  }

  /** Every task is replicated, whatever the provider's record. */
  public static AdaptiveSettings alwaysReplicate() {
    return new AdaptiveSettings(1, 1.0);
  }

  /** Whether some provider could ever go unreplicated under these settings. */
  public boolean trustPossible() {
    return checkFloor < 1;
  }
}
