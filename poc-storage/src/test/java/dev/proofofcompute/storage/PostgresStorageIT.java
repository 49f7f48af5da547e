package dev.proofofcompute.storage;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Objects;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The storage contract on PostgreSQL, each test in a fresh schema of the database named by {@code
 * POC_TEST_PG_URL} (for example {@code
 * postgresql://127.0.0.1:5432/poc_test?user=poc&password=poc}), dropped afterwards.
 *
 * <p>Skipped, with a message saying how to run it, when the variable is unset or the server does
 * not answer — unless {@code POC_TEST_PG_REQUIRED=true} (CI sets it), which turns the skip into a
 * failure.
 */
class PostgresStorageIT extends StorageContract {
  private static @Nullable String baseUrl;
  private @Nullable String schema;

  @BeforeAll
  static void findServer() {
    baseUrl = TestPostgres.baseUrl("PostgreSQL storage tests");
  }

  private String url() {
    return TestPostgres.inSchema(Objects.requireNonNull(baseUrl), Objects.requireNonNull(schema));
  }

  @Override
  protected Storage openFresh() {
    schema = TestPostgres.freshSchema("poc_test_");
    return Storages.open(url());
  }

  @Override
  protected Storage openAnother() {
    return Storages.open(url());
  }

  @Override
  protected void cleanUp() {
    if (schema != null && baseUrl != null) {
      TestPostgres.dropSchema(baseUrl, schema);
    }
  }

  @Test
  void runsOnPostgresInItsOwnSchema() {
    assertThat(storage.backend()).isEqualTo(Storage.Backend.POSTGRESQL);
    assertThat(storage.location()).contains("password=***").doesNotContain("password=poc");
  }
}
