package dev.proofofcompute.coordinator.audit;

import dev.proofofcompute.coordinator.service.JobOptions;
import dev.proofofcompute.coordinator.service.SchemeRegistry;
import dev.proofofcompute.core.scheme.Verdict;
import dev.proofofcompute.core.workload.WorkloadId;
import dev.proofofcompute.crypto.Bytes;
import dev.proofofcompute.crypto.DecodingException;
import dev.proofofcompute.crypto.Digest;
import dev.proofofcompute.crypto.cbor.CborMap;
import dev.proofofcompute.ledger.Operation;
import dev.proofofcompute.protocol.DisputeStep;
import dev.proofofcompute.protocol.JobDecision;
import dev.proofofcompute.protocol.JobSpec;
import dev.proofofcompute.protocol.ProtocolException;
import dev.proofofcompute.protocol.ReplicationProtocol;
import dev.proofofcompute.protocol.SchemeProtocol;
import dev.proofofcompute.protocol.SchemeProtocol.ProviderInfo;
import dev.proofofcompute.protocol.TaskCheck;
import dev.proofofcompute.protocol.TaskSpec;
import dev.proofofcompute.schemes.replication.AdaptiveSettings;
import dev.proofofcompute.translog.Authorisation;
import dev.proofofcompute.translog.EntryKind;
import dev.proofofcompute.translog.LogEntry;
import dev.proofofcompute.translog.audit.Discrepancy;
import dev.proofofcompute.translog.audit.DiscrepancyKind;
import dev.proofofcompute.translog.audit.EntryCheck;
import dev.proofofcompute.translog.ledger.LedgerEntries;
import dev.proofofcompute.translog.ledger.LedgerOp;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.function.Consumer;
import org.jspecify.annotations.Nullable;

/**
 * Re-verifies, from the log alone, every verdict whose evidence the log holds: the auditor's
 * "re-run the validator" check (docs/coordinator.md, "What the log holds").
 *
 * <p>For each task lease it collects, from the entries, the job (workload, input, scheme, canonical
 * parameters, terms: {@code job-posted}), the provider (the key that signed the {@code lease}), the
 * provider's commitment, the challenge and its beacon randomness, the provider's response ({@code
 * response}/{@code opening}/{@code reveal}) and the validators' reports ({@code validation}). At
 * the {@code verdict} entry, which reveals the task's canary secret once the task is final, it runs
 * the scheme's coordinator side again through poc-protocol:
 *
 * <ol>
 *   <li>{@code prepareTask} with the revealed canary secret, then {@code challenge} from the logged
 *       commitment and randomness: the bytes must equal the logged challenge ({@link
 *       #CHALLENGE_MISMATCH} — the samples were not the ones the beacon derives);
 *   <li>{@code check} of the logged response, and {@code completeValidation} with each logged
 *       validator report when the check needs one;
 *   <li>the outcome must support the verdict ({@link #VERDICT_UNSUPPORTED}): for the single-task
 *       schemes (spot-check, Freivalds, STARK, TEE) a rejection needs a failed check and an
 *       acceptance a verified one; for replication and bisection a failed check must not be
 *       accepted and a verified one not rejected by the check itself.
 * </ol>
 *
 * <p><b>Job decisions (replication, bisection).</b> Their verdicts come from the job, not from one
 * task: at each verdict the check re-derives the decision the coordinator had to reach with the
 * scheme's own pure {@code SchemeProtocol.decide} over the re-run checks of every task of the job
 * (each task's latest lease; the policy and, for adaptive replication, the trusted single-replica
 * policy from the job's entry), with the failed checks a resolved dispute folded in, and compares
 * the task's verdict with it ({@link #QUORUM_MISMATCH} for replication, {@link #DISPUTE_MISMATCH}
 * for bisection). <b>Disputes</b> are replayed step by step with the scheme's pure {@code
 * SchemeProtocol.dispute} over the logged answers of both parties: the logged opening must be the
 * decision's, each question the one the replay asks next, each answer an answer to the pending
 * question before its deadline, and the resolution the replay's — its referee step re-executed here
 * — or a forfeit logged only after an unanswered question's deadline ({@link #DISPUTE_MISMATCH}).
 *
 * <p><b>Settlement.</b> A slash needs a rejected verdict of its task, a reward paid to a provider
 * an accepted one, and every accepted or rejected verdict its settlement or slash ({@link
 * #SETTLEMENT_UNSUPPORTED}); the result a replication or bisection job ends with must be the one
 * the re-derived decision accepts ({@link #RESULT_MISMATCH}).
 *
 * <p>Inconclusive verdicts of single-task schemes are not re-verified (they move no stake); a
 * verdict without the evidence in the log (no commitment, say) is reported as {@link
 * #VERDICT_UNSUPPORTED} if it is a rejection.
 */
public final class VerdictCheck implements EntryCheck {
  public static final DiscrepancyKind CHALLENGE_MISMATCH =
      new DiscrepancyKind("CHALLENGE_MISMATCH");
  public static final DiscrepancyKind VERDICT_UNSUPPORTED =
      new DiscrepancyKind("VERDICT_UNSUPPORTED");

  /** A replication verdict that the quorum of the logged reveals does not give. */
  public static final DiscrepancyKind QUORUM_MISMATCH = new DiscrepancyKind("QUORUM_MISMATCH");

  /**
   * A bisection dispute step (opening, question, answer, resolution) or verdict that the replay of
   * the logged answers does not give.
   */
  public static final DiscrepancyKind DISPUTE_MISMATCH = new DiscrepancyKind("DISPUTE_MISMATCH");

  /** A slash, reward or missing settlement that the task's verdict does not support. */
  public static final DiscrepancyKind SETTLEMENT_UNSUPPORTED =
      new DiscrepancyKind("SETTLEMENT_UNSUPPORTED");

  /** A job ended with a result other than the one its re-derived decision accepts. */
  public static final DiscrepancyKind RESULT_MISMATCH = new DiscrepancyKind("RESULT_MISMATCH");

  private static final Set<String> SINGLE_TASK = Set.of("spot-check", "freivalds", "stark", "tee");

  /** Schemes whose verdicts the job's decision gives (quorum, dispute): re-derived per job. */
  private static final Set<String> BY_DECISION = Set.of("replication", "bisection");

  /**
   * The task secret given to {@code prepareTask} for {@link #BY_DECISION} schemes, whose tasks run
   * the job's input unchanged and never read the secret (only spot-check mixes in canaries): their
   * checks can be re-run before the task's own verdict reveals its secret.
   */
  private static final Bytes UNUSED_SECRET = Bytes.of(new byte[SchemeProtocol.SECRET_LENGTH]);

  /** What the log says about one lease of a task. */
  private static final class Lease {
    final String jobId;
    final int replica;
    final ProviderInfo provider;
    @Nullable Bytes commitment;
    @Nullable Bytes challenge;
    @Nullable Bytes randomness;
    @Nullable Bytes response;
    @Nullable Instant respondedAt;
    final List<Bytes> reports = new ArrayList<>();

    /** The re-run check of a {@link #BY_DECISION} task, once its response is logged. */
    @Nullable TaskCheck decisionCheck;

    Lease(String jobId, int replica, ProviderInfo provider) {
      this.jobId = jobId;
      this.replica = replica;
      this.provider = provider;
    }
  }

  /** A dispute as the log tells it, replayed. */
  private static final class Dispute {
    final String jobId;
    final String a;
    final String b;
    final List<SchemeProtocol.DisputeAnswer> answers = new ArrayList<>();
    @Nullable Ask pending;
    @Nullable Map<String, Verdict> resolved;

    Dispute(String jobId, String a, String b) {
      this.jobId = jobId;
      this.a = a;
      this.b = b;
    }
  }

  /** A question a dispute asked, awaiting its answer. */
  private record Ask(String taskId, Bytes request, Instant deadline) {}

  private final SchemeRegistry schemes;
  private final Map<String, JobSpec> jobs = new HashMap<>();
  private final Map<String, Optional<AdaptiveSettings>> adaptive = new HashMap<>();
  private final Map<String, Lease> leases = new HashMap<>();

  /** The latest EXECUTE lease of each task ({@code task/lease}). */
  private final Map<String, String> latest = new HashMap<>();

  /** The execute tasks of each job, by replica. */
  private final Map<String, TreeMap<Integer, String>> jobTasks = new HashMap<>();

  /** Checks a resolved dispute replaced (a party convicted by it). */
  private final Map<String, TaskCheck> folded = new HashMap<>();

  private final Map<String, Dispute> disputes = new HashMap<>();
  private final Map<String, String> disputeByPair = new HashMap<>();

  /** The kind of each task's logged verdict, and whether a settlement or slash followed it. */
  private final Map<String, String> verdictOf = new HashMap<>();

  private final Map<String, Long> unsettled = new LinkedHashMap<>();
  private long verified;
  private long decisions;
  private long disputeSteps;

  private VerdictCheck(SchemeRegistry schemes) {
    this.schemes = schemes;
  }

  /** A check over the standard schemes and workloads. */
  public static VerdictCheck standard() {
    return new VerdictCheck(SchemeRegistry.standard());
  }

  /** How many verdicts were re-verified (for the summary). */
  public long verdictsReverified() {
    return verified;
  }

  /** How many replication and bisection verdicts were compared with a re-derived decision. */
  public long decisionsRederived() {
    return decisions;
  }

  /** How many dispute steps (opening, questions, answers, resolutions) were replayed. */
  public long disputeStepsReplayed() {
    return disputeSteps;
  }

  /** What was re-verified, in words (for the audit's summary line). */
  public String summary() {
    return verified
        + " verdicts re-verified ("
        + decisions
        + " against a re-derived quorum or dispute decision), "
        + disputeSteps
        + " dispute steps replayed";
  }

  @Override
  public void check(long index, LogEntry entry, Consumer<Discrepancy> report) {
    switch (entry.kind()) {
      case VERDICT -> {
        try {
          onVerdict(index, entry, report);
        } catch (DecodingException | IllegalArgumentException e) {
          report.accept(
              Discrepancy.atEntry(
                  VERDICT_UNSUPPORTED,
                  index,
                  "the verdict cannot be read for re-verification: " + e.getMessage()));
        }
      }
      case DISPUTE -> {
        try {
          onDispute(index, entry, report);
        } catch (DecodingException | IllegalArgumentException e) {
          report.accept(
              Discrepancy.atEntry(
                  DISPUTE_MISMATCH,
                  index,
                  "the dispute step cannot be read for replay: " + e.getMessage()));
        }
      }
      case SETTLEMENT, SLASH -> onSettlement(index, entry, report);
      case REFUND -> onRefund(index, entry, report);
      default -> {
        try {
          collect(entry);
        } catch (DecodingException | IllegalArgumentException e) {
          // Not evidence this check can use (another writer's body shape); a verdict that would
          // need it is reported at the verdict, as unsupported.
        }
      }
    }
  }

  @Override
  public void finish(Consumer<Discrepancy> report) {
    unsettled.forEach((task, index) ->
        report.accept(
            Discrepancy.atEntry(
                SETTLEMENT_UNSUPPORTED,
                index,
                "task "
                    + task
                    + " was "
                    + verdictOf.get(task)
                    + " but no "
                    + (Objects.equals(verdictOf.get(task), "accepted") ? "settlement" : "slash")
                    + " of it is logged")));
  }

  private void collect(LogEntry entry) throws DecodingException {
    switch (entry.kind()) {
      case JOB_POSTED -> onJob(entry.body());
      case LEASE -> onLease(entry);
      case COMMITMENT ->
          lease(entry.body()).ifPresent(l -> l.commitment = bytes(entry, "commitment"));
      case CHALLENGE ->
          lease(entry.body())
              .ifPresent(l -> {
                l.challenge = bytes(entry, "challenge");
                l.randomness = bytes(entry, "randomness");
              });
      case RESPONSE, OPENING, REVEAL ->
          lease(entry.body())
              .ifPresent(l -> {
                l.response = bytes(entry, "response");
                l.respondedAt = entry.time();
              });
      case VALIDATION -> onReport(entry);
      default -> {}
    }
  }

  private void onJob(CborMap body) throws DecodingException {
    CborMap w = body.getMap("workload");
    WorkloadId workload =
        new WorkloadId(
            w.getText("name"), Math.toIntExact(w.getLong("version")), w.getDigest("digest"));
    String jobId = body.getText("job");
    Optional<AdaptiveSettings> a = Optional.empty();
    try {
      a = JobOptions.decode(body.getBytes("terms")).adaptive();
    } catch (DecodingException e) {
      // Terms of another shape: the job is re-derived without adaptive replication.
    }
    adaptive.put(jobId, a);
    jobs.put(
        jobId,
        new JobSpec(
            jobId,
            workload,
            body.getBytes("input"),
            body.getText("scheme"),
            body.getBytes("parameters")));
  }

  private void onLease(LogEntry entry) throws DecodingException {
    CborMap b = entry.body();
    if (!b.getText("kind").equals("execute")) {
      return;
    }
    if (!(entry.authorisation() instanceof Authorisation.NodeRequest request)) {
      return; // the signature check names a lease the node did not sign
    }
    ProviderInfo provider = new ProviderInfo(request.signerId(), request.signer());
    String taskId = b.getText("task-id");
    String key = key(taskId, b.getText("lease"));
    int replica = Math.toIntExact(b.getLong("replica"));
    String jobId = b.getText("job");
    leases.put(key, new Lease(jobId, replica, provider));
    latest.put(taskId, key);
    jobTasks.computeIfAbsent(jobId, j -> new TreeMap<>()).put(replica, taskId);
  }

  private void onReport(LogEntry entry) throws DecodingException {
    CborMap b = entry.body();
    if (!(entry.authorisation() instanceof Authorisation.NodeRequest)
        || b.get("parent").isEmpty()) {
      return; // the coordinator's own record of a check
    }
    String parent = b.getText("parent");
    Bytes rep = b.getBytes("report");
    for (Map.Entry<String, Lease> e : leases.entrySet()) {
      if (e.getKey().startsWith(parent + "/")) {
        e.getValue().reports.add(rep);
      }
    }
  }

  private java.util.Optional<Lease> lease(CborMap body) throws DecodingException {
    if (body.get("task-id").isEmpty() || body.get("lease").isEmpty()) {
      return java.util.Optional.empty();
    }
    return java.util.Optional.ofNullable(
        leases.get(key(body.getText("task-id"), body.getText("lease"))));
  }

  private static Bytes bytes(LogEntry entry, String field) {
    try {
      return entry.body().getBytes(field);
    } catch (DecodingException e) {
      throw new IllegalArgumentException(e.getMessage(), e);
    }
  }

  private void onVerdict(long index, LogEntry entry, Consumer<Discrepancy> report)
      throws DecodingException {
    CborMap b = entry.body();
    String taskId = b.getText("task-id");
    CborMap logged = b.getMap("verdict");
    String verdict = logged.getText("kind");
    verdictOf.put(taskId, verdict);
    if (verdict.equals("inconclusive")) {
      unsettled.remove(taskId);
    } else {
      unsettled.put(taskId, index);
    }
    Optional<String> jobId = b.getOptionalText("job");
    JobSpec decided = jobId.map(jobs::get).orElse(null);
    if (decided != null && BY_DECISION.contains(decided.scheme())) {
      checkDecision(index, decided, taskId, logged, report);
    }
    if (b.get("lease").isEmpty() || b.get("canary-secret").isEmpty()) {
      return;
    }
    if (verdict.equals("inconclusive")) {
      return;
    }
    Lease l = leases.get(key(taskId, b.getText("lease")));
    JobSpec job = l == null ? null : jobs.get(l.jobId);
    if (l == null || job == null || l.commitment == null) {
      if (verdict.equals("rejected")) {
        report.accept(
            Discrepancy.atEntry(
                VERDICT_UNSUPPORTED,
                index,
                "task " + taskId + " was rejected but its lease, job or commitment is not logged"));
      }
      return;
    }
    SchemeProtocol protocol =
        schemes
            .find(job.scheme())
            .orElseThrow(() -> new IllegalArgumentException("unknown scheme " + job.scheme()));
    Outcome outcome = rerun(protocol, job, taskId, l, b.getBytes("canary-secret"));
    verified++;
    if (outcome.challengeMismatch()) {
      report.accept(
          Discrepancy.atEntry(
              CHALLENGE_MISMATCH,
              index,
              "the challenge logged for task "
                  + taskId
                  + " is not the one its commitment and beacon randomness derive"));
    }
    String why = unsupported(job.scheme(), verdict, outcome.check());
    if (why != null) {
      report.accept(
          Discrepancy.atEntry(
              VERDICT_UNSUPPORTED, index, "task " + taskId + " was " + verdict + " but " + why));
    }
  }

  // ------------------------------------------------------------------ job decisions

  /**
   * What the job's decision gives, re-derived from the log as it stands: a verdict per task and the
   * accepted result, or why it cannot be re-derived.
   */
  private record Expected(
      Map<String, Verdict> verdicts, Optional<Bytes> result, @Nullable String problem) {
    static Expected cannot(String problem) {
      return new Expected(Map.of(), Optional.empty(), problem);
    }
  }

  private void checkDecision(
      long index, JobSpec job, String taskId, CborMap logged, Consumer<Discrepancy> report)
      throws DecodingException {
    decisions++;
    boolean quorum = job.scheme().equals("replication");
    DiscrepancyKind kind = quorum ? QUORUM_MISMATCH : DISPUTE_MISMATCH;
    String what = quorum ? "the quorum of the logged reveals" : "the dispute replayed from the log";
    Expected e = expected(job);
    String problem = e.problem();
    if (problem != null) {
      if (!logged.getText("kind").equals("inconclusive")) {
        report.accept(
            Discrepancy.atEntry(
                kind, index, "task " + taskId + " was " + describe(logged) + ", but " + problem));
      }
      return;
    }
    Verdict want =
        e.verdicts().getOrDefault(taskId, Verdict.inconclusive("the decision gave it none"));
    if (!same(want, logged)) {
      report.accept(
          Discrepancy.atEntry(
              kind,
              index,
              "task "
                  + taskId
                  + " was "
                  + describe(logged)
                  + ", but "
                  + what
                  + " gives "
                  + describe(want)));
    }
  }

  /** The decision the coordinator had to reach for {@code job} from what the log holds now. */
  private Expected expected(JobSpec job) {
    Optional<SchemeProtocol> protocol = schemes.find(job.scheme());
    if (protocol.isEmpty()) {
      return Expected.cannot("the scheme " + job.scheme() + " is not known to the auditor");
    }
    JobDecision decision;
    try {
      decision = decide(protocol.get(), job);
    } catch (IllegalStateException e) {
      return Expected.cannot(String.valueOf(e.getMessage()));
    }
    return switch (decision) {
      case JobDecision.Decided d -> new Expected(d.verdicts(), d.result(), null);
      case JobDecision.MoreReplicas m -> {
        // Verdicts at this point only come from an exhausted replica budget: all inconclusive.
        Map<String, Verdict> v = new LinkedHashMap<>();
        for (String t : tasksOf(job.jobId())) {
          v.put(t, Verdict.inconclusive("replica budget exhausted: " + m.reason()));
        }
        yield new Expected(v, Optional.empty(), null);
      }
      case JobDecision.OpenDispute o -> {
        Dispute d = disputeOf(o.taskA(), o.taskB());
        Map<String, Verdict> resolved = d == null ? null : d.resolved;
        if (resolved == null) {
          yield Expected.cannot(
              "the logged checks put tasks "
                  + o.taskA()
                  + " and "
                  + o.taskB()
                  + " in a dispute that the log does not resolve");
        }
        // The dispute's verdicts stand for its parties (a forfeit, or a dispute that could not
        // run); every other task is not judged.
        Map<String, Verdict> v = new LinkedHashMap<>();
        Bytes result = null;
        for (String t : tasksOf(job.jobId())) {
          Verdict verdict =
              resolved.getOrDefault(t, Verdict.inconclusive("not a party of the dispute"));
          v.put(t, verdict);
          if (result == null
              && verdict instanceof Verdict.Accepted
              && resolved.containsKey(t)
              && checkOf(protocol.get(), job, t) instanceof TaskCheck.Verified ok) {
            result = ok.output();
          }
        }
        yield new Expected(v, Optional.ofNullable(result), null);
      }
    };
  }

  /**
   * {@code SchemeProtocol.decide} over every task of the job (its latest lease, its re-run check or
   * the failed check a dispute folded in), with the trusted single-replica policy when adaptive
   * replication left the job at one replica.
   *
   * @throws IllegalStateException naming a task whose evidence the log lacks
   */
  private JobDecision decide(SchemeProtocol protocol, JobSpec job) {
    List<SchemeProtocol.TaskOutcome> outcomes = new ArrayList<>();
    for (String t : tasksOf(job.jobId())) {
      outcomes.add(outcome(protocol, job, t));
    }
    JobSpec spec = job;
    if (adaptive.getOrDefault(job.jobId(), Optional.empty()).isPresent() && outcomes.size() == 1) {
      try {
        spec =
            new JobSpec(
                job.jobId(),
                job.workload(),
                job.input(),
                job.scheme(),
                ReplicationProtocol.encodeParameters(
                    1, 1, ReplicationProtocol.decodeParameters(job.parameters()).floatTolerance()));
      } catch (DecodingException e) {
        throw new IllegalStateException("the job's replication policy does not decode", e);
      }
    }
    return protocol.decide(spec, outcomes);
  }

  private List<String> tasksOf(String jobId) {
    TreeMap<Integer, String> byReplica = jobTasks.get(jobId);
    return byReplica == null ? List.of() : List.copyOf(byReplica.values());
  }

  /** Task {@code taskId} as {@code decide} and {@code dispute} see it. */
  private SchemeProtocol.TaskOutcome outcome(SchemeProtocol protocol, JobSpec job, String taskId) {
    Lease l = latestLease(taskId);
    TaskCheck check = checkOf(protocol, job, taskId);
    if (l == null || l.commitment == null || check == null) {
      throw new IllegalStateException(
          "task " + taskId + " of the job has no logged commitment and response to decide on");
    }
    return new SchemeProtocol.TaskOutcome(taskId, l.replica, l.provider, l.commitment, check);
  }

  private @Nullable Lease latestLease(String taskId) {
    String k = latest.get(taskId);
    return k == null ? null : leases.get(k);
  }

  /** The task's final check: folded in by a dispute, else re-run from its logged evidence. */
  private @Nullable TaskCheck checkOf(SchemeProtocol protocol, JobSpec job, String taskId) {
    TaskCheck f = folded.get(taskId);
    if (f != null) {
      return f;
    }
    Lease l = latestLease(taskId);
    if (l == null || l.commitment == null) {
      return null;
    }
    TaskCheck memo = l.decisionCheck;
    if (memo == null) {
      memo = rerun(protocol, job, taskId, l, UNUSED_SECRET).check();
      l.decisionCheck = memo;
    }
    return memo;
  }

  // ------------------------------------------------------------------ disputes

  private @Nullable Dispute disputeOf(String a, String b) {
    String id = disputeByPair.get(a + "/" + b);
    return id == null ? null : disputes.get(id);
  }

  private void onDispute(long index, LogEntry entry, Consumer<Discrepancy> report)
      throws DecodingException {
    CborMap b = entry.body();
    String id = b.getText("dispute");
    String step = b.getText("step");
    disputeSteps++;
    Consumer<String> mismatch =
        why ->
            report.accept(
                Discrepancy.atEntry(DISPUTE_MISMATCH, index, "dispute " + id + ": " + why));
    if (step.equals("open")) {
      String jobId = b.getText("job");
      Dispute d = new Dispute(jobId, b.getText("a"), b.getText("b"));
      disputes.put(id, d);
      disputeByPair.put(d.a + "/" + d.b, id);
      JobSpec job = jobs.get(jobId);
      Optional<SchemeProtocol> protocol =
          job == null ? Optional.empty() : schemes.find(job.scheme());
      if (job == null || protocol.isEmpty()) {
        mismatch.accept("opened for job " + jobId + ", which is not logged");
        return;
      }
      try {
        JobDecision decision = decide(protocol.get(), job);
        if (!(decision instanceof JobDecision.OpenDispute o)
            || !o.taskA().equals(d.a)
            || !o.taskB().equals(d.b)) {
          mismatch.accept(
              "opened between tasks "
                  + d.a
                  + " and "
                  + d.b
                  + ", but the logged checks decide "
                  + describe(decision));
        }
      } catch (IllegalStateException e) {
        mismatch.accept("opened, but " + e.getMessage());
      }
      return;
    }
    Dispute d = disputes.get(id);
    if (d == null) {
      mismatch.accept("a '" + step + "' step of a dispute that was never opened");
      return;
    }
    switch (step) {
      case "ask" -> {
        String task = b.getText("task-id");
        Bytes request = b.getBytes("request");
        Instant deadline = Instant.ofEpochMilli(b.getLong("deadline"));
        if (d.resolved != null || d.pending != null) {
          mismatch.accept(
              "a question asked while " + (d.resolved != null ? "resolved" : "another is pending"));
        } else {
          DisputeStep next = replay(d);
          if (!(next instanceof DisputeStep.Ask ask)
              || !ask.taskId().equals(task)
              || !ask.request().equals(request)) {
            mismatch.accept(
                "asks task "
                    + task
                    + " a question the replay of the logged answers does not ("
                    + describe(next)
                    + ")");
          }
        }
        d.pending = new Ask(task, request, deadline);
      }
      case "answer" -> {
        String task = b.getText("task-id");
        Bytes request = b.getBytes("request");
        Ask p = d.pending;
        if (p == null || !p.taskId().equals(task) || !p.request().equals(request)) {
          mismatch.accept(
              "an answer of task " + task + " to a question the dispute did not ask it");
          return;
        }
        if (entry.time().isAfter(p.deadline())) {
          mismatch.accept(
              "task "
                  + task
                  + " answered at "
                  + entry.time()
                  + ", after the deadline "
                  + p.deadline());
          return;
        }
        d.answers.add(new SchemeProtocol.DisputeAnswer(task, request, b.getBytes("answer")));
        d.pending = null;
      }
      case "resolved" -> resolve(entry, d, b.getMap("verdicts"), mismatch);
      default -> mismatch.accept("an unknown step '" + step + "'");
    }
  }

  private void resolve(LogEntry entry, Dispute d, CborMap logged, Consumer<String> mismatch)
      throws DecodingException {
    if (d.resolved != null) {
      mismatch.accept("resolved twice");
      return;
    }
    Map<String, Verdict> want = new LinkedHashMap<>();
    Ask p = d.pending;
    if (p != null) {
      // A forfeit: nobody is convicted without proof, both tasks are inconclusive.
      if (entry.time().isBefore(p.deadline())) {
        mismatch.accept(
            "forfeited at "
                + entry.time()
                + ", before the deadline "
                + p.deadline()
                + " of task "
                + p.taskId()
                + "'s question");
      }
      want.put(d.a, Verdict.inconclusive("dispute forfeited"));
      want.put(d.b, Verdict.inconclusive("dispute forfeited"));
    } else {
      DisputeStep step = replay(d);
      if (step instanceof DisputeStep.Resolved r) {
        want.putAll(r.verdicts());
      } else {
        mismatch.accept("resolved, but the replay of the logged answers still " + describe(step));
        want.put(d.a, Verdict.inconclusive("unresolved"));
        want.put(d.b, Verdict.inconclusive("unresolved"));
      }
    }
    for (String task : List.of(d.a, d.b)) {
      Optional<CborMap> v = logged.getOptionalMap(task);
      Verdict w = want.get(task);
      if (v.isEmpty() || w == null || !same(w, v.get())) {
        mismatch.accept(
            "resolved task "
                + task
                + " as "
                + v.map(VerdictCheck::describe).orElse("nothing")
                + ", but the replay gives "
                + (w == null ? "nothing" : describe(w)));
      }
    }
    d.resolved = want;
    d.pending = null;
    want.forEach((task, verdict) -> {
      if (verdict instanceof Verdict.Rejected rej) {
        folded.put(task, new TaskCheck.Failed(rej));
      }
    });
  }

  /** The dispute's next step, replayed from its logged answers by the scheme's own function. */
  private DisputeStep replay(Dispute d) {
    JobSpec job = jobs.get(d.jobId);
    Optional<SchemeProtocol> protocol = job == null ? Optional.empty() : schemes.find(job.scheme());
    if (job == null || protocol.isEmpty()) {
      throw new IllegalArgumentException("the dispute's job " + d.jobId + " is not logged");
    }
    try {
      return protocol
          .get()
          .dispute(
              job,
              outcome(protocol.get(), job, d.a),
              outcome(protocol.get(), job, d.b),
              List.copyOf(d.answers));
    } catch (IllegalStateException | UnsupportedOperationException e) {
      throw new IllegalArgumentException(String.valueOf(e.getMessage()), e);
    }
  }

  // ------------------------------------------------------------------ settlement

  private void onSettlement(long index, LogEntry entry, Consumer<Discrepancy> report) {
    String task;
    List<LedgerOp> ops;
    try {
      task = entry.body().getText("task-id");
      ops = LedgerEntries.read(entry);
    } catch (DecodingException e) {
      return; // LedgerReplayCheck names a ledger field that does not parse
    }
    String verdict = verdictOf.get(task);
    if (entry.kind() == EntryKind.SLASH) {
      if (!"rejected".equals(verdict)) {
        report.accept(
            Discrepancy.atEntry(
                SETTLEMENT_UNSUPPORTED,
                index,
                "a slash of task "
                    + task
                    + ", whose verdict is "
                    + (verdict == null ? "not logged" : verdict)));
      } else {
        unsettled.remove(task);
      }
      return;
    }
    boolean pays =
        ops.stream()
            .anyMatch(o -> o.operation() instanceof Operation.Reward r && !r.amount().isZero());
    if (pays && !"accepted".equals(verdict)) {
      report.accept(
          Discrepancy.atEntry(
              SETTLEMENT_UNSUPPORTED,
              index,
              "a reward for task "
                  + task
                  + ", whose verdict is "
                  + (verdict == null ? "not logged" : verdict)));
    }
    if ("accepted".equals(verdict)) {
      unsettled.remove(task);
    }
  }

  private void onRefund(long index, LogEntry entry, Consumer<Discrepancy> report) {
    Optional<Digest> logged;
    JobSpec job;
    try {
      job = jobs.get(entry.body().getText("job"));
      logged = entry.body().getOptionalDigest("result");
    } catch (DecodingException e) {
      return;
    }
    if (job == null || !BY_DECISION.contains(job.scheme())) {
      return;
    }
    Expected e = expected(job);
    String problem = e.problem();
    Optional<Digest> want = e.result().map(Digest::sha256);
    if (problem != null ? logged.isPresent() : !logged.equals(want)) {
      report.accept(
          Discrepancy.atEntry(
              RESULT_MISMATCH,
              index,
              "job "
                  + job.jobId()
                  + " ended with "
                  + logged
                      .map(d -> "the result " + d.toHex().substring(0, 16) + "...")
                      .orElse("no result")
                  + ", but "
                  + (problem != null
                      ? problem
                      : "its re-derived decision gives "
                          + want.map(d -> "the result " + d.toHex().substring(0, 16) + "...")
                              .orElse("no result"))));
    }
  }

  // ------------------------------------------------------------------ verdicts in words

  private static boolean same(Verdict want, CborMap logged) throws DecodingException {
    String kind = logged.getText("kind");
    return switch (want) {
      case Verdict.Accepted a -> kind.equals("accepted");
      case Verdict.Inconclusive i -> kind.equals("inconclusive");
      case Verdict.Rejected r ->
          kind.equals("rejected")
              && logged.getOptionalText("reason").orElse("").equals(r.reason().name());
    };
  }

  private static String describe(CborMap logged) {
    try {
      String kind = logged.getText("kind");
      Optional<String> reason = logged.getOptionalText("reason");
      return reason.map(r -> kind + " (" + r + ")").orElse(kind);
    } catch (DecodingException e) {
      return "an unreadable verdict";
    }
  }

  private static String describe(Verdict v) {
    return switch (v) {
      case Verdict.Accepted a -> "accepted";
      case Verdict.Inconclusive i -> "inconclusive";
      case Verdict.Rejected r -> "rejected (" + r.reason() + ")";
    };
  }

  private static String describe(JobDecision d) {
    return switch (d) {
      case JobDecision.Decided x -> "the job decided without a dispute";
      case JobDecision.MoreReplicas m -> "more replicas (" + m.reason() + ")";
      case JobDecision.OpenDispute o -> "a dispute between " + o.taskA() + " and " + o.taskB();
    };
  }

  private static String describe(DisputeStep step) {
    return switch (step) {
      case DisputeStep.Ask a -> "asks task " + a.taskId() + " next";
      case DisputeStep.Resolved r -> "resolves it: " + r.detail();
    };
  }

  /** The re-run: whether the challenge differed, and the check reached. */
  private record Outcome(boolean challengeMismatch, @Nullable TaskCheck check) {}

  private static Outcome rerun(
      SchemeProtocol protocol, JobSpec job, String taskId, Lease l, Bytes canarySecret) {
    Bytes commitment = java.util.Objects.requireNonNull(l.commitment);
    TaskSpec task;
    try {
      task = protocol.prepareTask(taskId, job, l.replica, canarySecret);
    } catch (ProtocolException e) {
      return new Outcome(false, new TaskCheck.Unresolved("the job does not plan: " + e));
    }
    Bytes randomness = l.randomness;
    Bytes challenge = l.challenge;
    if (randomness == null || challenge == null) {
      // No challenge: the commitment itself was refused (malformed), or the task never got one.
      try {
        Bytes unused = protocol.challenge(task, l.provider, commitment, Bytes.of(new byte[32]));
        return new Outcome(false, null);
      } catch (ProtocolException e) {
        return new Outcome(
            false,
            new TaskCheck.Failed(
                new dev.proofofcompute.core.scheme.Verdict.Rejected(
                    dev.proofofcompute.core.scheme.Verdict.Reason.MALFORMED_EVIDENCE,
                    "malformed commitment: " + e.getMessage())));
      }
    }
    boolean mismatch;
    try {
      mismatch = !protocol.challenge(task, l.provider, commitment, randomness).equals(challenge);
    } catch (ProtocolException e) {
      mismatch = true;
    }
    Bytes response = l.response;
    if (response == null) {
      return new Outcome(mismatch, null);
    }
    Instant at = l.respondedAt == null ? Instant.EPOCH : l.respondedAt;
    TaskCheck check = protocol.check(task, l.provider, commitment, challenge, response, at);
    if (check instanceof TaskCheck.NeedsValidation n) {
      TaskCheck completed = check;
      for (Bytes rep : l.reports) {
        TaskCheck c =
            protocol.completeValidation(
                task, l.provider, commitment, challenge, response, n.work(), rep);
        if (!(c instanceof TaskCheck.Unresolved) && !(c instanceof TaskCheck.NeedsValidation)) {
          completed = c;
          break;
        }
      }
      check = completed;
    }
    return new Outcome(mismatch, check);
  }

  /** Why the re-run check does not support {@code verdict}, or null when it does. */
  private static @Nullable String unsupported(
      String scheme, String verdict, @Nullable TaskCheck check) {
    boolean single = SINGLE_TASK.contains(scheme);
    if (verdict.equals("rejected")) {
      if (check instanceof TaskCheck.Failed) {
        return null;
      }
      if (!single) {
        return null; // decided by the quorum or the dispute, not by this task's own check
      }
      return "re-running the check from the logged evidence gives " + describe(check);
    }
    // accepted
    if (check instanceof TaskCheck.Failed f) {
      return "re-running the check from the logged evidence fails it: " + f.verdict().detail();
    }
    if (single && !(check instanceof TaskCheck.Verified)) {
      return "re-running the check from the logged evidence gives " + describe(check);
    }
    return null;
  }

  private static String describe(@Nullable TaskCheck check) {
    return switch (check) {
      case null -> "no check (no response logged)";
      case TaskCheck.Verified v -> "verified";
      case TaskCheck.Failed f -> "failed: " + f.verdict().detail();
      case TaskCheck.NeedsValidation n -> "a check still waiting for a validator report";
      case TaskCheck.Unresolved u -> "unresolved: " + u.detail();
    };
  }

  private static String key(String taskId, String leaseId) {
    return taskId + "/" + leaseId;
  }
}
