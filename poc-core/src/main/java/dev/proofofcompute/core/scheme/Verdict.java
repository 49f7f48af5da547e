package dev.proofofcompute.core.scheme;

/**
 * The outcome of verifying one provider's submission. {@link Rejected} is the only outcome that may
 * lead to a slash, and a scheme returns it only on proof of a wrong result (a failed check of the
 * provider's own signed evidence); anything short of proof — a missing quorum, a timeout, a
 * verifier-side failure — is {@link Inconclusive}, so that an honest provider is never punished.
 */
public sealed interface Verdict permits Verdict.Accepted, Verdict.Rejected, Verdict.Inconclusive {
  String detail();

  /** The submission passed every check of its policy. */
  record Accepted(String detail) implements Verdict {}

  /** The submission is provably wrong. */
  record Rejected(Reason reason, String detail) implements Verdict {}

  /** Not enough to decide either way; the task is retried or escalated, nobody is slashed. */
  record Inconclusive(String detail) implements Verdict {}

  static Verdict accepted(String detail) {
    return new Accepted(detail);
  }

  static Verdict rejected(Reason reason, String detail) {
    return new Rejected(reason, detail);
  }

  static Verdict inconclusive(String detail) {
    return new Inconclusive(detail);
  }

  /** Why a submission was rejected. */
  enum Reason {
    /** The evidence could not be parsed, or has the wrong shape for the task. */
    MALFORMED_EVIDENCE,
    /** A revealed value or opening does not match the provider's own commitment. */
    COMMITMENT_MISMATCH,
    /** A Merkle opening or other proof of inclusion failed. */
    BAD_OPENING,
    /** A recomputed item, step or product differs from the provider's claim. */
    WRONG_RESULT,
    /** A canary item with a known answer was answered wrongly. */
    CANARY_FAILED,
    /** The provider's result lost against an agreeing quorum of independent replicas. */
    OUTVOTED,
    /** A bisection dispute convicted this party of the first divergent step. */
    DISPUTE_LOST,
    /** A cryptographic proof (STARK) failed to verify. */
    BAD_PROOF,
    /** A TEE attestation failed verification or does not bind the result. */
    BAD_ATTESTATION,
    /** A signature over the provider's message failed. */
    BAD_SIGNATURE
  }
}
