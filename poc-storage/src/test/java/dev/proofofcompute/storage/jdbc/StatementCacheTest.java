package dev.proofofcompute.storage.jdbc;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Prepared statements reused by SQL text: the same statement comes back with its parameters
 * cleared, results never leak from one use into the next, at most {@link StatementCache#CAPACITY}
 * are kept (the least recently used closed), a failed statement is closed and compiled afresh, and
 * a closed result set leaves no read transaction open (a checkpoint can truncate the WAL).
 */
class StatementCacheTest {
  Connection c;
  StatementCache cache;
  Sql sql;

  @BeforeEach
  void open() throws SQLException {
    c = DriverManager.getConnection("jdbc:sqlite::memory:");
    try (var st = c.createStatement()) {
      st.execute("CREATE TABLE t (k INTEGER PRIMARY KEY, v TEXT NOT NULL)");
    }
    cache = new StatementCache(c);
    sql = new Sql(c, cache);
  }

  @AfterEach
  void close() throws SQLException {
    cache.close();
    c.close();
  }

  @Test
  void aStatementIsCompiledOnceAndReusedWithFreshParameters() throws SQLException {
    String insert = "INSERT INTO t (k, v) VALUES (?, ?)";
    PreparedStatement first = cache.get(insert);
    assertThat(cache.get(insert)).isSameAs(first);
    for (int i = 0; i < 5; i++) {
      assertThat(sql.update(insert, (long) i, "v" + i)).isEqualTo(1);
    }
    String select = "SELECT v FROM t WHERE k >= ? ORDER BY k";
    assertThat(sql.list(select, r -> r.text("v"), 3L)).containsExactly("v3", "v4");
    assertThat(sql.list(select, r -> r.text("v"), 1L)).containsExactly("v1", "v2", "v3", "v4");
    // Only one row read of several, then the next use: nothing carries over.
    assertThat(sql.one("SELECT v FROM t WHERE k = ?", r -> r.text("v"), 2L)).contains("v2");
    assertThat(sql.one("SELECT v FROM t WHERE k = ?", r -> r.text("v"), 9L)).isEmpty();
    assertThat(cache.size()).isEqualTo(3);
  }

  @Test
  void theLeastRecentlyUsedStatementsAreClosedBeyondTheCapacity() throws SQLException {
    PreparedStatement oldest = cache.get("SELECT 0");
    PreparedStatement kept = cache.get("SELECT 1");
    for (int i = 2; i <= StatementCache.CAPACITY; i++) {
      cache.get("SELECT " + i);
      cache.get("SELECT 1");
    }
    assertThat(cache.size()).isEqualTo(StatementCache.CAPACITY);
    assertThat(oldest.isClosed()).isTrue();
    assertThat(kept.isClosed()).isFalse();
    assertThat(cache.get("SELECT 0")).isNotSameAs(oldest);
  }

  @Test
  void aFailedStatementIsDiscardedAndTheNextUseWorks() throws SQLException {
    String insert = "INSERT INTO t (k, v) VALUES (?, ?)";
    sql.update(insert, 1L, "a");
    PreparedStatement before = cache.get(insert);
    assertThatThrownBy(() -> sql.update(insert, 1L, "again")).isInstanceOf(SQLException.class);
    assertThat(before.isClosed()).isTrue();
    assertThat(sql.update(insert, 2L, "b")).isEqualTo(1);
    assertThat(sql.list("SELECT v FROM t ORDER BY k", r -> r.text("v"))).containsExactly("a", "b");
  }

  @Test
  void aKeptStatementHoldsNoReadTransactionOpen(@TempDir Path dir) throws SQLException {
    String url = "jdbc:sqlite:" + dir.resolve("wal.db");
    try (Connection a = DriverManager.getConnection(url);
        Connection b = DriverManager.getConnection(url);
        StatementCache kept = new StatementCache(a)) {
      try (var st = a.createStatement()) {
        st.execute("PRAGMA journal_mode=WAL");
        st.execute("CREATE TABLE t (k INTEGER PRIMARY KEY, v TEXT NOT NULL)");
        for (int i = 0; i < 10; i++) {
          st.execute("INSERT INTO t VALUES (" + i + ", 'v')");
        }
      }
      // One row read of ten through a kept statement: its result set is closed, the statement not.
      assertThat(new Sql(a, kept).one("SELECT v FROM t WHERE k = ?", r -> r.text("v"), 3L))
          .contains("v");
      try (var st = b.createStatement()) {
        st.execute("INSERT INTO t VALUES (99, 'w')");
        try (var r = st.executeQuery("PRAGMA wal_checkpoint(TRUNCATE)")) {
          assertThat(r.next()).isTrue();
          assertThat(r.getInt(1)).as("checkpoint blocked by a reader").isZero();
        }
      }
    }
  }

  @Test
  void aBatchRunsAgainWithoutTheRowsOfTheLastOne() throws SQLException {
    String insert = "INSERT INTO t (k, v) VALUES (?, ?)";
    sql.batch(insert, java.util.List.of(new Object[] {1L, "a"}, new Object[] {2L, "b"}));
    sql.batch(insert, java.util.List.<Object[]>of(new Object[] {3L, "c"}));
    assertThat(sql.list("SELECT v FROM t ORDER BY k", r -> r.text("v")))
        .containsExactly("a", "b", "c");
  }

  @Test
  void columnsAreReadByTheLabelsOfTheFirstResultAndForgottenWithTheStatement() throws SQLException {
    sql.update("INSERT INTO t (k, v) VALUES (?, ?)", 7L, "seven");
    String select = "SELECT v AS value, k FROM t WHERE k = ?";
    assertThat(sql.one(select, r -> r.text("value") + r.longValue("k"), 7L)).contains("seven7");
    Sql.Columns labels = java.util.Objects.requireNonNull(cache.columns(select));
    assertThat(labels.index()).containsEntry("value", 1).containsEntry("k", 2);
    assertThat(sql.one(select, r -> r.text("value") + r.longValue("k"), 7L)).contains("seven7");
    assertThat(cache.columns(select)).isSameAs(labels);
    // A label the query does not have is still refused by the driver.
    assertThatThrownBy(() -> sql.one(select, r -> r.text("v"), 7L))
        .isInstanceOf(SQLException.class);
    assertThat(cache.columns(select)).isNull();
  }
}
