package dev.proofofcompute.tee;

import dev.proofofcompute.crypto.VerificationException;

/**
 * The outcome of verifying one piece of attestation evidence: {@link Accepted} with the measured
 * values, or {@link Rejected} with a reason an operator can act on and a detail message. Switch
 * over it exhaustively; {@link #requireAccepted()} turns a rejection into a {@link
 * VerificationException} for callers that fail closed.
 */
public sealed interface AttestationVerdict
    permits AttestationVerdict.Accepted, AttestationVerdict.Rejected {

  /** The evidence is authentic, valid at the as-of time and satisfies the policy. */
  record Accepted(Measured measured) implements AttestationVerdict {}

  /** The evidence failed a check; {@code detail} says which and why. */
  record Rejected(Reason reason, String detail) implements AttestationVerdict {}

  /**
   * The measured values of an accepted verdict.
   *
   * @throws VerificationException with the reason and detail of a rejection
   */
  default Measured requireAccepted() throws VerificationException {
    return switch (this) {
      case Accepted a -> a.measured();
      case Rejected r -> throw new VerificationException(r.reason() + ": " + r.detail());
    };
  }

  /** Why evidence was rejected. */
  enum Reason {
    /** The input is not well-formed evidence of the format (layout, CBOR, DER, field sizes). */
    MALFORMED,
    /** The evidence signature does not verify under the attesting key's certificate. */
    BAD_SIGNATURE,
    /** The certificate chain is broken or does not end in a root pinned by fingerprint. */
    CHAIN_NOT_TO_PINNED_ROOT,
    /** A certificate of the chain is not valid (expired or not yet valid) at the as-of time. */
    EXPIRED,
    /**
     * A certificate is revoked. Not produced by the Nitro and SEV-SNP verifiers: no revocation data
     * (AMD KDS CRLs) is consulted; see docs/tee.md.
     */
    REVOKED,
    /**
     * The attesting certificate does not belong to this evidence: an SEV-SNP VCEK for another chip
     * (hwID is not chip_id), or a VCEK/VLEK certificate of the other key type.
     */
    KEY_MISMATCH,
    /** The TCB the key was issued for differs from the TCB in the report (SEV-SNP SPLs). */
    TCB_STATUS,
    /** The enclave or guest runs in debug mode, which the policy does not allow. */
    DEBUG_MODE,
    /** The SEV-SNP report was produced at a VMPL the policy does not allow. */
    VMPL_NOT_ALLOWED,
    /** The SEV-SNP report was signed by a key type (VCEK or VLEK) the policy does not allow. */
    SIGNING_KEY_NOT_ALLOWED,
    /** The measurement (Nitro PCR0, SEV-SNP MEASUREMENT) is not on the policy's allow-list. */
    MEASUREMENT_NOT_ALLOWED,
    /** user_data / report_data (or the nonce) is not the value the verifier expects. */
    BINDING_MISMATCH
  }
}
