package dev.proofofcompute.storage;

/**
 * Where a task stands. The usual path of an EXECUTE task is PENDING, LEASED, COMMITTED, RESPONDED,
 * (VALIDATING,) CHECKED, FINAL; a VALIDATE task goes PENDING, LEASED, RESPONDED (the validator's
 * report), FINAL. A lease that is released or lapses sends a LEASED or COMMITTED task back to
 * PENDING. {@link TaskStore#advance} enforces only what protects the lease discipline: PENDING and
 * LEASED are entered through {@link TaskStore#leaseNext}, {@link TaskStore#release} and lease
 * expiry, and FINAL and CANCELLED are never left.
 */
public enum TaskState {
  /** Waiting for a node to lease it. */
  PENDING,
  /** A node holds a lease on it and is executing. */
  LEASED,
  /** The provider has sent its commitment; the challenge is drawn after this. */
  COMMITTED,
  /** The node has sent its response (provider) or report (validator). */
  RESPONDED,
  /** The check needs a validator's re-execution; a VALIDATE task is out. */
  VALIDATING,
  /** The task has its check. */
  CHECKED,
  /** The task has its verdict. Terminal. */
  FINAL,
  /** The task is no longer needed (its job ended without it). Terminal. */
  CANCELLED;

  /** Whether the task can never change again. */
  public boolean isTerminal() {
    return this == FINAL || this == CANCELLED;
  }

  /** Whether a node holds a lease on a task in this state. */
  public boolean isLeased() {
    return this == LEASED || this == COMMITTED;
  }
}
