package dev.proofofcompute.cli;

import dev.proofofcompute.storage.TestPostgres;
import java.nio.file.Path;
import org.jspecify.annotations.Nullable;

/**
 * A fresh database for one whole-process test: a SQLite file in a temporary directory, or a fresh
 * schema of the PostgreSQL database named by {@code POC_TEST_PG_URL} (dropped by {@link #close}).
 *
 * <p>The PostgreSQL variant skips or fails as poc-storage's {@link TestPostgres} says (CI makes it
 * a failure).
 */
final class TestDatabase implements AutoCloseable {
  private final String url;
  private final @Nullable String pgBase;
  private final @Nullable String schema;

  private TestDatabase(String url, @Nullable String pgBase, @Nullable String schema) {
    this.url = url;
    this.pgBase = pgBase;
    this.schema = schema;
  }

  /** The storage URL a coordinator is started with ({@code --db}). */
  String url() {
    return url;
  }

  boolean postgres() {
    return pgBase != null;
  }

  static TestDatabase sqlite(Path dir) {
    return new TestDatabase("sqlite:" + dir.resolve("coordinator.db").toAbsolutePath(), null, null);
  }

  /** A fresh schema on the test server; aborts (skips) the test when there is none. */
  static TestDatabase postgres(String what) {
    String base = TestPostgres.baseUrl(what + " on PostgreSQL");
    String schema = TestPostgres.freshSchema("poc_it_");
    return new TestDatabase(TestPostgres.inSchema(base, schema), base, schema);
  }

  @Override
  public void close() {
    if (pgBase != null && schema != null) {
      TestPostgres.dropSchema(pgBase, schema);
    }
  }

  @Override
  public String toString() {
    return TestPostgres.redact(url);
  }
}
