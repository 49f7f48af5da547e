package dev.proofofcompute.storage.jdbc;

import dev.proofofcompute.storage.DisputeStore;
import dev.proofofcompute.storage.JobStore;
import dev.proofofcompute.storage.LedgerStore;
import dev.proofofcompute.storage.LogStore;
import dev.proofofcompute.storage.NodeStore;
import dev.proofofcompute.storage.NonceStore;
import dev.proofofcompute.storage.StorageException;
import dev.proofofcompute.storage.TaskStore;
import dev.proofofcompute.storage.Tx;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Savepoint;
import java.time.Instant;
import java.util.function.Supplier;
import org.jspecify.annotations.Nullable;

/** One transaction on one connection; the stores it hands out check that it is still open. */
final class JdbcTx implements Tx {
  private final Connection connection;
  private final Sql sql;
  final Dialect dialect;
  private final boolean savepoints;
  private final Supplier<String> leaseIds;
  private final Thread owner = Thread.currentThread();
  private final @Nullable TxRowCache rows;
  private boolean open = true;

  private @Nullable JdbcNodeStore nodes;
  private @Nullable JdbcNonceStore nonces;
  private @Nullable JdbcJobStore jobs;
  private @Nullable JdbcTaskStore tasks;
  private @Nullable JdbcDisputeStore disputes;
  private @Nullable JdbcLedgerStore ledger;
  private @Nullable JdbcLogStorage log;

  JdbcTx(
      Connection connection,
      Dialect dialect,
      boolean savepoints,
      @Nullable StatementCache statements,
      Supplier<String> leaseIds) {
    this.connection = connection;
    this.sql = new Sql(connection, statements);
    this.dialect = dialect;
    this.savepoints = savepoints;
    this.leaseIds = leaseIds;
    this.rows = dialect.locksRows() || savepoints ? null : new TxRowCache();
  }

  /**
   * The rows this transaction has read or written, where reading them again from the cache is exact
   * (SQLite: the transaction holds the only write lock, and no savepoint can undo part of it); null
   * on PostgreSQL ({@link TxRowCache}).
   */
  @Nullable TxRowCache rows() {
    return rows;
  }

  /** The SQL helper, after checking that this transaction may still be used here. */
  Sql sql() {
    if (!open) {
      throw new IllegalStateException(
          "this transaction has ended; use the Tx only inside its body");
    }
    if (Thread.currentThread() != owner) {
      throw new IllegalStateException(
          "a transaction is used only on the thread that runs its body");
    }
    return sql;
  }

  String newLeaseId() {
    return leaseIds.get();
  }

  /** A savepoint where the backend supports them inside a transaction, else null. */
  @Nullable Savepoint savepoint() throws SQLException {
    sql();
    return savepoints ? connection.setSavepoint() : null;
  }

  void rollbackTo(@Nullable Savepoint sp) throws SQLException {
    if (sp != null) {
      connection.rollback(sp);
    }
  }

  void release(@Nullable Savepoint sp) throws SQLException {
    if (sp != null) {
      connection.releaseSavepoint(sp);
    }
  }

  void end() {
    open = false;
  }

  static StorageException failure(String what, SQLException e) {
    return new StorageException(what + " failed: " + e.getMessage(), e);
  }

  @Override
  public NodeStore nodes() {
    sql();
    if (nodes == null) {
      nodes = new JdbcNodeStore(this);
    }
    return nodes;
  }

  @Override
  public NonceStore nonces() {
    sql();
    if (nonces == null) {
      nonces = new JdbcNonceStore(this);
    }
    return nonces;
  }

  @Override
  public JobStore jobs() {
    sql();
    if (jobs == null) {
      jobs = new JdbcJobStore(this);
    }
    return jobs;
  }

  @Override
  public TaskStore tasks() {
    sql();
    if (tasks == null) {
      tasks = new JdbcTaskStore(this);
    }
    return tasks;
  }

  @Override
  public DisputeStore disputes() {
    sql();
    if (disputes == null) {
      disputes = new JdbcDisputeStore(this);
    }
    return disputes;
  }

  @Override
  public LedgerStore ledger() {
    sql();
    if (ledger == null) {
      ledger = new JdbcLedgerStore(this);
    }
    return ledger;
  }

  @Override
  public LogStore log() {
    sql();
    if (log == null) {
      log = new JdbcLogStorage(this);
    }
    return log;
  }

  @Override
  public Instant databaseTime() {
    String q =
        dialect == Dialect.POSTGRESQL
            ? "SELECT CAST(EXTRACT(EPOCH FROM clock_timestamp()) * 1000000 AS BIGINT)"
            : "SELECT CAST((julianday('now') - 2440587.5) * 86400000000.0 AS INTEGER)";
    try {
      long micros = sql().scalar(q);
      return Instant.EPOCH.plusNanos(Math.multiplyExact(micros, 1000L));
    } catch (SQLException e) {
      throw failure("reading the database time", e);
    }
  }
}
