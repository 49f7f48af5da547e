package dev.proofofcompute.worker;

import dev.proofofcompute.coordinator.service.CoordinatorException;
import dev.proofofcompute.coordinator.service.Views.Balances;
import dev.proofofcompute.coordinator.service.Views.ChallengeState;
import dev.proofofcompute.coordinator.service.Views.DisputeRequest;
import dev.proofofcompute.coordinator.service.Views.Lease;
import dev.proofofcompute.coordinator.service.Views.TaskOutcomeView;
import dev.proofofcompute.crypto.Bytes;
import dev.proofofcompute.crypto.money.Amount;
import dev.proofofcompute.storage.NodeRole;
import dev.proofofcompute.storage.TaskKind;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * What the worker agent needs from a coordinator, as one node (every call is signed with the node's
 * key by the implementation). {@link HttpCoordinatorApi} implements it over the signed HTTP API.
 *
 * <p>Contract: every method either does what it says or throws {@link CoordinatorException}. A
 * coordinator that cannot be reached, or answers 429/503, is {@link
 * CoordinatorException.Kind#UNAVAILABLE} or {@link CoordinatorException.Kind#TOO_MANY}: the agent
 * retries those with back-off. {@link CoordinatorException.Kind#CONFLICT} or {@link
 * CoordinatorException.Kind#NOT_FOUND} on a task call means the lease is gone (lapsed, released or
 * the job ended): the agent drops the task. Implementations are thread-safe.
 */
public interface CoordinatorApi {
  /**
   * Registers this node with {@code roles}; a node that is already registered is left as it is (so
   * a restarted worker carries on).
   */
  void register(Set<NodeRole> roles) throws CoordinatorException;

  /** Credits {@code amount} to this node's available funds. */
  Balances deposit(Amount amount) throws CoordinatorException;

  /** Moves {@code amount} of this node's available funds into its bonded stake. */
  Balances bond(Amount amount) throws CoordinatorException;

  /** This node's balances. */
  Balances balances() throws CoordinatorException;

  /** The next task of {@code kind}, waiting up to {@code wait}; empty when none came. */
  Optional<Lease> lease(TaskKind kind, Duration wait) throws CoordinatorException;

  /** Extends a live lease; the new deadline. */
  Instant heartbeat(String taskId, String leaseId) throws CoordinatorException;

  /** Gives a leased task back (graceful shutdown): its stake comes back, no failure point. */
  void release(String taskId, String leaseId) throws CoordinatorException;

  /** Sends the commitment; the challenge, or "not ready yet" (poll {@link #challenge}). */
  ChallengeState commit(String taskId, String leaseId, Bytes commitment)
      throws CoordinatorException;

  /** Polls the challenge to this node's commitment (extends the lease while it waits). */
  ChallengeState challenge(String taskId, String leaseId) throws CoordinatorException;

  /** Sends the response to the challenge. */
  TaskOutcomeView respond(String taskId, String leaseId, Bytes response)
      throws CoordinatorException;

  /** Sends a validator's report on a VALIDATE task. */
  TaskOutcomeView report(String taskId, String leaseId, Bytes report) throws CoordinatorException;

  /** Dispute questions addressed to this node's tasks. */
  List<DisputeRequest> pendingDisputes() throws CoordinatorException;

  /** Answers a dispute question. */
  void answerDispute(String disputeId, String taskId, Bytes answer) throws CoordinatorException;

  /**
   * The accepted output of {@code jobId} if this node may read it and the job is decided (what a
   * copycat looks for; only the requester and the operator may read a job, so a provider is
   * refused).
   */
  Optional<Bytes> peekResult(String jobId) throws CoordinatorException;
}
