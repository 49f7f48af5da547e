package dev.proofofcompute.translog.audit;

import java.util.regex.Pattern;

/**
 * The name of a kind of discrepancy, e.g. {@code EDITED_ENTRY}. Open, so that pluggable {@link
 * EntryCheck}s (ledger replay, verdict re-verification) name their own findings; the constants are
 * the kinds the built-in checks report.
 *
 * @param name upper-case letters, digits and underscores, starting with a letter
 */
public record DiscrepancyKind(String name) {
  private static final Pattern NAME = Pattern.compile("[A-Z][A-Z0-9_]{0,63}");

  /** A tree head (observed, or in the saved state) whose signature does not verify. */
  public static final DiscrepancyKind BAD_TREE_HEAD = new DiscrepancyKind("BAD_TREE_HEAD");

  /** No tree head with a valid signature was given: nothing can be audited. */
  public static final DiscrepancyKind NO_TREE_HEAD = new DiscrepancyKind("NO_TREE_HEAD");

  /** The log now shows a smaller tree than a head seen before (saved state or earlier head). */
  public static final DiscrepancyKind ROLLBACK = new DiscrepancyKind("ROLLBACK");

  /** Two heads that cannot both be true: same size with different roots, or no consistency. */
  public static final DiscrepancyKind INCONSISTENT_HEAD = new DiscrepancyKind("INCONSISTENT_HEAD");

  /** The entries served do not hash to the root of a signed head. */
  public static final DiscrepancyKind ROOT_MISMATCH = new DiscrepancyKind("ROOT_MISMATCH");

  /** An entry served differs from the one the signed head commits to at that index. */
  public static final DiscrepancyKind EDITED_ENTRY = new DiscrepancyKind("EDITED_ENTRY");

  /** Entries the signed head commits to are not served (deleted or truncated). */
  public static final DiscrepancyKind MISSING_ENTRY = new DiscrepancyKind("MISSING_ENTRY");

  /** Two entries are served in each other's place. */
  public static final DiscrepancyKind REORDERED = new DiscrepancyKind("REORDERED");

  /** An entry's bytes are not a valid canonical log entry. */
  public static final DiscrepancyKind MALFORMED_ENTRY = new DiscrepancyKind("MALFORMED_ENTRY");

  /** An entry's authorising signature does not verify, or is by a key that may not sign it. */
  public static final DiscrepancyKind BAD_SIGNATURE = new DiscrepancyKind("BAD_SIGNATURE");

  /** The same signed node request authorises two entries. */
  public static final DiscrepancyKind REPLAYED_REQUEST = new DiscrepancyKind("REPLAYED_REQUEST");

  /** The log's inclusion proof for a sampled entry does not verify against the head. */
  public static final DiscrepancyKind INCLUSION_FAILED = new DiscrepancyKind("INCLUSION_FAILED");

  /**
   * A revealed beacon secret does not open its commitment, or a challenge's randomness is not the
   * one the secret derives.
   */
  public static final DiscrepancyKind BAD_REVEAL = new DiscrepancyKind("BAD_REVEAL");

  /** Beacon entries in an order that lets someone choose the randomness (see RandomnessCheck). */
  public static final DiscrepancyKind RANDOMNESS_ORDER = new DiscrepancyKind("RANDOMNESS_ORDER");

  /** The log could not be read (an I/O error, a refused request). */
  public static final DiscrepancyKind SOURCE_ERROR = new DiscrepancyKind("SOURCE_ERROR");

  /** A pluggable check failed with an unexpected error (counted as a failure, never a pass). */
  public static final DiscrepancyKind CHECK_ERROR = new DiscrepancyKind("CHECK_ERROR");

  public DiscrepancyKind {
    if (!NAME.matcher(name).matches()) {
      throw new IllegalArgumentException(
          "a discrepancy kind is 1..64 of A-Z, 0-9 and _, starting with a letter: " + name);
    }
  }

  @Override
  public String toString() {
    return name;
  }
}
