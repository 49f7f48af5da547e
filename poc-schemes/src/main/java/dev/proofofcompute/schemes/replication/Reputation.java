package dev.proofofcompute.schemes.replication;

/**
 * A provider's record under adaptive replication: its number of consecutive valid results ({@code
 * CV} in BOINC). Only results that were checked against a quorum count; one invalid result resets
 * it to zero ("slow to earn, quick to lose"). See {@link RoundOutcome#updatedReputation} for the
 * exact update rule.
 *
 * @param consecutiveValid checked, valid results since the last invalid one, {@code >= 0}
 */
public record Reputation(long consecutiveValid) {
  /** A provider with no record. */
  public static final Reputation NONE = new Reputation(0);

  public Reputation {
    if (consecutiveValid < 0) {
      throw new IllegalArgumentException(
          "a count of valid results is >= 0, got " + consecutiveValid);
    }
  }

  /** The record after one more checked, valid result (saturating at {@link Long#MAX_VALUE}). */
  public Reputation afterValid() {
    return consecutiveValid == Long.MAX_VALUE ? this : new Reputation(consecutiveValid + 1);
  }

  /** The record after an invalid result: back to zero. */
  public Reputation afterInvalid() {
    return NONE;
  }
}
