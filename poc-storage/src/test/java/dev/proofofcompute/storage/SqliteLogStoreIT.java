package dev.proofofcompute.storage;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import org.junit.jupiter.api.io.TempDir;

/** The log storage contract on SQLite: a fresh database file per test. */
class SqliteLogStoreIT extends LogStoreContract {
  @TempDir Path dir;

  @Override
  protected Storage openFresh() {
    return Storages.open("sqlite:" + dir.resolve("poc.db"));
  }

  @Override
  protected Storage openAnother() {
    return Storages.open("sqlite:" + dir.resolve("poc.db"));
  }

  @Override
  protected Connection rawConnection() throws SQLException {
    return connect("jdbc:sqlite:" + dir.resolve("poc.db"));
  }
}
