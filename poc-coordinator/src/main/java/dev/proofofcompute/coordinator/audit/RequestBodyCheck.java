package dev.proofofcompute.coordinator.audit;

import dev.proofofcompute.coordinator.http.RequestBodies;
import dev.proofofcompute.coordinator.http.RequestBodies.TaskOp;
import dev.proofofcompute.coordinator.http.RequestBodies.TaskOpKind;
import dev.proofofcompute.coordinator.service.Coordination;
import dev.proofofcompute.coordinator.service.CoordinatorException;
import dev.proofofcompute.coordinator.service.JobOptions;
import dev.proofofcompute.coordinator.service.SchemeRegistry;
import dev.proofofcompute.coordinator.service.TaskSecrets;
import dev.proofofcompute.core.message.RequestAuth;
import dev.proofofcompute.core.message.RequestAuth.SignedRequest;
import dev.proofofcompute.crypto.Bytes;
import dev.proofofcompute.crypto.DecodingException;
import dev.proofofcompute.crypto.Digest;
import dev.proofofcompute.crypto.Hashes;
import dev.proofofcompute.crypto.cbor.CborBytes;
import dev.proofofcompute.crypto.cbor.CborInteger;
import dev.proofofcompute.crypto.cbor.CborMap;
import dev.proofofcompute.crypto.cbor.CborText;
import dev.proofofcompute.crypto.cbor.CborValue;
import dev.proofofcompute.crypto.identity.NodeId;
import dev.proofofcompute.crypto.money.Amount;
import dev.proofofcompute.ledger.JobTerms;
import dev.proofofcompute.ledger.Operation;
import dev.proofofcompute.protocol.JobSpec;
import dev.proofofcompute.protocol.ProtocolException;
import dev.proofofcompute.protocol.SchemeProtocol;
import dev.proofofcompute.storage.NodeRole;
import dev.proofofcompute.storage.TaskKind;
import dev.proofofcompute.translog.Authorisation;
import dev.proofofcompute.translog.EntryKind;
import dev.proofofcompute.translog.LogEntry;
import dev.proofofcompute.translog.audit.Discrepancy;
import dev.proofofcompute.translog.audit.DiscrepancyKind;
import dev.proofofcompute.translog.audit.EntryCheck;
import dev.proofofcompute.translog.ledger.LedgerEntries;
import dev.proofofcompute.translog.ledger.LedgerOp;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.function.Consumer;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.jspecify.annotations.Nullable;

/**
 * Checks that each node-authorised entry records what the node asked for, not merely that the node
 * signed something (docs/translog.md, "The body check"). {@code SignatureCheck} proves the node
 * signed the request bytes the entry carries; those bytes name the HTTP method, the request target
 * and the SHA-256 of the body ({@link RequestAuth}), and the entry carries the body itself ({@code
 * http-body}) when it was at most 64 KiB. A coordinator that logs a valid request next to content
 * of its own choosing — another commitment, a larger deposit, a job with other terms — passes every
 * signature and Merkle check; only this one catches it.
 *
 * <p>For each entry authorised by a node request it:
 *
 * <ol>
 *   <li>parses the signed bytes ({@link #REQUEST_MALFORMED} if they are not a request the node
 *       signed for itself);
 *   <li>matches method and path against the API's routes: the route must be one that changes state
 *       and logs an entry of this kind ({@link #REQUEST_PATH_MISMATCH});
 *   <li>checks {@code SHA-256(http-body)} against the signed digest ({@link
 *       #BODY_DIGEST_MISMATCH});
 *   <li>parses the body as the API does ({@link RequestBodies}) and compares every field of the
 *       entry that came from the request — commitment, response, report, answer, amounts and their
 *       ledger operations, job fields with the canonical parameters the scheme plans from the
 *       request, lease role — and the path's ids ({@link #BODY_FIELD_MISMATCH});
 *   <li>checks that the node was entitled to ask: the holder of the lease a task operation names,
 *       the holder of the task a dispute answer is for, the key a registration registers ({@link
 *       #REQUEST_SIGNER_MISMATCH}).
 * </ol>
 *
 * <p><b>Batched requests</b> ({@code POST /v1/tasks/batch}, {@code POST /v1/leases/batch})
 * authorise one entry per operation, each with {@code batch-op} (the operation's index in {@code
 * ops}, or the lease's index), and only the first entry logged from the request carries {@code
 * http-body}: the others are checked against that first entry's body, at {@code ops[batch-op]}.
 *
 * <p>An entry whose body was too large to be logged (no {@code http-body}, and no earlier entry of
 * its batch with one) is counted in {@link #bodiesNotLogged()}, not failed: its signature still
 * binds the request, but its content cannot be compared.
 */
public final class RequestBodyCheck implements EntryCheck {
  /** The signed request bytes do not parse, or name another node than the key that signed. */
  public static final DiscrepancyKind REQUEST_MALFORMED = new DiscrepancyKind("REQUEST_MALFORMED");

  /** The signed method and path do not ask for a state change of the entry's kind. */
  public static final DiscrepancyKind REQUEST_PATH_MISMATCH =
      new DiscrepancyKind("REQUEST_PATH_MISMATCH");

  /** The logged body is not the one whose SHA-256 the node signed. */
  public static final DiscrepancyKind BODY_DIGEST_MISMATCH =
      new DiscrepancyKind("BODY_DIGEST_MISMATCH");

  /** A field of the entry differs from what the node's request body asked for. */
  public static final DiscrepancyKind BODY_FIELD_MISMATCH =
      new DiscrepancyKind("BODY_FIELD_MISMATCH");

  /** The node that signed may not ask this: it does not hold the lease or task it names. */
  public static final DiscrepancyKind REQUEST_SIGNER_MISMATCH =
      new DiscrepancyKind("REQUEST_SIGNER_MISMATCH");

  /** The entry field holding the request body. */
  public static final String HTTP_BODY = "http-body";

  private static final String BATCH_OP = Authorisation.NodeRequest.BATCH_OP_FIELD;
  private static final String TAG = "poc/coordinator/audit-request/v1";
  private static final String ID = "[A-Za-z0-9._-]{1,128}";
  private static final Pattern TASK_PATH = Pattern.compile("/v1/tasks/(" + ID + ")/([a-z]+)");
  private static final Pattern ANSWER_PATH = Pattern.compile("/v1/disputes/(" + ID + ")/answer");

  /** A state-changing route of the API, as the signed method and path name it. */
  private sealed interface Route {
    record Register() implements Route {}

    record Deposit() implements Route {}

    record Transfer(Coordination.Transfer kind) implements Route {}

    record Job() implements Route {}

    record Lease() implements Route {}

    record LeaseBatch() implements Route {}

    record Task(TaskOpKind op, String taskId) implements Route {}

    record TaskBatch() implements Route {}

    record Answer(String disputeId) implements Route {}
  }

  /** The body of the first entry of a request, or none when it was too large to log. */
  private record FirstUse(@Nullable Bytes body) {}

  private final SchemeRegistry schemes;
  private final Map<Digest, FirstUse> requests = new HashMap<>();
  private final Map<String, NodeId> leaseHolders = new HashMap<>();
  private final Map<String, NodeId> taskHolders = new HashMap<>();
  private final Map<String, String> taskJobs = new HashMap<>();
  private final Map<String, String> jobSchemes = new HashMap<>();
  private long verified;
  private long notLogged;

  private RequestBodyCheck(SchemeRegistry schemes) {
    this.schemes = schemes;
  }

  /** A check over the standard schemes (job parameters are re-planned with them). */
  public static RequestBodyCheck standard() {
    return new RequestBodyCheck(SchemeRegistry.standard());
  }

  /** Node-authorised entries whose content was compared with the request body. */
  public long bodiesVerified() {
    return verified;
  }

  /** Node-authorised entries whose request body was too large to be logged. */
  public long bodiesNotLogged() {
    return notLogged;
  }

  @Override
  public void check(long index, LogEntry entry, Consumer<Discrepancy> report) {
    track(entry);
    if (!(entry.authorisation() instanceof Authorisation.NodeRequest request)) {
      return;
    }
    Finding f = new Finding(index, entry, report);
    SignedRequest signed;
    try {
      signed = RequestAuth.parseSigningInput(request.request());
    } catch (DecodingException e) {
      f.report(REQUEST_MALFORMED, "the signed bytes are not an HTTP request: " + e.getMessage());
      return;
    }
    if (!signed.node().equals(request.signerId())) {
      f.report(
          REQUEST_MALFORMED,
          "the request names node "
              + signed.node().shortForm()
              + " but is signed by "
              + request.signerId().shortForm());
      return;
    }
    String target = signed.method() + " " + signed.path();
    Route route = signed.method().equals("POST") ? route(signed.pathWithoutQuery()) : null;
    if (route == null) {
      f.report(REQUEST_PATH_MISMATCH, target + " asks for no state change the log records");
      return;
    }
    boolean batched = route instanceof Route.TaskBatch || route instanceof Route.LeaseBatch;
    Optional<Long> op;
    Optional<Bytes> logged;
    try {
      op = batchOp(entry.body());
      logged = entry.body().getOptionalBytes(HTTP_BODY);
    } catch (DecodingException e) {
      f.report(BODY_FIELD_MISMATCH, String.valueOf(e.getMessage()));
      return;
    }
    if (!batched) {
      if (!kindsOf(route).contains(entry.kind())) {
        f.report(REQUEST_PATH_MISMATCH, target + " does not ask for " + kindName(entry.kind()));
        return;
      }
      if (op.isPresent()) {
        f.report(BODY_FIELD_MISMATCH, "a single request's entry carries " + BATCH_OP);
        return;
      }
    } else if (op.isEmpty()) {
      f.report(
          BODY_FIELD_MISMATCH, "an entry of the batched request " + target + " has no " + BATCH_OP);
      return;
    }
    int reported = f.count;
    Bytes body = body(request, signed, batched, logged, f);
    if (body == null) {
      if (f.count == reported) {
        pathOnly(route, f); // not logged: what the signed path alone tells
      }
      return;
    }
    int before = f.count;
    try {
      compare(route, request.signerId(), op, body, f);
    } catch (CoordinatorException e) {
      f.report(
          BODY_FIELD_MISMATCH,
          "the logged request body is not a valid " + target + " request: " + e.reason());
    }
    if (f.count == before) {
      verified++;
    }
  }

  /** The body to compare with, or null when there is none (not logged, or a reported mismatch). */
  private @Nullable Bytes body(
      Authorisation.NodeRequest request,
      SignedRequest signed,
      boolean batched,
      Optional<Bytes> logged,
      Finding f) {
    Digest id = requestId(request);
    FirstUse first = requests.get(id);
    if (logged.isPresent()) {
      Digest actual = Digest.sha256(logged.get());
      if (!actual.equals(signed.bodyDigest())) {
        f.report(
            BODY_DIGEST_MISMATCH,
            "SHA-256 of the logged body is "
                + actual.toHex().substring(0, 16)
                + "..., the node signed "
                + signed.bodyDigest().toHex().substring(0, 16)
                + "...");
        return null;
      }
      if (first == null || first.body() == null) {
        requests.put(id, new FirstUse(logged.get()));
      }
      return logged.get();
    }
    if (batched && first != null && first.body() != null) {
      return first.body();
    }
    if (first == null) {
      requests.put(id, new FirstUse(null));
    }
    notLogged++;
    return null;
  }

  private static Digest requestId(Authorisation.NodeRequest request) {
    MessageDigest md = Hashes.tagged(TAG);
    request.signer().raw().writeTo(md::update);
    request.signature().bytes().writeTo(md::update);
    request.request().writeTo(md::update);
    return Hashes.finish(md);
  }

  private static Optional<Long> batchOp(CborMap body) throws DecodingException {
    Optional<CborValue> v = body.get(BATCH_OP);
    if (v.isEmpty()) {
      return Optional.empty();
    }
    if (!(v.get() instanceof CborInteger i) || i.isNegative() || !i.fitsLong()) {
      throw new DecodingException(BATCH_OP + " is not an unsigned integer");
    }
    return Optional.of(i.argument());
  }

  // ------------------------------------------------------------------ routes

  private static @Nullable Route route(String path) {
    switch (path) {
      case "/v1/nodes" -> {
        return new Route.Register();
      }
      case "/v1/accounts/deposit" -> {
        return new Route.Deposit();
      }
      case "/v1/accounts/bond" -> {
        return new Route.Transfer(Coordination.Transfer.BOND);
      }
      case "/v1/accounts/unbond" -> {
        return new Route.Transfer(Coordination.Transfer.UNBOND);
      }
      case "/v1/accounts/withdraw" -> {
        return new Route.Transfer(Coordination.Transfer.WITHDRAW);
      }
      case "/v1/jobs" -> {
        return new Route.Job();
      }
      case "/v1/leases" -> {
        return new Route.Lease();
      }
      case "/v1/leases/batch" -> {
        return new Route.LeaseBatch();
      }
      case "/v1/tasks/batch" -> {
        return new Route.TaskBatch();
      }
      default -> {}
    }
    Matcher m = TASK_PATH.matcher(path);
    if (m.matches()) {
      Optional<TaskOpKind> op = TaskOpKind.ofPathSegment(m.group(2));
      return op.isPresent() ? new Route.Task(op.get(), m.group(1)) : null;
    }
    m = ANSWER_PATH.matcher(path);
    return m.matches() ? new Route.Answer(m.group(1)) : null;
  }

  /** The entry kinds a single request of {@code route} may authorise. */
  private static Set<EntryKind> kindsOf(Route route) {
    return switch (route) {
      case Route.Register r -> Set.of(EntryKind.NODE_REGISTERED);
      case Route.Deposit d -> Set.of(EntryKind.DEPOSIT);
      case Route.Transfer t ->
          Set.of(
              t.kind() == Coordination.Transfer.WITHDRAW ? EntryKind.WITHDRAWAL : EntryKind.STAKE);
      case Route.Job j -> Set.of(EntryKind.JOB_POSTED);
      case Route.Lease l -> Set.of(EntryKind.LEASE);
      case Route.LeaseBatch l -> Set.of(EntryKind.LEASE);
      case Route.Task t -> kindsOf(t.op());
      case Route.TaskBatch b -> Set.of();
      case Route.Answer a -> Set.of(EntryKind.DISPUTE);
    };
  }

  /** The entry kinds a task operation may authorise (none for a challenge poll or heartbeat). */
  private static Set<EntryKind> kindsOf(TaskOpKind op) {
    return switch (op) {
      case COMMIT -> Set.of(EntryKind.COMMITMENT);
      case RESPOND -> Set.of(EntryKind.RESPONSE, EntryKind.OPENING, EntryKind.REVEAL);
      case REPORT -> Set.of(EntryKind.VALIDATION);
      case RELEASE -> Set.of(EntryKind.LEASE_EXPIRED);
      case CHALLENGE, HEARTBEAT -> Set.of();
    };
  }

  private static String kindName(EntryKind kind) {
    return "a " + kind.wireName() + " entry";
  }

  // ------------------------------------------------------------------ what the log tells

  /** Remembers what later checks need: lease holders, the job and scheme of each task. */
  private void track(LogEntry entry) {
    try {
      CborMap b = entry.body();
      switch (entry.kind()) {
        case JOB_POSTED -> jobSchemes.put(b.getText("job"), b.getText("scheme"));
        case LEASE -> {
          if (entry.authorisation() instanceof Authorisation.NodeRequest r) {
            String task = b.getText("task-id");
            leaseHolders.put(task + "/" + b.getText("lease"), r.signerId());
            taskHolders.put(task, r.signerId());
            taskJobs.put(task, b.getText("job"));
          }
        }
        default -> {}
      }
    } catch (DecodingException e) {
      // Not this check's finding: the entry's fields are compared (and named) below if a node
      // asked for it; a coordinator entry of another shape is the other checks' business.
    }
  }

  // ------------------------------------------------------------------ comparisons

  /** Collects the findings about one entry. */
  private static final class Finding {
    final long index;
    final LogEntry entry;
    final Consumer<Discrepancy> sink;
    int count;

    Finding(long index, LogEntry entry, Consumer<Discrepancy> sink) {
      this.index = index;
      this.entry = entry;
      this.sink = sink;
    }

    void report(DiscrepancyKind kind, String detail) {
      count++;
      sink.accept(Discrepancy.atEntry(kind, index, entry.kind().wireName() + ": " + detail));
    }

    /** The entry's {@code field} must be {@code expected}. */
    void field(String field, CborValue expected) {
      Optional<CborValue> actual = entry.body().get(field);
      if (actual.isEmpty() || !actual.get().equals(expected)) {
        report(
            BODY_FIELD_MISMATCH,
            "field '"
                + field
                + "' is "
                + actual.map(Finding::show).orElse("missing")
                + ", the request asked for "
                + show(expected));
      }
    }

    void field(String field, String expected) {
      field(field, new CborText(expected));
    }

    void field(String field, Bytes expected) {
      field(field, new CborBytes(expected));
    }

    void field(String field, long expected) {
      field(field, CborInteger.of(expected));
    }

    /** The entry's ledger operations must be exactly {@code expected}, in order. */
    void ledger(List<Operation> expected) {
      List<Operation> actual = new ArrayList<>();
      try {
        for (LedgerOp op : LedgerEntries.read(entry)) {
          actual.add(op.operation());
        }
      } catch (DecodingException e) {
        return; // LedgerReplayCheck names a ledger field that does not parse
      }
      if (!actual.equals(expected)) {
        report(
            BODY_FIELD_MISMATCH,
            "the ledger operations are "
                + actual
                + ", the request asked for "
                + (expected.isEmpty() ? "none" : expected));
      }
    }

    static String show(CborValue v) {
      String s =
          switch (v) {
            case CborText t -> "'" + t.value() + "'";
            case CborBytes b -> b.value().length() + " bytes " + shortHex(b.value());
            default -> v.toString();
          };
      return s.length() > 120 ? s.substring(0, 120) + "..." : s;
    }

    static String shortHex(Bytes b) {
      String hex = Digest.sha256(b).toHex();
      return "(SHA-256 " + hex.substring(0, 12) + "...)";
    }
  }

  private void compare(Route route, NodeId signer, Optional<Long> op, Bytes body, Finding f)
      throws CoordinatorException {
    switch (route) {
      case Route.Register r -> register(RequestBodies.registration(body), signer, f);
      case Route.Deposit d -> {
        RequestBodies.Deposit dep = RequestBodies.deposit(body);
        NodeId target = dep.target().orElse(signer);
        f.field("node", target.toHex());
        f.ledger(List.of(new Operation.Deposit(target, dep.amount())));
      }
      case Route.Transfer t -> {
        Amount amount = RequestBodies.transfer(body);
        f.field("node", signer.toHex());
        f.ledger(
            List.of(
                switch (t.kind()) {
                  case BOND -> new Operation.Bond(signer, amount);
                  case UNBOND -> new Operation.Unbond(signer, amount);
                  case WITHDRAW -> new Operation.Withdraw(signer, amount);
                }));
      }
      case Route.Job j -> job(RequestBodies.job(body), signer, f);
      case Route.Lease l -> lease(RequestBodies.lease(body).kind(), signer, f);
      case Route.LeaseBatch l -> {
        RequestBodies.LeaseBatch b = RequestBodies.leaseBatch(body);
        long index = op.orElseThrow();
        if (index >= b.max()) {
          f.report(
              BODY_FIELD_MISMATCH,
              BATCH_OP + " " + index + ": the request asked for at most " + b.max() + " leases");
        }
        lease(b.kind(), signer, f);
      }
      case Route.Task t -> taskOp(RequestBodies.taskOp(t.op(), t.taskId(), body), signer, f);
      case Route.TaskBatch b -> {
        List<TaskOp> ops = RequestBodies.taskBatch(body);
        long index = op.orElseThrow();
        if (index >= ops.size()) {
          f.report(
              BODY_FIELD_MISMATCH,
              BATCH_OP + " " + index + ": the batch holds " + ops.size() + " operations");
          return;
        }
        TaskOp o = ops.get((int) index);
        if (!kindsOf(o.kind()).contains(f.entry.kind())) {
          f.report(
              REQUEST_PATH_MISMATCH,
              "operation "
                  + index
                  + " of the batch is '"
                  + o.kind().wireName()
                  + "', which does not ask for "
                  + kindName(f.entry.kind()));
          return;
        }
        taskOp(o, signer, f);
      }
      case Route.Answer a -> {
        RequestBodies.DisputeAnswer answer = RequestBodies.disputeAnswer(body);
        f.field("dispute", a.disputeId());
        f.field("step", "answer");
        f.field("task-id", answer.taskId());
        f.field("answer", answer.answer());
        NodeId holder = taskHolders.get(answer.taskId());
        if (holder == null || !holder.equals(signer)) {
          f.report(
              REQUEST_SIGNER_MISMATCH,
              "node "
                  + signer.shortForm()
                  + " answered for task "
                  + answer.taskId()
                  + ", "
                  + (holder == null
                      ? "which no logged lease names"
                      : "held by " + holder.shortForm()));
        }
      }
    }
  }

  /** The fields the signed path names, for an entry whose body was not logged. */
  private static void pathOnly(Route route, Finding f) {
    switch (route) {
      case Route.Task t -> f.field("task-id", t.taskId());
      case Route.Answer a -> f.field("dispute", a.disputeId());
      default -> {}
    }
  }

  private static void register(RequestBodies.Registration r, NodeId signer, Finding f) {
    NodeId node = r.key().nodeId();
    if (!node.equals(signer)) {
      f.report(
          REQUEST_SIGNER_MISMATCH,
          "node " + signer.shortForm() + " registered the key of " + node.shortForm());
    }
    f.field("node", node.toHex());
    f.field("key", r.key().raw());
    Map<String, Boolean> roles = new TreeMap<>();
    for (NodeRole role : r.roles()) {
      roles.put(role.name().toLowerCase(Locale.ROOT), true);
    }
    CborMap.Builder expected = CborMap.builder();
    roles.forEach(expected::put);
    f.field("roles", expected.build());
    f.ledger(r.stake().isZero() ? List.of() : List.of(new Operation.Bond(node, r.stake())));
  }

  private void job(Coordination.JobRequest request, NodeId signer, Finding f) {
    String jobId = Coordination.jobId(signer, request.idempotencyKey());
    f.field("job", jobId);
    f.field("key", request.idempotencyKey());
    f.field(
        "workload",
        CborMap.builder()
            .put("name", request.workload().name())
            .put("version", request.workload().version())
            .put("digest", request.workload().digest())
            .build());
    f.field("scheme", request.scheme());
    f.field("input", request.input());
    Optional<SchemeProtocol> protocol = schemes.find(request.scheme());
    SchemeProtocol.JobPlan plan;
    try {
      plan =
          protocol
              .orElseThrow(() -> new ProtocolException("no scheme '" + request.scheme() + "'"))
              .plan(
                  new JobSpec(
                      jobId,
                      request.workload(),
                      request.input(),
                      request.scheme(),
                      request.parameters()));
    } catch (ProtocolException | RuntimeException e) {
      f.report(BODY_FIELD_MISMATCH, "the job the node asked for does not plan: " + e.getMessage());
      return;
    }
    f.field("parameters", plan.canonicalParameters());
    Coordination.Terms t = request.terms();
    JobTerms terms;
    try {
      terms =
          new JobTerms(
              t.rewardPerTask(),
              t.validatorFeePerTask(),
              t.maxTasks().orElse(JobOptions.defaultTasks(plan.replicas())),
              t.minStake(),
              t.split());
      f.field("terms", new JobOptions(terms, plan.replicas(), request.adaptive()).encode());
    } catch (IllegalArgumentException e) {
      f.report(BODY_FIELD_MISMATCH, "the job the node asked for has invalid terms: " + e);
      return;
    }
    f.field("replicas", request.adaptive().isPresent() ? 1 : plan.replicas());
    f.ledger(List.of(new Operation.EscrowJob(jobId, signer, terms)));
  }

  private static void lease(TaskKind kind, NodeId signer, Finding f) {
    f.field("kind", kind == TaskKind.EXECUTE ? "execute" : "validate");
    f.field("holder", signer.toHex());
  }

  private void taskOp(TaskOp op, NodeId signer, Finding f) {
    f.field("task-id", op.taskId());
    f.field("lease", op.leaseId());
    switch (op.kind()) {
      case COMMIT -> {
        f.field("commitment", op.value().orElseThrow());
        f.field("task", TaskSecrets.beaconTask(op.taskId(), op.leaseId()));
      }
      case RESPOND -> {
        f.field("response", op.value().orElseThrow());
        String job = taskJobs.get(op.taskId());
        String scheme = job == null ? null : jobSchemes.get(job);
        if (scheme != null) {
          EntryKind expected = Coordination.responseKind(scheme);
          if (f.entry.kind() != expected) {
            f.report(
                REQUEST_PATH_MISMATCH,
                "a "
                    + scheme
                    + " response is logged as "
                    + kindName(expected)
                    + ", not "
                    + kindName(f.entry.kind()));
          }
        }
      }
      case REPORT -> f.field("report", op.value().orElseThrow());
      case RELEASE -> {
        f.field("reason", "released");
        f.field("holder", signer.toHex());
      }
      case CHALLENGE, HEARTBEAT -> throw new IllegalStateException("no entry: " + op.kind());
    }
    NodeId holder = leaseHolders.get(op.taskId() + "/" + op.leaseId());
    if (!Objects.equals(holder, signer)) {
      f.report(
          REQUEST_SIGNER_MISMATCH,
          "node "
              + signer.shortForm()
              + " acted on lease "
              + op.leaseId()
              + " of task "
              + op.taskId()
              + ", "
              + (holder == null ? "which no logged lease names" : "held by " + holder.shortForm()));
    }
  }
}
