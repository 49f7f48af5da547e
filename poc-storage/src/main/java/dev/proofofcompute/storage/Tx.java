package dev.proofofcompute.storage;

import java.time.Instant;

/**
 * One open transaction: the stores it hands out all read and write inside it. Valid only inside the
 * {@link TxBody} it was given to, on that thread.
 */
public interface Tx {
  NodeStore nodes();

  NonceStore nonces();

  JobStore jobs();

  TaskStore tasks();

  DisputeStore disputes();

  LedgerStore ledger();

  /**
   * The transparency log, in this transaction: open a {@code TransparencyLog} over it to append the
   * entries that record this transaction's state changes (see {@link LogStore}).
   */
  LogStore log();

  /**
   * The database server's current time. Coordinators take their time from an injected clock; this
   * is for diagnostics (clock skew between coordinators sharing one database).
   */
  Instant databaseTime();
}
