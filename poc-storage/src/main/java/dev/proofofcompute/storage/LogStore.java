package dev.proofofcompute.storage;

import dev.proofofcompute.translog.LogStorage;
import dev.proofofcompute.translog.SignedTreeHead;
import java.util.List;

/**
 * The transparency log, stored: poc-translog's {@link LogStorage} port inside one storage
 * transaction, plus the history of signed tree heads. {@link Tx#log()} hands one out, so that a
 * state change and the log entry that records it commit together or not at all:
 *
 * <pre>{@code
 * storage.transaction(tx -> {
 *   Posting p = tx.ledger().apply(id, op, now);            // the state change
 *   TransparencyLog log = TransparencyLog.open(tx.log());  // O(log n) hashes read
 *   log.appendAll(List.of(entry));                          // last: holds the log's lock briefly
 *   log.treeHead(coordinatorKey, clock);                    // a head of exactly this size
 *   return p;
 * });
 * }</pre>
 *
 * <p>Contract, beyond {@link LogStorage}'s:
 *
 * <ul>
 *   <li>{@link #append} takes the log's write lock until the transaction ends (PostgreSQL: the
 *       {@code log_state} row {@code FOR UPDATE}; SQLite: the transaction already holds the
 *       database's write lock) and then compares the size with {@code expectedSize}: a second
 *       coordinator's append waits for the first to commit and then fails with {@code
 *       AppendConflictException}, leaving its transaction usable, so {@code TransparencyLog}
 *       reloads and retries inside the same transaction. Two coordinators never interleave one log.
 *   <li>Every write of an append is undone (a savepoint) when the append throws, even if the caller
 *       catches the exception and commits; if the transaction rolls back, the append is gone too.
 *   <li>Append to the log as the last write of a transaction: the lock is then held only for the
 *       commit, and the lock order (state rows, then the log) is the same everywhere.
 *   <li>{@link #entries} returns the rows present in index order: an entry row missing from the
 *       database (deleted behind the log's back) is skipped, never made up, so that an auditor sees
 *       the gap and names it. Hashes of the tree missing from the database are an {@link
 *       IllegalArgumentException}, like any address outside the stored tree.
 *   <li>Every head passed to {@link #putTreeHead} is kept (a head equal in size, time and key to a
 *       kept one is ignored); {@link #latestTreeHead} is the largest, the newest among equals.
 * </ul>
 */
public interface LogStore extends LogStorage {
  /** Most heads {@link #treeHeads} returns per call. */
  int MAX_HEADS_PER_READ = 1_000;

  /**
   * The kept heads with {@code treeSize >= fromSize}, ordered by size then timestamp, at most
   * {@code limit} (1 to {@value #MAX_HEADS_PER_READ}).
   *
   * @throws IllegalStateException when a stored head no longer decodes (the database was altered)
   */
  List<SignedTreeHead> treeHeads(long fromSize, int limit);

  /**
   * The number of leaves, and no append by anyone until this transaction ends (PostgreSQL: {@code
   * FOR SHARE} on the size row): what this transaction reads afterwards, e.g. the ledger's
   * balances, is consistent with that size as long as every state change is logged in its own
   * transaction. For auditors; an appender never needs it.
   */
  long sizeHoldingAppends();
}
