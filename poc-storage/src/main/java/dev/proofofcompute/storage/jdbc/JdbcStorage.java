package dev.proofofcompute.storage.jdbc;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import dev.proofofcompute.storage.Storage;
import dev.proofofcompute.storage.StorageException;
import dev.proofofcompute.storage.TransactionTotals;
import dev.proofofcompute.storage.TxBody;
import java.security.SecureRandom;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.HexFormat;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.LongAdder;
import java.util.concurrent.locks.LockSupport;
import javax.sql.DataSource;
import org.flywaydb.core.Flyway;
import org.flywaydb.core.api.FlywayException;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The JDBC implementation of {@link Storage} for both backends.
 *
 * <p>A transaction takes a connection ({@link Connections}), begins, runs the body against a fresh
 * {@link JdbcTx}, and commits; if anything throws it rolls back. When the failure is a transient
 * conflict ({@link Dialect#isRetryable}) the body runs again on a new transaction, after a short
 * randomised back-off, up to {@value #MAX_ATTEMPTS} times in all.
 *
 * <p>Opening runs the Flyway migrations of the backend's folder ({@code db/migration/sqlite} or
 * {@code db/migration/postgresql}): a new database gets the whole schema, an older one the versions
 * it lacks. On PostgreSQL Flyway serialises concurrent migrations with an advisory lock, so several
 * coordinators may start at once.
 */
public final class JdbcStorage implements Storage {
  private static final Logger LOG = LoggerFactory.getLogger(JdbcStorage.class);
  static final int MAX_ATTEMPTS = 10;
  private static final int POOL_SIZE = 10;

  private final Dialect dialect;
  private final Connections connections;
  private final String location;
  private final ThreadLocal<Boolean> inTransaction = ThreadLocal.withInitial(() -> false);

  private final LongAdder txCount = new LongAdder();
  private final LongAdder txWallNanos = new LongAdder();
  private final SecureRandom random = new SecureRandom();

  private JdbcStorage(Dialect dialect, Connections connections, String location) {
    this.dialect = dialect;
    this.connections = connections;
    this.location = location;
  }

  /**
   * Opens (creating if needed) the SQLite database at {@code path}, or a private in-memory one for
   * {@code ":memory:"}, and migrates it.
   *
   * @throws StorageException if the file cannot be opened or migrated
   */
  public static Storage openSqlite(String path) {
    SqliteConnections connections = new SqliteConnections(path);
    try {
      migrate(Dialect.SQLITE, new UnclosableDataSource(connections.connection()), null);
      // Flyway may leave auto-commit as it found it or not; transactions begin explicitly.
      connections.connection().setAutoCommit(true);
    } catch (RuntimeException | SQLException e) {
      connections.close();
      throw e instanceof StorageException se
          ? se
          : new StorageException("migrating the SQLite database " + path + " failed", e);
    }
    return new JdbcStorage(Dialect.SQLITE, connections, "sqlite:" + path);
  }

  /**
   * Connects a pool to PostgreSQL and migrates the schema {@code schema} (created if missing; the
   * connection's default schema when null).
   *
   * @param jdbcUrl a {@code jdbc:postgresql:} URL, credentials included
   * @param location the URL to show in messages, without the password
   * @throws StorageException if the server cannot be reached or the schema cannot be migrated
   */
  public static Storage openPostgres(String jdbcUrl, @Nullable String schema, String location) {
    HikariConfig config = new HikariConfig();
    config.setJdbcUrl(jdbcUrl);
    config.setDriverClassName("org.postgresql.Driver");
    config.setAutoCommit(false);
    config.setTransactionIsolation("TRANSACTION_READ_COMMITTED");
    config.setMaximumPoolSize(POOL_SIZE);
    config.setMinimumIdle(1);
    config.setConnectionTimeout(10_000);
    config.setInitializationFailTimeout(10_000);
    config.setPoolName("poc-storage");
    HikariDataSource pool;
    try {
      pool = new HikariDataSource(config);
    } catch (RuntimeException e) {
      throw new StorageException(
          "cannot connect to PostgreSQL at " + location + ": " + rootMessage(e), e);
    }
    PooledConnections connections = new PooledConnections(pool);
    try {
      migrate(Dialect.POSTGRESQL, pool, schema);
    } catch (RuntimeException e) {
      connections.close();
      throw e;
    }
    return new JdbcStorage(Dialect.POSTGRESQL, connections, location);
  }

  private static void migrate(Dialect dialect, DataSource ds, @Nullable String schema) {
    var config =
        Flyway.configure(JdbcStorage.class.getClassLoader())
            .dataSource(ds)
            .locations(dialect.migrations)
            .failOnMissingLocations(true)
            .validateMigrationNaming(true);
    if (schema != null) {
      config = config.schemas(schema).createSchemas(true);
    }
    try {
      var result = config.load().migrate();
      if (result.migrationsExecuted > 0) {
        LOG.info(
            "storage: applied {} migration(s), schema now at version {}",
            result.migrationsExecuted,
            result.targetSchemaVersion);
      }
    } catch (FlywayException e) {
      throw new StorageException("migrating the database failed: " + rootMessage(e), e);
    }
  }

  private static String rootMessage(Throwable e) {
    Throwable t = e;
    for (int depth = 0; depth < 20 && t.getCause() != null; depth++) {
      t = t.getCause();
    }
    return String.valueOf(t.getMessage());
  }

  @Override
  public <T, E extends Exception> T transaction(TxBody<T, E> body) throws E {
    if (inTransaction.get()) {
      throw new IllegalStateException(
          "transactions do not nest: this thread is already inside a transaction of this storage");
    }
    inTransaction.set(true);
    try {
      for (int attempt = 1; ; attempt++) {
        Connection c = acquire();
        long wall0 = System.nanoTime();
        JdbcTx tx =
            new JdbcTx(
                c, dialect, connections.savepoints(), connections.statements(c), this::newLeaseId);
        try {
          begin(c);
          T value = body.run(tx);
          tx.end();
          commit(c);
          return value;
        } catch (Throwable t) {
          tx.end();
          rollbackQuietly(c, t);
          if (attempt < MAX_ATTEMPTS && isRetryable(t)) {
            LOG.debug("storage: transient conflict, retrying (attempt {})", attempt, t);
            backOff(attempt);
            continue;
          }
          if (isRetryable(t)) {
            throw new StorageException(
                "the transaction kept conflicting after " + MAX_ATTEMPTS + " attempts", t);
          }
          throw t;
        } finally {
          txCount.increment();
          txWallNanos.add(System.nanoTime() - wall0);
          connections.release(c);
        }
      }
    } finally {
      inTransaction.remove();
    }
  }

  @Override
  public TransactionTotals transactionTotals() {
    return new TransactionTotals(txCount.sum(), txWallNanos.sum());
  }

  private Connection acquire() {
    try {
      return connections.acquire();
    } catch (SQLException e) {
      throw new StorageException(
          "cannot get a connection to " + location + ": " + e.getMessage(), e);
    }
  }

  private void begin(Connection c) {
    try {
      connections.begin(c);
    } catch (SQLException e) {
      throw new StorageException("beginning a transaction failed: " + e.getMessage(), e);
    }
  }

  private void commit(Connection c) {
    try {
      connections.commit(c);
    } catch (SQLException e) {
      throw new StorageException("committing the transaction failed: " + e.getMessage(), e);
    }
  }

  private void rollbackQuietly(Connection c, Throwable cause) {
    try {
      connections.rollback(c);
    } catch (SQLException e) {
      cause.addSuppressed(e);
    }
  }

  private boolean isRetryable(Throwable t) {
    Throwable x = t;
    for (int depth = 0; depth < 20 && x != null; depth++, x = x.getCause()) {
      if (x instanceof SQLException sql && dialect.isRetryable(sql)) {
        return true;
      }
    }
    return false;
  }

  private static void backOff(int attempt) {
    long maxMicros = Math.min(50_000L, 1_000L << Math.min(attempt, 6));
    LockSupport.parkNanos(ThreadLocalRandom.current().nextLong(maxMicros / 2, maxMicros) * 1000L);
  }

  private String newLeaseId() {
    byte[] b = new byte[16];
    random.nextBytes(b);
    return HexFormat.of().formatHex(b);
  }

  @Override
  public Backend backend() {
    return dialect.backend;
  }

  @Override
  public String location() {
    return location;
  }

  @Override
  public void close() {
    connections.close();
  }

  @Override
  public String toString() {
    return "Storage[" + location + "]";
  }
}
