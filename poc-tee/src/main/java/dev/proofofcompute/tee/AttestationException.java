package dev.proofofcompute.tee;

/**
 * A check of attestation evidence failed with a {@link AttestationVerdict.Reason}. The verifiers
 * throw it internally and turn it into a {@link AttestationVerdict.Rejected}; it does not escape
 * {@link AttestationVerifier#verify}.
 */
public final class AttestationException extends Exception {
  private static final long serialVersionUID = 1L;

  private final AttestationVerdict.Reason reason;

  public AttestationException(AttestationVerdict.Reason reason, String detail) {
    super(detail);
    this.reason = reason;
  }

  public AttestationException(AttestationVerdict.Reason reason, String detail, Throwable cause) {
    super(detail, cause);
    this.reason = reason;
  }

  public AttestationVerdict.Reason reason() {
    return reason;
  }

  /** This failure as a verdict. */
  public AttestationVerdict.Rejected toVerdict() {
    return new AttestationVerdict.Rejected(reason, String.valueOf(getMessage()));
  }
}
