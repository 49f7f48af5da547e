package dev.proofofcompute.storage;

/** What a registered node may do. A node may hold several roles. */
public enum NodeRole {
  /** Submits jobs and pays for them. */
  REQUESTER,
  /** Executes tasks and is paid for them; posts stake that can be slashed. */
  PROVIDER,
  /** Re-executes sampled work for checks and is paid a fee. */
  VALIDATOR
}
