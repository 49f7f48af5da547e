package dev.proofofcompute.coordinator.service;

/**
 * A request the coordinator refuses, with a {@link Kind} that maps to one HTTP status and a
 * machine-readable error code, and a reason fit to show the caller (it never carries internals: no
 * stack trace, SQL, secret or file path). A refused request changes no state.
 */
public final class CoordinatorException extends Exception {
  private static final long serialVersionUID = 1L;

  /** What kind of refusal; each has one HTTP status and one error code. */
  public enum Kind {
    /** Malformed or invalid input (400). */
    BAD_REQUEST(400, "bad_request"),
    /** Unsigned, wrongly signed, stale or replayed (401). */
    UNAUTHENTICATED(401, "unauthenticated"),
    /** Authenticated, but this node may not do this (403). */
    FORBIDDEN(403, "forbidden"),
    /** No such node, job, task or dispute (404). */
    NOT_FOUND(404, "not_found"),
    /** The request conflicts with the current state (a lapsed lease, a wrong step, funds) (409). */
    CONFLICT(409, "conflict"),
    /** The body is larger than the limit (413). */
    TOO_LARGE(413, "too_large"),
    /** The node is throttled or the server is saturated; retry later (429). */
    TOO_MANY(429, "too_many_requests"),
    /** The storage is unavailable; retry later (503). */
    UNAVAILABLE(503, "unavailable");

    private final int status;
    private final String code;

    Kind(int status, String code) {
      this.status = status;
      this.code = code;
    }

    public int status() {
      return status;
    }

    public String code() {
      return code;
    }
  }

  private final Kind kind;

  public CoordinatorException(Kind kind, String reason) {
    super(reason);
    this.kind = kind;
  }

  public CoordinatorException(Kind kind, String reason, Throwable cause) {
    super(reason, cause);
    this.kind = kind;
  }

  public Kind kind() {
    return kind;
  }

  public String reason() {
    return String.valueOf(getMessage());
  }

  static CoordinatorException badRequest(String reason) {
    return new CoordinatorException(Kind.BAD_REQUEST, reason);
  }

  static CoordinatorException notFound(String reason) {
    return new CoordinatorException(Kind.NOT_FOUND, reason);
  }

  static CoordinatorException conflict(String reason) {
    return new CoordinatorException(Kind.CONFLICT, reason);
  }

  static CoordinatorException forbidden(String reason) {
    return new CoordinatorException(Kind.FORBIDDEN, reason);
  }
}
