package dev.proofofcompute.storage;

import dev.proofofcompute.crypto.Bytes;
import dev.proofofcompute.crypto.identity.NodeId;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.jspecify.annotations.Nullable;

/**
 * Tasks and their leases. Every change of state is guarded: it names the state (and, while leased,
 * the lease id) it expects and changes nothing if the row has moved on, so a late request from a
 * lapsed lease, or a second coordinator acting on the same task, is a no-op that the caller sees as
 * {@code false}.
 *
 * <p>Assignment rules, held by {@link #leaseNext} on every backend, also between several
 * coordinators on one PostgreSQL database (the first with a unique index):
 *
 * <ul>
 *   <li>a node never holds two EXECUTE tasks of one job (replicas go to distinct providers);
 *   <li>a node never gets a VALIDATE task of a job for which it holds an EXECUTE task;
 *   <li>a node never gets a task of a job it requested.
 * </ul>
 */
public interface TaskStore {
  /**
   * Leases the oldest task of one of {@code kinds} that {@code node} may take: a PENDING task, or a
   * LEASED or COMMITTED task whose lease deadline is at or before {@code now} (its previous holder
   * loses the lease; its provider-session bytes — secret, commitment, randomness, challenge,
   * response, report — are cleared; the work bytes stay). The task becomes LEASED by {@code node}
   * with a fresh random lease id, deadline {@code deadline}, one more attempt. With PostgreSQL,
   * rows other coordinators are leasing are skipped ({@code FOR UPDATE SKIP LOCKED}), never waited
   * for.
   *
   * <p>Whether the node's roles and status allow it to work is the caller's decision.
   *
   * @return the leased task; empty if none is available to this node
   * @throws IllegalArgumentException if {@code kinds} is empty or {@code deadline} is not after
   *     {@code now}
   */
  Optional<TaskRecord> leaseNext(NodeId node, Set<TaskKind> kinds, Instant now, Instant deadline);

  /**
   * Moves a task from {@code expected} to {@code next}, writing the non-null fields of {@code set}.
   * When {@code expected} is a leased state, {@code leaseId} must be the current lease and the
   * lease must not have lapsed ({@code deadline > at}).
   *
   * @return false if the task is not in {@code expected}, the lease id differs, or the lease has
   *     lapsed (nothing changes)
   * @throws IllegalArgumentException if {@code next} is PENDING or LEASED (use {@link #leaseNext},
   *     {@link #release}), if {@code expected} is terminal, or if {@code expected} is leased and
   *     {@code leaseId} is null
   */
  boolean advance(
      String taskId,
      TaskState expected,
      @Nullable String leaseId,
      TaskState next,
      TaskArtifacts set,
      Instant at);

  /**
   * Extends a live lease (a heartbeat from its holder).
   *
   * @return false if the task is no longer held under {@code leaseId}, or the lease had lapsed
   *     already at {@code now}
   */
  boolean extendLease(String taskId, String leaseId, Instant now, Instant deadline);

  /**
   * The holder gives a leased task back: it returns to PENDING without holder or lease, its
   * provider-session bytes cleared (as in {@link #leaseNext}).
   *
   * @return false if the task is no longer held under {@code leaseId}
   */
  boolean release(String taskId, String leaseId, Instant at);

  /**
   * Returns every LEASED or COMMITTED task whose lease deadline is at or before {@code now} to
   * PENDING, as {@link #release} does.
   *
   * @return those tasks as they were before (with their former holder and lease)
   */
  List<TaskRecord> expireLeases(Instant now);

  /** The task with this id. */
  Optional<TaskRecord> find(String taskId);

  /** The tasks of a job: EXECUTE tasks by replica, then VALIDATE tasks in creation order. */
  List<TaskRecord> ofJob(String jobId);

  /** The tasks {@code node} holds a live lease on at {@code now}, oldest first. */
  List<TaskRecord> heldBy(NodeId node, Instant now);

  /**
   * Adds {@code count} EXECUTE tasks to a job, replicas numbered on from the job's current count,
   * and raises the job's replica count.
   *
   * @return the new tasks
   * @throws IllegalArgumentException if the job does not exist, is terminal, or would exceed {@link
   *     JobStore#MAX_REPLICAS}
   */
  List<TaskRecord> addReplicas(String jobId, int count, Instant at);

  /**
   * Adds a PENDING VALIDATE task for EXECUTE task {@code parentTaskId}, carrying {@code work}; its
   * index is the number of VALIDATE tasks the parent already has.
   *
   * @throws IllegalArgumentException if the parent does not exist or is not an EXECUTE task
   */
  TaskRecord addValidation(String parentTaskId, Bytes work, Instant at);

  /** How many tasks are in each state (every state is a key, possibly with 0). */
  Map<TaskState, Long> countByState();
}
