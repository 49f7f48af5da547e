package dev.proofofcompute.crypto;

/**
 * Input bytes or text are malformed, oversized or not in canonical form. The message says what is
 * wrong and where, in words fit for an API error response; it never echoes secret material.
 */
public final class DecodingException extends Exception {
  private static final long serialVersionUID = 1L;

  public DecodingException(String reason) {
    super(reason);
  }

  public DecodingException(String reason, Throwable cause) {
    super(reason, cause);
  }
}
