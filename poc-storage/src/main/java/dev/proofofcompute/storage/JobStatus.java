package dev.proofofcompute.storage;

/** Where a job stands. */
public enum JobStatus {
  /** Tasks are being executed and checked. */
  OPEN,
  /** Two tasks disagree and a dispute between them is running. */
  DISPUTED,
  /** Every task has its verdict and the job has a result. Terminal. */
  DECIDED,
  /** The job ended without an accepted result (its escrow is refunded). Terminal. */
  FAILED;

  /** Whether the job can still change. */
  public boolean isTerminal() {
    return this == DECIDED || this == FAILED;
  }
}
