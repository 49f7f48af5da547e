package dev.proofofcompute.coordinator.http;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import dev.proofofcompute.coordinator.service.Coordination.JobRequest;
import dev.proofofcompute.coordinator.service.Coordination.Terms;
import dev.proofofcompute.coordinator.service.CoordinatorException;
import dev.proofofcompute.core.workload.WorkloadId;
import dev.proofofcompute.crypto.Bytes;
import dev.proofofcompute.crypto.DecodingException;
import dev.proofofcompute.crypto.Digest;
import dev.proofofcompute.crypto.identity.NodeId;
import dev.proofofcompute.crypto.identity.NodePublicKey;
import dev.proofofcompute.crypto.money.Amount;
import dev.proofofcompute.ledger.SlashSplit;
import dev.proofofcompute.schemes.replication.AdaptiveSettings;
import dev.proofofcompute.storage.NodeRole;
import dev.proofofcompute.storage.TaskKind;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * The JSON request bodies of the API, parsed into values: what a node asked for. Used by the
 * handlers ({@link CoordinatorApi}) and by the auditor's body check ({@code
 * coordinator.audit.RequestBodyCheck}), which reads a logged request body the same way the
 * coordinator read it and compares it with the entry the coordinator logged. Every parse is strict
 * ({@link JsonBody}): unknown fields, wrong types and missing fields are a {@link
 * CoordinatorException} of kind BAD_REQUEST naming the field.
 *
 * <p>Batched requests ({@code POST /v1/tasks/batch}, {@code POST /v1/leases/batch};
 * docs/coordinator.md, "Batched requests") carry the same fields per operation as the single
 * endpoints.
 */
public final class RequestBodies {
  private static final String ID = "[A-Za-z0-9._-]{1,128}";

  private RequestBodies() {}

  /** {@code POST /v1/nodes}: the key to register (it must sign the request), roles, stake. */
  public record Registration(NodePublicKey key, Set<NodeRole> roles, Amount stake) {}

  public static Registration registration(Bytes body) throws CoordinatorException {
    JsonBody b = JsonBody.parse(body.toByteArray(), "publicKey", "roles", "stake");
    NodePublicKey key;
    try {
      key = NodePublicKey.fromRaw(hex("publicKey", b.text("publicKey"), 32));
    } catch (DecodingException e) {
      throw JsonBody.bad("field 'publicKey': " + e.getMessage());
    }
    JsonNode rolesNode = b.required("roles");
    if (!rolesNode.isArray() || rolesNode.isEmpty() || rolesNode.size() > 3) {
      throw JsonBody.bad(
          "field 'roles' must be a non-empty array of requester, provider, validator");
    }
    Set<NodeRole> roles = EnumSet.noneOf(NodeRole.class);
    for (JsonNode r : rolesNode) {
      roles.add(role(r));
    }
    Amount stake = b.optional("stake").isPresent() ? b.amount("stake") : Amount.ZERO;
    return new Registration(key, Set.copyOf(roles), stake);
  }

  private static NodeRole role(JsonNode r) throws CoordinatorException {
    if (r.isTextual()) {
      switch (r.textValue()) {
        case "requester" -> {
          return NodeRole.REQUESTER;
        }
        case "provider" -> {
          return NodeRole.PROVIDER;
        }
        case "validator" -> {
          return NodeRole.VALIDATOR;
        }
        default -> {}
      }
    }
    throw JsonBody.bad("a role is one of requester, provider, validator");
  }

  static Bytes hex(String field, String text, int length) throws CoordinatorException {
    if (text.length() != 2 * length) {
      throw JsonBody.bad("field '" + field + "' must be " + 2 * length + " hex characters");
    }
    try {
      return Bytes.fromHex(text);
    } catch (IllegalArgumentException e) {
      throw JsonBody.bad("field '" + field + "' must be " + 2 * length + " hex characters");
    }
  }

  /** {@code POST /v1/accounts/deposit}: the account credited (the signer's when absent). */
  public record Deposit(Optional<NodeId> target, Amount amount) {}

  public static Deposit deposit(Bytes body) throws CoordinatorException {
    JsonBody b = JsonBody.parse(body.toByteArray(), "nodeId", "amount");
    Optional<NodeId> target =
        b.optional("nodeId").isPresent()
            ? Optional.of(JsonBody.nodeId("field 'nodeId'", b.text("nodeId")))
            : Optional.empty();
    return new Deposit(target, b.amount("amount"));
  }

  /** {@code POST /v1/accounts/bond|unbond|withdraw}: the amount. */
  public static Amount transfer(Bytes body) throws CoordinatorException {
    return JsonBody.parse(body.toByteArray(), "amount").amount("amount");
  }

  /** {@code POST /v1/jobs}: a job submission. */
  public static JobRequest job(Bytes body) throws CoordinatorException {
    try {
      return parseJob(body);
    } catch (JsonProcessingException e) {
      throw JsonBody.bad("the job is malformed: " + e.getOriginalMessage());
    }
  }

  private static JobRequest parseJob(Bytes body)
      throws CoordinatorException, JsonProcessingException {
    JsonBody b =
        JsonBody.parse(
            body.toByteArray(), "workload", "input", "policy", "terms", "idempotencyKey");
    WorkloadId workload = workload(b.required("workload"));
    Bytes input = b.bytes("input");
    JsonNode policy = b.required("policy");
    if (!policy.isObject()) {
      throw JsonBody.bad("field 'policy' must be an object {scheme, params, adaptive?}");
    }
    JsonBody p =
        JsonBody.parse(JsonBody.MAPPER.writeValueAsBytes(policy), "scheme", "params", "adaptive");
    String scheme = p.text("scheme");
    Bytes params = JsonCbor.toCbor(p.required("params"));
    Optional<AdaptiveSettings> adaptive = Optional.empty();
    if (p.optional("adaptive").isPresent()) {
      JsonBody a =
          JsonBody.parse(
              JsonBody.MAPPER.writeValueAsBytes(p.required("adaptive")),
              "trustThreshold",
              "checkFloor");
      JsonNode floor = a.required("checkFloor");
      if (!floor.isNumber()) {
        throw JsonBody.bad("field 'checkFloor' must be a number in (0, 1]");
      }
      try {
        adaptive =
            Optional.of(
                new AdaptiveSettings(
                    (int) a.integer("trustThreshold", 1, 1_000_000), floor.doubleValue()));
      } catch (IllegalArgumentException e) {
        throw JsonBody.bad("adaptive: " + e.getMessage());
      }
    }
    JsonNode termsNode = b.required("terms");
    if (!termsNode.isObject()) {
      throw JsonBody.bad("field 'terms' must be an object");
    }
    JsonBody t =
        JsonBody.parse(
            JsonBody.MAPPER.writeValueAsBytes(termsNode),
            "rewardPerTask",
            "validatorFeePerTask",
            "minStake",
            "slashSplit",
            "maxTasks");
    JsonNode splitNode = t.required("slashSplit");
    if (!splitNode.isObject()) {
      throw JsonBody.bad("field 'slashSplit' must be an object");
    }
    JsonBody s =
        JsonBody.parse(
            JsonBody.MAPPER.writeValueAsBytes(splitNode),
            "requesterBps",
            "treasuryBps",
            "challengerBps");
    SlashSplit split;
    try {
      split =
          new SlashSplit(
              (int) s.integer("requesterBps", 0, 10_000),
              (int) s.integer("treasuryBps", 0, 10_000),
              (int) s.integer("challengerBps", 0, 10_000));
    } catch (IllegalArgumentException e) {
      throw JsonBody.bad("slashSplit: " + e.getMessage());
    }
    Optional<Integer> maxTasks =
        t.optional("maxTasks").isPresent()
            ? Optional.of((int) t.integer("maxTasks", 1, 64))
            : Optional.empty();
    Terms terms =
        new Terms(
            t.amount("rewardPerTask"),
            t.optional("validatorFeePerTask").isPresent()
                ? t.amount("validatorFeePerTask")
                : Amount.ZERO,
            t.amount("minStake"),
            split,
            maxTasks);
    return new JobRequest(
        workload, input, scheme, params, adaptive, terms, b.text("idempotencyKey"));
  }

  static WorkloadId workload(JsonNode n) throws CoordinatorException {
    if (!n.isObject()) {
      throw JsonBody.bad("field 'workload' must be an object {name, version, digest}");
    }
    JsonBody w;
    try {
      w = JsonBody.parse(JsonBody.MAPPER.writeValueAsBytes(n), "name", "version", "digest");
    } catch (JsonProcessingException e) {
      throw JsonBody.bad("field 'workload' is malformed");
    }
    try {
      return new WorkloadId(
          w.text("name"),
          (int) w.integer("version", 1, Integer.MAX_VALUE),
          Digest.of(hex("digest", w.text("digest"), 32)));
    } catch (IllegalArgumentException e) {
      throw JsonBody.bad("field 'workload': " + e.getMessage());
    }
  }

  /** {@code POST /v1/leases}: the kind of task wanted and how long to wait for one. */
  public record LeaseAsk(TaskKind kind, long waitMillis) {}

  public static LeaseAsk lease(Bytes body) throws CoordinatorException {
    JsonBody b = JsonBody.parse(body.toByteArray(), "role", "waitMillis");
    return new LeaseAsk(kind(b), wait(b));
  }

  /** {@code POST /v1/leases/batch}: up to {@code max} tasks of one kind. */
  public record LeaseBatch(TaskKind kind, int max, long waitMillis) {}

  public static LeaseBatch leaseBatch(Bytes body) throws CoordinatorException {
    JsonBody b = JsonBody.parse(body.toByteArray(), "role", "max", "waitMillis");
    return new LeaseBatch(kind(b), (int) b.integer("max", 1, 1024), wait(b));
  }

  private static TaskKind kind(JsonBody b) throws CoordinatorException {
    return switch (b.text("role")) {
      case "provider" -> TaskKind.EXECUTE;
      case "validator" -> TaskKind.VALIDATE;
      default -> throw JsonBody.bad("field 'role' is provider or validator");
    };
  }

  private static long wait(JsonBody b) throws CoordinatorException {
    return b.optional("waitMillis").isPresent() ? b.integer("waitMillis", 0, 600_000) : 0;
  }

  /** What a task operation carries besides the lease: its one byte-string field, if any. */
  public enum TaskOpKind {
    COMMIT("commit", "commitment"),
    CHALLENGE("challenge", null),
    RESPOND("respond", "response"),
    REPORT("report", "report"),
    HEARTBEAT("heartbeat", null),
    RELEASE("release", null);

    private final String wire;
    private final @org.jspecify.annotations.Nullable String field;

    TaskOpKind(String wire, @org.jspecify.annotations.Nullable String field) {
      this.wire = wire;
      this.field = field;
    }

    /** The name in a batch ({@code "op"}); the single endpoint is {@code /v1/tasks/{id}/<path>}. */
    public String wireName() {
      return wire;
    }

    /** The endpoint's last path segment: the wire name, except {@code respond -> response}. */
    public String pathSegment() {
      return this == RESPOND ? "response" : wire;
    }

    /** The byte-string field the operation carries (base64 in JSON), if any. */
    public Optional<String> field() {
      return Optional.ofNullable(field);
    }

    /** The kind whose endpoint ends in {@code segment}, if any. */
    public static Optional<TaskOpKind> ofPathSegment(String segment) {
      for (TaskOpKind k : values()) {
        if (k.pathSegment().equals(segment)) {
          return Optional.of(k);
        }
      }
      return Optional.empty();
    }

    static TaskOpKind ofWireName(String name) throws CoordinatorException {
      for (TaskOpKind k : values()) {
        if (k.wire.equals(name)) {
          return k;
        }
      }
      throw JsonBody.bad(
          "field 'op' is one of commit, challenge, respond, report, heartbeat, release");
    }
  }

  /**
   * One operation on a held task: from {@code POST /v1/tasks/{taskId}/<op>} (taskId from the path)
   * or from one element of a batch's {@code ops}.
   *
   * @param value the bytes of {@link TaskOpKind#field()} when the kind has one
   */
  public record TaskOp(TaskOpKind kind, String taskId, String leaseId, Optional<Bytes> value) {}

  /** The body of {@code POST /v1/tasks/{taskId}/<kind>}. */
  public static TaskOp taskOp(TaskOpKind kind, String taskId, Bytes body)
      throws CoordinatorException {
    return taskOp(kind, taskId, body.toByteArray(), false);
  }

  /** The operations of {@code POST /v1/tasks/batch}: {@code {"ops": [{op, taskId, ...}]}}. */
  public static List<TaskOp> taskBatch(Bytes body) throws CoordinatorException {
    JsonBody b = JsonBody.parse(body.toByteArray(), "ops");
    JsonNode ops = b.required("ops");
    if (!ops.isArray() || ops.isEmpty()) {
      throw JsonBody.bad("field 'ops' must be a non-empty array");
    }
    List<TaskOp> out = new ArrayList<>();
    for (JsonNode op : ops) {
      if (!op.isObject()) {
        throw JsonBody.bad("each element of 'ops' must be an object");
      }
      byte[] raw;
      try {
        raw = JsonBody.MAPPER.writeValueAsBytes(op);
      } catch (JsonProcessingException e) {
        throw JsonBody.bad("an element of 'ops' is malformed");
      }
      JsonNode name = op.get("op");
      if (name == null || !name.isTextual()) {
        throw JsonBody.bad("field 'op' is missing");
      }
      out.add(taskOp(TaskOpKind.ofWireName(name.textValue()), "", raw, true));
    }
    return List.copyOf(out);
  }

  private static TaskOp taskOp(TaskOpKind kind, String pathTaskId, byte[] body, boolean inBatch)
      throws CoordinatorException {
    List<String> allowed = new ArrayList<>(List.of("leaseId"));
    if (inBatch) {
      allowed.add("op");
      allowed.add("taskId");
    }
    kind.field().ifPresent(allowed::add);
    JsonBody b = JsonBody.parse(body, allowed.toArray(String[]::new));
    String taskId = inBatch ? b.text("taskId") : pathTaskId;
    if (!taskId.matches(ID)) {
      throw JsonBody.bad("field 'taskId' is malformed");
    }
    String leaseId = b.text("leaseId");
    if (!leaseId.matches(ID)) {
      throw JsonBody.bad("field 'leaseId' is malformed");
    }
    Optional<Bytes> value =
        kind.field().isPresent() ? Optional.of(b.bytes(kind.field().get())) : Optional.empty();
    return new TaskOp(kind, taskId, leaseId, value);
  }

  /** {@code POST /v1/disputes/{disputeId}/answer}: the task answering, and its answer. */
  public record DisputeAnswer(String taskId, Bytes answer) {}

  public static DisputeAnswer disputeAnswer(Bytes body) throws CoordinatorException {
    JsonBody b = JsonBody.parse(body.toByteArray(), "taskId", "answer");
    String taskId = b.text("taskId");
    if (!taskId.matches(ID)) {
      throw JsonBody.bad("field 'taskId' is malformed");
    }
    return new DisputeAnswer(taskId, b.bytes("answer"));
  }
}
