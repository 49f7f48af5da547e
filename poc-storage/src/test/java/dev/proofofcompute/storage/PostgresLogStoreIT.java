package dev.proofofcompute.storage;

import java.sql.Connection;
import java.sql.SQLException;
import java.util.HexFormat;
import java.util.Objects;
import java.util.concurrent.ThreadLocalRandom;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.Assertions;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;

/**
 * The log storage contract on PostgreSQL, each test in a fresh schema of the database named by
 * {@code POC_TEST_PG_URL} (e.g. {@code
 * postgresql://127.0.0.1:5432/poc_test?user=poc&password=poc}), dropped afterwards. Skipped with a
 * message saying how to run it when the variable is unset or the server does not answer, unless
 * {@code POC_TEST_PG_REQUIRED=true} (then it fails).
 */
class PostgresLogStoreIT extends LogStoreContract {
  private static final String HOW =
      ". To run them: sudo .ci/start-postgres, then export"
          + " POC_TEST_PG_URL=<the URL it prints> (or point POC_TEST_PG_URL at any PostgreSQL"
          + " database you may create schemas in).";

  private static @Nullable String baseUrl;
  private @Nullable String schema;

  @BeforeAll
  static void findServer() {
    String url = System.getenv("POC_TEST_PG_URL");
    boolean required = "true".equalsIgnoreCase(System.getenv("POC_TEST_PG_REQUIRED"));
    String problem = null;
    if (url == null || url.isBlank()) {
      problem = "POC_TEST_PG_URL is not set";
    } else {
      try (Connection c = connect(jdbc(url))) {
        if (!c.isValid(5)) {
          throw new SQLException("the connection is not valid");
        }
        baseUrl = url.strip();
      } catch (SQLException e) {
        problem = "cannot connect to " + Storages.redact(url) + " (" + e.getMessage() + ")";
      }
    }
    if (problem != null) {
      String message = "PostgreSQL log storage tests skipped: " + problem + HOW;
      if (required) {
        Assertions.fail(message + " POC_TEST_PG_REQUIRED is set, so this is a failure.");
      }
      System.err.println(message);
      Assumptions.abort(message);
    }
  }

  static String jdbc(String url) {
    String u = url.strip();
    u = u.startsWith("jdbc:") ? u.substring(5) : u;
    u = u.startsWith("postgres://") ? "postgresql://" + u.substring("postgres://".length()) : u;
    return "jdbc:" + u;
  }

  private String url() {
    String base = Objects.requireNonNull(baseUrl);
    return base + (base.contains("?") ? "&" : "?") + "currentSchema=" + schema;
  }

  @Override
  protected Storage openFresh() {
    byte[] r = new byte[6];
    ThreadLocalRandom.current().nextBytes(r);
    schema = "poc_log_test_" + HexFormat.of().formatHex(r);
    return Storages.open(url());
  }

  @Override
  protected Storage openAnother() {
    return Storages.open(url());
  }

  @Override
  protected Connection rawConnection() throws SQLException {
    return connect(jdbc(url()));
  }

  @Override
  protected void cleanUp() {
    if (schema != null && baseUrl != null) {
      try (Connection c = connect(jdbc(baseUrl));
          var st = c.createStatement()) {
        st.execute("DROP SCHEMA IF EXISTS " + schema + " CASCADE");
      } catch (SQLException e) {
        throw new AssertionError("dropping test schema " + schema + " failed", e);
      }
    }
  }
}
