package dev.proofofcompute.storage.jdbc;

import dev.proofofcompute.storage.StorageException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.util.concurrent.locks.ReentrantLock;
import org.jspecify.annotations.Nullable;
import org.sqlite.SQLiteConfig;

/**
 * SQLite: one connection per storage, taken by one transaction at a time (a fair lock), each
 * transaction a {@code BEGIN IMMEDIATE} so that it holds the database's write lock from its first
 * statement: two transactions never interleave, so every transaction is serializable, and no read
 * is ever upgraded to a write mid-way (which is where SQLite reports {@code SQLITE_BUSY} that no
 * wait can cure). WAL journal, {@code synchronous=FULL} (a committed transaction survives power
 * loss), foreign keys on, and a busy timeout for other processes on the same file. See the SQLite
 * documentation, "Write-Ahead Logging" and "BEGIN TRANSACTION".
 */
final class SqliteConnections implements Connections {
  private static final int BUSY_TIMEOUT_MS = 10_000;

  /** SQLite page cache of the connection, in KiB. */
  static final int PAGE_CACHE_KIB = 64 << 10;

  private final ReentrantLock lock = new ReentrantLock(true);
  private final Connection connection;
  private final StatementCache statements;

  /** Checkpoints the WAL outside the writer's transactions; null for an in-memory database. */
  private final @Nullable SqliteCheckpointer checkpointer;

  private boolean closed;

  SqliteConnections(String path) {
    if (!path.equals(":memory:")) {
      Path parent = Path.of(path).toAbsolutePath().getParent();
      if (parent != null && !Files.isDirectory(parent)) {
        throw new StorageException("the directory of the SQLite file does not exist: " + parent);
      }
    }
    SQLiteConfig config = new SQLiteConfig();
    config.setJournalMode(SQLiteConfig.JournalMode.WAL);
    config.setSynchronous(SQLiteConfig.SynchronousMode.FULL);
    config.setBusyTimeout(BUSY_TIMEOUT_MS);
    config.enforceForeignKeys(true);
    // No statement asks for generated keys; the driver would otherwise look them up after every
    // INSERT (3% of the time inside a lifecycle's transactions, measured).
    config.setGetGeneratedKeys(false);
    // 64 MiB of page cache (the default is 2 MiB): the indexes the lifecycle touches stay in
    // memory instead of being read back from the OS on every transaction.
    config.setCacheSize(-PAGE_CACHE_KIB);
    boolean file = !path.equals(":memory:");
    if (file) {
      // Checkpoints run in SqliteCheckpointer's thread, not inside the commits.
      config.setWalAutocheckpoint(SqliteCheckpointer.SAFETY_NET_FRAMES);
    }
    String url = "jdbc:sqlite:" + path;
    Connection opened = null;
    try {
      opened = DriverManager.getConnection(url, config.toProperties());
      opened.setAutoCommit(true);
      statements = new StatementCache(opened);
      checkpointer = file ? new SqliteCheckpointer(url, checkpointerConfig().toProperties()) : null;
      connection = opened;
    } catch (SQLException e) {
      if (opened != null) {
        try {
          opened.close();
        } catch (SQLException suppressed) {
          e.addSuppressed(suppressed);
        }
      }
      throw new StorageException(
          "cannot open the SQLite database " + path + ": " + e.getMessage(), e);
    }
  }

  /** The checkpoint connection's settings: the same durability, a small cache of its own. */
  private static SQLiteConfig checkpointerConfig() {
    SQLiteConfig config = new SQLiteConfig();
    config.setJournalMode(SQLiteConfig.JournalMode.WAL);
    config.setSynchronous(SQLiteConfig.SynchronousMode.FULL);
    config.setBusyTimeout(BUSY_TIMEOUT_MS);
    config.setWalAutocheckpoint(0);
    return config;
  }

  /** Background checkpoints run so far (0 for an in-memory database). */
  long checkpoints() {
    return checkpointer == null ? 0 : checkpointer.checkpoints();
  }

  /** Commits wholly copied into the database file by the background checkpoints. */
  long checkpointedCommits() {
    return checkpointer == null ? 0 : checkpointer.coveredCommits();
  }

  /** The one connection, for the migrations run before any transaction. */
  Connection connection() {
    return connection;
  }

  @Override
  public Connection acquire() throws SQLException {
    lock.lock();
    if (closed) {
      lock.unlock();
      throw new SQLException("the storage is closed");
    }
    return connection;
  }

  @Override
  public void release(Connection c) {
    lock.unlock();
  }

  @Override
  public void begin(Connection c) throws SQLException {
    try (var st = c.createStatement()) {
      st.execute("BEGIN IMMEDIATE");
    }
  }

  @Override
  public void commit(Connection c) throws SQLException {
    try (var st = c.createStatement()) {
      st.execute("COMMIT");
    }
    if (checkpointer != null) {
      checkpointer.committed();
    }
  }

  @Override
  public void rollback(Connection c) throws SQLException {
    if (!c.getAutoCommit()) {
      c.rollback();
      return;
    }
    try (var st = c.createStatement()) {
      st.execute("ROLLBACK");
    } catch (SQLException e) {
      // No transaction is active (BEGIN itself failed): nothing to roll back.
      if (!String.valueOf(e.getMessage()).contains("no transaction is active")) {
        throw e;
      }
    }
  }

  @Override
  public boolean savepoints() {
    return false;
  }

  /** The one connection's statements: reused across transactions, under the same lock. */
  @Override
  public StatementCache statements(Connection c) {
    return statements;
  }

  @Override
  public void close() {
    lock.lock();
    try {
      if (!closed) {
        closed = true;
        if (checkpointer != null) {
          checkpointer.close();
        }
        statements.close();
        // The last connection to close checkpoints the WAL into the database and removes it.
        connection.close();
      }
    } catch (SQLException e) {
      throw new StorageException("closing the SQLite database failed: " + e.getMessage(), e);
    } finally {
      lock.unlock();
    }
  }
}
