package dev.proofofcompute.coordinator.service;

import dev.proofofcompute.crypto.Bytes;
import java.util.Locale;
import java.util.Optional;

/**
 * One operation of a batched request ({@code POST /v1/tasks/batch}, {@link Coordination#batch}):
 * what the single endpoint {@code POST /v1/tasks/{taskId}/<op>} would do, with the same fields.
 *
 * @param kind which operation
 * @param taskId the task it applies to (at most one operation per task in a batch)
 * @param leaseId the lease the caller holds the task under
 * @param payload the commitment (commit), response (respond) or report (report); empty for the
 *     others
 */
public record TaskOp(Kind kind, String taskId, String leaseId, Optional<Bytes> payload) {

  /** The operations a batch may hold, named as on the wire. */
  public enum Kind {
    COMMIT("commitment"),
    CHALLENGE(null),
    RESPOND("response"),
    REPORT("report"),
    HEARTBEAT(null),
    RELEASE(null);

    private final @org.jspecify.annotations.Nullable String payloadField;

    Kind(@org.jspecify.annotations.Nullable String payloadField) {
      this.payloadField = payloadField;
    }

    /** The wire name: {@code commit}, {@code challenge}, ... */
    public String wireName() {
      return name().toLowerCase(Locale.ROOT);
    }

    /** The JSON field that carries the payload (base64), if this operation takes one. */
    public Optional<String> payloadField() {
      return Optional.ofNullable(payloadField);
    }

    /** The operation named {@code wire}, if any. */
    public static Optional<Kind> fromWire(String wire) {
      for (Kind k : values()) {
        if (k.wireName().equals(wire)) {
          return Optional.of(k);
        }
      }
      return Optional.empty();
    }
  }

  public TaskOp {
    if (payload.isPresent() != kind.payloadField().isPresent()) {
      throw new IllegalArgumentException(
          kind.wireName()
              + (payload.isPresent() ? " takes no payload" : " needs its payload")
              + " (task "
              + taskId
              + ")");
    }
  }

  public static TaskOp commit(String taskId, String leaseId, Bytes commitment) {
    return new TaskOp(Kind.COMMIT, taskId, leaseId, Optional.of(commitment));
  }

  public static TaskOp challenge(String taskId, String leaseId) {
    return new TaskOp(Kind.CHALLENGE, taskId, leaseId, Optional.empty());
  }

  public static TaskOp respond(String taskId, String leaseId, Bytes response) {
    return new TaskOp(Kind.RESPOND, taskId, leaseId, Optional.of(response));
  }

  public static TaskOp report(String taskId, String leaseId, Bytes report) {
    return new TaskOp(Kind.REPORT, taskId, leaseId, Optional.of(report));
  }

  public static TaskOp heartbeat(String taskId, String leaseId) {
    return new TaskOp(Kind.HEARTBEAT, taskId, leaseId, Optional.empty());
  }

  public static TaskOp release(String taskId, String leaseId) {
    return new TaskOp(Kind.RELEASE, taskId, leaseId, Optional.empty());
  }

  /** The payload of an operation that takes one. */
  Bytes requirePayload() {
    return payload.orElseThrow(() -> new IllegalStateException(kind + " without payload"));
  }
}
