package dev.proofofcompute.coordinator.client;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.proofofcompute.coordinator.service.Coordination;
import dev.proofofcompute.coordinator.service.TaskOp;
import dev.proofofcompute.core.message.RequestSigner;
import dev.proofofcompute.core.workload.WorkloadId;
import dev.proofofcompute.crypto.Bytes;
import dev.proofofcompute.crypto.identity.NodeId;
import dev.proofofcompute.crypto.identity.NodeIdentity;
import dev.proofofcompute.crypto.money.Amount;
import dev.proofofcompute.crypto.random.RandomSource;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.InstantSource;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * A node's client of the coordinator API. Every call signs its request with {@link RequestSigner}
 * (fresh nonce, the injected clock) over exactly the method, target and body it sends, and turns a
 * refusal into an {@link ApiException} with the server's error code and reason. Responses are
 * returned as JSON trees; byte fields are base64 and decoded with {@link #bytes}. Thread-safe.
 */
public final class CoordinatorClient {
  private static final ObjectMapper MAPPER = JsonMapper.builder().build();

  private final URI base;
  private final NodeIdentity identity;
  private final RequestSigner signer;
  private final HttpClient http;
  private final Duration timeout;

  private CoordinatorClient(
      URI base, NodeIdentity identity, InstantSource clock, RandomSource random, Duration timeout) {
    this.base = base;
    this.identity = identity;
    this.signer = RequestSigner.create(identity, clock, random);
    this.http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10)).build();
    this.timeout = timeout;
  }

  /**
   * A client of the coordinator at {@code base} (e.g. {@code http://127.0.0.1:8080}) for {@code
   * identity}.
   */
  public static CoordinatorClient create(URI base, NodeIdentity identity) {
    return create(base, identity, InstantSource.system(), RandomSource.secure());
  }

  /** Bodies larger than this are sent with {@code Expect: 100-continue}. */
  public static final int EXPECT_CONTINUE_ABOVE = 16 << 10;

  /** A client with an injected clock and nonce source. */
  public static CoordinatorClient create(
      URI base, NodeIdentity identity, InstantSource clock, RandomSource random) {
    String b = base.toString();
    URI normalised = URI.create(b.endsWith("/") ? b.substring(0, b.length() - 1) : b);
    return new CoordinatorClient(normalised, identity, clock, random, Duration.ofMinutes(2));
  }

  public NodeId nodeId() {
    return identity.nodeId();
  }

  public NodeIdentity identity() {
    return identity;
  }

  public URI base() {
    return base;
  }

  // ------------------------------------------------------------------ raw access

  /** A response: status and body bytes. */
  public record Response(int status, Bytes body) {
    public JsonNode json() throws ApiException {
      try {
        return MAPPER.readTree(body.toByteArray());
      } catch (IOException e) {
        throw new ApiException(status, "bad_response", "the coordinator answered malformed JSON");
      }
    }
  }

  /** The headers this client would sign for a request (for tests that tamper with them). */
  public Map<String, String> sign(String method, String target, byte[] body) {
    return signer.sign(method, target, Bytes.of(body));
  }

  /** Sends a request with exactly these headers (signed or not) and returns the raw response. */
  public Response send(String method, String target, byte[] body, Map<String, String> headers)
      throws ApiException {
    HttpRequest.Builder b =
        HttpRequest.newBuilder(URI.create(base + target))
            .timeout(timeout)
            .method(
                method,
                body.length == 0 && method.equals("GET")
                    ? HttpRequest.BodyPublishers.noBody()
                    : HttpRequest.BodyPublishers.ofByteArray(body));
    if (body.length > 0) {
      b.header("Content-Type", "application/json");
    }
    // A large body asks first: a coordinator that refuses it (413, 401) answers before the
    // body is sent, instead of closing the connection while this client is still writing.
    b.expectContinue(body.length > EXPECT_CONTINUE_ABOVE);
    headers.forEach(b::header);
    try {
      HttpResponse<byte[]> r = http.send(b.build(), HttpResponse.BodyHandlers.ofByteArray());
      return new Response(r.statusCode(), Bytes.of(r.body()));
    } catch (IOException e) {
      throw new ApiException(
          0, "unreachable", "cannot reach the coordinator at " + base + ": " + e.getMessage());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new ApiException(0, "interrupted", "interrupted while waiting for the coordinator");
    }
  }

  /** Signs and sends; returns the JSON body of a 2xx answer (null node for 204). */
  public Optional<JsonNode> call(
      String method, String target, @org.jspecify.annotations.Nullable JsonNode body)
      throws ApiException {
    byte[] bytes;
    try {
      bytes = body == null ? new byte[0] : MAPPER.writeValueAsBytes(body);
    } catch (IOException e) {
      throw new IllegalStateException(e);
    }
    Response r = send(method, target, bytes, sign(method, target, bytes));
    return check(r);
  }

  /** Sends without any signature (health, metrics, openapi). */
  public Response unsigned(String method, String target) throws ApiException {
    return send(method, target, new byte[0], Map.of());
  }

  static Optional<JsonNode> check(Response r) throws ApiException {
    if (r.status() == 204) {
      return Optional.empty();
    }
    if (r.status() >= 200 && r.status() < 300) {
      return Optional.of(r.json());
    }
    String error = "http_" + r.status();
    String reason = "the coordinator answered " + r.status();
    try {
      JsonNode j = MAPPER.readTree(r.body().toByteArray());
      if (j != null && j.hasNonNull("error")) {
        error = j.get("error").asText();
        reason = j.path("reason").asText(reason);
      }
    } catch (IOException e) {
      // keep the generic reason
    }
    throw new ApiException(r.status(), error, reason);
  }

  private JsonNode required(
      String method, String target, @org.jspecify.annotations.Nullable JsonNode body)
      throws ApiException {
    return call(method, target, body)
        .orElseThrow(
            () -> new ApiException(204, "no_content", "the coordinator answered no content"));
  }

  static ObjectNode obj() {
    return MAPPER.createObjectNode();
  }

  /** Decodes a base64 field of a response. */
  public static Bytes bytes(JsonNode node, String field) throws ApiException {
    JsonNode v = node.get(field);
    if (v == null || !v.isTextual()) {
      throw new ApiException(200, "bad_response", "field " + field + " is missing");
    }
    try {
      return Bytes.of(Base64.getDecoder().decode(v.textValue()));
    } catch (IllegalArgumentException e) {
      throw new ApiException(200, "bad_response", "field " + field + " is not base64");
    }
  }

  static String b64(Bytes b) {
    return Base64.getEncoder().encodeToString(b.toByteArray());
  }

  // ------------------------------------------------------------------ operations

  public JsonNode health() throws ApiException {
    return check(unsigned("GET", "/health")).orElseThrow();
  }

  /** Registers this client's node with {@code roles} (requester, provider, validator). */
  public JsonNode register(List<String> roles, Amount stake) throws ApiException {
    ObjectNode b = obj();
    b.put("publicKey", identity.publicKey().raw().toHex());
    roles.forEach(b.putArray("roles")::add);
    if (!stake.isZero()) {
      b.put("stake", stake.toString());
    }
    return required("POST", "/v1/nodes", b);
  }

  public JsonNode node(NodeId id) throws ApiException {
    return required("GET", "/v1/nodes/" + id.toHex(), null);
  }

  public JsonNode balances(NodeId id) throws ApiException {
    return required("GET", "/v1/accounts/" + id.toHex(), null);
  }

  public JsonNode deposit(Amount amount) throws ApiException {
    ObjectNode b = obj();
    b.put("amount", amount.toString());
    return required("POST", "/v1/accounts/deposit", b);
  }

  /** The operator credits {@code node}. */
  public JsonNode deposit(NodeId node, Amount amount) throws ApiException {
    ObjectNode b = obj();
    b.put("nodeId", node.toHex());
    b.put("amount", amount.toString());
    return required("POST", "/v1/accounts/deposit", b);
  }

  public JsonNode bond(Amount amount) throws ApiException {
    return amountCall("/v1/accounts/bond", amount);
  }

  public JsonNode unbond(Amount amount) throws ApiException {
    return amountCall("/v1/accounts/unbond", amount);
  }

  public JsonNode withdraw(Amount amount) throws ApiException {
    return amountCall("/v1/accounts/withdraw", amount);
  }

  private JsonNode amountCall(String target, Amount amount) throws ApiException {
    ObjectNode b = obj();
    b.put("amount", amount.toString());
    return required("POST", target, b);
  }

  /** A job to submit; {@code params} is the policy's parameters as JSON. */
  public record JobSubmission(
      WorkloadId workload,
      Bytes input,
      String scheme,
      JsonNode params,
      Optional<JsonNode> adaptive,
      Amount rewardPerTask,
      Amount validatorFeePerTask,
      Amount minStake,
      int requesterBps,
      int treasuryBps,
      int challengerBps,
      Optional<Integer> maxTasks,
      String idempotencyKey) {}

  /** The JSON body of a submission (exposed for tests that alter it). */
  public static ObjectNode submissionBody(JobSubmission s) {
    ObjectNode b = obj();
    ObjectNode w = b.putObject("workload");
    w.put("name", s.workload().name());
    w.put("version", s.workload().version());
    w.put("digest", s.workload().digest().toHex());
    b.put("input", b64(s.input()));
    ObjectNode p = b.putObject("policy");
    p.put("scheme", s.scheme());
    p.set("params", s.params());
    s.adaptive().ifPresent(a -> p.set("adaptive", a));
    ObjectNode t = b.putObject("terms");
    t.put("rewardPerTask", s.rewardPerTask().toString());
    t.put("validatorFeePerTask", s.validatorFeePerTask().toString());
    t.put("minStake", s.minStake().toString());
    ObjectNode split = t.putObject("slashSplit");
    split.put("requesterBps", s.requesterBps());
    split.put("treasuryBps", s.treasuryBps());
    split.put("challengerBps", s.challengerBps());
    s.maxTasks().ifPresent(m -> t.put("maxTasks", m));
    b.put("idempotencyKey", s.idempotencyKey());
    return b;
  }

  public JsonNode submit(JobSubmission s) throws ApiException {
    return required("POST", "/v1/jobs", submissionBody(s));
  }

  public JsonNode job(String jobId) throws ApiException {
    return required("GET", "/v1/jobs/" + jobId, null);
  }

  /** The accepted output of a decided job; empty while there is none. */
  public Optional<Bytes> result(String jobId) throws ApiException {
    JsonNode r = required("GET", "/v1/jobs/" + jobId + "/result", null);
    return r.hasNonNull("output") ? Optional.of(bytes(r, "output")) : Optional.empty();
  }

  /** Leases a task as {@code role} (provider or validator), waiting up to {@code wait}. */
  public Optional<JsonNode> lease(String role, Duration wait) throws ApiException {
    ObjectNode b = obj();
    b.put("role", role);
    b.put("waitMillis", wait.toMillis());
    return call("POST", "/v1/leases", b);
  }

  /**
   * Leases up to {@code max} (1..{@link Coordination#MAX_BATCH}) tasks as {@code role} in one
   * request ({@code POST /v1/leases/batch}), waiting up to {@code wait} for the first; the leases
   * in order (each shaped as {@link #lease} returns it), empty when nothing came.
   */
  public List<JsonNode> leaseBatch(String role, int max, Duration wait) throws ApiException {
    ObjectNode b = obj();
    b.put("role", role);
    b.put("max", max);
    b.put("waitMillis", wait.toMillis());
    JsonNode r = required("POST", "/v1/leases/batch", b);
    JsonNode leases = r.get("leases");
    if (leases == null || !leases.isArray()) {
      throw new ApiException(200, "bad_response", "field leases is missing");
    }
    List<JsonNode> out = new ArrayList<>();
    leases.forEach(out::add);
    return out;
  }

  /**
   * The outcome of one operation of a batch: {@code status} and {@code body} as its single endpoint
   * would have answered them, or its refusal ({@code error} code and {@code reason}).
   */
  public record BatchResult(
      TaskOp op, int status, Optional<JsonNode> body, String error, String reason) {
    public boolean ok() {
      return status >= 200 && status < 300;
    }

    /** The answer of a successful operation. */
    public JsonNode answer() throws ApiException {
      if (!ok() || body.isEmpty()) {
        throw refusal();
      }
      return body.get();
    }

    /** The refusal of a failed operation, as the single endpoint would have thrown it. */
    public ApiException refusal() {
      return new ApiException(status, error, reason);
    }
  }

  /** The JSON body of a batch of task operations (exposed for tests that alter it). */
  public static ObjectNode batchBody(List<TaskOp> ops) {
    ObjectNode b = obj();
    var list = b.putArray("ops");
    for (TaskOp op : ops) {
      ObjectNode o = list.addObject();
      o.put("op", op.kind().wireName());
      o.put("taskId", op.taskId());
      o.put("leaseId", op.leaseId());
      op.kind().payloadField().ifPresent(f -> o.put(f, b64(op.payload().orElseThrow())));
    }
    return b;
  }

  /**
   * Runs task operations (1..{@link Coordination#MAX_BATCH}, at most one per task) in one request
   * ({@code POST /v1/tasks/batch}); one result per operation, in order. A refused operation is a
   * result, not an exception; the exception is for a refused batch.
   */
  public List<BatchResult> batch(List<TaskOp> ops) throws ApiException {
    JsonNode r = required("POST", "/v1/tasks/batch", batchBody(ops));
    JsonNode results = r.get("results");
    if (results == null || !results.isArray() || results.size() != ops.size()) {
      throw new ApiException(
          200, "bad_response", "the batch answer does not hold one result per operation");
    }
    List<BatchResult> out = new ArrayList<>();
    for (int i = 0; i < ops.size(); i++) {
      JsonNode x = results.get(i);
      TaskOp op = ops.get(i);
      if (!op.taskId().equals(x.path("taskId").asText())
          || !op.kind().wireName().equals(x.path("op").asText())
          || !x.path("status").canConvertToInt()) {
        throw new ApiException(
            200, "bad_response", "result " + i + " does not match its operation");
      }
      out.add(
          new BatchResult(
              op,
              x.get("status").intValue(),
              Optional.ofNullable(x.get("body")),
              x.path("error").asText(""),
              x.path("reason").asText("")));
    }
    return out;
  }

  public JsonNode commit(String taskId, String leaseId, Bytes commitment) throws ApiException {
    ObjectNode b = obj();
    b.put("leaseId", leaseId);
    b.put("commitment", b64(commitment));
    return required("POST", "/v1/tasks/" + taskId + "/commit", b);
  }

  public JsonNode challenge(String taskId, String leaseId) throws ApiException {
    return leaseCall(taskId, leaseId, "challenge");
  }

  public JsonNode respond(String taskId, String leaseId, Bytes response) throws ApiException {
    ObjectNode b = obj();
    b.put("leaseId", leaseId);
    b.put("response", b64(response));
    return required("POST", "/v1/tasks/" + taskId + "/response", b);
  }

  public JsonNode report(String taskId, String leaseId, Bytes report) throws ApiException {
    ObjectNode b = obj();
    b.put("leaseId", leaseId);
    b.put("report", b64(report));
    return required("POST", "/v1/tasks/" + taskId + "/report", b);
  }

  public JsonNode heartbeat(String taskId, String leaseId) throws ApiException {
    return leaseCall(taskId, leaseId, "heartbeat");
  }

  public JsonNode release(String taskId, String leaseId) throws ApiException {
    return leaseCall(taskId, leaseId, "release");
  }

  private JsonNode leaseCall(String taskId, String leaseId, String what) throws ApiException {
    ObjectNode b = obj();
    b.put("leaseId", leaseId);
    return required("POST", "/v1/tasks/" + taskId + "/" + what, b);
  }

  public JsonNode pendingDisputes() throws ApiException {
    return required("GET", "/v1/disputes/pending", null);
  }

  public JsonNode answerDispute(String disputeId, String taskId, Bytes answer) throws ApiException {
    ObjectNode b = obj();
    b.put("taskId", taskId);
    b.put("answer", b64(answer));
    return required("POST", "/v1/disputes/" + disputeId + "/answer", b);
  }
}
