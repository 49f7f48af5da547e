package dev.proofofcompute.storage;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The storage contract on SQLite: a fresh database file per test. */
class SqliteStorageIT extends StorageContract {
  @TempDir Path dir;

  @Override
  protected Storage openFresh() {
    return Storages.open("sqlite:" + dir.resolve("poc.db"));
  }

  @Override
  protected Storage openAnother() {
    return Storages.open("sqlite:" + dir.resolve("poc.db"));
  }

  @Test
  void usesAWriteAheadLogAndSynchronousCommits() throws Exception {
    assertThat(storage.backend()).isEqualTo(Storage.Backend.SQLITE);
    try (var c = java.sql.DriverManager.getConnection("jdbc:sqlite:" + dir.resolve("poc.db"));
        var st = c.createStatement();
        var rs = st.executeQuery("PRAGMA journal_mode")) {
      assertThat(rs.next()).isTrue();
      assertThat(rs.getString(1)).isEqualTo("wal");
    }
  }
}
