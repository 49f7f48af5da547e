package dev.proofofcompute.storage;

/** What a task asks of the node that leases it. */
public enum TaskKind {
  /** Execute replica {@code r} of a job (a provider). */
  EXECUTE,
  /** Re-execute the work a check of a parent EXECUTE task asked for (a validator). */
  VALIDATE
}
