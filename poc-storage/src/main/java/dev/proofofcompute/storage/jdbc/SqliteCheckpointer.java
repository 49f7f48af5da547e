package dev.proofofcompute.storage.jdbc;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.Properties;
import java.util.concurrent.atomic.AtomicLong;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Copies the SQLite write-ahead log into the database file from a thread of its own, so that the
 * writer's commits do not. SQLite's default (auto-checkpoint every 1,000 WAL pages) runs the
 * checkpoint inside the commit that crosses the threshold: its page writes and the database file's
 * fsync hold the one write lock (measured: 1.29 ms of transaction time per task lifecycle with it,
 * 1.09 ms without). The writer's connection raises its auto-checkpoint threshold to {@link
 * #SAFETY_NET_FRAMES} (a safety net, reached only if this thread fails); this thread runs {@code
 * PRAGMA wal_checkpoint(PASSIVE)} on its own connection after commits, which copies what no reader
 * still needs without blocking the writer. If the log still grows past {@link #RESTART_FRAMES}
 * pages (a writer that never pauses), a {@code RESTART} checkpoint waits for the writer once and
 * lets the log start over, so the WAL file stays bounded. Durability is unchanged: a commit is
 * durable when its WAL frames are synced ({@code synchronous=FULL}); checkpoints only move data.
 * See "Write-Ahead Logging", sections "Checkpointing" and "Application-Initiated Checkpoints".
 */
final class SqliteCheckpointer implements AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(SqliteCheckpointer.class);

  /** WAL pages after which a checkpoint waits for the writer (64 MiB of 4 KiB pages). */
  static final int RESTART_FRAMES = 16_384;

  /**
   * The writer's own auto-checkpoint threshold, a safety net only: should this thread fail for
   * good, the writer checkpoints as SQLite does by default, at twice {@link #RESTART_FRAMES}.
   */
  static final int SAFETY_NET_FRAMES = 2 * RESTART_FRAMES;

  /** How often the thread looks for new commits. */
  static final Duration PERIOD = Duration.ofSeconds(1);

  private final Connection connection;
  private final Thread thread;
  private final AtomicLong commits = new AtomicLong();
  private final AtomicLong checkpoints = new AtomicLong();

  /** The writer's commits whose frames a completed checkpoint has copied into the database. */
  private volatile long covered;

  private volatile boolean stopped;

  SqliteCheckpointer(String url, Properties properties) throws SQLException {
    this.connection = DriverManager.getConnection(url, properties);
    this.thread = Thread.ofPlatform().daemon().name("sqlite-checkpointer").unstarted(this::run);
    thread.start();
  }

  /** Called after each commit of the writer. */
  void committed() {
    commits.incrementAndGet();
  }

  /** Checkpoints run so far (for tests). */
  long checkpoints() {
    return checkpoints.get();
  }

  /** How many of the writer's commits are wholly copied into the database file (for tests). */
  long coveredCommits() {
    return covered;
  }

  private void run() {
    while (!stopped) {
      try {
        Thread.sleep(PERIOD);
      } catch (InterruptedException e) {
        return;
      }
      long now = commits.get();
      if (now == covered) {
        continue;
      }
      try {
        int[] passive = checkpoint("PASSIVE");
        if (passive[1] > RESTART_FRAMES) {
          passive = checkpoint("RESTART");
        }
        if (passive[0] == 0 && passive[1] == passive[2]) {
          // Every frame of the commits up to `now` is in the database file.
          covered = now;
        }
      } catch (SQLException | RuntimeException e) {
        // Tried again after the next period; the writer's safety-net auto-checkpoint
        // (SAFETY_NET_FRAMES) bounds the WAL should this thread keep failing.
        if (!stopped) {
          LOG.warn("storage: background WAL checkpoint failed, trying again: {}", e.getMessage());
        }
      }
    }
  }

  /** Runs one checkpoint; returns SQLite's (busy, frames in the log, frames checkpointed). */
  private int[] checkpoint(String mode) throws SQLException {
    try (Statement st = connection.createStatement();
        ResultSet r = st.executeQuery("PRAGMA wal_checkpoint(" + mode + ")")) {
      checkpoints.incrementAndGet();
      return r.next() ? new int[] {r.getInt(1), r.getInt(2), r.getInt(3)} : new int[3];
    }
  }

  @Override
  public void close() {
    stopped = true;
    thread.interrupt();
    try {
      thread.join(Duration.ofSeconds(10));
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
    try {
      connection.close();
    } catch (SQLException e) {
      LOG.warn("storage: closing the checkpoint connection failed: {}", e.getMessage());
    }
  }
}
