package dev.proofofcompute.storage.jdbc;

import dev.proofofcompute.storage.Storage;
import java.sql.SQLException;

/**
 * What differs between the two databases, and nothing else: the SQL of the stores is otherwise
 * shared (both speak {@code INSERT ... ON CONFLICT DO NOTHING}, {@code RETURNING} and partial
 * indexes).
 *
 * <p>SQLite runs one writer at a time ({@code BEGIN IMMEDIATE} takes the database's write lock for
 * the whole transaction), so its transactions are serializable and need no row locks. PostgreSQL
 * runs transactions at READ COMMITTED; a store that reads a row in order to write it locks it with
 * {@code FOR UPDATE}, and the lease queue skips rows another coordinator holds with {@code FOR
 * UPDATE SKIP LOCKED} (PostgreSQL manual, "The Locking Clause").
 */
enum Dialect {
  SQLITE(Storage.Backend.SQLITE, "sqlite", "", ""),
  POSTGRESQL(
      Storage.Backend.POSTGRESQL, "postgresql", " FOR UPDATE", " FOR UPDATE OF t SKIP LOCKED");

  /** SQLite's primary result codes for "the database is locked/busy": retry the transaction. */
  private static final int SQLITE_BUSY = 5;

  private static final int SQLITE_LOCKED = 6;

  final Storage.Backend backend;
  final String migrations;

  /** Appended to a SELECT that reads rows the transaction will write. */
  final String forUpdate;

  /** Appended to the lease queue's SELECT over {@code tasks t}. */
  final String skipLocked;

  /**
   * Whether reading a row with {@link #forUpdate} locks it. On SQLite it does not (the transaction
   * already holds the database's write lock), so a read made only to lock a row is skipped there.
   */
  boolean locksRows() {
    return !forUpdate.isEmpty();
  }

  Dialect(Storage.Backend backend, String folder, String forUpdate, String skipLocked) {
    this.backend = backend;
    this.migrations = "classpath:db/migration/" + folder;
    this.forUpdate = forUpdate;
    this.skipLocked = skipLocked;
  }

  /**
   * Whether {@code e} reports a transient conflict after which the whole transaction may succeed
   * when run again: PostgreSQL serialization failure (40001) or deadlock (40P01); SQLite busy or
   * locked.
   */
  boolean isRetryable(SQLException e) {
    for (SQLException x = e; x != null; x = x.getNextException()) {
      if (this == POSTGRESQL) {
        String state = x.getSQLState();
        if ("40001".equals(state) || "40P01".equals(state)) {
          return true;
        }
      } else {
        int primary = x.getErrorCode() & 0xff;
        if (primary == SQLITE_BUSY || primary == SQLITE_LOCKED) {
          return true;
        }
      }
    }
    return false;
  }

  /** Whether {@code e} is a unique-constraint violation. */
  boolean isUniqueViolation(SQLException e) {
    if (this == POSTGRESQL) {
      return "23505".equals(e.getSQLState());
    }
    // SQLITE_CONSTRAINT (19); the extended codes UNIQUE (2067) and PRIMARYKEY (1555) share it.
    return (e.getErrorCode() & 0xff) == 19;
  }
}
