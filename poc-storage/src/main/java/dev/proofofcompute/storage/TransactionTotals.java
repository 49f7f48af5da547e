package dev.proofofcompute.storage;

/**
 * What a {@link Storage}'s transactions have cost so far, retries included: how many ran and how
 * long they held a connection (wall time, from acquiring it to the end of commit or rollback). On
 * SQLite every transaction holds the one write connection, so {@code wallNanos} is the time the
 * database was busy, and it bounds the throughput. (Thread CPU time would separate work from
 * waiting, but the coordinator's handlers run on virtual threads, for which the JVM does not report
 * it.)
 *
 * @param count transactions attempted (a retried body counts once per attempt)
 * @param wallNanos total wall time with a connection held
 */
public record TransactionTotals(long count, long wallNanos) {

  /** The totals accumulated since {@code earlier}. */
  public TransactionTotals since(TransactionTotals earlier) {
    return new TransactionTotals(count - earlier.count, wallNanos - earlier.wallNanos);
  }
}
