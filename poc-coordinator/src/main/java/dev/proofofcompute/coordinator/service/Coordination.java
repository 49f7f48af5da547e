package dev.proofofcompute.coordinator.service;

import dev.proofofcompute.coordinator.service.CoordinatorException.Kind;
import dev.proofofcompute.coordinator.service.Lifecycle.Effects;
import dev.proofofcompute.coordinator.service.Views.Balances;
import dev.proofofcompute.coordinator.service.Views.ChallengeState;
import dev.proofofcompute.coordinator.service.Views.DisputeRequest;
import dev.proofofcompute.coordinator.service.Views.JobResult;
import dev.proofofcompute.coordinator.service.Views.JobView;
import dev.proofofcompute.coordinator.service.Views.Lease;
import dev.proofofcompute.coordinator.service.Views.NodeView;
import dev.proofofcompute.coordinator.service.Views.TaskOpView;
import dev.proofofcompute.coordinator.service.Views.TaskOutcomeView;
import dev.proofofcompute.coordinator.service.Views.TaskView;
import dev.proofofcompute.coordinator.service.Views.Tick;
import dev.proofofcompute.core.message.AuthenticatedRequest;
import dev.proofofcompute.core.message.RequestVerifier;
import dev.proofofcompute.core.scheme.Verdict;
import dev.proofofcompute.core.workload.WorkloadId;
import dev.proofofcompute.crypto.Bytes;
import dev.proofofcompute.crypto.Hashes;
import dev.proofofcompute.crypto.cbor.CborMap;
import dev.proofofcompute.crypto.identity.NodeId;
import dev.proofofcompute.crypto.identity.NodeIdentity;
import dev.proofofcompute.crypto.identity.NodePublicKey;
import dev.proofofcompute.crypto.money.Amount;
import dev.proofofcompute.crypto.random.RandomSource;
import dev.proofofcompute.ledger.AccountId;
import dev.proofofcompute.ledger.JobTerms;
import dev.proofofcompute.ledger.LedgerException;
import dev.proofofcompute.ledger.Operation;
import dev.proofofcompute.ledger.OperationId;
import dev.proofofcompute.ledger.SlashSplit;
import dev.proofofcompute.protocol.JobSpec;
import dev.proofofcompute.protocol.ProtocolException;
import dev.proofofcompute.protocol.SchemeProtocol;
import dev.proofofcompute.protocol.TaskCheck;
import dev.proofofcompute.protocol.TaskSpec;
import dev.proofofcompute.schemes.replication.AdaptiveSettings;
import dev.proofofcompute.storage.DisputeRecord;
import dev.proofofcompute.storage.DuplicateException;
import dev.proofofcompute.storage.JobInsert;
import dev.proofofcompute.storage.JobRecord;
import dev.proofofcompute.storage.JobStore;
import dev.proofofcompute.storage.NewJob;
import dev.proofofcompute.storage.NodeRecord;
import dev.proofofcompute.storage.NodeRole;
import dev.proofofcompute.storage.NodeStatus;
import dev.proofofcompute.storage.PendingRequest;
import dev.proofofcompute.storage.RecordIds;
import dev.proofofcompute.storage.Storage;
import dev.proofofcompute.storage.TaskArtifacts;
import dev.proofofcompute.storage.TaskKind;
import dev.proofofcompute.storage.TaskRecord;
import dev.proofofcompute.storage.TaskState;
import dev.proofofcompute.storage.Tx;
import dev.proofofcompute.storage.TxBody;
import dev.proofofcompute.translog.AppendConflictException;
import dev.proofofcompute.translog.EntryKind;
import dev.proofofcompute.translog.RandomnessBeacon;
import dev.proofofcompute.translog.ledger.LedgerOp;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.time.InstantSource;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.HashSet;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Consumer;
import org.jspecify.annotations.Nullable;

/**
 * The coordinator's application services, one public method per API operation. Each method runs in
 * one storage transaction that also spends the request's nonce, so a request either happens whole
 * with its nonce spent, or not at all; a request refused with a {@link CoordinatorException} (bad
 * input, wrong state) still spends its nonce, in a small transaction of its own, so that a captured
 * request that failed once cannot be replayed later when it might succeed. Nothing the services
 * decide lives in memory: a restarted coordinator, or another one on the same database, carries on
 * from the stored state.
 *
 * <p>Every state change is also appended to the transparency log in the same transaction ({@link
 * LogBook}): a node's request as the entry's authorisation (its exact signed bytes and signature,
 * from the {@link AuthenticatedRequest}), the coordinator's own decisions signed with its key, the
 * ledger operations in the entries that apply them, and a signed tree head after each transaction
 * that appended (docs/coordinator.md, "The transparency log").
 *
 * <p>Batched requests ({@link #leaseBatch}, {@link #batch}) run many leases or task operations in
 * one transaction with one nonce; a batch whose operation is refused falls back to one transaction
 * per operation, the nonce still spent exactly once (docs/coordinator.md, "Batched requests").
 *
 * <p>Callers pass the {@link AuthenticatedRequest} the HTTP layer verified ({@link
 * RequestVerifier}, with {@link #keys()}); the services check what the node may do (its roles, its
 * status, that it holds the lease or owns the job).
 */
public final class Coordination {
  /** Longest idempotency key. */
  public static final int MAX_KEY_LENGTH = 128;

  /**
   * Most leases or task operations in one batched request: one transaction, one commit, one
   * signature check for all of them (128: commits per lifecycle halve from 64, measured in
   * docs/benchmarks.md).
   */
  public static final int MAX_BATCH = 128;

  /** Transactions run again after losing the log's lock (each already retried the append). */
  private static final int MAX_LOG_ATTEMPTS = 5;

  /** Interval at which a long-poll looks again without a local signal (other coordinators). */
  private static final Duration POLL_INTERVAL = Duration.ofMillis(250);

  private final Storage storage;
  private final InstantSource clock;
  private final SchemeRegistry schemes;
  private final ServiceSettings settings;
  private final TaskSecrets secrets;
  private final Observer observer;
  private final Lifecycle lifecycle;
  private final LogBook book;
  private final LogService logs;
  private final TaskSignal signal = new TaskSignal();
  private final ConcurrentHashMap<NodeId, NodePublicKey> keyCache = new ConcurrentHashMap<>();

  private Coordination(
      Storage storage,
      InstantSource clock,
      RandomSource random,
      SchemeRegistry schemes,
      ServiceSettings settings,
      TaskSecrets secrets,
      NodeIdentity coordinatorKey,
      Observer observer) {
    this.storage = storage;
    this.book = new LogBook(coordinatorKey);
    this.logs = LogService.over(storage);
    this.clock = clock;
    this.schemes = schemes;
    this.settings = settings;
    this.secrets = secrets;
    this.observer = observer;
    this.lifecycle = new Lifecycle(schemes, settings, secrets, random);
  }

  /**
   * The services over {@code storage}.
   *
   * @param clock the time of leases, deadlines and freshness
   * @param random the source of adaptive-replication draws (secure in production, seeded in tests);
   *     challenge randomness comes from the logged beacon ({@link TaskSecrets#beacon})
   * @param coordinatorKey the key that signs the coordinator's log entries and tree heads
   */
  public static Coordination create(
      Storage storage,
      InstantSource clock,
      RandomSource random,
      SchemeRegistry schemes,
      ServiceSettings settings,
      TaskSecrets secrets,
      NodeIdentity coordinatorKey,
      Observer observer) {
    return new Coordination(
        storage, clock, random, schemes, settings, secrets, coordinatorKey, observer);
  }

  /** The transparency log's read side (the {@code /v1/log} endpoints). */
  public LogService log() {
    return logs;
  }

  /** The key that signs the coordinator's log entries and tree heads. */
  public dev.proofofcompute.crypto.identity.NodePublicKey logKey() {
    return book.key().publicKey();
  }

  public ServiceSettings settings() {
    return settings;
  }

  public SchemeRegistry schemes() {
    return schemes;
  }

  public InstantSource clock() {
    return clock;
  }

  /** Where request signatures find node keys: the operator's key, then registered nodes. */
  public RequestVerifier.KeyLookup keys() {
    return node -> {
      Optional<NodePublicKey> op = settings.operator();
      if (op.isPresent() && op.get().nodeId().equals(node)) {
        return op;
      }
      NodePublicKey cached = keyCache.get(node);
      if (cached != null) {
        return Optional.of(cached);
      }
      Optional<NodePublicKey> found =
          storage.transaction(tx -> tx.nodes().find(node).map(NodeRecord::publicKey));
      found.ifPresent(k -> keyCache.put(node, k));
      return found;
    };
  }

  // ------------------------------------------------------------------ transactions

  private interface Body<T> {
    T run(Tx tx, Instant now, Effects fx) throws CoordinatorException;
  }

  /** Runs {@code body} with the caller's nonce spent in the same transaction (see class doc). */
  private <T> T call(AuthenticatedRequest caller, Body<T> body) throws CoordinatorException {
    try {
      return inTransaction((tx, now, fx) -> {
        spend(tx, caller);
        return body.run(tx, now, fx);
      });
    } catch (CoordinatorException e) {
      if (e.kind() != Kind.UNAUTHENTICATED) {
        try {
          storage.run(tx ->
              tx.nonces().remember(caller.nodeId(), caller.nonce().toHex(), caller.timestamp()));
        } catch (RuntimeException spendFailed) {
          e.addSuppressed(spendFailed);
        }
      }
      throw e;
    }
  }

  /**
   * Runs {@code body} in one storage transaction that ends by appending the log entries the body
   * collected ({@link LogBook#flush}, the transaction's last write) and signing a head; reports its
   * effects once it has committed. A transaction that lost the race for the log to other
   * coordinators too often ({@link AppendConflictException}) has rolled back and runs again.
   */
  private <T> T inTransaction(Body<T> body) throws CoordinatorException {
    for (int attempt = 1; ; attempt++) {
      Effects[] last = new Effects[1];
      try {
        T value =
            storage.transaction(
                (TxBody<T, CoordinatorException>)
                    tx -> {
                      Instant now = clock.instant();
                      Effects fx = new Effects(book, now);
                      last[0] = fx;
                      T v = body.run(tx, now, fx);
                      book.flush(tx, fx.log, clock);
                      return v;
                    });
        publish(last[0]);
        return value;
      } catch (AppendConflictException e) {
        if (attempt >= MAX_LOG_ATTEMPTS) {
          throw e;
        }
      }
    }
  }

  private static void spend(Tx tx, AuthenticatedRequest caller) throws CoordinatorException {
    if (!tx.nonces().remember(caller.nodeId(), caller.nonce().toHex(), caller.timestamp())) {
      throw new CoordinatorException(Kind.UNAUTHENTICATED, "replayed request: nonce already used");
    }
  }

  private void publish(@Nullable Effects fx) {
    if (fx == null) {
      return;
    }
    for (Consumer<Observer> e : fx.events) {
      e.accept(observer);
    }
    if (fx.wake) {
      signal.signal();
    }
  }

  private NodeRecord registered(Tx tx, NodeId id) throws CoordinatorException {
    return tx.nodes()
        .find(id)
        .orElseThrow(() ->
            new CoordinatorException(Kind.FORBIDDEN, "node " + id.toHex() + " is not registered"));
  }

  private boolean isOperator(NodeId id) {
    return settings.operator().map(k -> k.nodeId().equals(id)).orElse(false);
  }

  // ------------------------------------------------------------------ nodes and accounts

  /**
   * Registers the node whose key signed the request, with its roles, and bonds {@code stake} from
   * its available funds (zero for a new node unless the operator deposited first).
   */
  public NodeView register(
      AuthenticatedRequest caller, NodePublicKey key, Set<NodeRole> roles, Amount stake)
      throws CoordinatorException {
    if (!key.nodeId().equals(caller.nodeId())) {
      throw CoordinatorException.badRequest("the request must be signed by the key it registers");
    }
    if (roles.isEmpty()) {
      throw CoordinatorException.badRequest("a node needs at least one role");
    }
    return call(
        caller,
        (tx, now, fx) -> {
          NodeRecord node = NodeRecord.registered(key, EnumSet.copyOf(roles), now);
          try {
            tx.nodes().register(node);
          } catch (DuplicateException e) {
            throw CoordinatorException.conflict(
                "node " + key.nodeId().toHex() + " is already registered");
          }
          CborMap.Builder roleList = CborMap.builder();
          for (NodeRole r : EnumSet.copyOf(roles)) {
            roleList.put(r.name().toLowerCase(java.util.Locale.ROOT), true);
          }
          CborMap fields =
              CborMap.builder()
                  .put("node", node.id().toHex())
                  .put("key", key.raw())
                  .put("roles", roleList.build())
                  .build();
          if (!stake.isZero()) {
            LedgerOp bond =
                ledger(
                    tx,
                    "bond:" + caller.nodeId().toHex() + ":" + caller.nonce().toHex(),
                    new Operation.Bond(node.id(), stake),
                    now);
            fx.logByNode(EntryKind.NODE_REGISTERED, fields, caller, bond);
          } else {
            fx.logByNode(EntryKind.NODE_REGISTERED, fields, caller);
          }
          keyCache.put(node.id(), key);
          return view(node);
        });
  }

  /** A registered node's public record. */
  public NodeView node(AuthenticatedRequest caller, NodeId id) throws CoordinatorException {
    return call(
        caller,
        (tx, now, fx) -> {
          if (!isOperator(caller.nodeId())) {
            registered(tx, caller.nodeId());
          }
          return view(
              tx.nodes()
                  .find(id)
                  .orElseThrow(() -> CoordinatorException.notFound("no node " + id.toHex())));
        });
  }

  /**
   * Credits {@code amount} from outside to {@code target}'s available funds: a node to itself under
   * {@link ServiceSettings.DepositPolicy#OPEN}, the operator to anyone.
   */
  public Balances deposit(AuthenticatedRequest caller, NodeId target, Amount amount)
      throws CoordinatorException {
    positive(amount, "a deposit");
    boolean operator = isOperator(caller.nodeId());
    if (!operator
        && (settings.deposits() != ServiceSettings.DepositPolicy.OPEN
            || !target.equals(caller.nodeId()))) {
      throw CoordinatorException.forbidden(
          settings.deposits() == ServiceSettings.DepositPolicy.OPEN
              ? "a node deposits to its own account only"
              : "only the operator credits deposits");
    }
    return call(
        caller,
        (tx, now, fx) -> {
          if (!operator) {
            registered(tx, caller.nodeId());
          }
          NodeRecord unused =
              tx.nodes()
                  .find(target)
                  .orElseThrow(() -> CoordinatorException.notFound("no node " + target.toHex()));
          LedgerOp op =
              ledger(
                  tx,
                  "deposit:" + caller.nodeId().toHex() + ":" + caller.nonce().toHex(),
                  new Operation.Deposit(target, amount),
                  now);
          fx.logByNode(
              EntryKind.DEPOSIT, CborMap.builder().put("node", target.toHex()).build(), caller, op);
          return balances(tx, target);
        });
  }

  /** What moves between a node's own accounts at its request. */
  public enum Transfer {
    /** Available funds to bonded stake. */
    BOND,
    /** Bonded stake (not behind a task) to available funds. */
    UNBOND,
    /** Available funds out of the ledger. */
    WITHDRAW
  }

  /** Bonds, unbonds or withdraws {@code amount} of the caller's own funds. */
  public Balances transfer(AuthenticatedRequest caller, Transfer kind, Amount amount)
      throws CoordinatorException {
    positive(amount, "an amount");
    return call(
        caller,
        (tx, now, fx) -> {
          NodeId me = registered(tx, caller.nodeId()).id();
          String id =
              kind.name().toLowerCase(java.util.Locale.ROOT)
                  + ":"
                  + me.toHex()
                  + ":"
                  + caller.nonce().toHex();
          Operation op =
              switch (kind) {
                case BOND -> new Operation.Bond(me, amount);
                case UNBOND -> new Operation.Unbond(me, amount);
                case WITHDRAW -> new Operation.Withdraw(me, amount);
              };
          LedgerOp logged = ledger(tx, id, op, now);
          fx.logByNode(
              kind == Transfer.WITHDRAW ? EntryKind.WITHDRAWAL : EntryKind.STAKE,
              CborMap.builder().put("node", me.toHex()).build(),
              caller,
              logged);
          return balances(tx, me);
        });
  }

  /** A node's balances: the node itself or the operator may read them. */
  public Balances balances(AuthenticatedRequest caller, NodeId node) throws CoordinatorException {
    if (!node.equals(caller.nodeId()) && !isOperator(caller.nodeId())) {
      throw CoordinatorException.forbidden("a node reads its own balances only");
    }
    return call(
        caller,
        (tx, now, fx) -> {
          NodeRecord unused =
              tx.nodes()
                  .find(node)
                  .orElseThrow(() -> CoordinatorException.notFound("no node " + node.toHex()));
          return balances(tx, node);
        });
  }

  private static Balances balances(Tx tx, NodeId node) {
    return new Balances(
        node,
        tx.ledger().balance(AccountId.available(node)),
        tx.ledger().balance(AccountId.bonded(node)),
        tx.ledger().balance(AccountId.locked(node)));
  }

  private static LedgerOp ledger(Tx tx, String id, Operation op, Instant now)
      throws CoordinatorException {
    OperationId opId = OperationId.of(id);
    try {
      tx.ledger().apply(opId, op, now);
    } catch (LedgerException e) {
      throw new CoordinatorException(
          Kind.CONFLICT, "refused by the ledger (" + e.reason() + "): " + e.getMessage());
    }
    return new LedgerOp(opId, op);
  }

  private static void positive(Amount amount, String what) throws CoordinatorException {
    if (amount.isZero()) {
      throw CoordinatorException.badRequest(what + " must be positive");
    }
  }

  private static NodeView view(NodeRecord n) {
    return new NodeView(
        n.id(),
        n.roles(),
        n.status(),
        Optional.ofNullable(n.throttledUntil()),
        n.consecutiveValid(),
        n.strikes(),
        n.registeredAt());
  }

  // ------------------------------------------------------------------ jobs

  /** The requester's money terms for a job. */
  public record Terms(
      Amount rewardPerTask,
      Amount validatorFeePerTask,
      Amount minStake,
      SlashSplit split,
      Optional<Integer> maxTasks) {}

  /** A job as submitted. */
  public record JobRequest(
      WorkloadId workload,
      Bytes input,
      String scheme,
      Bytes parameters,
      Optional<AdaptiveSettings> adaptive,
      Terms terms,
      String idempotencyKey) {}

  /** The coordinator-assigned id of {@code requester}'s job under {@code idempotencyKey}. */
  public static String jobId(NodeId requester, String idempotencyKey) {
    return Hashes.hash(
            "poc/coordinator/job-id/v1",
            requester.digest().toByteArray(),
            idempotencyKey.getBytes(StandardCharsets.UTF_8))
        .toHex();
  }

  /**
   * Submits a job: the scheme plans it (parameters and input are checked), its budget — the most
   * tasks it may need times reward plus fee — goes into escrow, and its first tasks are queued.
   * Idempotent per requester and key: the same submission again returns the same job; a different
   * one under a used key is refused.
   */
  public JobView submit(AuthenticatedRequest caller, JobRequest request)
      throws CoordinatorException {
    try {
      RecordIds.requireKey("idempotency key", request.idempotencyKey());
    } catch (IllegalArgumentException e) {
      throw CoordinatorException.badRequest(String.valueOf(e.getMessage()));
    }
    SchemeProtocol protocol =
        schemes
            .find(request.scheme())
            .orElseThrow(() ->
                CoordinatorException.badRequest(
                    "unknown scheme '" + request.scheme() + "'; served: " + schemes.names()));
    String jobId = jobId(caller.nodeId(), request.idempotencyKey());
    SchemeProtocol.JobPlan plan;
    try {
      plan =
          protocol.plan(
              new JobSpec(
                  jobId,
                  request.workload(),
                  request.input(),
                  request.scheme(),
                  request.parameters()));
    } catch (ProtocolException e) {
      throw CoordinatorException.badRequest("the job does not plan: " + e.getMessage());
    } catch (RuntimeException e) {
      throw CoordinatorException.badRequest("the job does not plan: " + e);
    }
    if (request.adaptive().isPresent()) {
      if (!"replication".equals(request.scheme())) {
        throw CoordinatorException.badRequest(
            "adaptive replication applies to replication jobs only");
      }
      if (request.adaptive().get().checkFloor() < settings.minCheckFloor()) {
        throw CoordinatorException.badRequest(
            "the adaptive check floor must be at least " + settings.minCheckFloor());
      }
    }
    Terms t = request.terms();
    positive(t.minStake(), "the minimum stake");
    int maxTasks = t.maxTasks().orElse(JobOptions.defaultTasks(plan.replicas()));
    if (maxTasks < plan.replicas() || maxTasks > JobStore.MAX_REPLICAS) {
      throw CoordinatorException.badRequest(
          "maxTasks must be in "
              + plan.replicas()
              + ".."
              + JobStore.MAX_REPLICAS
              + " (the plan runs "
              + plan.replicas()
              + " replicas), got "
              + maxTasks);
    }
    JobOptions options;
    try {
      options =
          new JobOptions(
              new JobTerms(
                  t.rewardPerTask(), t.validatorFeePerTask(), maxTasks, t.minStake(), t.split()),
              plan.replicas(),
              request.adaptive());
    } catch (IllegalArgumentException e) {
      throw CoordinatorException.badRequest(String.valueOf(e.getMessage()));
    }
    int firstReplicas = request.adaptive().isPresent() ? 1 : plan.replicas();
    JobView view =
        call(
            caller,
            (tx, now, fx) -> {
              NodeRecord requester = registered(tx, caller.nodeId());
              if (!requester.hasRole(NodeRole.REQUESTER)) {
                throw CoordinatorException.forbidden("only a REQUESTER node submits jobs");
              }
              NewJob job =
                  new NewJob(
                      jobId,
                      requester.id(),
                      request.idempotencyKey(),
                      request.workload(),
                      request.input(),
                      request.scheme(),
                      plan.canonicalParameters(),
                      options.encode(),
                      firstReplicas,
                      plan.summary(),
                      now);
              JobInsert inserted;
              try {
                inserted = tx.jobs().insert(job);
              } catch (DuplicateException e) {
                throw CoordinatorException.conflict("job id " + jobId + " is taken");
              }
              JobRecord stored = inserted.job();
              if (!inserted.created()) {
                if (!stored.workload().equals(job.workload())
                    || !stored.input().equals(job.input())
                    || !stored.scheme().equals(job.scheme())
                    || !stored.parameters().equals(job.parameters())
                    || !stored.terms().equals(job.terms())) {
                  throw CoordinatorException.conflict(
                      "idempotency key '"
                          + request.idempotencyKey()
                          + "' was used for a different job");
                }
                return jobView(tx, stored, false);
              }
              LedgerOp escrow =
                  ledger(
                      tx,
                      "escrow:" + jobId,
                      new Operation.EscrowJob(jobId, requester.id(), options.terms()),
                      now);
              fx.logByNode(
                  EntryKind.JOB_POSTED,
                  CborMap.builder()
                      .put("job", jobId)
                      .put("key", request.idempotencyKey())
                      .put(
                          "workload",
                          CborMap.builder()
                              .put("name", job.workload().name())
                              .put("version", job.workload().version())
                              .put("digest", job.workload().digest())
                              .build())
                      .put("scheme", job.scheme())
                      .put("parameters", job.parameters())
                      .put("input", job.input())
                      .put("terms", job.terms())
                      .put("replicas", firstReplicas)
                      .build(),
                  caller,
                  escrow);
              fx.wake = true;
              return jobView(tx, stored, true);
            });
    return view;
  }

  /** A job and its tasks, for its requester (or the operator). */
  public JobView job(AuthenticatedRequest caller, String jobId) throws CoordinatorException {
    return call(caller, (tx, now, fx) -> jobView(tx, ownJob(tx, caller, jobId), false));
  }

  /** A job's accepted output, once decided. */
  public JobResult result(AuthenticatedRequest caller, String jobId) throws CoordinatorException {
    return call(
        caller,
        (tx, now, fx) -> {
          JobRecord job = ownJob(tx, caller, jobId);
          return new JobResult(job.jobId(), job.status(), Optional.ofNullable(job.result()));
        });
  }

  private JobRecord ownJob(Tx tx, AuthenticatedRequest caller, String jobId)
      throws CoordinatorException {
    JobRecord job =
        tx.jobs().find(jobId).orElseThrow(() -> CoordinatorException.notFound("no job " + jobId));
    if (!job.requester().equals(caller.nodeId()) && !isOperator(caller.nodeId())) {
      throw CoordinatorException.forbidden("only the job's requester reads it");
    }
    return job;
  }

  private JobView jobView(Tx tx, JobRecord job, boolean created) {
    List<TaskView> tasks = new ArrayList<>();
    for (TaskRecord t : tx.tasks().ofJob(job.jobId())) {
      Optional<Verdict> v = Lifecycle.verdict(t);
      tasks.add(
          new TaskView(
              t.taskId(),
              t.kind(),
              t.replica(),
              Optional.ofNullable(t.parentTaskId()),
              t.state(),
              Optional.ofNullable(t.holder()),
              t.attempts(),
              v.map(Codecs::kind),
              v.flatMap(x ->
                  x instanceof Verdict.Rejected r
                      ? Optional.of(r.reason().name())
                      : Optional.empty()),
              v.map(Verdict::detail)));
    }
    JobOptions opts = Lifecycle.options(job);
    return new JobView(
        job.jobId(),
        job.requester(),
        job.idempotencyKey(),
        job.workload(),
        job.scheme(),
        job.summary(),
        job.status(),
        job.replicas(),
        opts.terms().budget(),
        job.createdAt(),
        Optional.ofNullable(job.decidedAt()),
        job.result() != null,
        created,
        tasks);
  }

  // ------------------------------------------------------------------ leases

  /**
   * Leases the next task for the caller: an EXECUTE task for a provider (its stake is locked for
   * the job's minimum), a VALIDATE task for a validator. Waits up to {@code wait} (bounded by the
   * settings) for work to appear; empty when none did. The nonce is spent by the first attempt.
   */
  public Optional<Lease> lease(AuthenticatedRequest caller, TaskKind kind, Duration wait)
      throws CoordinatorException {
    return poll(caller, kind, 1, false, wait).stream().findFirst();
  }

  /**
   * Leases up to {@code max} tasks for the caller in one transaction (one commit, one log batch,
   * one signed head; {@code POST /v1/leases/batch}), each exactly as {@link #lease} would, in
   * order. Waits up to {@code wait} for the first task to appear and returns as soon as any was
   * leased, without waiting to fill the batch; empty when none came. The node entry of the i-th
   * lease carries {@code batch-op} = i; only the first carries the request's body. When the
   * caller's stake runs out part way (the k-th lease cannot lock the stake its job needs), the
   * transaction is rolled back and run again for the first k-1 leases, so that a batch is never
   * refused for what a smaller one could do; a first lease that cannot be had is refused as {@link
   * #lease} refuses it.
   *
   * @param max 1..{@value #MAX_BATCH}
   */
  public List<Lease> leaseBatch(AuthenticatedRequest caller, TaskKind kind, int max, Duration wait)
      throws CoordinatorException {
    if (max < 1 || max > MAX_BATCH) {
      throw CoordinatorException.badRequest(
          "a batch leases 1.." + MAX_BATCH + " tasks, not " + max);
    }
    return poll(caller, kind, max, true, wait);
  }

  /** A batch lease to run again for fewer tasks: the one at {@code count} was refused. */
  private static final class FewerLeases extends RuntimeException {
    private static final long serialVersionUID = 1L;
    final int count;

    FewerLeases(int count) {
      super("retry with " + count + " leases", null, false, false);
      this.count = count;
    }
  }

  private List<Lease> poll(
      AuthenticatedRequest caller, TaskKind kind, int max, boolean batch, Duration wait)
      throws CoordinatorException {
    Duration bounded =
        wait.isNegative()
            ? Duration.ZERO
            : wait.compareTo(settings.maxLongPoll()) > 0 ? settings.maxLongPoll() : wait;
    long deadline = System.nanoTime() + bounded.toNanos();
    boolean first = true;
    int limit = max;
    while (true) {
      long generation = signal.generation();
      List<Lease> got;
      int n = limit;
      Body<List<Lease>> body = (tx, now, fx) -> leaseMany(tx, caller, kind, n, batch, now, fx);
      try {
        got = first ? call(caller, body) : inTransaction(body);
      } catch (FewerLeases fewer) {
        limit = fewer.count;
        continue;
      }
      first = false;
      if (!got.isEmpty()) {
        return got;
      }
      long left = deadline - System.nanoTime();
      if (left <= 0) {
        return List.of();
      }
      try {
        signal.await(generation, Duration.ofNanos(Math.min(left, POLL_INTERVAL.toNanos())));
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        return List.of();
      }
    }
  }

  /**
   * Up to {@code max} leases in this transaction: the caller's right to lease is checked and lapsed
   * leases are expired once, then {@link #leaseOnce} runs until it finds no task.
   */
  private List<Lease> leaseMany(
      Tx tx,
      AuthenticatedRequest caller,
      TaskKind kind,
      int max,
      boolean batch,
      Instant now,
      Effects fx)
      throws CoordinatorException {
    mayLease(tx, caller, kind, now, fx);
    List<Lease> out = new ArrayList<>();
    for (int i = 0; i < max; i++) {
      if (batch) {
        fx.batchOp = i;
      }
      Optional<Lease> next;
      try {
        next = leaseOnce(tx, caller, kind, now, fx);
      } catch (CoordinatorException e) {
        if (i == 0) {
          throw e;
        }
        throw new FewerLeases(i);
      }
      if (next.isEmpty()) {
        break;
      }
      out.add(next.get());
    }
    return out;
  }

  /**
   * Whether the caller may lease {@code kind} tasks now (registered, the role, not suspended or
   * throttled; a throttle that ended is lifted); then expires lapsed leases, so that their tasks
   * can be leased at once.
   */
  private void mayLease(Tx tx, AuthenticatedRequest caller, TaskKind kind, Instant now, Effects fx)
      throws CoordinatorException {
    NodeId me = caller.nodeId();
    NodeRecord node = registered(tx, me);
    NodeRole role = kind == TaskKind.EXECUTE ? NodeRole.PROVIDER : NodeRole.VALIDATOR;
    if (!node.hasRole(role)) {
      throw CoordinatorException.forbidden(
          "leasing " + kind + " tasks needs the " + role + " role");
    }
    switch (node.status()) {
      case SUSPENDED -> throw CoordinatorException.forbidden("node is suspended");
      case THROTTLED -> {
        Instant until = node.throttledUntil();
        if (until != null && until.isAfter(now)) {
          throw new CoordinatorException(Kind.TOO_MANY, "node is throttled until " + until);
        }
        tx.nodes()
            .lock(me)
            .ifPresent(n -> tx.nodes().update(n.withStatus(NodeStatus.ACTIVE, null)));
      }
      case ACTIVE -> {}
    }
    expire(tx, now, fx);
  }

  /** Leases the next task to the caller (checked by {@link #mayLease}); empty when none waits. */
  private Optional<Lease> leaseOnce(
      Tx tx, AuthenticatedRequest caller, TaskKind kind, Instant now, Effects fx)
      throws CoordinatorException {
    NodeId me = caller.nodeId();
    Optional<TaskRecord> leased =
        tx.tasks().leaseNext(me, Set.of(kind), now, now.plus(settings.leaseDuration()));
    if (leased.isEmpty()) {
      return Optional.empty();
    }
    TaskRecord t = leased.get();
    JobRecord job = Lifecycle.job(tx, t.jobId());
    JobOptions opts = Lifecycle.options(job);
    String leaseId = Lifecycle.requireLease(t);
    Amount locked = Amount.ZERO;
    Bytes work = null;
    TaskSpec spec;
    CborMap.Builder fields =
        Lifecycle.taskFields(t.taskId(), leaseId)
            .put("job", job.jobId())
            .put("kind", kind == TaskKind.EXECUTE ? "execute" : "validate")
            .put("replica", t.replica())
            .put("holder", me.toHex())
            .put("deadline", Lifecycle.deadline(t).toEpochMilli());
    if (kind == TaskKind.EXECUTE) {
      locked = opts.terms().minStake();
      OperationId lockId = OperationId.of("lock:" + t.taskId() + ":" + leaseId);
      Operation lock = new Operation.LockStake(me, job.jobId(), t.taskId(), locked);
      try {
        tx.ledger().apply(lockId, lock, now);
      } catch (LedgerException e) {
        throw CoordinatorException.conflict(
            "cannot lock the stake the next task needs (" + locked + "): " + e.getMessage());
      }
      spec = lifecycle.taskSpec(job, t).forProvider();
      fx.logByNode(EntryKind.LEASE, fields.build(), caller, new LedgerOp(lockId, lock));
      // The beacon's commitment, logged before the provider can commit (docs/translog.md).
      RandomnessBeacon.Secret beacon = secrets.beacon(t.taskId(), leaseId);
      fx.logByCoordinator(
          EntryKind.RANDOMNESS_COMMITTED,
          Lifecycle.extend(
              RandomnessBeacon.commitBody(beacon.taskId(), beacon.commitment()),
              Lifecycle.taskFields(t.taskId(), leaseId)));
    } else {
      work = Lifecycle.require(t.artifacts().work(), "work", t);
      spec = new TaskSpec(t.taskId(), job.spec(), t.replica());
      fields.put("parent", Objects.requireNonNull(t.parentTaskId()));
      fields.put("work", dev.proofofcompute.crypto.Digest.sha256(work));
      fx.logByNode(EntryKind.LEASE, fields.build(), caller);
    }
    String k = kind == TaskKind.EXECUTE ? "execute" : "validate";
    fx.emit(o -> o.leased(k));
    return Optional.of(
        new Lease(
            t.taskId(),
            leaseId,
            Lifecycle.deadline(t),
            kind,
            job.jobId(),
            t.replica(),
            job.workload(),
            job.scheme(),
            job.parameters(),
            job.input(),
            spec.input(),
            Optional.ofNullable(work),
            locked));
  }

  private void expire(Tx tx, Instant now, Effects fx) {
    List<TaskRecord> expired = tx.tasks().expireLeases(now);
    for (TaskRecord t : expired) {
      lifecycle.lapsed(tx, t, now, fx);
    }
    if (!expired.isEmpty()) {
      int n = expired.size();
      fx.emit(o -> o.leasesExpired(n));
      fx.wake = true;
    }
  }

  /** The task the caller holds under {@code leaseId}, in one of {@code states}. */
  private static TaskRecord held(
      Tx tx,
      AuthenticatedRequest caller,
      String taskId,
      String leaseId,
      Instant now,
      TaskState... states)
      throws CoordinatorException {
    TaskRecord t =
        tx.tasks()
            .find(taskId)
            .orElseThrow(() -> CoordinatorException.notFound("no task " + taskId));
    if (!caller.nodeId().equals(t.holder()) || !leaseId.equals(t.leaseId())) {
      throw CoordinatorException.conflict(
          "task " + taskId + " is not held by this node under lease " + leaseId);
    }
    if (t.state().isLeased() && !Lifecycle.live(t, now)) {
      throw CoordinatorException.conflict("the lease on task " + taskId + " has lapsed");
    }
    for (TaskState s : states) {
      if (t.state() == s) {
        return t;
      }
    }
    throw CoordinatorException.conflict(
        "task " + taskId + " is " + t.state() + ", expected " + List.of(states));
  }

  /** Extends a live lease (a heartbeat while executing). */
  public Instant heartbeat(AuthenticatedRequest caller, String taskId, String leaseId)
      throws CoordinatorException {
    return call(caller, heartbeatOp(caller, taskId, leaseId)).leaseDeadline();
  }

  private Body<Views.LeaseExtended> heartbeatOp(
      AuthenticatedRequest caller, String taskId, String leaseId) {
    return (tx, now, fx) -> {
      held(tx, caller, taskId, leaseId, now, TaskState.LEASED, TaskState.COMMITTED);
      Instant deadline = now.plus(settings.leaseDuration());
      if (!tx.tasks().extendLease(taskId, leaseId, now, deadline)) {
        throw CoordinatorException.conflict("the lease on task " + taskId + " has lapsed");
      }
      return new Views.LeaseExtended(taskId, deadline);
    };
  }

  /** Gives a leased task back (a graceful shutdown): its stake comes back, no failure point. */
  public void release(AuthenticatedRequest caller, String taskId, String leaseId)
      throws CoordinatorException {
    call(caller, releaseOp(caller, taskId, leaseId));
  }

  private Body<Views.Released> releaseOp(
      AuthenticatedRequest caller, String taskId, String leaseId) {
    return (tx, now, fx) -> {
      TaskRecord t = held(tx, caller, taskId, leaseId, now, TaskState.LEASED, TaskState.COMMITTED);
      if (!tx.tasks().release(taskId, leaseId, now)) {
        throw CoordinatorException.conflict("the lease on task " + taskId + " has lapsed");
      }
      CborMap fields =
          Lifecycle.taskFields(taskId, leaseId)
              .put("reason", "released")
              .put("holder", caller.nodeId().toHex())
              .build();
      if (t.kind() == TaskKind.EXECUTE) {
        JobRecord job = Lifecycle.job(tx, t.jobId());
        LedgerOp release =
            Lifecycle.applyOp(
                tx,
                "release:" + taskId + ":" + leaseId,
                new Operation.ReleaseStake(
                    caller.nodeId(),
                    job.jobId(),
                    taskId,
                    Lifecycle.options(job).terms().minStake()),
                now);
        fx.logByNode(EntryKind.LEASE_EXPIRED, fields, caller, release);
      } else {
        fx.logByNode(EntryKind.LEASE_EXPIRED, fields, caller);
      }
      fx.wake = true;
      return new Views.Released(taskId);
    };
  }

  // ------------------------------------------------------------------ commit, challenge, respond

  /**
   * Stores a provider's commitment, then draws the challenge randomness (after the commitment is
   * stored, in the same transaction) and derives its challenge — unless the scheme waits for every
   * replica to commit, in which case the answer says to poll {@link #challenge}.
   */
  public ChallengeState commit(
      AuthenticatedRequest caller, String taskId, String leaseId, Bytes commitment)
      throws CoordinatorException {
    return call(caller, commitOp(caller, taskId, leaseId, commitment));
  }

  /** The body of a commit; an empty commitment is refused before any transaction. */
  private Body<ChallengeState> commitOp(
      AuthenticatedRequest caller, String taskId, String leaseId, Bytes commitment)
      throws CoordinatorException {
    if (commitment.length() == 0) {
      throw CoordinatorException.badRequest("the commitment is empty");
    }
    return (tx, now, fx) -> {
      TaskRecord t = held(tx, caller, taskId, leaseId, now, TaskState.LEASED);
      if (t.kind() != TaskKind.EXECUTE) {
        throw CoordinatorException.conflict("a validation task takes a report, not a commitment");
      }
      JobRecord job = Lifecycle.job(tx, t.jobId());
      Bytes secret = secrets.secret(taskId, leaseId);
      if (!tx.tasks()
          .advance(
              taskId,
              TaskState.LEASED,
              leaseId,
              TaskState.COMMITTED,
              TaskArtifacts.none().withSecret(secret).withCommitment(commitment),
              now)) {
        throw CoordinatorException.conflict("the lease on task " + taskId + " has lapsed");
      }
      fx.logByNode(
          EntryKind.COMMITMENT,
          Lifecycle.extend(
              RandomnessBeacon.providerCommitmentBody(
                  TaskSecrets.beaconTask(taskId, leaseId), commitment),
              Lifecycle.taskFields(taskId, leaseId)),
          caller);
      lifecycle.adaptiveDecision(tx, job, t, registered(tx, caller.nodeId()), now);
      lifecycle.issueChallenges(tx, job, now, fx);
      fx.wake = true;
      return challengeState(Lifecycle.task(tx, taskId));
    };
  }

  /**
   * The challenge to the caller's commitment, once it is drawn; while the task waits for other
   * replicas to commit, each poll extends the caller's lease, so waiting never costs a lease.
   */
  public ChallengeState challenge(AuthenticatedRequest caller, String taskId, String leaseId)
      throws CoordinatorException {
    return call(caller, challengeOp(caller, taskId, leaseId));
  }

  private Body<ChallengeState> challengeOp(
      AuthenticatedRequest caller, String taskId, String leaseId) {
    return (tx, now, fx) -> {
      TaskRecord t =
          held(
              tx,
              caller,
              taskId,
              leaseId,
              now,
              TaskState.COMMITTED,
              TaskState.CHECKED,
              TaskState.VALIDATING,
              TaskState.FINAL);
      if (t.state() == TaskState.COMMITTED && t.artifacts().challenge() == null) {
        lifecycle.issueChallenges(tx, Lifecycle.job(tx, t.jobId()), now, fx);
        t = Lifecycle.task(tx, taskId);
        if (t.state() == TaskState.COMMITTED && t.artifacts().challenge() == null) {
          tx.tasks().extendLease(taskId, leaseId, now, now.plus(settings.leaseDuration()));
          t = Lifecycle.task(tx, taskId);
        }
      }
      return challengeState(t);
    };
  }

  private static ChallengeState challengeState(TaskRecord t) {
    Bytes c = t.artifacts().challenge();
    return new ChallengeState(
        t.taskId(),
        c != null || t.state() != TaskState.COMMITTED,
        Optional.ofNullable(c),
        Lifecycle.deadline(t));
  }

  /**
   * Checks a provider's response against its commitment and challenge; hands re-execution to a
   * validator when the scheme asks for it; decides the job when every task is checked.
   */
  public TaskOutcomeView respond(
      AuthenticatedRequest caller, String taskId, String leaseId, Bytes response)
      throws CoordinatorException {
    return call(caller, respondOp(caller, taskId, leaseId, response));
  }

  private Body<TaskOutcomeView> respondOp(
      AuthenticatedRequest caller, String taskId, String leaseId, Bytes response) {
    return (tx, now, fx) -> {
      TaskRecord t = held(tx, caller, taskId, leaseId, now, TaskState.COMMITTED);
      Bytes challenge = t.artifacts().challenge();
      if (challenge == null) {
        throw CoordinatorException.conflict(
            "task " + taskId + " has no challenge yet; poll it first");
      }
      JobRecord job = Lifecycle.job(tx, t.jobId());
      SchemeProtocol protocol = lifecycle.protocol(job);
      TaskCheck check =
          protocol.check(
              lifecycle.taskSpec(job, t),
              lifecycle.provider(tx, caller.nodeId()),
              Lifecycle.require(t.artifacts().commitment(), "commitment", t),
              challenge,
              response,
              now);
      TaskArtifacts set =
          TaskArtifacts.none().withResponse(response).withCheck(Codecs.encodeCheck(check));
      fx.logByNode(
          responseKind(job.scheme()),
          Lifecycle.taskFields(taskId, leaseId).put("response", response).build(),
          caller);
      Lifecycle.logCheck(fx, taskId, check);
      if (check instanceof TaskCheck.NeedsValidation n) {
        set = set.withWork(n.work());
        advance(tx, taskId, TaskState.COMMITTED, leaseId, TaskState.VALIDATING, set, now);
        tx.tasks().addValidation(taskId, n.work(), now);
        fx.wake = true;
      } else {
        advance(tx, taskId, TaskState.COMMITTED, leaseId, TaskState.CHECKED, set, now);
        lifecycle.maybeDecide(tx, job.jobId(), now, fx);
      }
      TaskRecord after = Lifecycle.task(tx, taskId);
      return new TaskOutcomeView(taskId, after.state(), Optional.of(detail(check)));
    };
  }

  /**
   * The kind of entry a provider's response is logged as: the reveal of a committed result
   * (replication), the opening of sampled items (spot-check), else a response to a challenge.
   */
  public static EntryKind responseKind(String scheme) {
    return switch (scheme) {
      case "replication" -> EntryKind.REVEAL;
      case "spot-check" -> EntryKind.OPENING;
      default -> EntryKind.RESPONSE;
    };
  }

  private static void advance(
      Tx tx,
      String taskId,
      TaskState from,
      String leaseId,
      TaskState to,
      TaskArtifacts set,
      Instant now)
      throws CoordinatorException {
    if (!tx.tasks().advance(taskId, from, leaseId, to, set, now)) {
      throw CoordinatorException.conflict("the lease on task " + taskId + " has lapsed");
    }
  }

  private static String detail(TaskCheck check) {
    return switch (check) {
      case TaskCheck.Verified v -> "verified: " + v.detail();
      case TaskCheck.Failed f -> "failed: " + f.verdict().reason() + ": " + f.verdict().detail();
      case TaskCheck.NeedsValidation n -> "needs validation: " + n.detail();
      case TaskCheck.Unresolved u -> "unresolved: " + u.detail();
    };
  }

  /** A validator's report on a VALIDATE task: folded into the parent task's check. */
  public TaskOutcomeView report(
      AuthenticatedRequest caller, String taskId, String leaseId, Bytes report)
      throws CoordinatorException {
    return call(caller, reportOp(caller, taskId, leaseId, report));
  }

  private Body<TaskOutcomeView> reportOp(
      AuthenticatedRequest caller, String taskId, String leaseId, Bytes report) {
    return (tx, now, fx) -> {
      TaskRecord v = held(tx, caller, taskId, leaseId, now, TaskState.LEASED);
      if (v.kind() != TaskKind.VALIDATE) {
        throw CoordinatorException.conflict("an execution task takes a commitment, not a report");
      }
      String parentId = v.parentTaskId();
      if (parentId == null) {
        throw new IllegalStateException("validation task without a parent");
      }
      TaskRecord parent = Lifecycle.task(tx, parentId);
      JobRecord job = Lifecycle.job(tx, v.jobId());
      Bytes work = Lifecycle.require(v.artifacts().work(), "work", v);
      fx.logByNode(
          EntryKind.VALIDATION,
          Lifecycle.taskFields(taskId, leaseId)
              .put("parent", parentId)
              .put("report", report)
              .build(),
          caller);
      if (parent.state() != TaskState.VALIDATING) {
        TaskCheck stale = new TaskCheck.Unresolved("the parent task no longer needs this report");
        advance(
            tx,
            taskId,
            TaskState.LEASED,
            leaseId,
            TaskState.FINAL,
            TaskArtifacts.none().withReport(report).withCheck(Codecs.encodeCheck(stale)),
            now);
        return new TaskOutcomeView(taskId, TaskState.FINAL, Optional.of(detail(stale)));
      }
      TaskCheck check =
          lifecycle
              .protocol(job)
              .completeValidation(
                  lifecycle.taskSpec(job, parent),
                  lifecycle.provider(tx, Lifecycle.holder(parent)),
                  Lifecycle.require(parent.artifacts().commitment(), "commitment", parent),
                  Lifecycle.require(parent.artifacts().challenge(), "challenge", parent),
                  Lifecycle.require(parent.artifacts().response(), "response", parent),
                  work,
                  report);
      advance(
          tx,
          taskId,
          TaskState.LEASED,
          leaseId,
          TaskState.FINAL,
          TaskArtifacts.none().withReport(report).withCheck(Codecs.encodeCheck(check)),
          now);
      boolean useless =
          check instanceof TaskCheck.Unresolved || check instanceof TaskCheck.NeedsValidation;
      if (useless) {
        lifecycle.reputation(tx, caller.nodeId(), false, ServiceSettings.REJECTION_POINTS, now);
        long tries =
            tx.tasks().ofJob(job.jobId()).stream()
                .filter(x -> parentId.equals(x.parentTaskId()))
                .count();
        if (tries < settings.maxValidationsPerTask()) {
          tx.tasks().addValidation(parentId, work, now);
          fx.wake = true;
        } else {
          parentChecked(
              tx,
              job,
              parentId,
              new TaskCheck.Unresolved(
                  "no validator produced a usable report after " + tries + " tries"),
              now,
              fx);
        }
      } else {
        lifecycle.reputation(tx, caller.nodeId(), true, 0, now);
        parentChecked(tx, job, parentId, check, now, fx);
      }
      return new TaskOutcomeView(taskId, TaskState.FINAL, Optional.of(detail(check)));
    };
  }

  /**
   * The validated task's check is final: it is stored and logged, and the job decided if it can be.
   */
  private void parentChecked(
      Tx tx, JobRecord job, String parentId, TaskCheck check, Instant now, Effects fx) {
    tx.tasks()
        .advance(
            parentId,
            TaskState.VALIDATING,
            null,
            TaskState.CHECKED,
            TaskArtifacts.none().withCheck(Codecs.encodeCheck(check)),
            now);
    Lifecycle.logCheck(fx, parentId, check);
    lifecycle.maybeDecide(tx, job.jobId(), now, fx);
  }

  // ------------------------------------------------------------------ batched task operations

  /**
   * Runs the task operations of one batched request ({@code POST /v1/tasks/batch}; BOINC's
   * scheduler RPC likewise reports many results in one call), in order, each exactly as its single
   * endpoint would, and returns one result per operation in the same order.
   *
   * <p>All the operations run in <b>one storage transaction</b> with the request's nonce: one
   * commit, one log batch and one signed head for the lot. If any operation is refused (a {@link
   * CoordinatorException}), that transaction is rolled back and each operation runs again in a
   * transaction of its own, as the single endpoint runs it, so that the good ones land and each bad
   * one gets its own refusal; the nonce is then spent in the first transaction that commits (or on
   * its own when every operation is refused). Either way the nonce is spent exactly once, and a
   * replay of the whole batch is refused. An operation refused before it reaches storage (an empty
   * commitment) is refused alone and the others run as above.
   *
   * <p>Log convention (docs/coordinator.md, "Batched requests"): every node entry of operation i
   * carries {@code batch-op} = i and the request's authorisation; only the first node entry logged
   * from the request carries its {@code http-body}.
   *
   * @param ops 1..{@value #MAX_BATCH} operations, at most one per task
   * @throws CoordinatorException for the batch as a whole: no operation, too many, a task twice
   *     (400, nothing done, nonce not spent), a replayed nonce (401)
   */
  public List<TaskOpResult> batch(AuthenticatedRequest caller, List<TaskOp> ops)
      throws CoordinatorException {
    if (ops.isEmpty() || ops.size() > MAX_BATCH) {
      throw CoordinatorException.badRequest(
          "a batch holds 1.." + MAX_BATCH + " operations, not " + ops.size());
    }
    Set<String> tasks = new HashSet<>();
    for (TaskOp op : ops) {
      if (!tasks.add(op.taskId())) {
        throw CoordinatorException.badRequest(
            "task " + op.taskId() + " appears twice in the batch; one operation per task");
      }
    }
    TaskOpResult[] results = new TaskOpResult[ops.size()];
    List<Integer> runnable = new ArrayList<>();
    List<@Nullable Body<? extends TaskOpView>> bodies = new ArrayList<>();
    for (int i = 0; i < ops.size(); i++) {
      try {
        bodies.add(opBody(caller, ops.get(i)));
        runnable.add(i);
      } catch (CoordinatorException refused) {
        bodies.add(null);
        results[i] = new TaskOpResult.Refused(ops.get(i), refused);
      }
    }
    CoordinatorException[] replayed = new CoordinatorException[1];
    try {
      List<TaskOpView> views =
          inTransaction((tx, now, fx) -> {
            try {
              spend(tx, caller);
            } catch (CoordinatorException e) {
              replayed[0] = e;
              throw e;
            }
            List<TaskOpView> out = new ArrayList<>();
            for (int i : runnable) {
              fx.batchOp = i;
              out.add(Objects.requireNonNull(bodies.get(i)).run(tx, now, fx));
            }
            return out;
          });
      for (int k = 0; k < runnable.size(); k++) {
        int i = runnable.get(k);
        results[i] = new TaskOpResult.Done(ops.get(i), views.get(k));
      }
    } catch (CoordinatorException e) {
      if (e == replayed[0]) {
        throw e;
      }
      runAlone(caller, ops, runnable, bodies, results);
    }
    List<TaskOpResult> out = new ArrayList<>();
    for (TaskOpResult r : results) {
      out.add(Objects.requireNonNull(r));
    }
    return out;
  }

  /**
   * The fallback of {@link #batch}: each operation in a transaction of its own; the nonce is spent
   * by the first that commits, or alone if none does.
   */
  private void runAlone(
      AuthenticatedRequest caller,
      List<TaskOp> ops,
      List<Integer> runnable,
      List<@Nullable Body<? extends TaskOpView>> bodies,
      TaskOpResult[] results)
      throws CoordinatorException {
    boolean spent = false;
    boolean bodyLogged = false;
    CoordinatorException[] replayed = new CoordinatorException[1];
    for (int i : runnable) {
      boolean spendHere = !spent;
      boolean logged = bodyLogged;
      Effects[] used = new Effects[1];
      Body<? extends TaskOpView> body = Objects.requireNonNull(bodies.get(i));
      try {
        TaskOpView v =
            inTransaction((tx, now, fx) -> {
              if (spendHere) {
                try {
                  spend(tx, caller);
                } catch (CoordinatorException e) {
                  replayed[0] = e;
                  throw e;
                }
              }
              fx.batchOp = i;
              fx.batchBodyLogged = logged;
              used[0] = fx;
              return body.run(tx, now, fx);
            });
        results[i] = new TaskOpResult.Done(ops.get(i), v);
        spent = true;
        bodyLogged |= used[0].batchBodyLogged;
      } catch (CoordinatorException refused) {
        if (refused == replayed[0]) {
          throw refused;
        }
        results[i] = new TaskOpResult.Refused(ops.get(i), refused);
      }
    }
    if (!spent) {
      inTransaction((tx, now, fx) -> {
        spend(tx, caller);
        return Boolean.TRUE;
      });
    }
  }

  /** The transaction body of one batched operation (the single endpoint's body). */
  private Body<? extends TaskOpView> opBody(AuthenticatedRequest caller, TaskOp op)
      throws CoordinatorException {
    String task = op.taskId();
    String lease = op.leaseId();
    return switch (op.kind()) {
      case COMMIT -> commitOp(caller, task, lease, op.requirePayload());
      case CHALLENGE -> challengeOp(caller, task, lease);
      case RESPOND -> respondOp(caller, task, lease, op.requirePayload());
      case REPORT -> reportOp(caller, task, lease, op.requirePayload());
      case HEARTBEAT -> heartbeatOp(caller, task, lease);
      case RELEASE -> releaseOp(caller, task, lease);
    };
  }

  // ------------------------------------------------------------------ disputes

  /** The dispute questions addressed to the caller's tasks. */
  public List<DisputeRequest> pendingDisputes(AuthenticatedRequest caller)
      throws CoordinatorException {
    return call(
        caller,
        (tx, now, fx) -> {
          registered(tx, caller.nodeId());
          List<DisputeRequest> out = new ArrayList<>();
          for (JobRecord job : disputedJobs(tx)) {
            for (DisputeRecord d : tx.disputes().ofJob(job.jobId())) {
              PendingRequest p = d.pending();
              if (p == null) {
                continue;
              }
              TaskRecord t = Lifecycle.task(tx, p.taskId());
              if (caller.nodeId().equals(t.holder())) {
                out.add(
                    new DisputeRequest(
                        d.disputeId(), d.jobId(), p.taskId(), p.request(), p.deadline()));
              }
            }
          }
          return out;
        });
  }

  private static List<JobRecord> disputedJobs(Tx tx) {
    List<JobRecord> out = new ArrayList<>();
    long after = 0;
    while (true) {
      List<JobRecord> page =
          tx.jobs()
              .list(
                  new dev.proofofcompute.storage.JobQuery(
                      dev.proofofcompute.storage.JobStatus.DISPUTED, null, after, 1000));
      out.addAll(page);
      if (page.size() < 1000) {
        return out;
      }
      after = page.get(page.size() - 1).seq();
    }
  }

  /** The caller's answer to the question a dispute asked its task. */
  public void answerDispute(
      AuthenticatedRequest caller, String disputeId, String taskId, Bytes answer)
      throws CoordinatorException {
    call(
        caller,
        (tx, now, fx) -> {
          DisputeRecord d =
              tx.disputes()
                  .find(disputeId)
                  .orElseThrow(() -> CoordinatorException.notFound("no dispute " + disputeId));
          PendingRequest p = d.pending();
          if (p == null || !p.taskId().equals(taskId)) {
            throw CoordinatorException.conflict(
                "dispute " + disputeId + " asks nothing of task " + taskId);
          }
          if (!caller.nodeId().equals(Lifecycle.task(tx, taskId).holder())) {
            throw CoordinatorException.forbidden("task " + taskId + " is not this node's");
          }
          if (!p.deadline().isAfter(now)) {
            throw CoordinatorException.conflict(
                "the answer is late: the deadline was " + p.deadline());
          }
          if (!tx.disputes().answer(disputeId, d.answers().size(), taskId, answer, now)) {
            throw CoordinatorException.conflict("dispute " + disputeId + " moved on");
          }
          fx.logByNode(
              EntryKind.DISPUTE,
              Lifecycle.taskFields(taskId, null)
                  .put("dispute", disputeId)
                  .put("step", "answer")
                  .put("request", p.request())
                  .put("answer", answer)
                  .build(),
              caller);
          lifecycle.drive(tx, disputeId, now, fx);
          return Boolean.TRUE;
        });
  }

  // ------------------------------------------------------------------ scheduler

  /**
   * One pass of the scheduler: lapsed leases go back to PENDING (the holder's stake is released, it
   * gets a failure point), overdue dispute questions are forfeited, old nonces are forgotten.
   * Idempotent and safe to run on every coordinator at once.
   */
  public Tick tick() {
    try {
      return inTransaction((tx, now, fx) -> {
        List<TaskRecord> expired = tx.tasks().expireLeases(now);
        for (TaskRecord t : expired) {
          lifecycle.lapsed(tx, t, now, fx);
        }
        if (!expired.isEmpty()) {
          int n = expired.size();
          fx.emit(o -> o.leasesExpired(n));
          fx.wake = true;
        }
        List<DisputeRecord> overdue = tx.disputes().overdue(now);
        for (DisputeRecord d : overdue) {
          lifecycle.forfeit(tx, d, now, fx);
        }
        long purged =
            tx.nonces()
                .purgeBefore(
                    now.minus(settings.freshnessWindow()).minus(settings.freshnessWindow()));
        return new Tick(expired.size(), overdue.size(), purged);
      });
    } catch (CoordinatorException e) {
      throw new IllegalStateException("the scheduler's pass refused itself: " + e.reason(), e);
    }
  }

  /** Whether the storage answers: a trivial transaction. */
  public String health() {
    return storage.transaction(tx -> storage.location() + " at " + tx.databaseTime());
  }
}
