package dev.proofofcompute.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.proofofcompute.cli.RecordingApi.LeaseRecord;
import dev.proofofcompute.cli.RecordingApi.OutcomeRecord;
import dev.proofofcompute.crypto.identity.NodeId;
import dev.proofofcompute.crypto.money.Amount;
import dev.proofofcompute.ledger.AccountId;
import dev.proofofcompute.ledger.Fee;
import dev.proofofcompute.ledger.Ledger;
import dev.proofofcompute.ledger.LedgerInvariants;
import dev.proofofcompute.ledger.LedgerSnapshot;
import dev.proofofcompute.ledger.Operation;
import dev.proofofcompute.ledger.Posting;
import dev.proofofcompute.storage.JobRecord;
import dev.proofofcompute.storage.JobStatus;
import dev.proofofcompute.storage.Storage;
import dev.proofofcompute.storage.Storages;
import dev.proofofcompute.storage.StoredPosting;
import dev.proofofcompute.storage.TaskKind;
import dev.proofofcompute.storage.TaskRecord;
import dev.proofofcompute.storage.TaskState;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.TreeMap;

/**
 * What a whole-process run must leave in the database, read directly through poc-storage after the
 * coordinators stopped, and checked against what the workers were told ({@link
 * RecordingApi.Recorder}):
 *
 * <ul>
 *   <li>every job exists once, is DECIDED with a result, and has exactly the EXECUTE tasks it was
 *       submitted with (replicas 0..n-1, no extra, no missing); every task is final;
 *   <li>the replicas of a job went to distinct providers;
 *   <li>the ledger: every operation id once; one escrow and one close per job; one reward per
 *       EXECUTE task, paid to its holder; no slash; no stake still locked; the invariants of
 *       poc-ledger ({@link LedgerInvariants}) hold, and replaying the stored postings through the
 *       reference {@link Ledger} gives exactly the stored balances;
 *   <li>each honest worker holds its deposit plus the reward of each task it executed plus the fees
 *       it earned as a validator, nothing more, nothing less;
 *   <li>every result a worker was told was accepted is in the database, accepted and paid, under
 *       that worker;
 *   <li>leases: no lease id twice; no task ever under two live leases (a later lease of a task was
 *       granted only at or after the last deadline the coordinators had given the earlier one); a
 *       node got a second replica of a job only after its lease on the first lapsed; the database
 *       counted at least the leases the workers received.
 * </ul>
 */
final class RunAudit {
  private RunAudit() {}

  /** What was checked, for the test's log. */
  record Summary(int jobs, int tasks, int postings, int leases, int acceptedOutcomes) {}

  static Summary check(String db, ProcessNet net, Duration leaseDuration, String context)
      throws Exception {
    try (Storage storage = Storages.open(db)) {
      return storage.transaction(tx -> check(tx, net, leaseDuration, context));
    }
  }

  private static Summary check(
      dev.proofofcompute.storage.Tx tx, ProcessNet net, Duration leaseDuration, String context)
      throws Exception {
    String why = context + " (seed " + net.seed + ")";
    // ---- jobs and tasks
    Map<JobStatus, Long> byStatus = tx.jobs().countByStatus();
    long storedJobs = byStatus.values().stream().mapToLong(Long::longValue).sum();
    assertThat(storedJobs)
        .as("jobs in the database: %s; %s", byStatus, why)
        .isEqualTo(net.jobs.size());
    Map<String, TaskRecord> tasks = new TreeMap<>();
    Map<String, JobRecord> jobs = new TreeMap<>();
    for (Map.Entry<String, Integer> e : net.replicas.entrySet()) {
      String jobId = e.getKey();
      JobRecord job = tx.jobs().find(jobId).orElseThrow(() -> new AssertionError("lost " + jobId));
      jobs.put(jobId, job);
      assertThat(job.status()).as("job %s; %s", jobId, why).isEqualTo(JobStatus.DECIDED);
      assertThat(job.result()).as("result of %s", jobId).isNotNull();
      assertThat(job.decidedAt()).as("decidedAt of %s", jobId).isNotNull();
      assertThat(job.replicas()).as("replicas of %s", jobId).isEqualTo(e.getValue());
      List<TaskRecord> ofJob = tx.tasks().ofJob(jobId);
      List<Integer> replicaIndexes = new ArrayList<>();
      Set<NodeId> holders = new HashSet<>();
      for (TaskRecord t : ofJob) {
        assertThat(tasks.put(t.taskId(), t)).as("task %s twice", t.taskId()).isNull();
        assertThat(t.state().isTerminal()).as("task %s of %s; %s", t, jobId, why).isTrue();
        if (t.kind() == TaskKind.EXECUTE) {
          replicaIndexes.add(t.replica());
          assertThat(t.state())
              .as("execute task %s; %s", t.taskId(), why)
              .isEqualTo(TaskState.FINAL);
          assertThat(t.holder()).as("holder of %s", t.taskId()).isNotNull();
          assertThat(holders.add(Objects.requireNonNull(t.holder())))
              .as("two replicas of %s on %s; %s", jobId, t.holder(), why)
              .isTrue();
        }
      }
      List<Integer> expected = new ArrayList<>();
      for (int r = 0; r < e.getValue(); r++) {
        expected.add(r);
      }
      assertThat(replicaIndexes)
          .as("execute tasks of %s", jobId)
          .containsExactlyInAnyOrderElementsOf(expected);
    }
    Map<TaskState, Long> byState = tx.tasks().countByState();
    assertThat(byState.values().stream().mapToLong(Long::longValue).sum())
        .as("tasks in the database: %s; %s", byState, why)
        .isEqualTo(tasks.size());

    // ---- ledger
    List<StoredPosting> stored = new ArrayList<>();
    long after = 0;
    while (true) {
      List<StoredPosting> page = tx.ledger().postings(after, 500);
      if (page.isEmpty()) {
        break;
      }
      stored.addAll(page);
      after = page.get(page.size() - 1).seq();
    }
    Set<String> opIds = new HashSet<>();
    Map<String, Integer> escrows = new HashMap<>();
    Map<String, Integer> closes = new HashMap<>();
    Map<String, Operation.Reward> rewards = new HashMap<>();
    Map<NodeId, Amount> paid = new HashMap<>();
    List<Posting> history = new ArrayList<>();
    for (StoredPosting sp : stored) {
      Posting p = sp.posting();
      history.add(p);
      assertThat(opIds.add(p.id().value()))
          .as("operation %s posted twice; %s", p.id(), why)
          .isTrue();
      switch (p.operation()) {
        case Operation.EscrowJob e -> escrows.merge(e.jobId(), 1, Integer::sum);
        case Operation.CloseJob c -> closes.merge(c.jobId(), 1, Integer::sum);
        case Operation.Reward r -> {
          assertThat(rewards.put(r.taskId(), r))
              .as("task %s rewarded twice; %s", r.taskId(), why)
              .isNull();
          paid.merge(r.provider(), r.amount(), Amount::plus);
          for (Fee f : r.validatorFees()) {
            paid.merge(f.validator(), f.amount(), Amount::plus);
          }
        }
        case Operation.Slash s ->
            throw new AssertionError("an honest provider was slashed: " + s + "; " + why);
        default -> {}
      }
    }
    for (String jobId : jobs.keySet()) {
      assertThat(escrows.get(jobId)).as("escrows of %s", jobId).isEqualTo(1);
      assertThat(closes.get(jobId)).as("closes of %s", jobId).isEqualTo(1);
    }
    Map<NodeId, Integer> executed = new HashMap<>();
    for (TaskRecord t : tasks.values()) {
      if (t.kind() != TaskKind.EXECUTE) {
        continue;
      }
      Operation.Reward r = rewards.get(t.taskId());
      assertThat(r).as("reward of %s; %s", t.taskId(), why).isNotNull();
      assertThat(Objects.requireNonNull(r).provider()).isEqualTo(t.holder());
      assertThat(r.amount()).isEqualTo(ProcessNet.REWARD);
      executed.merge(Objects.requireNonNull(t.holder()), 1, Integer::sum);
    }
    assertThat(rewards.keySet())
        .as("rewards only for tasks of these jobs")
        .isSubsetOf(tasks.keySet());
    LedgerSnapshot snapshot = tx.ledger().snapshot();
    LedgerInvariants.check(snapshot);
    assertThat(Ledger.replay(history).snapshot())
        .as("replaying the stored postings gives the stored state; %s", why)
        .isEqualTo(snapshot);
    assertThat(snapshot.stakeLocks()).as("stake still locked; %s", why).isEmpty();

    // ---- each honest worker: deposit + rewards of its tasks + its fees
    for (NodeId w : net.workerIds()) {
      long total =
          snapshot.balance(AccountId.available(w))
              + snapshot.balance(AccountId.bonded(w))
              + snapshot.balance(AccountId.locked(w));
      Amount fees =
          paid.getOrDefault(w, Amount.ZERO)
              .minus(ProcessNet.REWARD.times(executed.getOrDefault(w, 0)));
      assertThat(snapshot.balance(AccountId.locked(w))).as("locked of %s", w).isZero();
      assertThat(Amount.of(total))
          .as(
              "worker %s: deposit + %d rewards + fees %s; %s",
              w.shortForm(), executed.getOrDefault(w, 0), fees, why)
          .isEqualTo(
              ProcessNet.DEPOSIT
                  .plus(ProcessNet.REWARD.times(executed.getOrDefault(w, 0)))
                  .plus(fees));
    }

    // ---- what the workers were told
    int accepted = 0;
    for (OutcomeRecord o : net.recorder.outcomes) {
      if (o.kind() == TaskKind.EXECUTE && o.accepted()) {
        accepted++;
        TaskRecord t = tasks.get(o.taskId());
        assertThat(t).as("an accepted result was lost: %s; %s", o, why).isNotNull();
        assertThat(Objects.requireNonNull(t).holder()).as("accepted %s", o).isEqualTo(o.worker());
        assertThat(rewards.get(o.taskId())).as("accepted %s unpaid", o).isNotNull();
      }
    }
    List<LeaseRecord> leases = List.copyOf(net.recorder.leases);
    Set<String> leaseIds = new HashSet<>();
    for (LeaseRecord l : leases) {
      assertThat(leaseIds.add(l.leaseId())).as("lease id %s twice", l.leaseId()).isTrue();
    }
    Map<String, List<LeaseRecord>> byTask = RecordingApi.byTask(leases);
    for (Map.Entry<String, List<LeaseRecord>> e : byTask.entrySet()) {
      TaskRecord t = tasks.get(e.getKey());
      assertThat(t).as("leased task %s not in the database", e.getKey()).isNotNull();
      List<LeaseRecord> list = e.getValue();
      assertThat(Objects.requireNonNull(t).attempts())
          .as("attempts of %s vs leases received %s", t.taskId(), list)
          .isGreaterThanOrEqualTo(list.size());
      for (int i = 1; i < list.size(); i++) {
        Instant granted = list.get(i).deadline().minus(leaseDuration);
        for (int j = 0; j < i; j++) {
          Instant lastDeadline = net.recorder.lastDeadline(list.get(j));
          assertThat(granted)
              .as(
                  "task %s leased again while an earlier lease lived: %s after %s (last deadline"
                      + " %s); %s",
                  t.taskId(), list.get(i), list.get(j), lastDeadline, why)
              .isAfterOrEqualTo(lastDeadline);
        }
      }
    }
    Map<String, List<LeaseRecord>> byJobAndNode = new TreeMap<>();
    for (LeaseRecord l : leases) {
      if (l.kind() == TaskKind.EXECUTE) {
        byJobAndNode
            .computeIfAbsent(l.jobId() + "/" + l.worker().toHex(), k -> new ArrayList<>())
            .add(l);
      }
    }
    for (List<LeaseRecord> list : byJobAndNode.values()) {
      list.sort(java.util.Comparator.comparing(LeaseRecord::deadline));
      for (int i = 1; i < list.size(); i++) {
        LeaseRecord earlier = list.get(i - 1);
        LeaseRecord later = list.get(i);
        if (!earlier.taskId().equals(later.taskId())) {
          assertThat(later.deadline().minus(leaseDuration))
              .as(
                  "two replicas of job %s on one node at once: %s and %s; %s",
                  later.jobId(), earlier, later, why)
              .isAfterOrEqualTo(net.recorder.lastDeadline(earlier));
          assertThat(Objects.requireNonNull(tasks.get(earlier.taskId())).holder())
              .as("the node still holds the first replica %s", earlier)
              .isNotEqualTo(earlier.worker());
        }
      }
    }
    return new Summary(jobs.size(), tasks.size(), stored.size(), leases.size(), accepted);
  }
}
