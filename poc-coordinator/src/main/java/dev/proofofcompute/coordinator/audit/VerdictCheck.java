package dev.proofofcompute.coordinator.audit;

import dev.proofofcompute.coordinator.service.SchemeRegistry;
import dev.proofofcompute.core.workload.WorkloadId;
import dev.proofofcompute.crypto.Bytes;
import dev.proofofcompute.crypto.DecodingException;
import dev.proofofcompute.crypto.cbor.CborMap;
import dev.proofofcompute.protocol.JobSpec;
import dev.proofofcompute.protocol.ProtocolException;
import dev.proofofcompute.protocol.SchemeProtocol;
import dev.proofofcompute.protocol.SchemeProtocol.ProviderInfo;
import dev.proofofcompute.protocol.TaskCheck;
import dev.proofofcompute.protocol.TaskSpec;
import dev.proofofcompute.translog.Authorisation;
import dev.proofofcompute.translog.EntryKind;
import dev.proofofcompute.translog.LogEntry;
import dev.proofofcompute.translog.audit.Discrepancy;
import dev.proofofcompute.translog.audit.DiscrepancyKind;
import dev.proofofcompute.translog.audit.EntryCheck;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Consumer;
import org.jspecify.annotations.Nullable;

/**
 * Re-verifies, from the log alone, every verdict whose evidence the log holds: the auditor's
 * "re-run the validator" check (docs/coordinator.md, "What the log holds").
 *
 * <p>For each task lease it collects, from the entries, the job (workload, input, scheme, canonical
 * parameters: {@code job-posted}), the provider (the key that signed the {@code lease}), the
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
 *       acceptance a verified one; for replication and bisection, where a rejection comes from the
 *       quorum or the dispute, a failed check must not be accepted and a verified one not rejected
 *       for malformed or wrong evidence by the check itself — the quorum and the dispute replay are
 *       not re-derived here.
 * </ol>
 *
 * Inconclusive verdicts are not re-verified (they move no stake); a verdict without the evidence in
 * the log (no commitment, say) is reported as {@link #VERDICT_UNSUPPORTED} if it is a rejection.
 */
public final class VerdictCheck implements EntryCheck {
  public static final DiscrepancyKind CHALLENGE_MISMATCH =
      new DiscrepancyKind("CHALLENGE_MISMATCH");
  public static final DiscrepancyKind VERDICT_UNSUPPORTED =
      new DiscrepancyKind("VERDICT_UNSUPPORTED");

  private static final Set<String> SINGLE_TASK = Set.of("spot-check", "freivalds", "stark", "tee");

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

    Lease(String jobId, int replica, ProviderInfo provider) {
      this.jobId = jobId;
      this.replica = replica;
      this.provider = provider;
    }
  }

  private final SchemeRegistry schemes;
  private final Map<String, JobSpec> jobs = new HashMap<>();
  private final Map<String, Lease> leases = new HashMap<>();
  private long verified;

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

  /** What was re-verified, in words (for the audit's summary line). */
  public String summary() {
    return verified + " verdicts re-verified";
  }

  @Override
  public void check(long index, LogEntry entry, Consumer<Discrepancy> report) {
    if (entry.kind() != EntryKind.VERDICT) {
      try {
        collect(entry);
      } catch (DecodingException | IllegalArgumentException e) {
        // Not evidence this check can use (another writer's body shape); a verdict that would
        // need it is reported at the verdict, as unsupported.
      }
      return;
    }
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
    leases.put(
        key(b.getText("task-id"), b.getText("lease")),
        new Lease(b.getText("job"), Math.toIntExact(b.getLong("replica")), provider));
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
    if (b.get("lease").isEmpty() || b.get("canary-secret").isEmpty()) {
      return;
    }
    String taskId = b.getText("task-id");
    String verdict = b.getMap("verdict").getText("kind");
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
