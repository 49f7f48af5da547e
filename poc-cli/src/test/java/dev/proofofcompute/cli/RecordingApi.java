package dev.proofofcompute.cli;

import dev.proofofcompute.coordinator.service.CoordinatorException;
import dev.proofofcompute.coordinator.service.Views.Balances;
import dev.proofofcompute.coordinator.service.Views.ChallengeState;
import dev.proofofcompute.coordinator.service.Views.DisputeRequest;
import dev.proofofcompute.coordinator.service.Views.Lease;
import dev.proofofcompute.coordinator.service.Views.TaskOutcomeView;
import dev.proofofcompute.crypto.Bytes;
import dev.proofofcompute.crypto.identity.NodeId;
import dev.proofofcompute.crypto.money.Amount;
import dev.proofofcompute.storage.NodeRole;
import dev.proofofcompute.storage.TaskKind;
import dev.proofofcompute.storage.TaskState;
import dev.proofofcompute.worker.CoordinatorApi;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A worker's {@link CoordinatorApi} that records what the coordinators told it — every lease it
 * received (task, lease id, node, which coordinator, when, deadline), every lease deadline an
 * extension or challenge poll reported, every outcome of a response or report — so that a test can
 * check the coordinators' answers against each other and against the database afterwards.
 *
 * <p>It calls one coordinator ({@code endpoints} of size one) or spreads the calls over several,
 * round-robin per call (one lease may be taken on one coordinator, committed on another and
 * responded on a third). An optional delay before each response or report stretches a run so that a
 * test can act while leases are out.
 */
final class RecordingApi implements CoordinatorApi {
  /** A lease as a worker received it. */
  record LeaseRecord(
      String taskId,
      String leaseId,
      TaskKind kind,
      String jobId,
      int replica,
      NodeId worker,
      String coordinator,
      Instant received,
      Instant deadline) {}

  /** A response's or report's outcome as the worker received it. */
  record OutcomeRecord(
      String taskId, String leaseId, TaskKind kind, NodeId worker, TaskOutcomeView outcome) {
    /** The coordinator said: this task is final and its check verified (an accepted result). */
    boolean accepted() {
      return outcome.state() == TaskState.FINAL
          && outcome.detail().map(d -> d.startsWith("verified")).orElse(false);
    }
  }

  /** What every worker of a test received, shared by their {@link RecordingApi}s. */
  static final class Recorder {
    final List<LeaseRecord> leases = new CopyOnWriteArrayList<>();
    final List<OutcomeRecord> outcomes = new CopyOnWriteArrayList<>();
    final Map<String, Instant> latestDeadline = new ConcurrentHashMap<>();
    private final Map<String, Boolean> open = new ConcurrentHashMap<>();

    void extended(String leaseId, Instant deadline) {
      latestDeadline.merge(leaseId, deadline, (a, b) -> a.isAfter(b) ? a : b);
    }

    /** Leases received that have no outcome yet. */
    int outstanding() {
      return open.size();
    }

    long accepted() {
      return outcomes.stream().filter(OutcomeRecord::accepted).count();
    }

    /** The last deadline the coordinators reported for {@code lease}. */
    Instant lastDeadline(LeaseRecord lease) {
      Instant d = latestDeadline.get(lease.leaseId());
      return d == null || d.isBefore(lease.deadline()) ? lease.deadline() : d;
    }
  }

  private final Recorder recorder;
  private final NodeId worker;
  private final List<CoordinatorApi> endpoints;
  private final List<String> names;
  private final Duration delay;
  private final AtomicInteger next = new AtomicInteger();

  RecordingApi(
      Recorder recorder,
      NodeId worker,
      List<CoordinatorApi> endpoints,
      List<String> names,
      Duration delay) {
    if (endpoints.isEmpty() || endpoints.size() != names.size()) {
      throw new IllegalArgumentException("one name per endpoint, at least one");
    }
    this.recorder = recorder;
    this.worker = worker;
    this.endpoints = List.copyOf(endpoints);
    this.names = List.copyOf(names);
    this.delay = delay;
  }

  private int pick() {
    return Math.floorMod(next.getAndIncrement(), endpoints.size());
  }

  private CoordinatorApi api() {
    return endpoints.get(pick());
  }

  @Override
  public void register(Set<NodeRole> roles) throws CoordinatorException {
    api().register(roles);
  }

  @Override
  public Balances deposit(Amount amount) throws CoordinatorException {
    return api().deposit(amount);
  }

  @Override
  public Balances bond(Amount amount) throws CoordinatorException {
    return api().bond(amount);
  }

  @Override
  public Balances balances() throws CoordinatorException {
    return api().balances();
  }

  @Override
  public Optional<Lease> lease(TaskKind kind, Duration wait) throws CoordinatorException {
    int i = pick();
    Optional<Lease> l = endpoints.get(i).lease(kind, wait);
    if (l.isPresent()) {
      Lease lease = l.get();
      recorder.leases.add(
          new LeaseRecord(
              lease.taskId(),
              lease.leaseId(),
              lease.kind(),
              lease.jobId(),
              lease.replica(),
              worker,
              names.get(i),
              Instant.now(),
              lease.deadline()));
      recorder.open.put(lease.leaseId(), Boolean.TRUE);
    }
    return l;
  }

  @Override
  public Instant heartbeat(String taskId, String leaseId) throws CoordinatorException {
    Instant d = api().heartbeat(taskId, leaseId);
    recorder.extended(leaseId, d);
    return d;
  }

  @Override
  public void release(String taskId, String leaseId) throws CoordinatorException {
    api().release(taskId, leaseId);
    recorder.open.remove(leaseId);
  }

  @Override
  public ChallengeState commit(String taskId, String leaseId, Bytes commitment)
      throws CoordinatorException {
    ChallengeState s = api().commit(taskId, leaseId, commitment);
    recorder.extended(leaseId, s.leaseDeadline());
    return s;
  }

  @Override
  public ChallengeState challenge(String taskId, String leaseId) throws CoordinatorException {
    ChallengeState s = api().challenge(taskId, leaseId);
    recorder.extended(leaseId, s.leaseDeadline());
    return s;
  }

  private void pause() {
    if (!delay.isZero()) {
      try {
        Thread.sleep(delay);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
    }
  }

  @Override
  public TaskOutcomeView respond(String taskId, String leaseId, Bytes response)
      throws CoordinatorException {
    pause();
    TaskOutcomeView v = api().respond(taskId, leaseId, response);
    recorder.outcomes.add(new OutcomeRecord(taskId, leaseId, TaskKind.EXECUTE, worker, v));
    recorder.open.remove(leaseId);
    return v;
  }

  @Override
  public TaskOutcomeView report(String taskId, String leaseId, Bytes report)
      throws CoordinatorException {
    pause();
    TaskOutcomeView v = api().report(taskId, leaseId, report);
    recorder.outcomes.add(new OutcomeRecord(taskId, leaseId, TaskKind.VALIDATE, worker, v));
    recorder.open.remove(leaseId);
    return v;
  }

  @Override
  public List<DisputeRequest> pendingDisputes() throws CoordinatorException {
    return api().pendingDisputes();
  }

  @Override
  public void answerDispute(String disputeId, String taskId, Bytes answer)
      throws CoordinatorException {
    api().answerDispute(disputeId, taskId, answer);
  }

  @Override
  public Optional<Bytes> peekResult(String jobId) throws CoordinatorException {
    return api().peekResult(jobId);
  }

  /** The leases of each task, in the order the workers received them. */
  static Map<String, List<LeaseRecord>> byTask(List<LeaseRecord> leases) {
    Map<String, List<LeaseRecord>> out = new java.util.TreeMap<>();
    for (LeaseRecord l : leases) {
      out.computeIfAbsent(l.taskId(), k -> new ArrayList<>()).add(l);
    }
    for (List<LeaseRecord> list : out.values()) {
      list.sort(java.util.Comparator.comparing(LeaseRecord::deadline));
    }
    return out;
  }
}
