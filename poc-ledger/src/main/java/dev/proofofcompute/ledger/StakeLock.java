package dev.proofofcompute.ledger;

import dev.proofofcompute.crypto.identity.NodeId;
import java.util.Comparator;

/**
 * The key of one stake lock: the stake {@code node} locked to hold task {@code taskId} of job
 * {@code jobId}. The sum of a node's locks is the balance of its {@link AccountId#locked} account.
 */
public record StakeLock(NodeId node, String jobId, String taskId) implements Comparable<StakeLock> {
  private static final Comparator<StakeLock> ORDER =
      Comparator.comparing(StakeLock::node)
          .thenComparing(StakeLock::jobId)
          .thenComparing(StakeLock::taskId);

  /**
   * @throws IllegalArgumentException if an id is invalid
   */
  public StakeLock {
    Ids.require("job id", jobId);
    Ids.require("task id", taskId);
  }

  @Override
  public int compareTo(StakeLock other) {
    return ORDER.compare(this, other);
  }
}
