package dev.proofofcompute.storage;

/** Whether the coordinator hands work to a node. */
public enum NodeStatus {
  /** In good standing. */
  ACTIVE,
  /** Gets no new leases until {@link NodeRecord#throttledUntil()}, then is active again. */
  THROTTLED,
  /** Gets no new leases until an operator reinstates it. */
  SUSPENDED
}
