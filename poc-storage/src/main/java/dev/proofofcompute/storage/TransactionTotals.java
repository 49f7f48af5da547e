package dev.proofofcompute.storage;

/**
 * What a {@link Storage}'s transactions have cost so far, retries included: how many ran, how long
 * they held a connection (wall time, from acquiring it to the end of commit or rollback), and the
 * CPU time the running threads spent in that span. On SQLite every transaction holds the one write
 * connection, so {@code wallNanos} is the time the database was busy and bounds the throughput;
 * {@code cpuNanos} is the part of it that was work rather than waiting (for the disk, or for a core
 * on a loaded machine).
 *
 * @param count transactions attempted (a retried body counts once per attempt)
 * @param wallNanos total wall time with a connection held
 * @param cpuNanos total thread CPU time with a connection held (0 where the JVM cannot measure it)
 */
public record TransactionTotals(long count, long wallNanos, long cpuNanos) {

  /** The totals accumulated since {@code earlier}. */
  public TransactionTotals since(TransactionTotals earlier) {
    return new TransactionTotals(
        count - earlier.count, wallNanos - earlier.wallNanos, cpuNanos - earlier.cpuNanos);
  }
}
