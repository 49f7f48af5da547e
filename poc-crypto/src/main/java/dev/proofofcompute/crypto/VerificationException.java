package dev.proofofcompute.crypto;

/**
 * A cryptographic check failed: a signature, a Merkle proof, a transcript-bound value. Checked, so
 * that a caller cannot ignore a failed verification by accident; verifiers throw it rather than
 * return a boolean, and treat any unexpected runtime error during verification as this failure.
 */
public final class VerificationException extends Exception {
  private static final long serialVersionUID = 1L;

  public VerificationException(String reason) {
    super(reason);
  }

  public VerificationException(String reason, Throwable cause) {
    super(reason, cause);
  }
}
