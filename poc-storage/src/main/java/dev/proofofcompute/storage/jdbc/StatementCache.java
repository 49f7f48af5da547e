package dev.proofofcompute.storage.jdbc;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/**
 * Prepared statements kept open on one connection and reused by their SQL text, so that a statement
 * run on every request is compiled once ({@code sqlite3_prepare_v2} was about a third of SQLite's
 * time per statement in the lifecycle benchmark's profile). At most {@value #CAPACITY} are kept,
 * the least recently used closed first. Used by whoever holds the connection, one transaction at a
 * time, like the connection itself; a statement whose use failed is closed and forgotten rather
 * than reused. The statements only cache compiled SQL: parameters are cleared before every use and
 * every result set is closed after it, so no state crosses from one use to the next.
 */
final class StatementCache implements AutoCloseable {
  static final int CAPACITY = 256;

  private final Connection connection;
  private final List<PreparedStatement> evicted = new ArrayList<>();

  /** Column label to index of each kept query's result sets (see {@link Sql.Columns}). */
  private final Map<String, Sql.Columns> columns = new HashMap<>();

  private final LinkedHashMap<String, PreparedStatement> statements =
      new LinkedHashMap<>(64, 0.75f, true) {
        private static final long serialVersionUID = 1L;

        @Override
        protected boolean removeEldestEntry(Map.Entry<String, PreparedStatement> eldest) {
          if (size() > CAPACITY) {
            evicted.add(eldest.getValue());
            columns.remove(eldest.getKey());
            return true;
          }
          return false;
        }
      };

  StatementCache(Connection connection) {
    this.connection = connection;
  }

  /** The statement for {@code sql}, its parameters cleared (compiled on first use). */
  PreparedStatement get(String sql) throws SQLException {
    PreparedStatement ps = statements.get(sql);
    if (ps != null && !ps.isClosed()) {
      ps.clearParameters();
      return ps;
    }
    ps = connection.prepareStatement(sql);
    statements.put(sql, ps);
    closeEvicted();
    return ps;
  }

  /** The column labels of {@code sql}'s results, once a result of it has been read; else null. */
  Sql.@Nullable Columns columns(String sql) {
    return columns.get(sql);
  }

  /** Keeps the column labels of {@code sql}'s results while its statement is kept. */
  void columns(String sql, Sql.Columns labels) {
    if (statements.containsKey(sql)) {
      columns.put(sql, labels);
    }
  }

  /** Closes and forgets the statement for {@code sql} (its last use failed). */
  void discard(String sql) {
    columns.remove(sql);
    PreparedStatement ps = statements.remove(sql);
    if (ps != null) {
      try {
        ps.close();
      } catch (SQLException e) {
        // already unusable; nothing more to do
      }
    }
  }

  private void closeEvicted() throws SQLException {
    for (PreparedStatement ps : evicted) {
      ps.close();
    }
    evicted.clear();
  }

  /** How many statements are kept (for tests). */
  int size() {
    return statements.size();
  }

  @Override
  public void close() {
    for (PreparedStatement ps : statements.values()) {
      try {
        ps.close();
      } catch (SQLException e) {
        // closing the connection next closes it anyway
      }
    }
    statements.clear();
    columns.clear();
  }
}
