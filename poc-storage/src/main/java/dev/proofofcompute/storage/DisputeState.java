package dev.proofofcompute.storage;

/** Where a dispute stands. */
public enum DisputeState {
  /** Questions are being asked and answered. */
  OPEN,
  /** The dispute has its outcome. Terminal. */
  RESOLVED
}
