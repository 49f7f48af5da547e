package dev.proofofcompute.coordinator.service;

import dev.proofofcompute.core.workload.WorkloadId;
import dev.proofofcompute.crypto.Bytes;
import dev.proofofcompute.crypto.identity.NodeId;
import dev.proofofcompute.crypto.money.Amount;
import dev.proofofcompute.storage.JobStatus;
import dev.proofofcompute.storage.NodeRole;
import dev.proofofcompute.storage.NodeStatus;
import dev.proofofcompute.storage.TaskKind;
import dev.proofofcompute.storage.TaskState;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/** The values the services return; the HTTP layer maps each to one JSON shape. */
public final class Views {
  private Views() {}

  /** A registered node as others may see it. */
  public record NodeView(
      NodeId id,
      Set<NodeRole> roles,
      NodeStatus status,
      Optional<Instant> throttledUntil,
      int consecutiveValid,
      int strikes,
      Instant registeredAt) {}

  /** A node's three accounts. */
  public record Balances(NodeId node, Amount available, Amount bonded, Amount locked) {}

  /** A task of a job, as its requester sees it. */
  public record TaskView(
      String taskId,
      TaskKind kind,
      int replica,
      Optional<String> parentTaskId,
      TaskState state,
      Optional<NodeId> holder,
      int attempts,
      Optional<String> verdict,
      Optional<String> verdictReason,
      Optional<String> verdictDetail) {}

  /** A job and its tasks. */
  public record JobView(
      String jobId,
      NodeId requester,
      String idempotencyKey,
      WorkloadId workload,
      String scheme,
      String summary,
      JobStatus status,
      int replicas,
      Amount escrowed,
      Instant createdAt,
      Optional<Instant> decidedAt,
      boolean hasResult,
      boolean created,
      List<TaskView> tasks) {}

  /** A decided job's accepted output. */
  public record JobResult(String jobId, JobStatus status, Optional<Bytes> output) {}

  /**
   * A leased task: what the node must run (EXECUTE: the provider's view of the task) or check
   * (VALIDATE: the validation work).
   */
  public record Lease(
      String taskId,
      String leaseId,
      Instant deadline,
      TaskKind kind,
      String jobId,
      int replica,
      WorkloadId workload,
      String scheme,
      Bytes parameters,
      Bytes jobInput,
      Bytes taskInput,
      Optional<Bytes> work,
      Amount lockedStake) {}

  /**
   * What one task operation returns (the answer of its single endpoint; in a batch, the body of its
   * result).
   */
  public sealed interface TaskOpView
      permits ChallengeState, TaskOutcomeView, LeaseExtended, Released {
    String taskId();
  }

  /** Where a provider's task stands after a commit or a challenge poll. */
  public record ChallengeState(
      String taskId, boolean ready, Optional<Bytes> challenge, Instant leaseDeadline)
      implements TaskOpView {}

  /** Where a task stands after a response or a report. */
  public record TaskOutcomeView(String taskId, TaskState state, Optional<String> detail)
      implements TaskOpView {}

  /** A lease extended by a heartbeat, to its new deadline. */
  public record LeaseExtended(String taskId, Instant leaseDeadline) implements TaskOpView {}

  /** A task given back by its holder. */
  public record Released(String taskId) implements TaskOpView {}

  /** A dispute question addressed to one of the caller's tasks. */
  public record DisputeRequest(
      String disputeId, String jobId, String taskId, Bytes request, Instant deadline) {}

  /** The result of a scheduler pass. */
  public record Tick(int expiredLeases, int overdueDisputes, long purgedNonces) {}
}
