package dev.proofofcompute.worker;

import com.fasterxml.jackson.databind.JsonNode;
import dev.proofofcompute.coordinator.client.ApiException;
import dev.proofofcompute.coordinator.client.CoordinatorClient;
import dev.proofofcompute.coordinator.service.CoordinatorException;
import dev.proofofcompute.coordinator.service.CoordinatorException.Kind;
import dev.proofofcompute.coordinator.service.Views.Balances;
import dev.proofofcompute.coordinator.service.Views.ChallengeState;
import dev.proofofcompute.coordinator.service.Views.DisputeRequest;
import dev.proofofcompute.coordinator.service.Views.Lease;
import dev.proofofcompute.coordinator.service.Views.TaskOutcomeView;
import dev.proofofcompute.core.workload.WorkloadId;
import dev.proofofcompute.crypto.Bytes;
import dev.proofofcompute.crypto.Digest;
import dev.proofofcompute.crypto.identity.NodeIdentity;
import dev.proofofcompute.crypto.money.Amount;
import dev.proofofcompute.storage.NodeRole;
import dev.proofofcompute.storage.TaskKind;
import dev.proofofcompute.storage.TaskState;
import java.net.URI;
import java.time.Duration;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;

/**
 * {@link CoordinatorApi} over the coordinator's signed HTTP API ({@link CoordinatorClient}: every
 * request signed with the node's key, fresh nonce and timestamp). Maps the JSON answers to the
 * service's view records and the client's {@link ApiException} to {@link CoordinatorException}:
 * unreachable (status 0) and 5xx are {@link Kind#UNAVAILABLE}, 429 is {@link Kind#TOO_MANY}, the
 * other statuses their kind. A malformed answer is {@link Kind#UNAVAILABLE} too (a proxy in the
 * way, a coordinator restarting). Thread-safe.
 */
public final class HttpCoordinatorApi implements CoordinatorApi {
  private final CoordinatorClient client;

  private HttpCoordinatorApi(CoordinatorClient client) {
    this.client = client;
  }

  /** The API of the coordinator at {@code base} for node {@code identity}. */
  public static HttpCoordinatorApi create(URI base, NodeIdentity identity) {
    return new HttpCoordinatorApi(CoordinatorClient.create(base, identity));
  }

  /** Over an existing client (tests inject clocks and nonce sources this way). */
  public static HttpCoordinatorApi of(CoordinatorClient client) {
    return new HttpCoordinatorApi(client);
  }

  private interface Call<T> {
    T call() throws ApiException;
  }

  private static <T> T mapped(Call<T> call) throws CoordinatorException {
    try {
      return call.call();
    } catch (ApiException e) {
      throw map(e);
    } catch (RuntimeException e) {
      throw new CoordinatorException(
          Kind.UNAVAILABLE, "the coordinator answered something unexpected: " + e.getMessage(), e);
    }
  }

  static CoordinatorException map(ApiException e) {
    int s = e.status();
    Kind kind;
    if (s == 0 || s >= 500) {
      kind = Kind.UNAVAILABLE;
    } else if (s == 429) {
      kind = Kind.TOO_MANY;
    } else if (s == 409) {
      kind = Kind.CONFLICT;
    } else if (s == 404) {
      kind = Kind.NOT_FOUND;
    } else if (s == 401) {
      kind = Kind.UNAUTHENTICATED;
    } else if (s == 403) {
      kind = Kind.FORBIDDEN;
    } else if (s == 413) {
      kind = Kind.TOO_LARGE;
    } else if (s >= 200 && s < 300) {
      kind = Kind.UNAVAILABLE; // a malformed success answer
    } else {
      kind = Kind.BAD_REQUEST;
    }
    return new CoordinatorException(kind, e.reason(), e);
  }

  @Override
  public void register(Set<NodeRole> roles) throws CoordinatorException {
    List<String> names = new ArrayList<>();
    for (NodeRole r : roles) {
      names.add(r.name().toLowerCase(Locale.ROOT));
    }
    try {
      client.register(names, Amount.ZERO);
    } catch (ApiException e) {
      if (e.status() == 409) {
        return; // already registered: a restarted worker carries on
      }
      throw map(e);
    }
  }

  @Override
  public Balances deposit(Amount amount) throws CoordinatorException {
    return mapped(() -> balances(client.deposit(amount)));
  }

  @Override
  public Balances bond(Amount amount) throws CoordinatorException {
    return mapped(() -> balances(client.bond(amount)));
  }

  @Override
  public Balances balances() throws CoordinatorException {
    return mapped(() -> balances(client.balances(client.nodeId())));
  }

  private Balances balances(JsonNode j) throws ApiException {
    return new Balances(
        client.nodeId(), amount(j, "available"), amount(j, "bonded"), amount(j, "locked"));
  }

  @Override
  public Optional<Lease> lease(TaskKind kind, Duration wait) throws CoordinatorException {
    String role = kind == TaskKind.EXECUTE ? "provider" : "validator";
    Optional<JsonNode> j = mapped(() -> client.lease(role, wait));
    if (j.isEmpty()) {
      return Optional.empty();
    }
    return Optional.of(mapped(() -> lease(j.get())));
  }

  private static Lease lease(JsonNode j) throws ApiException {
    JsonNode w = field(j, "workload");
    WorkloadId workload =
        new WorkloadId(
            text(w, "name"), w.path("version").asInt(), Digest.fromHex(text(w, "digest")));
    TaskKind kind = text(j, "kind").equals("execute") ? TaskKind.EXECUTE : TaskKind.VALIDATE;
    Optional<Bytes> work =
        j.hasNonNull("work") ? Optional.of(CoordinatorClient.bytes(j, "work")) : Optional.empty();
    return new Lease(
        text(j, "taskId"),
        text(j, "leaseId"),
        instant(j, "deadline"),
        kind,
        text(j, "jobId"),
        j.path("replica").asInt(),
        workload,
        text(j, "scheme"),
        CoordinatorClient.bytes(j, "parameters"),
        CoordinatorClient.bytes(j, "jobInput"),
        CoordinatorClient.bytes(j, "taskInput"),
        work,
        amount(j, "lockedStake"));
  }

  @Override
  public Instant heartbeat(String taskId, String leaseId) throws CoordinatorException {
    return mapped(() -> instant(client.heartbeat(taskId, leaseId), "leaseDeadline"));
  }

  @Override
  public void release(String taskId, String leaseId) throws CoordinatorException {
    mapped(() -> client.release(taskId, leaseId));
  }

  @Override
  public ChallengeState commit(String taskId, String leaseId, Bytes commitment)
      throws CoordinatorException {
    return mapped(() -> challengeState(client.commit(taskId, leaseId, commitment)));
  }

  @Override
  public ChallengeState challenge(String taskId, String leaseId) throws CoordinatorException {
    return mapped(() -> challengeState(client.challenge(taskId, leaseId)));
  }

  private static ChallengeState challengeState(JsonNode j) throws ApiException {
    boolean ready = j.path("ready").asBoolean(false);
    Optional<Bytes> challenge =
        j.hasNonNull("challenge")
            ? Optional.of(CoordinatorClient.bytes(j, "challenge"))
            : Optional.empty();
    return new ChallengeState(text(j, "taskId"), ready, challenge, instant(j, "leaseDeadline"));
  }

  @Override
  public TaskOutcomeView respond(String taskId, String leaseId, Bytes response)
      throws CoordinatorException {
    return mapped(() -> outcome(client.respond(taskId, leaseId, response)));
  }

  @Override
  public TaskOutcomeView report(String taskId, String leaseId, Bytes report)
      throws CoordinatorException {
    return mapped(() -> outcome(client.report(taskId, leaseId, report)));
  }

  private static TaskOutcomeView outcome(JsonNode j) throws ApiException {
    TaskState state;
    try {
      state = TaskState.valueOf(text(j, "state").toUpperCase(Locale.ROOT));
    } catch (IllegalArgumentException e) {
      throw new ApiException(200, "bad_response", "unknown task state " + text(j, "state"));
    }
    Optional<String> detail =
        j.hasNonNull("detail") ? Optional.of(j.get("detail").asText()) : Optional.empty();
    return new TaskOutcomeView(text(j, "taskId"), state, detail);
  }

  @Override
  public List<DisputeRequest> pendingDisputes() throws CoordinatorException {
    return mapped(() -> {
      List<DisputeRequest> out = new ArrayList<>();
      for (JsonNode x : client.pendingDisputes().path("requests")) {
        out.add(
            new DisputeRequest(
                text(x, "disputeId"),
                text(x, "jobId"),
                text(x, "taskId"),
                CoordinatorClient.bytes(x, "request"),
                instant(x, "deadline")));
      }
      return out;
    });
  }

  @Override
  public void answerDispute(String disputeId, String taskId, Bytes answer)
      throws CoordinatorException {
    mapped(() -> client.answerDispute(disputeId, taskId, answer));
  }

  @Override
  public Optional<Bytes> peekResult(String jobId) throws CoordinatorException {
    return mapped(() -> client.result(jobId));
  }

  // ------------------------------------------------------------------ JSON fields

  private static JsonNode field(JsonNode j, String name) throws ApiException {
    JsonNode v = j.get(name);
    if (v == null || v.isNull()) {
      throw new ApiException(200, "bad_response", "field " + name + " is missing");
    }
    return v;
  }

  private static String text(JsonNode j, String name) throws ApiException {
    JsonNode v = field(j, name);
    if (!v.isTextual()) {
      throw new ApiException(200, "bad_response", "field " + name + " is not text");
    }
    return v.textValue();
  }

  private static Instant instant(JsonNode j, String name) throws ApiException {
    try {
      return Instant.parse(text(j, name));
    } catch (DateTimeParseException e) {
      throw new ApiException(200, "bad_response", "field " + name + " is not a time");
    }
  }

  private static Amount amount(JsonNode j, String name) throws ApiException {
    try {
      return Amount.parse(text(j, name));
    } catch (IllegalArgumentException | ArithmeticException e) {
      throw new ApiException(200, "bad_response", "field " + name + " is not an amount");
    }
  }

  @Override
  public String toString() {
    return "HttpCoordinatorApi[" + client.base() + "]";
  }
}
