package dev.proofofcompute.storage.jdbc;

import com.zaxxer.hikari.HikariDataSource;
import java.sql.Connection;
import java.sql.SQLException;

/**
 * PostgreSQL: a HikariCP pool of connections in manual-commit mode at READ COMMITTED. Each
 * transaction takes its own connection, so transactions of one storage run in parallel, as do those
 * of other coordinators on the same database.
 */
final class PooledConnections implements Connections {
  private final HikariDataSource pool;

  PooledConnections(HikariDataSource pool) {
    this.pool = pool;
  }

  HikariDataSource dataSource() {
    return pool;
  }

  @Override
  public Connection acquire() throws SQLException {
    return pool.getConnection();
  }

  @Override
  public void release(Connection c) {
    try {
      c.close();
    } catch (SQLException e) {
      // The pool evicts a connection that fails to close; nothing for the caller to do.
    }
  }

  @Override
  public void begin(Connection c) {
    // Auto-commit is off: the first statement opens the transaction.
  }

  @Override
  public void commit(Connection c) throws SQLException {
    c.commit();
  }

  @Override
  public void rollback(Connection c) throws SQLException {
    c.rollback();
  }

  @Override
  public boolean savepoints() {
    return true;
  }

  @Override
  public void close() {
    pool.close();
  }
}
