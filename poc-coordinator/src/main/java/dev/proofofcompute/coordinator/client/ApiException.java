package dev.proofofcompute.coordinator.client;

/**
 * The coordinator refused a request ({@code status} 4xx or 5xx, with its error code and reason), or
 * could not be reached ({@code status} 0).
 */
public final class ApiException extends Exception {
  private static final long serialVersionUID = 1L;

  private final int status;
  private final String error;
  private final String reason;

  public ApiException(int status, String error, String reason) {
    super(status == 0 ? reason : status + " " + error + ": " + reason);
    this.status = status;
    this.error = error;
    this.reason = reason;
  }

  public int status() {
    return status;
  }

  public String error() {
    return error;
  }

  public String reason() {
    return reason;
  }
}
