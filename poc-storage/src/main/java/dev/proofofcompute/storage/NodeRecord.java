package dev.proofofcompute.storage;

import dev.proofofcompute.crypto.identity.NodeId;
import dev.proofofcompute.crypto.identity.NodePublicKey;
import java.time.Instant;
import java.util.EnumSet;
import java.util.Set;
import org.jspecify.annotations.Nullable;

/**
 * A registered node: its key, roles and reputation.
 *
 * @param id the SHA-256 of the raw public key (checked)
 * @param roles at least one role; stored as an unmodifiable copy
 * @param consecutiveValid results accepted in a row since the last rejection (BOINC's adaptive
 *     replication counter)
 * @param strikes rejected results so far
 * @param throttledUntil when a {@link NodeStatus#THROTTLED} node is active again; null otherwise
 */
public record NodeRecord(
    NodeId id,
    NodePublicKey publicKey,
    Set<NodeRole> roles,
    Instant registeredAt,
    int consecutiveValid,
    int strikes,
    NodeStatus status,
    @Nullable Instant throttledUntil) {

  /**
   * @throws IllegalArgumentException if the id does not match the key, roles are empty, counters
   *     are negative, or {@code throttledUntil} is set exactly when the status is not THROTTLED
   */
  public NodeRecord {
    if (!publicKey.nodeId().equals(id)) {
      throw new IllegalArgumentException("node id " + id + " is not the id of its public key");
    }
    if (roles.isEmpty()) {
      throw new IllegalArgumentException("a node has at least one role");
    }
    roles = Set.copyOf(EnumSet.copyOf(roles));
    if (consecutiveValid < 0 || strikes < 0) {
      throw new IllegalArgumentException(
          "reputation counters are >= 0, got " + consecutiveValid + " and " + strikes);
    }
    if ((status == NodeStatus.THROTTLED) != (throttledUntil != null)) {
      throw new IllegalArgumentException(
          "throttledUntil is set exactly when the status is THROTTLED (status " + status + ")");
    }
  }

  /** A newly registered, active node with no history. */
  public static NodeRecord registered(NodePublicKey key, Set<NodeRole> roles, Instant at) {
    return new NodeRecord(key.nodeId(), key, roles, at, 0, 0, NodeStatus.ACTIVE, null);
  }

  public boolean hasRole(NodeRole role) {
    return roles.contains(role);
  }

  /** This record with other reputation counters. */
  public NodeRecord withReputation(int consecutiveValid, int strikes) {
    return new NodeRecord(
        id, publicKey, roles, registeredAt, consecutiveValid, strikes, status, throttledUntil);
  }

  /** This record with another status; {@code throttledUntil} only for THROTTLED. */
  public NodeRecord withStatus(NodeStatus status, @Nullable Instant throttledUntil) {
    return new NodeRecord(
        id, publicKey, roles, registeredAt, consecutiveValid, strikes, status, throttledUntil);
  }

  /** This record with other roles. */
  public NodeRecord withRoles(Set<NodeRole> roles) {
    return new NodeRecord(
        id, publicKey, roles, registeredAt, consecutiveValid, strikes, status, throttledUntil);
  }
}
