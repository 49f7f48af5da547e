package dev.proofofcompute.storage.jdbc;

import java.sql.Connection;
import java.sql.SQLException;
import org.jspecify.annotations.Nullable;

/** Where a transaction gets its connection, and how it begins and ends one on it. */
interface Connections extends AutoCloseable {
  /** A connection for one transaction, exclusively the caller's until {@link #release}. */
  Connection acquire() throws SQLException;

  void release(Connection c);

  void begin(Connection c) throws SQLException;

  void commit(Connection c) throws SQLException;

  void rollback(Connection c) throws SQLException;

  /** Whether savepoints may be used inside a transaction. */
  boolean savepoints();

  /**
   * Prepared statements to reuse on {@code c} (held by the caller until {@link #release}), or null
   * when statements are prepared afresh for each use.
   */
  default @Nullable StatementCache statements(Connection c) {
    return null;
  }

  @Override
  void close();
}
