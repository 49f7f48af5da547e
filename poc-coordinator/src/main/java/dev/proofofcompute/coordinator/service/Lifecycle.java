package dev.proofofcompute.coordinator.service;

import dev.proofofcompute.core.message.AuthenticatedRequest;
import dev.proofofcompute.core.scheme.Verdict;
import dev.proofofcompute.crypto.Bytes;
import dev.proofofcompute.crypto.DecodingException;
import dev.proofofcompute.crypto.cbor.CborMap;
import dev.proofofcompute.crypto.identity.NodeId;
import dev.proofofcompute.crypto.money.Amount;
import dev.proofofcompute.crypto.random.RandomSource;
import dev.proofofcompute.ledger.Fee;
import dev.proofofcompute.ledger.LedgerException;
import dev.proofofcompute.ledger.Operation;
import dev.proofofcompute.ledger.OperationId;
import dev.proofofcompute.protocol.DisputeStep;
import dev.proofofcompute.protocol.JobDecision;
import dev.proofofcompute.protocol.JobSpec;
import dev.proofofcompute.protocol.ProtocolException;
import dev.proofofcompute.protocol.ReplicationProtocol;
import dev.proofofcompute.protocol.SchemeProtocol;
import dev.proofofcompute.protocol.SchemeProtocol.ProviderInfo;
import dev.proofofcompute.protocol.SchemeProtocol.TaskOutcome;
import dev.proofofcompute.protocol.TaskCheck;
import dev.proofofcompute.protocol.TaskSpec;
import dev.proofofcompute.schemes.replication.AdaptiveReplication;
import dev.proofofcompute.schemes.replication.Reputation;
import dev.proofofcompute.storage.DisputeRecord;
import dev.proofofcompute.storage.DisputeState;
import dev.proofofcompute.storage.JobRecord;
import dev.proofofcompute.storage.JobStatus;
import dev.proofofcompute.storage.NodeRecord;
import dev.proofofcompute.storage.NodeStatus;
import dev.proofofcompute.storage.TaskArtifacts;
import dev.proofofcompute.storage.TaskKind;
import dev.proofofcompute.storage.TaskRecord;
import dev.proofofcompute.storage.TaskState;
import dev.proofofcompute.storage.Tx;
import dev.proofofcompute.translog.EntryKind;
import dev.proofofcompute.translog.RandomnessBeacon;
import dev.proofofcompute.translog.ledger.LedgerOp;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Consumer;
import org.jspecify.annotations.Nullable;

/**
 * The verification pipeline and settlement, as steps inside one storage transaction: challenge
 * after commitment, check, hand-off to validators, job decision, disputes, verdicts, settlement
 * through the ledger, reputation, and the bookkeeping of lapsed leases. Holds no state of its own:
 * everything it knows is read from the {@link Tx}, so any coordinator sharing the database can take
 * the next step.
 *
 * <p><b>Settlement</b> uses deterministic ledger operation ids, so that a retried transaction, a
 * replayed request or a second coordinator pays exactly once: {@code lock:<task>:<lease>} and
 * {@code release:<task>:<lease>} for the stake behind one lease, {@code reward:<task>} (provider
 * reward and validator fees), {@code slash:<task>}, {@code escrow:<job>} and {@code close:<job>}.
 *
 * <p><b>Verdicts.</b> Accepted: the stake is released, the provider is paid the reward, the
 * validators whose reports decided the check share the fee. Rejected (proof of a wrong result): the
 * whole stake behind the task is slashed and split per the job's terms, with the challenger's share
 * to the validator whose report convicted it, or to the provider of the winning replica; validators
 * are still paid. Inconclusive: the stake is released and nobody is paid or slashed. A job left
 * without an accepted result runs another replica while its escrow pays for more tasks.
 *
 * <p><b>Reputation.</b> An accepted result adds one consecutive valid result and removes one
 * failure point; a rejection resets the run and adds {@link ServiceSettings#REJECTION_POINTS}; a
 * lapsed lease or an unanswered dispute question adds {@link ServiceSettings#LAPSE_POINTS}. At
 * {@code throttleAt} points a node is throttled for {@code points x throttleBase}; at {@code
 * suspendAt} it is suspended. A lapse only ever costs points, never stake.
 */
final class Lifecycle {
  private final SchemeRegistry schemes;
  private final ServiceSettings settings;
  private final TaskSecrets secrets;
  private final RandomSource random;

  Lifecycle(
      SchemeRegistry schemes, ServiceSettings settings, TaskSecrets secrets, RandomSource random) {
    this.schemes = schemes;
    this.settings = settings;
    this.secrets = secrets;
    this.random = random;
  }

  /**
   * What a transaction produced besides its writes: the log entries of its state changes (appended
   * at its end, {@link LogBook#flush}), and events to report once it has committed.
   */
  static final class Effects {
    final List<Consumer<Observer>> events = new ArrayList<>();
    final List<LogBook.Pending> log = new ArrayList<>();
    final LogBook book;
    final Instant now;
    boolean wake;

    /**
     * While an operation of a batched request runs: its index in the request ({@code ops}, or the
     * lease's index in {@code leases}), logged as {@code batch-op} in its node entries; -1 outside
     * batches.
     */
    int batchOp = -1;

    /**
     * Whether a node entry of the batched request already carries its {@code http-body} (only the
     * first one logged from the request does; docs/coordinator.md, "Batched requests").
     */
    boolean batchBodyLogged;

    Effects(LogBook book, Instant now) {
      this.book = book;
      this.now = now;
    }

    void emit(Consumer<Observer> e) {
      events.add(e);
    }

    /** Logs a state change the coordinator made on its own. */
    void logByCoordinator(EntryKind kind, CborMap fields, LedgerOp... ops) {
      log.add(book.byCoordinator(kind, now, fields, List.of(ops)));
    }

    /** Logs a state change {@code caller}'s signed request asked for. */
    void logByNode(EntryKind kind, CborMap fields, AuthenticatedRequest caller, LedgerOp... ops) {
      if (batchOp < 0) {
        log.add(new LogBook.Ready(book.byNode(kind, now, fields, List.of(ops), caller, -1, true)));
        return;
      }
      log.add(
          new LogBook.Ready(
              book.byNode(kind, now, fields, List.of(ops), caller, batchOp, !batchBodyLogged)));
      batchBodyLogged = true;
    }
  }

  // ------------------------------------------------------------------ helpers

  SchemeProtocol protocol(JobRecord job) {
    return schemes
        .find(job.scheme())
        .orElseThrow(
            () -> new IllegalStateException("no protocol for stored scheme " + job.scheme()));
  }

  static JobOptions options(JobRecord job) {
    JobOptions known = DECODED_OPTIONS.get(job.terms());
    if (known != null) {
      return known;
    }
    try {
      JobOptions decoded = JobOptions.decode(job.terms());
      DECODED_OPTIONS.put(job.terms(), decoded);
      return decoded;
    } catch (DecodingException e) {
      throw new IllegalStateException("stored terms of job " + job.jobId() + " do not decode", e);
    }
  }

  /**
   * Job options already decoded, by their stored bytes (a job's terms never change; one operation
   * read them several times). Keyed by content; the least recently used of 4,096 goes first.
   */
  private static final Map<Bytes, JobOptions> DECODED_OPTIONS =
      Collections.synchronizedMap(
          new LinkedHashMap<>(256, 0.75f, true) {
            @Override
            protected boolean removeEldestEntry(Map.Entry<Bytes, JobOptions> eldest) {
              return size() > 4096;
            }
          });

  static JobRecord lockJob(Tx tx, String jobId) {
    return tx.jobs()
        .lock(jobId)
        .orElseThrow(() -> new IllegalStateException("task of a missing job " + jobId));
  }

  static JobRecord job(Tx tx, String jobId) {
    return tx.jobs()
        .find(jobId)
        .orElseThrow(() -> new IllegalStateException("task of a missing job " + jobId));
  }

  ProviderInfo provider(Tx tx, NodeId id) {
    NodeRecord n =
        tx.nodes()
            .find(id)
            .orElseThrow(() -> new IllegalStateException("task held by unknown node " + id));
    return new ProviderInfo(n.id(), n.publicKey());
  }

  /** The full task (with its secret) as the coordinator's side of the protocol sees it. */
  TaskSpec taskSpec(JobRecord job, TaskRecord task) {
    String leaseId = task.leaseId();
    if (leaseId == null) {
      throw new IllegalStateException("task " + task.taskId() + " has no lease");
    }
    try {
      return protocol(job)
          .prepareTask(
              task.taskId(), job.spec(), task.replica(), secrets.secret(task.taskId(), leaseId));
    } catch (ProtocolException e) {
      throw new IllegalStateException("a stored job no longer plans: " + e.getMessage(), e);
    }
  }

  static Bytes require(@Nullable Bytes b, String what, TaskRecord t) {
    if (b == null) {
      throw new IllegalStateException("task " + t.taskId() + " has no " + what);
    }
    return b;
  }

  static TaskCheck check(TaskRecord t) {
    try {
      return Codecs.decodeCheck(require(t.artifacts().check(), "check", t));
    } catch (DecodingException e) {
      throw new IllegalStateException("stored check of " + t.taskId() + " does not decode", e);
    }
  }

  static Optional<Verdict> verdict(TaskRecord t) {
    Bytes v = t.artifacts().verdict();
    if (v == null) {
      return Optional.empty();
    }
    try {
      return Optional.of(Codecs.decodeVerdict(v));
    } catch (DecodingException e) {
      throw new IllegalStateException("stored verdict of " + t.taskId() + " does not decode", e);
    }
  }

  /**
   * Applies a settlement operation. The pipeline only plans operations the rules allow (stake that
   * was locked, escrow that covers the task), so a refusal is a bug: it rolls the whole transaction
   * back rather than leave a half-settled task.
   */
  static LedgerOp applyOp(Tx tx, String id, Operation op, Instant now) {
    OperationId opId = OperationId.of(id);
    try {
      tx.ledger().apply(opId, op, now);
    } catch (LedgerException e) {
      throw new IllegalStateException("the ledger refused " + id + ": " + e.getMessage(), e);
    }
    return new LedgerOp(opId, op);
  }

  // ------------------------------------------------------------------ challenges

  /**
   * Draws fresh randomness and derives the challenge of every committed, unchallenged EXECUTE task
   * of {@code job} that may be challenged now: all of them once no replica is still to commit when
   * the scheme reveals after all commitments, else each at once. A malformed commitment makes the
   * task's check a failure (the provider signed it).
   */
  void issueChallenges(Tx tx, JobRecord job, Instant now, Effects fx) {
    // The job's row lock serialises this per job: on PostgreSQL (READ COMMITTED) two replicas
    // committing or polling at once could otherwise each draw a challenge for the same task.
    lockJob(tx, job.jobId());
    List<TaskRecord> tasks = executeTasks(tx, job.jobId());
    if (schemes.revealsAfterAllCommitted(job.scheme())) {
      for (TaskRecord t : tasks) {
        if (t.state() == TaskState.PENDING || t.state() == TaskState.LEASED) {
          return;
        }
      }
    }
    SchemeProtocol protocol = protocol(job);
    boolean checked = false;
    for (TaskRecord t : tasks) {
      if (t.state() != TaskState.COMMITTED || t.artifacts().challenge() != null || !live(t, now)) {
        continue;
      }
      Bytes commitment = require(t.artifacts().commitment(), "commitment", t);
      NodeId holder = holder(t);
      String leaseId = requireLease(t);
      // The beacon: s was committed in the log at lease time, before this commitment existed.
      RandomnessBeacon.Secret secret = secrets.beacon(t.taskId(), leaseId);
      Bytes randomness = secret.randomness(commitment).toBytes();
      try {
        Bytes challenge =
            protocol.challenge(taskSpec(job, t), provider(tx, holder), commitment, randomness);
        tx.tasks()
            .advance(
                t.taskId(),
                TaskState.COMMITTED,
                t.leaseId(),
                TaskState.COMMITTED,
                TaskArtifacts.none().withRandomness(randomness).withChallenge(challenge),
                now);
        fx.logByCoordinator(
            EntryKind.CHALLENGE,
            extend(
                RandomnessBeacon.challengeBody(
                    secret.taskId(), commitment, secret.randomness(commitment)),
                taskFields(t.taskId(), leaseId).put("challenge", challenge)));
      } catch (ProtocolException e) {
        TaskCheck failed =
            new TaskCheck.Failed(
                new Verdict.Rejected(
                    Verdict.Reason.MALFORMED_EVIDENCE, "malformed commitment: " + e.getMessage()));
        tx.tasks()
            .advance(
                t.taskId(),
                TaskState.COMMITTED,
                t.leaseId(),
                TaskState.CHECKED,
                TaskArtifacts.none().withCheck(Codecs.encodeCheck(failed)),
                now);
        logCheck(fx, t.taskId(), failed);
        checked = true;
      }
      // Revealed once the challenge is fixed: it opens the commitment for anyone to re-derive.
      fx.logByCoordinator(
          EntryKind.RANDOMNESS_REVEALED,
          extend(RandomnessBeacon.revealBody(secret), taskFields(t.taskId(), leaseId)));
    }
    if (checked) {
      maybeDecide(tx, job.jobId(), now, fx);
    }
  }

  /** The fields that name a task (and its lease) in log entries. */
  static CborMap.Builder taskFields(String taskId, @Nullable String leaseId) {
    CborMap.Builder b = CborMap.builder().put("task-id", taskId);
    if (leaseId != null) {
      b.put("lease", leaseId);
    }
    return b;
  }

  /** {@code base} with the fields of {@code more} added. */
  static CborMap extend(CborMap base, CborMap.Builder more) {
    CborMap extra = more.build();
    CborMap.Builder b = CborMap.builder();
    base.entries().forEach(e -> b.put(e.key(), e.value()));
    extra.entries().forEach(e -> b.put(e.key(), e.value()));
    return b.build();
  }

  /** Logs the check the coordinator made of a task (a validation entry, coordinator-signed). */
  static void logCheck(Effects fx, String taskId, TaskCheck check) {
    fx.logByCoordinator(
        EntryKind.VALIDATION, taskFields(taskId, null).put("check", checkMap(check)).build());
  }

  /**
   * A check as logged: {@code {kind, ? reason, detail, ? output (SHA-256), ? work (SHA-256)}} — the
   * digests, not the bytes, which the auditor re-derives from the logged evidence.
   */
  static CborMap checkMap(TaskCheck check) {
    CborMap.Builder b = CborMap.builder();
    switch (check) {
      case TaskCheck.Verified v ->
          b.put("kind", "verified")
              .put("output", dev.proofofcompute.crypto.Digest.sha256(v.output()))
              .put("detail", v.detail());
      case TaskCheck.Failed f ->
          b.put("kind", "failed")
              .put("reason", f.verdict().reason().name())
              .put("detail", f.verdict().detail());
      case TaskCheck.NeedsValidation n ->
          b.put("kind", "needs-validation")
              .put("work", dev.proofofcompute.crypto.Digest.sha256(n.work()))
              .put("detail", n.detail());
      case TaskCheck.Unresolved u -> b.put("kind", "unresolved").put("detail", u.detail());
    }
    return b.build();
  }

  /** A verdict as logged: {@code {kind, ? reason, detail}}. */
  static CborMap verdictMap(Verdict verdict) {
    CborMap.Builder b = CborMap.builder().put("kind", Codecs.kind(verdict));
    if (verdict instanceof Verdict.Rejected r) {
      b.put("reason", r.reason().name());
    }
    return b.put("detail", verdict.detail()).build();
  }

  static String requireLease(TaskRecord t) {
    String leaseId = t.leaseId();
    if (leaseId == null) {
      throw new IllegalStateException("task " + t.taskId() + " has no lease");
    }
    return leaseId;
  }

  static Instant deadline(TaskRecord t) {
    Instant d = t.leaseDeadline();
    return d == null ? t.updatedAt() : d;
  }

  static boolean live(TaskRecord t, Instant now) {
    Instant d = t.leaseDeadline();
    return d != null && d.isAfter(now);
  }

  static NodeId holder(TaskRecord t) {
    NodeId h = t.holder();
    if (h == null) {
      throw new IllegalStateException("task " + t.taskId() + " has no holder");
    }
    return h;
  }

  static List<TaskRecord> executeTasks(Tx tx, String jobId) {
    List<TaskRecord> out = new ArrayList<>();
    for (TaskRecord t : tx.tasks().ofJob(jobId)) {
      if (t.kind() == TaskKind.EXECUTE) {
        out.add(t);
      }
    }
    return out;
  }

  /**
   * Adaptive replication (BOINC): at the first commitment of a replication job that asked for it,
   * the provider's run of valid results decides, with randomness drawn now (after the commitment),
   * whether the job is replicated to its planned count or trusted as it is.
   */
  void adaptiveDecision(Tx tx, JobRecord job, TaskRecord task, NodeRecord provider, Instant now) {
    JobOptions opts = options(job);
    if (opts.adaptive().isEmpty() || job.replicas() != 1 || task.replica() != 0) {
      return;
    }
    AdaptiveReplication adaptive = AdaptiveReplication.of(opts.adaptive().get());
    AdaptiveReplication.Decision d =
        adaptive.decide(new Reputation(provider.consecutiveValid()), random);
    if (d == AdaptiveReplication.Decision.REPLICATE && opts.plannedReplicas() > 1) {
      tx.tasks().addReplicas(job.jobId(), opts.plannedReplicas() - 1, now);
    }
  }

  // ------------------------------------------------------------------ decisions

  /** Decides {@code jobId} if every EXECUTE task has its check; acts on the decision. */
  void maybeDecide(Tx tx, String jobId, Instant now, Effects fx) {
    // Locked, then the tasks read: on PostgreSQL (READ COMMITTED) the last two tasks checked in
    // concurrent transactions could otherwise each miss the other's and leave the job undecided.
    JobRecord job = lockJob(tx, jobId);
    if (job.status() != JobStatus.OPEN) {
      return;
    }
    List<TaskRecord> tasks = new ArrayList<>();
    for (TaskRecord t : executeTasks(tx, jobId)) {
      if (t.state() == TaskState.CANCELLED) {
        continue;
      }
      if (t.state() != TaskState.CHECKED && t.state() != TaskState.FINAL) {
        return;
      }
      tasks.add(t);
    }
    if (tasks.isEmpty()) {
      return;
    }
    SchemeProtocol protocol = protocol(job);
    JobOptions opts = options(job);
    JobSpec spec = job.spec();
    if (opts.adaptive().isPresent() && job.replicas() == 1) {
      // Trusted by adaptive replication: one replica decides on its own.
      spec =
          new JobSpec(
              spec.jobId(),
              spec.workload(),
              spec.input(),
              spec.scheme(),
              ReplicationProtocol.encodeParameters(1, 1, tolerance(spec)));
    }
    List<TaskOutcome> outcomes = new ArrayList<>();
    for (TaskRecord t : tasks) {
      outcomes.add(
          new TaskOutcome(
              t.taskId(),
              t.replica(),
              provider(tx, holder(t)),
              require(t.artifacts().commitment(), "commitment", t),
              check(t)));
    }
    JobDecision decision = protocol.decide(spec, outcomes);
    switch (decision) {
      case JobDecision.Decided d -> {
        settleAll(tx, job, tasks, d.verdicts(), now, fx);
        if (d.result().isPresent()) {
          finish(tx, job, JobStatus.DECIDED, d.result().get(), "decided", now, fx);
        } else if (tasks.size() < opts.terms().tasks()) {
          tx.tasks().addReplicas(jobId, 1, now);
          fx.wake = true;
        } else {
          finish(
              tx, job, JobStatus.FAILED, null, "no result within the job's task budget", now, fx);
        }
      }
      case JobDecision.MoreReplicas m -> {
        int n = Math.max(1, m.additional());
        if (tasks.size() + n <= opts.terms().tasks()) {
          tx.tasks().addReplicas(jobId, n, now);
          fx.wake = true;
        } else {
          Map<String, Verdict> v = new LinkedHashMap<>();
          for (TaskRecord t : tasks) {
            v.put(t.taskId(), Verdict.inconclusive("replica budget exhausted: " + m.reason()));
          }
          settleAll(tx, job, tasks, v, now, fx);
          finish(tx, job, JobStatus.FAILED, null, "replica budget exhausted", now, fx);
        }
      }
      case JobDecision.OpenDispute o -> {
        DisputeRecord d = tx.disputes().open(jobId, o.taskA(), o.taskB(), now);
        if (d.state() != DisputeState.RESOLVED) {
          fx.logByCoordinator(
              EntryKind.DISPUTE,
              CborMap.builder()
                  .put("dispute", d.disputeId())
                  .put("step", "open")
                  .put("job", jobId)
                  .put("a", o.taskA())
                  .put("b", o.taskB())
                  .build());
        }
        if (d.state() == DisputeState.RESOLVED) {
          // The same pair disputed again after its dispute was folded in: its verdicts stand.
          Bytes outcome = d.outcome();
          Map<String, Verdict> v = outcome == null ? Map.of() : decodeVerdicts(outcome);
          closeDisputedJob(tx, job, List.of(task(tx, o.taskA()), task(tx, o.taskB())), v, now, fx);
          return;
        }
        tx.jobs().updateStatus(jobId, JobStatus.OPEN, JobStatus.DISPUTED, null, null, now);
        drive(tx, d.disputeId(), now, fx);
      }
    }
  }

  private static java.util.Optional<dev.proofofcompute.schemes.replication.FloatTolerance>
      tolerance(JobSpec spec) {
    try {
      return ReplicationProtocol.decodeParameters(spec.parameters()).floatTolerance();
    } catch (DecodingException e) {
      throw new IllegalStateException("stored replication parameters do not decode", e);
    }
  }

  /** Settles every task of {@code tasks} that is CHECKED (not yet final) with its verdict. */
  void settleAll(
      Tx tx,
      JobRecord job,
      List<TaskRecord> tasks,
      Map<String, Verdict> verdicts,
      Instant now,
      Effects fx) {
    Optional<NodeId> winner = Optional.empty();
    for (TaskRecord t : tasks) {
      if (verdicts.get(t.taskId()) instanceof Verdict.Accepted) {
        winner = Optional.of(holder(t));
        break;
      }
    }
    for (TaskRecord t : tasks) {
      if (t.state() != TaskState.CHECKED) {
        continue;
      }
      Verdict v = verdicts.get(t.taskId());
      if (v == null) {
        v = Verdict.inconclusive("the decision gave this task no verdict");
      }
      settle(tx, job, t, v, winner, now, fx);
    }
  }

  /** Pays, slashes or releases for one EXECUTE task, and makes its verdict final. */
  void settle(
      Tx tx,
      JobRecord job,
      TaskRecord t,
      Verdict verdict,
      Optional<NodeId> winner,
      Instant now,
      Effects fx) {
    JobOptions opts = options(job);
    NodeId provider = holder(t);
    String leaseId = Optional.ofNullable(t.leaseId()).orElse("none");
    Amount stake = opts.terms().minStake();
    List<NodeId> validators = usefulValidators(tx, t);
    List<Fee> fees = fees(opts.terms().validatorFeePerTask(), validators);
    CborMap.Builder verdictFields =
        taskFields(t.taskId(), t.leaseId())
            .put("job", job.jobId())
            .put("provider", provider.toHex())
            .put("verdict", verdictMap(verdict));
    if (t.leaseId() != null) {
      // The task is final: its canary secret can no longer help anyone, and lets an auditor
      // re-derive the challenge and re-run the check (docs/coordinator.md).
      verdictFields.put("canary-secret", secrets.secret(t.taskId(), t.leaseId()));
    }
    switch (verdict) {
      case Verdict.Accepted a -> {
        fx.logByCoordinator(EntryKind.VERDICT, verdictFields.build());
        LedgerOp release =
            applyOp(
                tx,
                "release:" + t.taskId() + ":" + leaseId,
                new Operation.ReleaseStake(provider, job.jobId(), t.taskId(), stake),
                now);
        LedgerOp reward =
            applyOp(
                tx,
                "reward:" + t.taskId(),
                new Operation.Reward(
                    job.jobId(), t.taskId(), provider, opts.terms().rewardPerTask(), fees),
                now);
        fx.logByCoordinator(
            EntryKind.SETTLEMENT,
            taskFields(t.taskId(), t.leaseId()).put("job", job.jobId()).build(),
            release,
            reward);
        reputation(tx, provider, true, 0, now);
      }
      case Verdict.Rejected r -> {
        fx.logByCoordinator(EntryKind.VERDICT, verdictFields.build());
        NodeId challenger =
            !validators.isEmpty()
                ? validators.get(0)
                : winner.filter(w -> !w.equals(provider)).orElse(null);
        LedgerOp slash =
            applyOp(
                tx,
                "slash:" + t.taskId(),
                new Operation.Slash(
                    job.jobId(),
                    t.taskId(),
                    provider,
                    stake,
                    job.requester(),
                    challenger,
                    opts.terms().split()),
                now);
        fx.logByCoordinator(
            EntryKind.SLASH,
            taskFields(t.taskId(), t.leaseId()).put("job", job.jobId()).build(),
            slash);
        if (!fees.isEmpty()) {
          LedgerOp paid =
              applyOp(
                  tx,
                  "reward:" + t.taskId(),
                  new Operation.Reward(job.jobId(), t.taskId(), provider, Amount.ZERO, fees),
                  now);
          fx.logByCoordinator(
              EntryKind.SETTLEMENT,
              taskFields(t.taskId(), t.leaseId()).put("job", job.jobId()).build(),
              paid);
        }
        reputation(tx, provider, false, ServiceSettings.REJECTION_POINTS, now);
      }
      case Verdict.Inconclusive i -> {
        LedgerOp release =
            applyOp(
                tx,
                "release:" + t.taskId() + ":" + leaseId,
                new Operation.ReleaseStake(provider, job.jobId(), t.taskId(), stake),
                now);
        fx.logByCoordinator(EntryKind.VERDICT, verdictFields.build(), release);
      }
    }
    tx.tasks()
        .advance(
            t.taskId(),
            TaskState.CHECKED,
            null,
            TaskState.FINAL,
            TaskArtifacts.none().withVerdict(Codecs.encodeVerdict(verdict)),
            now);
    String scheme = job.scheme();
    String kind = Codecs.kind(verdict);
    fx.emit(o -> o.verdict(scheme, kind));
  }

  /** Validators whose reports decided {@code t}'s check (their VALIDATE tasks did not fail). */
  static List<NodeId> usefulValidators(Tx tx, TaskRecord t) {
    List<NodeId> out = new ArrayList<>();
    for (TaskRecord v : tx.tasks().ofJob(t.jobId())) {
      if (v.kind() == TaskKind.VALIDATE
          && t.taskId().equals(v.parentTaskId())
          && v.state() == TaskState.FINAL
          && v.holder() != null
          && v.artifacts().check() != null
          && !(check(v) instanceof TaskCheck.Unresolved)
          && !(check(v) instanceof TaskCheck.NeedsValidation)
          && !out.contains(v.holder())) {
        out.add(v.holder());
      }
    }
    return out;
  }

  static List<Fee> fees(Amount perTask, List<NodeId> validators) {
    if (validators.isEmpty() || perTask.isZero()) {
      return List.of();
    }
    long[] weights = new long[validators.size()];
    java.util.Arrays.fill(weights, 1);
    List<Amount> parts = perTask.split(weights);
    List<Fee> fees = new ArrayList<>();
    for (int i = 0; i < validators.size(); i++) {
      fees.add(new Fee(validators.get(i), parts.get(i)));
    }
    return fees;
  }

  /** Ends a job: status, result, escrow refund, and the cancellation of tasks still open. */
  void finish(
      Tx tx,
      JobRecord job,
      JobStatus status,
      @Nullable Bytes result,
      String summary,
      Instant now,
      Effects fx) {
    JobRecord current = job(tx, job.jobId());
    if (current.status().isTerminal()) {
      return;
    }
    JobOptions opts = options(job);
    for (TaskRecord t : tx.tasks().ofJob(job.jobId())) {
      if (t.state().isTerminal()) {
        continue;
      }
      if (t.state().isLeased() && t.kind() == TaskKind.EXECUTE) {
        LedgerOp release =
            applyOp(
                tx,
                "release:" + t.taskId() + ":" + t.leaseId(),
                new Operation.ReleaseStake(
                    holder(t), job.jobId(), t.taskId(), opts.terms().minStake()),
                now);
        fx.logByCoordinator(
            EntryKind.LEASE_EXPIRED,
            taskFields(t.taskId(), t.leaseId()).put("reason", "job-ended").build(),
            release);
      }
      if (t.state() == TaskState.CHECKED && t.kind() == TaskKind.EXECUTE) {
        settle(tx, job, t, Verdict.inconclusive("the job ended first"), Optional.empty(), now, fx);
        continue;
      }
      tx.tasks()
          .advance(
              t.taskId(),
              t.state(),
              t.state().isLeased() ? t.leaseId() : null,
              TaskState.CANCELLED,
              TaskArtifacts.none(),
              now);
    }
    tx.jobs().updateStatus(job.jobId(), current.status(), status, result, summary, now);
    LedgerOp close =
        applyOp(
            tx, "close:" + job.jobId(), new Operation.CloseJob(job.jobId(), job.requester()), now);
    CborMap.Builder ended =
        CborMap.builder()
            .put("job", job.jobId())
            .put("status", status.name().toLowerCase(java.util.Locale.ROOT))
            .put("summary", summary);
    if (result != null) {
      ended.put("result", dev.proofofcompute.crypto.Digest.sha256(result));
    }
    fx.logByCoordinator(EntryKind.REFUND, ended.build(), close);
    String scheme = job.scheme();
    String s = status.name().toLowerCase(java.util.Locale.ROOT);
    fx.emit(o -> o.jobEnded(scheme, s));
  }

  // ------------------------------------------------------------------ disputes

  /** Takes the next step of dispute {@code disputeId}: ask the next question, or resolve it. */
  void drive(Tx tx, String disputeId, Instant now, Effects fx) {
    DisputeRecord d =
        tx.disputes()
            .find(disputeId)
            .orElseThrow(() -> new IllegalStateException("no dispute " + disputeId));
    JobRecord job = job(tx, d.jobId());
    TaskRecord a = task(tx, d.taskA());
    TaskRecord b = task(tx, d.taskB());
    TaskOutcome oa = outcome(tx, a);
    TaskOutcome ob = outcome(tx, b);
    DisputeStep step = protocol(job).dispute(job.spec(), oa, ob, answers(d));
    switch (step) {
      case DisputeStep.Ask ask -> {
        Instant due = now.plus(settings.disputeAnswerWindow());
        tx.disputes().ask(disputeId, d.answers().size(), ask.taskId(), ask.request(), due);
        fx.logByCoordinator(
            EntryKind.DISPUTE,
            taskFields(ask.taskId(), null)
                .put("dispute", disputeId)
                .put("step", "ask")
                .put("request", ask.request())
                .put("deadline", due.toEpochMilli())
                .build());
      }
      case DisputeStep.Resolved r -> {
        tx.disputes().resolve(disputeId, encodeVerdicts(r.verdicts()), now);
        logResolution(fx, disputeId, r.verdicts());
        // Fold the dispute in: a party convicted by it has a failed check, then decide again.
        for (TaskRecord t : List.of(a, b)) {
          if (r.verdicts().get(t.taskId()) instanceof Verdict.Rejected rej
              && t.state() == TaskState.CHECKED) {
            tx.tasks()
                .advance(
                    t.taskId(),
                    TaskState.CHECKED,
                    null,
                    TaskState.CHECKED,
                    TaskArtifacts.none().withCheck(Codecs.encodeCheck(new TaskCheck.Failed(rej))),
                    now);
          }
        }
        tx.jobs().updateStatus(job.jobId(), JobStatus.DISPUTED, JobStatus.OPEN, null, null, now);
        maybeDecide(tx, job.jobId(), now, fx);
      }
    }
  }

  private static void logResolution(Effects fx, String disputeId, Map<String, Verdict> verdicts) {
    CborMap.Builder v = CborMap.builder();
    verdicts.forEach((task, verdict) -> v.put(task, verdictMap(verdict)));
    fx.logByCoordinator(
        EntryKind.DISPUTE,
        CborMap.builder()
            .put("dispute", disputeId)
            .put("step", "resolved")
            .put("verdicts", v.build())
            .build());
  }

  /** A dispute's verdicts, stored as its outcome: {taskId: encoded verdict}. */
  static Bytes encodeVerdicts(Map<String, Verdict> verdicts) {
    dev.proofofcompute.crypto.cbor.CborMap.Builder b =
        dev.proofofcompute.crypto.cbor.CborMap.builder();
    verdicts.forEach((task, v) ->
        b.put(task, new dev.proofofcompute.crypto.cbor.CborBytes(Codecs.encodeVerdict(v))));
    return b.build().encode();
  }

  static Map<String, Verdict> decodeVerdicts(Bytes encoded) {
    Map<String, Verdict> out = new LinkedHashMap<>();
    try {
      var map = dev.proofofcompute.crypto.cbor.CborDecoder.decodeCanonicalMap(encoded);
      for (var e : map.entries()) {
        if (e.key() instanceof dev.proofofcompute.crypto.cbor.CborText(String task)
            && e.value() instanceof dev.proofofcompute.crypto.cbor.CborBytes(Bytes v)) {
          out.put(task, Codecs.decodeVerdict(v));
        }
      }
    } catch (DecodingException e) {
      throw new IllegalStateException("a stored dispute outcome does not decode", e);
    }
    return out;
  }

  /**
   * A party did not answer in time: it forfeits. Nobody is slashed without proof, so both tasks are
   * inconclusive, the silent party gets failure points, and the job ends without a result.
   */
  void forfeit(Tx tx, DisputeRecord d, Instant now, Effects fx) {
    var pending = d.pending();
    if (pending == null) {
      return;
    }
    JobRecord job = job(tx, d.jobId());
    TaskRecord silent = task(tx, pending.taskId());
    Map<String, Verdict> v = new LinkedHashMap<>();
    v.put(d.taskA(), Verdict.inconclusive("dispute forfeited by task " + pending.taskId()));
    v.put(d.taskB(), Verdict.inconclusive("dispute forfeited by task " + pending.taskId()));
    tx.disputes().resolve(d.disputeId(), encodeVerdicts(v), now);
    logResolution(fx, d.disputeId(), v);
    reputation(tx, holder(silent), false, ServiceSettings.LAPSE_POINTS, now);
    closeDisputedJob(tx, job, List.of(task(tx, d.taskA()), task(tx, d.taskB())), v, now, fx);
  }

  private void closeDisputedJob(
      Tx tx,
      JobRecord job,
      List<TaskRecord> parties,
      Map<String, Verdict> verdicts,
      Instant now,
      Effects fx) {
    List<TaskRecord> all = new ArrayList<>();
    for (TaskRecord t : executeTasks(tx, job.jobId())) {
      if (t.state() == TaskState.CHECKED || t.state() == TaskState.FINAL) {
        all.add(t);
      }
    }
    Map<String, Verdict> v = new LinkedHashMap<>(verdicts);
    for (TaskRecord t : all) {
      v.putIfAbsent(t.taskId(), Verdict.inconclusive("not a party of the dispute"));
    }
    Bytes result = null;
    for (TaskRecord t : parties) {
      if (v.get(t.taskId()) instanceof Verdict.Accepted
          && check(t) instanceof TaskCheck.Verified ok) {
        result = ok.output();
        break;
      }
    }
    settleAll(tx, job, all, v, now, fx);
    JobRecord current = job(tx, job.jobId());
    if (result != null) {
      finish(tx, current, JobStatus.DECIDED, result, "decided by dispute", now, fx);
    } else {
      finish(tx, current, JobStatus.FAILED, null, "dispute without a winner", now, fx);
    }
  }

  static TaskRecord task(Tx tx, String taskId) {
    return tx.tasks()
        .find(taskId)
        .orElseThrow(() -> new IllegalStateException("no task " + taskId));
  }

  TaskOutcome outcome(Tx tx, TaskRecord t) {
    return new TaskOutcome(
        t.taskId(),
        t.replica(),
        provider(tx, holder(t)),
        require(t.artifacts().commitment(), "commitment", t),
        check(t));
  }

  static List<SchemeProtocol.DisputeAnswer> answers(DisputeRecord d) {
    return d.answers();
  }

  // ------------------------------------------------------------------ leases and reputation

  /**
   * Books a lease that lapsed (as {@code TaskStore.expireLeases} returned it, with its former
   * holder): the holder's stake comes back whole, the holder gets a failure point, and a task of a
   * job that has ended meanwhile is cancelled instead of waiting for another node.
   */
  void lapsed(Tx tx, TaskRecord before, Instant now, Effects fx) {
    NodeId holder = before.holder();
    if (holder == null) {
      return;
    }
    JobRecord job = job(tx, before.jobId());
    CborMap fields =
        taskFields(before.taskId(), before.leaseId())
            .put("reason", "lapsed")
            .put("holder", holder.toHex())
            .build();
    if (before.kind() == TaskKind.EXECUTE) {
      LedgerOp release =
          applyOp(
              tx,
              "release:" + before.taskId() + ":" + before.leaseId(),
              new Operation.ReleaseStake(
                  holder, job.jobId(), before.taskId(), options(job).terms().minStake()),
              now);
      fx.logByCoordinator(EntryKind.LEASE_EXPIRED, fields, release);
    } else {
      fx.logByCoordinator(EntryKind.LEASE_EXPIRED, fields);
    }
    reputation(tx, holder, false, ServiceSettings.LAPSE_POINTS, now);
    if (job.status().isTerminal()) {
      tx.tasks()
          .advance(
              before.taskId(),
              TaskState.PENDING,
              null,
              TaskState.CANCELLED,
              TaskArtifacts.none(),
              now);
    }
  }

  /** Updates a node's reputation after a verdict or a failure. */
  void reputation(Tx tx, NodeId id, boolean valid, int points, Instant now) {
    Optional<NodeRecord> found = tx.nodes().lock(id);
    if (found.isEmpty()) {
      return;
    }
    NodeRecord n = found.get();
    if (valid) {
      NodeRecord next = n.withReputation(n.consecutiveValid() + 1, Math.max(0, n.strikes() - 1));
      tx.nodes().update(next);
      return;
    }
    int strikes = n.strikes() + points;
    int run = points >= ServiceSettings.REJECTION_POINTS ? 0 : n.consecutiveValid();
    NodeRecord next = n.withReputation(run, strikes);
    if (n.status() != NodeStatus.SUSPENDED) {
      if (strikes >= settings.suspendAt()) {
        next = next.withStatus(NodeStatus.SUSPENDED, null);
      } else if (strikes >= settings.throttleAt()) {
        next =
            next.withStatus(
                NodeStatus.THROTTLED, now.plus(settings.throttleBase().multipliedBy(strikes)));
      }
    }
    tx.nodes().update(next);
  }
}
