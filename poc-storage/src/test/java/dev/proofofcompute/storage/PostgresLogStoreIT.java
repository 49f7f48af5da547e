package dev.proofofcompute.storage;

import java.sql.Connection;
import java.sql.SQLException;
import java.util.Objects;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.BeforeAll;

/**
 * The log storage contract on PostgreSQL, each test in a fresh schema of the database named by
 * {@code POC_TEST_PG_URL} (e.g. {@code
 * postgresql://127.0.0.1:5432/poc_test?user=poc&password=poc}), dropped afterwards. Skipped with a
 * message saying how to run it when the variable is unset or the server does not answer, unless
 * {@code POC_TEST_PG_REQUIRED=true} (then it fails).
 */
class PostgresLogStoreIT extends LogStoreContract {
  private static @Nullable String baseUrl;
  private @Nullable String schema;

  @BeforeAll
  static void findServer() {
    baseUrl = TestPostgres.baseUrl("PostgreSQL log storage tests");
  }

  private String url() {
    return TestPostgres.inSchema(Objects.requireNonNull(baseUrl), Objects.requireNonNull(schema));
  }

  @Override
  protected Storage openFresh() {
    schema = TestPostgres.freshSchema("poc_log_test_");
    return Storages.open(url());
  }

  @Override
  protected Storage openAnother() {
    return Storages.open(url());
  }

  @Override
  protected Connection rawConnection() throws SQLException {
    return TestPostgres.connect(url());
  }

  @Override
  protected void cleanUp() {
    if (schema != null && baseUrl != null) {
      TestPostgres.dropSchema(baseUrl, schema);
    }
  }
}
