package dev.proofofcompute.coordinator.http;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.proofofcompute.coordinator.service.Coordination;
import dev.proofofcompute.coordinator.service.Coordination.JobRequest;
import dev.proofofcompute.coordinator.service.CoordinatorException;
import dev.proofofcompute.coordinator.service.CoordinatorException.Kind;
import dev.proofofcompute.coordinator.service.LogService;
import dev.proofofcompute.coordinator.service.TaskOp;
import dev.proofofcompute.coordinator.service.TaskOpResult;
import dev.proofofcompute.coordinator.service.Views;
import dev.proofofcompute.core.message.AuthenticatedRequest;
import dev.proofofcompute.core.message.RequestVerifier;
import dev.proofofcompute.core.workload.WorkloadId;
import dev.proofofcompute.crypto.Bytes;
import dev.proofofcompute.crypto.Digest;
import dev.proofofcompute.crypto.VerificationException;
import dev.proofofcompute.crypto.merkle.ConsistencyProof;
import dev.proofofcompute.crypto.merkle.InclusionProof;
import dev.proofofcompute.crypto.money.Amount;
import dev.proofofcompute.storage.StorageException;
import dev.proofofcompute.storage.TaskKind;
import dev.proofofcompute.translog.SignedTreeHead;
import io.javalin.Javalin;
import io.javalin.http.Context;
import io.javalin.http.HttpResponseException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The HTTP API under {@code /v1}, plus {@code /health}, {@code /metrics} and {@code /openapi}.
 * Handlers are thin — parse the JSON body, authenticate the signed request ({@link RequestVerifier}
 * over the exact method, target and body received), call one {@link Coordination} service, write
 * its result — and every failure goes through one error mapper that answers {@code {"error": code,
 * "reason": text}} with a 4xx (or 503 when the database is down), never internals. The routes are
 * listed in {@link OpenApi}, and a test holds the router and the document to the same list.
 */
public final class CoordinatorApi {
  private static final Logger LOG = LoggerFactory.getLogger(CoordinatorApi.class);
  private static final String JSON = "application/json";

  /** Largest request body accepted by default: 8 MiB (inputs travel as base64). */
  public static final long DEFAULT_MAX_BODY = 8L << 20;

  private final Coordination services;
  private final RequestVerifier verifier;
  private final ApiMetrics metrics;
  private final long maxBody;

  public CoordinatorApi(
      Coordination services, RequestVerifier verifier, ApiMetrics metrics, long maxBody) {
    this.services = services;
    this.verifier = verifier;
    this.metrics = metrics;
    this.maxBody = maxBody;
  }

  /** The Javalin server with every route, not yet started. */
  public Javalin create() {
    return Javalin.create(config -> {
      config.concurrency.useVirtualThreads = true;
      config.http.maxRequestSize = maxBody;
      config.startup.showJavalinBanner = false;
      config.routes.before(this::before);
      config.routes.after(this::after);
      config.routes.get("/health", this::health);
      config.routes.get("/metrics", this::metrics);
      config.routes.get("/openapi", this::openapi);
      config.routes.post("/v1/nodes", this::register);
      config.routes.get("/v1/nodes/{nodeId}", this::node);
      config.routes.get("/v1/accounts/{nodeId}", this::balances);
      config.routes.post("/v1/accounts/deposit", this::deposit);
      config.routes.post("/v1/accounts/bond", ctx -> transfer(ctx, Coordination.Transfer.BOND));
      config.routes.post("/v1/accounts/unbond", ctx -> transfer(ctx, Coordination.Transfer.UNBOND));
      config.routes.post(
          "/v1/accounts/withdraw", ctx -> transfer(ctx, Coordination.Transfer.WITHDRAW));
      config.routes.post("/v1/jobs", this::submit);
      config.routes.get("/v1/jobs/{jobId}", this::job);
      config.routes.get("/v1/jobs/{jobId}/result", this::result);
      config.routes.post("/v1/leases", this::lease);
      config.routes.post("/v1/leases/batch", this::leaseBatch);
      config.routes.post("/v1/tasks/batch", this::taskBatch);
      config.routes.post("/v1/tasks/{taskId}/commit", this::commit);
      config.routes.post("/v1/tasks/{taskId}/challenge", this::challenge);
      config.routes.post("/v1/tasks/{taskId}/response", this::respond);
      config.routes.post("/v1/tasks/{taskId}/report", this::report);
      config.routes.post("/v1/tasks/{taskId}/heartbeat", this::heartbeat);
      config.routes.post("/v1/tasks/{taskId}/release", this::release);
      config.routes.get("/v1/disputes/pending", this::pendingDisputes);
      config.routes.post("/v1/disputes/{disputeId}/answer", this::answerDispute);
      config.routes.get("/v1/log/head", this::logHead);
      config.routes.get("/v1/log/entries", this::logEntries);
      config.routes.get("/v1/log/proof/inclusion", this::logInclusion);
      config.routes.get("/v1/log/proof/consistency", this::logConsistency);
      config.routes.get("/v1/ledger/balances", this::ledgerBalances);
      config.routes.exception(Exception.class, this::failure);
      config.routes.error(404, this::notFound);
    });
  }

  // ------------------------------------------------------------------ plumbing

  private void before(Context ctx) throws CoordinatorException {
    ctx.attribute("poc.start", System.nanoTime());
    String length = ctx.header("Content-Length");
    if (length != null) {
      long n;
      try {
        n = Long.parseLong(length.strip());
      } catch (NumberFormatException e) {
        throw new CoordinatorException(Kind.BAD_REQUEST, "Content-Length is not a number");
      }
      if (n > maxBody) {
        throw new CoordinatorException(
            Kind.TOO_LARGE, "the body of " + n + " bytes exceeds the limit of " + maxBody);
      }
    }
  }

  private void after(Context ctx) {
    Long start = ctx.attribute("poc.start");
    if (start == null) {
      return;
    }
    String route = "unmatched";
    try {
      var last = ctx.endpoints().lastHttpEndpoint();
      if (last != null && last.method.isHttpMethod()) {
        route = last.path;
      }
    } catch (RuntimeException e) {
      // no endpoint matched (a 404): keep "unmatched"
    }
    metrics.request(
        ctx.method().name(), route, ctx.statusCode(), Duration.ofNanos(System.nanoTime() - start));
  }

  private void failure(Exception e, Context ctx) {
    switch (e) {
      case CoordinatorException c -> error(ctx, c.kind().status(), c.kind().code(), c.reason());
      case VerificationException v ->
          error(ctx, 401, Kind.UNAUTHENTICATED.code(), String.valueOf(v.getMessage()));
      case HttpResponseException h ->
          error(ctx, h.getStatus(), code(h.getStatus()), String.valueOf(h.getMessage()));
      case StorageException s -> {
        LOG.warn("storage failure on {} {}: {}", ctx.method(), ctx.path(), s.getMessage());
        error(ctx, 503, Kind.UNAVAILABLE.code(), "the database is unavailable; retry later");
      }
      default -> {
        LOG.error("internal error on {} {}", ctx.method(), ctx.path(), e);
        error(ctx, 500, "internal", "internal error");
      }
    }
  }

  private static String code(int status) {
    for (Kind k : Kind.values()) {
      if (k.status() == status) {
        return k.code();
      }
    }
    return status >= 500 ? "internal" : "bad_request";
  }

  private void notFound(Context ctx) {
    if (ctx.result() != null && ctx.result().startsWith("{\"error\"")) {
      return;
    }
    error(ctx, 404, Kind.NOT_FOUND.code(), "no route " + ctx.method() + " " + ctx.path());
  }

  private static void error(Context ctx, int status, String code, String reason) {
    ObjectNode o = JsonBody.MAPPER.createObjectNode();
    o.put("error", code);
    o.put("reason", reason);
    ctx.status(status);
    write(ctx, o);
  }

  private static void write(Context ctx, JsonNode body) {
    try {
      ctx.contentType(JSON).result(JsonBody.MAPPER.writeValueAsBytes(body));
    } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
      throw new IllegalStateException("cannot write JSON", e);
    }
  }

  private AuthenticatedRequest auth(Context ctx) throws VerificationException {
    return auth(ctx, services.keys());
  }

  private AuthenticatedRequest auth(Context ctx, RequestVerifier.KeyLookup keys)
      throws VerificationException {
    String query = ctx.queryString();
    String target = query == null ? ctx.path() : ctx.path() + "?" + query;
    return verifier.verify(
        ctx.method().name(), target, Bytes.of(ctx.bodyAsBytes()), ctx::header, keys);
  }

  private static String id(Context ctx, String param) throws CoordinatorException {
    String v = ctx.pathParam(param);
    if (!v.matches("[A-Za-z0-9._-]{1,128}")) {
      throw JsonBody.bad("path parameter '" + param + "' is malformed");
    }
    return v;
  }

  private static ObjectNode obj() {
    return JsonBody.MAPPER.createObjectNode();
  }

  private static String b64(Bytes b) {
    return Base64.getEncoder().encodeToString(b.toByteArray());
  }

  // ------------------------------------------------------------------ operational

  private void health(Context ctx) {
    ObjectNode o = obj();
    try {
      o.put("status", "ok");
      o.put("storage", services.health());
      write(ctx, o);
    } catch (RuntimeException e) {
      LOG.warn("health check failed: {}", e.toString());
      o.put("status", "unavailable");
      o.put("reason", "the database does not answer");
      ctx.status(503);
      write(ctx, o);
    }
  }

  private void metrics(Context ctx) {
    ctx.contentType("text/plain; version=0.0.4; charset=utf-8").result(metrics.scrape());
  }

  private void openapi(Context ctx) {
    write(ctx, OpenApi.document());
  }

  // ------------------------------------------------------------------ transparency log
  // Shaped after RFC 6962 §4 (get-sth, get-entries, get-proof-by-hash, get-sth-consistency), with
  // the same JSON field names; unauthenticated: the log is public and checked by its readers.

  private void logHead(Context ctx) throws CoordinatorException {
    SignedTreeHead h =
        services
            .log()
            .head()
            .orElseThrow(
                () -> new CoordinatorException(Kind.NOT_FOUND, "nothing has been logged yet"));
    ObjectNode o = obj();
    o.put("tree_size", h.treeSize());
    o.put("timestamp", h.timestamp().toEpochMilli());
    o.put("sha256_root_hash", b64(h.rootHash().toBytes()));
    o.put("tree_head_signature", b64(h.signature().bytes()));
    o.put("key_id", b64(h.keyId().digest().toBytes()));
    write(ctx, o);
  }

  private void logEntries(Context ctx) throws CoordinatorException {
    long start = query(ctx, "start");
    long end = query(ctx, "end");
    ObjectNode o = obj();
    ArrayNode entries = o.putArray("entries");
    for (Bytes e : services.log().entries(start, end)) {
      ObjectNode entry = entries.addObject();
      entry.put("leaf_input", b64(e));
      entry.put("extra_data", "");
    }
    write(ctx, o);
  }

  private void logInclusion(Context ctx) throws CoordinatorException {
    long size = query(ctx, "size");
    String hash = ctx.queryParam("hash");
    String index = ctx.queryParam("index");
    if ((hash == null) == (index == null)) {
      throw JsonBody.bad("give exactly one of the query parameters 'hash' and 'index'");
    }
    InclusionProof proof;
    if (hash != null) {
      byte[] raw;
      try {
        raw = Base64.getDecoder().decode(hash);
      } catch (IllegalArgumentException e) {
        throw JsonBody.bad("query parameter 'hash' is not base64");
      }
      if (raw.length != Digest.LENGTH) {
        throw JsonBody.bad(
            "query parameter 'hash' is " + raw.length + " bytes, a leaf hash is " + Digest.LENGTH);
      }
      proof =
          services
              .log()
              .inclusionByHash(Digest.of(Bytes.of(raw)), size)
              .orElseThrow(() ->
                  new CoordinatorException(
                      Kind.NOT_FOUND,
                      "no leaf with that hash in the tree of " + size + " entries"));
    } else {
      proof = services.log().inclusion(query(ctx, "index"), size);
    }
    ObjectNode o = obj();
    o.put("leaf_index", proof.leafIndex());
    ArrayNode path = o.putArray("audit_path");
    proof.path().forEach(d -> path.add(b64(d.toBytes())));
    write(ctx, o);
  }

  private void logConsistency(Context ctx) throws CoordinatorException {
    ConsistencyProof proof = services.log().consistency(query(ctx, "first"), query(ctx, "second"));
    ObjectNode o = obj();
    ArrayNode path = o.putArray("consistency");
    proof.path().forEach(d -> path.add(b64(d.toBytes())));
    write(ctx, o);
  }

  private void ledgerBalances(Context ctx) {
    LogService.LoggedBalances b = services.log().balances();
    ObjectNode o = obj();
    o.put("tree_size", b.treeSize());
    ArrayNode list = o.putArray("balances");
    b.balances()
        .forEach((account, micros) -> {
          if (micros != 0) {
            ObjectNode a = list.addObject();
            a.put("account", account.toString());
            a.put("micros", micros);
          }
        });
    write(ctx, o);
  }

  /** A required non-negative decimal query parameter. */
  private static long query(Context ctx, String name) throws CoordinatorException {
    String v = ctx.queryParam(name);
    if (v == null || v.isEmpty()) {
      throw JsonBody.bad("query parameter '" + name + "' is missing");
    }
    if (v.length() > 18 || !v.chars().allMatch(c -> c >= '0' && c <= '9')) {
      throw JsonBody.bad("query parameter '" + name + "' must be a non-negative decimal integer");
    }
    return Long.parseLong(v);
  }

  // ------------------------------------------------------------------ nodes and accounts

  private void register(Context ctx) throws Exception {
    RequestBodies.Registration r = RequestBodies.registration(Bytes.of(ctx.bodyAsBytes()));
    AuthenticatedRequest caller = auth(ctx, RequestVerifier.selfDeclared(r.key()));
    Views.NodeView n = services.register(caller, r.key(), r.roles(), r.stake());
    ctx.status(201);
    write(ctx, node(n));
  }

  private void node(Context ctx) throws Exception {
    AuthenticatedRequest caller = auth(ctx);
    write(
        ctx, node(services.node(caller, JsonBody.nodeId("the node id", ctx.pathParam("nodeId")))));
  }

  private static ObjectNode node(Views.NodeView n) {
    ObjectNode o = obj();
    o.put("nodeId", n.id().toHex());
    ArrayNode roles = o.putArray("roles");
    n.roles().stream().sorted().forEach(r -> roles.add(r.name().toLowerCase(Locale.ROOT)));
    o.put("status", n.status().name().toLowerCase(Locale.ROOT));
    n.throttledUntil().ifPresent(t -> o.put("throttledUntil", t.toString()));
    o.put("consecutiveValid", n.consecutiveValid());
    o.put("strikes", n.strikes());
    o.put("registeredAt", n.registeredAt().toString());
    return o;
  }

  private void balances(Context ctx) throws Exception {
    AuthenticatedRequest caller = auth(ctx);
    write(
        ctx,
        balances(
            services.balances(caller, JsonBody.nodeId("the node id", ctx.pathParam("nodeId")))));
  }

  private static ObjectNode balances(Views.Balances b) {
    ObjectNode o = obj();
    o.put("nodeId", b.node().toHex());
    o.put("available", b.available().toString());
    o.put("bonded", b.bonded().toString());
    o.put("locked", b.locked().toString());
    return o;
  }

  private void deposit(Context ctx) throws Exception {
    AuthenticatedRequest caller = auth(ctx);
    RequestBodies.Deposit d = RequestBodies.deposit(Bytes.of(ctx.bodyAsBytes()));
    write(ctx, balances(services.deposit(caller, d.target().orElse(caller.nodeId()), d.amount())));
  }

  private void transfer(Context ctx, Coordination.Transfer kind) throws Exception {
    AuthenticatedRequest caller = auth(ctx);
    Amount amount = RequestBodies.transfer(Bytes.of(ctx.bodyAsBytes()));
    write(ctx, balances(services.transfer(caller, kind, amount)));
  }

  // ------------------------------------------------------------------ jobs

  private void submit(Context ctx) throws Exception {
    AuthenticatedRequest caller = auth(ctx);
    JobRequest request = RequestBodies.job(Bytes.of(ctx.bodyAsBytes()));
    Views.JobView job = services.submit(caller, request);
    ctx.status(job.created() ? 201 : 200);
    write(ctx, job(job));
  }

  static ObjectNode workload(WorkloadId id) {
    ObjectNode o = obj();
    o.put("name", id.name());
    o.put("version", id.version());
    o.put("digest", id.digest().toHex());
    return o;
  }

  private void job(Context ctx) throws Exception {
    AuthenticatedRequest caller = auth(ctx);
    write(ctx, job(services.job(caller, id(ctx, "jobId"))));
  }

  private static ObjectNode job(Views.JobView j) {
    ObjectNode o = obj();
    o.put("jobId", j.jobId());
    o.put("requester", j.requester().toHex());
    o.put("idempotencyKey", j.idempotencyKey());
    o.set("workload", workload(j.workload()));
    o.put("scheme", j.scheme());
    o.put("summary", j.summary());
    o.put("status", j.status().name().toLowerCase(Locale.ROOT));
    o.put("replicas", j.replicas());
    o.put("escrowed", j.escrowed().toString());
    o.put("createdAt", j.createdAt().toString());
    j.decidedAt().ifPresent(d -> o.put("decidedAt", d.toString()));
    o.put("hasResult", j.hasResult());
    ArrayNode tasks = o.putArray("tasks");
    for (Views.TaskView t : j.tasks()) {
      ObjectNode to = tasks.addObject();
      to.put("taskId", t.taskId());
      to.put("kind", t.kind().name().toLowerCase(Locale.ROOT));
      to.put("replica", t.replica());
      t.parentTaskId().ifPresent(p -> to.put("parentTaskId", p));
      to.put("state", t.state().name().toLowerCase(Locale.ROOT));
      t.holder().ifPresent(h -> to.put("holder", h.toHex()));
      to.put("attempts", t.attempts());
      t.verdict().ifPresent(v -> to.put("verdict", v));
      t.verdictReason().ifPresent(v -> to.put("reason", v));
      t.verdictDetail().ifPresent(v -> to.put("detail", v));
    }
    return o;
  }

  private void result(Context ctx) throws Exception {
    AuthenticatedRequest caller = auth(ctx);
    Views.JobResult r = services.result(caller, id(ctx, "jobId"));
    ObjectNode o = obj();
    o.put("jobId", r.jobId());
    o.put("status", r.status().name().toLowerCase(Locale.ROOT));
    r.output().ifPresent(out -> o.put("output", b64(out)));
    write(ctx, o);
  }

  // ------------------------------------------------------------------ tasks

  private void lease(Context ctx) throws Exception {
    AuthenticatedRequest caller = auth(ctx);
    JsonBody b = JsonBody.parse(ctx.bodyAsBytes(), "role", "waitMillis");
    Optional<Views.Lease> lease = services.lease(caller, leaseRole(b), waitMillis(b));
    if (lease.isEmpty()) {
      ctx.status(204);
      return;
    }
    write(ctx, lease(lease.get()));
  }

  private void leaseBatch(Context ctx) throws Exception {
    AuthenticatedRequest caller = auth(ctx);
    JsonBody b = JsonBody.parse(ctx.bodyAsBytes(), "role", "max", "waitMillis");
    TaskKind kind = leaseRole(b);
    int max = (int) b.integer("max", 1, Coordination.MAX_BATCH);
    List<Views.Lease> leases = services.leaseBatch(caller, kind, max, waitMillis(b));
    ObjectNode o = obj();
    ArrayNode list = o.putArray("leases");
    leases.forEach(l -> list.add(lease(l)));
    write(ctx, o);
  }

  private static TaskKind leaseRole(JsonBody b) throws CoordinatorException {
    return switch (b.text("role")) {
      case "provider" -> TaskKind.EXECUTE;
      case "validator" -> TaskKind.VALIDATE;
      default -> throw JsonBody.bad("field 'role' is provider or validator");
    };
  }

  private static Duration waitMillis(JsonBody b) throws CoordinatorException {
    return Duration.ofMillis(
        b.optional("waitMillis").isPresent() ? b.integer("waitMillis", 0, 600_000) : 0);
  }

  private static ObjectNode lease(Views.Lease l) {
    ObjectNode o = obj();
    o.put("taskId", l.taskId());
    o.put("leaseId", l.leaseId());
    o.put("deadline", l.deadline().toString());
    o.put("kind", l.kind() == TaskKind.EXECUTE ? "execute" : "validate");
    o.put("jobId", l.jobId());
    o.put("replica", l.replica());
    o.set("workload", workload(l.workload()));
    o.put("scheme", l.scheme());
    o.put("parameters", b64(l.parameters()));
    o.put("jobInput", b64(l.jobInput()));
    o.put("taskInput", b64(l.taskInput()));
    l.work().ifPresent(w -> o.put("work", b64(w)));
    o.put("lockedStake", l.lockedStake().toString());
    return o;
  }

  private record LeaseRef(String taskId, String leaseId, JsonBody body) {}

  private LeaseRef leaseRef(Context ctx, String... fields) throws CoordinatorException {
    String[] allowed = new String[fields.length + 1];
    allowed[0] = "leaseId";
    System.arraycopy(fields, 0, allowed, 1, fields.length);
    JsonBody b = JsonBody.parse(ctx.bodyAsBytes(), allowed);
    String leaseId = b.text("leaseId");
    if (!leaseId.matches("[A-Za-z0-9._-]{1,128}")) {
      throw JsonBody.bad("field 'leaseId' is malformed");
    }
    return new LeaseRef(id(ctx, "taskId"), leaseId, b);
  }

  private void commit(Context ctx) throws Exception {
    AuthenticatedRequest caller = auth(ctx);
    LeaseRef r = leaseRef(ctx, "commitment");
    write(
        ctx,
        challenge(services.commit(caller, r.taskId(), r.leaseId(), r.body().bytes("commitment"))));
  }

  private void challenge(Context ctx) throws Exception {
    AuthenticatedRequest caller = auth(ctx);
    LeaseRef r = leaseRef(ctx);
    write(ctx, challenge(services.challenge(caller, r.taskId(), r.leaseId())));
  }

  private static ObjectNode challenge(Views.ChallengeState c) {
    ObjectNode o = obj();
    o.put("taskId", c.taskId());
    o.put("ready", c.ready());
    c.challenge().ifPresent(ch -> o.put("challenge", b64(ch)));
    o.put("leaseDeadline", c.leaseDeadline().toString());
    return o;
  }

  private void respond(Context ctx) throws Exception {
    AuthenticatedRequest caller = auth(ctx);
    LeaseRef r = leaseRef(ctx, "response");
    write(
        ctx,
        outcome(services.respond(caller, r.taskId(), r.leaseId(), r.body().bytes("response"))));
  }

  private void report(Context ctx) throws Exception {
    AuthenticatedRequest caller = auth(ctx);
    LeaseRef r = leaseRef(ctx, "report");
    write(ctx, outcome(services.report(caller, r.taskId(), r.leaseId(), r.body().bytes("report"))));
  }

  private static ObjectNode outcome(Views.TaskOutcomeView v) {
    ObjectNode o = obj();
    o.put("taskId", v.taskId());
    o.put("state", v.state().name().toLowerCase(Locale.ROOT));
    v.detail().ifPresent(d -> o.put("detail", d));
    return o;
  }

  private void heartbeat(Context ctx) throws Exception {
    AuthenticatedRequest caller = auth(ctx);
    LeaseRef r = leaseRef(ctx);
    Instant deadline = services.heartbeat(caller, r.taskId(), r.leaseId());
    write(ctx, taskOp(new Views.LeaseExtended(r.taskId(), deadline)));
  }

  private void release(Context ctx) throws Exception {
    AuthenticatedRequest caller = auth(ctx);
    LeaseRef r = leaseRef(ctx);
    services.release(caller, r.taskId(), r.leaseId());
    write(ctx, taskOp(new Views.Released(r.taskId())));
  }

  /** The answer of a task operation's single endpoint (the body of its result in a batch). */
  private static ObjectNode taskOp(Views.TaskOpView view) {
    return switch (view) {
      case Views.ChallengeState c -> challenge(c);
      case Views.TaskOutcomeView v -> outcome(v);
      case Views.LeaseExtended x -> {
        ObjectNode o = obj();
        o.put("taskId", x.taskId());
        o.put("leaseDeadline", x.leaseDeadline().toString());
        yield o;
      }
      case Views.Released x -> {
        ObjectNode o = obj();
        o.put("taskId", x.taskId());
        o.put("released", true);
        yield o;
      }
    };
  }

  // ------------------------------------------------------------------ batched task operations

  /**
   * {@code POST /v1/tasks/batch}: {@code {"ops": [{"op", "taskId", "leaseId", payload?}]}}. The
   * envelope is parsed whole before anything runs — 1..MAX_BATCH operations, known names, exactly
   * the fields each takes, one operation per task — and refused with a 400 naming the first
   * problem.
   */
  private void taskBatch(Context ctx) throws Exception {
    AuthenticatedRequest caller = auth(ctx);
    JsonBody b = JsonBody.parse(ctx.bodyAsBytes(), "ops");
    JsonNode list = b.required("ops");
    if (!list.isArray() || list.isEmpty() || list.size() > Coordination.MAX_BATCH) {
      throw JsonBody.bad(
          "field 'ops' must be an array of 1.." + Coordination.MAX_BATCH + " operations");
    }
    List<TaskOp> ops = new ArrayList<>();
    Set<String> tasks = new HashSet<>();
    for (int i = 0; i < list.size(); i++) {
      TaskOp op = taskOp(i, list.get(i));
      if (!tasks.add(op.taskId())) {
        throw JsonBody.bad(
            "ops[" + i + "]: task " + op.taskId() + " appears twice; one operation per task");
      }
      ops.add(op);
    }
    List<TaskOpResult> results = services.batch(caller, ops);
    ObjectNode o = obj();
    ArrayNode out = o.putArray("results");
    for (TaskOpResult r : results) {
      ObjectNode x = out.addObject();
      x.put("taskId", r.op().taskId());
      x.put("op", r.op().kind().wireName());
      switch (r) {
        case TaskOpResult.Done d -> {
          x.put("status", 200);
          x.set("body", taskOp(d.view()));
        }
        case TaskOpResult.Refused f -> {
          x.put("status", f.refusal().kind().status());
          x.put("error", f.refusal().kind().code());
          x.put("reason", f.refusal().reason());
        }
      }
    }
    write(ctx, o);
  }

  private static TaskOp taskOp(int index, JsonNode node) throws CoordinatorException {
    String where = "ops[" + index + "]";
    if (!(node instanceof ObjectNode object)) {
      throw JsonBody.bad(where + " must be an object {op, taskId, leaseId, ...}");
    }
    try {
      JsonNode name = object.get("op");
      if (name == null || !name.isTextual()) {
        throw JsonBody.bad("field 'op' is missing or not a string");
      }
      TaskOp.Kind kind =
          TaskOp.Kind.fromWire(name.textValue())
              .orElseThrow(() ->
                  JsonBody.bad(
                      "unknown op '"
                          + JsonBody.shorten(name.textValue())
                          + "'; one of commit, challenge, respond, report, heartbeat, release"));
      Optional<String> payloadField = kind.payloadField();
      JsonBody op =
          payloadField.isPresent()
              ? JsonBody.of(object, "op", "taskId", "leaseId", payloadField.get())
              : JsonBody.of(object, "op", "taskId", "leaseId");
      String taskId = op.text("taskId");
      if (!taskId.matches("[A-Za-z0-9._-]{1,128}")) {
        throw JsonBody.bad("field 'taskId' is malformed");
      }
      String leaseId = op.text("leaseId");
      if (!leaseId.matches("[A-Za-z0-9._-]{1,128}")) {
        throw JsonBody.bad("field 'leaseId' is malformed");
      }
      Optional<Bytes> payload =
          payloadField.isPresent() ? Optional.of(op.bytes(payloadField.get())) : Optional.empty();
      return new TaskOp(kind, taskId, leaseId, payload);
    } catch (CoordinatorException e) {
      throw JsonBody.bad(where + ": " + e.reason());
    }
  }

  // ------------------------------------------------------------------ disputes

  private void pendingDisputes(Context ctx) throws Exception {
    AuthenticatedRequest caller = auth(ctx);
    ObjectNode o = obj();
    ArrayNode list = o.putArray("requests");
    for (Views.DisputeRequest d : services.pendingDisputes(caller)) {
      ObjectNode x = list.addObject();
      x.put("disputeId", d.disputeId());
      x.put("jobId", d.jobId());
      x.put("taskId", d.taskId());
      x.put("request", b64(d.request()));
      x.put("deadline", d.deadline().toString());
    }
    write(ctx, o);
  }

  private void answerDispute(Context ctx) throws Exception {
    AuthenticatedRequest caller = auth(ctx);
    RequestBodies.DisputeAnswer a = RequestBodies.disputeAnswer(Bytes.of(ctx.bodyAsBytes()));
    String disputeId = id(ctx, "disputeId");
    services.answerDispute(caller, disputeId, a.taskId(), a.answer());
    ObjectNode o = obj();
    o.put("disputeId", disputeId);
    o.put("answered", true);
    write(ctx, o);
  }
}
