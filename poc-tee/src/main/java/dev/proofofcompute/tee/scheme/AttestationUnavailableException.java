package dev.proofofcompute.tee.scheme;

/** An {@link Attester} could not produce evidence (no TEE, device error, nothing recorded). */
public final class AttestationUnavailableException extends Exception {
  private static final long serialVersionUID = 1L;

  public AttestationUnavailableException(String reason) {
    super(reason);
  }

  public AttestationUnavailableException(String reason, Throwable cause) {
    super(reason, cause);
  }
}
