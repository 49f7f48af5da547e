package dev.proofofcompute.schemes.replication;

import dev.proofofcompute.core.scheme.Verdict;
import dev.proofofcompute.crypto.Bytes;
import dev.proofofcompute.crypto.Digest;
import dev.proofofcompute.crypto.identity.NodeId;
import java.util.Collections;
import java.util.Optional;
import java.util.SortedMap;
import java.util.TreeMap;
import org.jspecify.annotations.Nullable;

/**
 * The result of a closed {@link ReplicationRound}: a verdict for every provider that committed, the
 * accepted output if any, and whether the task was actually replicated (or trusted unchecked under
 * adaptive replication).
 */
public final class RoundOutcome {
  private final Digest taskId;
  private final boolean replicated;
  private final SortedMap<NodeId, Verdict> verdicts;
  private final @Nullable Bytes acceptedOutput;

  RoundOutcome(
      Digest taskId,
      boolean replicated,
      SortedMap<NodeId, Verdict> verdicts,
      @Nullable Bytes acceptedOutput) {
    this.taskId = taskId;
    this.replicated = replicated;
    this.verdicts = Collections.unmodifiableSortedMap(new TreeMap<>(verdicts));
    this.acceptedOutput = acceptedOutput;
  }

  public Digest taskId() {
    return taskId;
  }

  /**
   * Whether the result was checked against other replicas; false when adaptive replication trusted
   * the sole provider.
   */
  public boolean replicated() {
    return replicated;
  }

  /** The verdict of every provider that committed, by provider id. */
  public SortedMap<NodeId, Verdict> verdicts() {
    return verdicts;
  }

  /** The verdict of {@code providerId}, if it committed in this round. */
  public Optional<Verdict> verdict(NodeId providerId) {
    return Optional.ofNullable(verdicts.get(providerId));
  }

  /**
   * The canonical bytes of the accepted output: the anchor of the winning quorum, or the trusted
   * provider's output. Empty when the round decided nothing.
   */
  public Optional<Bytes> acceptedOutput() {
    return Optional.ofNullable(acceptedOutput);
  }

  /**
   * The adaptive-replication record of {@code providerId} after this round, given its record
   * before: reset to zero on a rejection; one more valid result on an acceptance by a quorum of
   * replicas; unchanged on an inconclusive verdict, on an unreplicated (trusted) acceptance — an
   * unchecked result proves nothing — and for a provider that did not take part.
   */
  public Reputation updatedReputation(NodeId providerId, Reputation before) {
    Verdict v = verdicts.get(providerId);
    if (v == null) {
      return before;
    }
    return switch (v) {
      case Verdict.Rejected r -> before.afterInvalid();
      case Verdict.Accepted a -> replicated ? before.afterValid() : before;
      case Verdict.Inconclusive i -> before;
    };
  }

  @Override
  public String toString() {
    return "RoundOutcome[task="
        + ResultCommitment.shortHex(taskId)
        + ", replicated="
        + replicated
        + ", verdicts="
        + verdicts
        + "]";
  }
}
