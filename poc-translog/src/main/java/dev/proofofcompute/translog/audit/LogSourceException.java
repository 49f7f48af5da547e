package dev.proofofcompute.translog.audit;

/** The log could not answer: a network or database error, or a refused request. */
public final class LogSourceException extends Exception {
  private static final long serialVersionUID = 1L;

  public LogSourceException(String reason) {
    super(reason);
  }

  public LogSourceException(String reason, Throwable cause) {
    super(reason, cause);
  }
}
