package dev.proofofcompute.storage.jdbc;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The writer's commits leave the WAL to {@link SqliteCheckpointer}: the writer's connection
 * checkpoints only past a safety-net threshold far above what the benchmark's WAL reaches, the
 * background thread copies committed pages into the database file soon after commits, and closing
 * the storage leaves no WAL behind.
 */
class SqliteCheckpointerIT {
  @TempDir Path dir;

  @Test
  void committedPagesReachTheDatabaseFileWithoutTheWriterCheckpointing() throws Exception {
    Path db = dir.resolve("c.db");
    SqliteConnections connections = new SqliteConnections(db.toString());
    try {
      Connection c = connections.acquire();
      try {
        try (var st = c.createStatement();
            var r = st.executeQuery("PRAGMA wal_autocheckpoint")) {
          assertThat(r.next()).isTrue();
          assertThat(r.getInt(1))
              .as("the writer checkpoints only as a safety net")
              .isEqualTo(SqliteCheckpointer.SAFETY_NET_FRAMES);
        }
        try (var st = c.createStatement()) {
          st.execute("CREATE TABLE t (k INTEGER PRIMARY KEY, v BLOB NOT NULL)");
        }
        for (int i = 0; i < 200; i++) {
          connections.begin(c);
          try (var ps = c.prepareStatement("INSERT INTO t (k, v) VALUES (?, ?)")) {
            ps.setInt(1, i);
            ps.setBytes(2, new byte[2000]);
            ps.executeUpdate();
          }
          connections.commit(c);
        }
      } finally {
        connections.release(c);
      }
      // Wait (bounded) for the thread, which looks for commits once per period, to have copied
      // every one of the 200 commits (a checkpoint may also have run while they were made).
      Instant until = Instant.now().plus(Duration.ofSeconds(60));
      while (connections.checkpointedCommits() < 200 && Instant.now().isBefore(until)) {
        Thread.sleep(20);
      }
      assertThat(connections.checkpointedCommits()).isEqualTo(200);
      assertThat(connections.checkpoints()).isPositive();
      // The database file alone, without its WAL, already holds the committed rows.
      Path copy = dir.resolve("copy.db");
      Files.copy(db, copy);
      assertThat(rows(copy)).isEqualTo(200);
    } finally {
      connections.close();
    }
    assertThat(dir.resolve("c.db-wal")).doesNotExist();
    assertThat(rows(db)).isEqualTo(200);
  }

  @Test
  void anInMemoryDatabaseHasNoCheckpointer() {
    SqliteConnections connections = new SqliteConnections(":memory:");
    try {
      assertThat(connections.checkpoints()).isZero();
    } finally {
      connections.close();
    }
  }

  private static int rows(Path file) throws SQLException {
    try (Connection c = DriverManager.getConnection("jdbc:sqlite:" + file);
        var st = c.createStatement();
        var r = st.executeQuery("SELECT count(*) FROM t")) {
      r.next();
      return r.getInt(1);
    }
  }
}
