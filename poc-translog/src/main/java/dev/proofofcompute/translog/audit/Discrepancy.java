package dev.proofofcompute.translog.audit;

/**
 * One thing the audit found wrong.
 *
 * @param kind what is wrong
 * @param where which part of the log, e.g. {@code "entry 17"} or {@code "head of size 1024"}
 * @param detail the evidence in words
 */
public record Discrepancy(DiscrepancyKind kind, String where, String detail) {

  /** A discrepancy about entry {@code index}. */
  public static Discrepancy atEntry(DiscrepancyKind kind, long index, String detail) {
    return new Discrepancy(kind, "entry " + index, detail);
  }

  @Override
  public String toString() {
    return kind + " at " + where + ": " + detail;
  }
}
