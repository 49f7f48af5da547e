package dev.proofofcompute.storage;

import dev.proofofcompute.crypto.identity.NodeId;
import java.util.List;
import java.util.Optional;

/** Registered nodes: keys, roles, reputation and status. */
public interface NodeStore {
  /**
   * Registers a node.
   *
   * @throws DuplicateException if a node with this id is already registered (nothing changes)
   */
  void register(NodeRecord node);

  /** The node with this id; empty if none is registered. */
  Optional<NodeRecord> find(NodeId id);

  /**
   * Like {@link #find}, and locks the row until the transaction ends, so that a read-modify-write
   * ({@link #update}) from two coordinators at once cannot lose an update.
   */
  Optional<NodeRecord> lock(NodeId id);

  /**
   * Stores the roles, reputation counters and status of {@code node}; its key and registration time
   * never change.
   *
   * @return false if no node with this id is registered
   */
  boolean update(NodeRecord node);

  /** Every registered node, ordered by registration time, then id. */
  List<NodeRecord> list();
}
