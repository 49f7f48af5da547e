package dev.proofofcompute.cli;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.util.HexFormat;
import java.util.concurrent.ThreadLocalRandom;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.Assertions;
import org.junit.jupiter.api.Assumptions;

/**
 * A fresh database for one whole-process test: a SQLite file in a temporary directory, or a fresh
 * schema of the PostgreSQL database named by {@code POC_TEST_PG_URL} (dropped by {@link #close}).
 *
 * <p>Like poc-storage's {@code PostgresStorageIT}, the PostgreSQL variant is skipped with a message
 * saying how to run it when the variable is unset or the server does not answer, unless {@code
 * POC_TEST_PG_REQUIRED=true} (CI sets it), which makes that a failure.
 */
final class TestDatabase implements AutoCloseable {
  static final String HOW =
      ". To run them: sudo .ci/start-postgres, then export"
          + " POC_TEST_PG_URL=<the URL it prints> (or point POC_TEST_PG_URL at any PostgreSQL"
          + " database you may create schemas in).";

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
    String base = System.getenv("POC_TEST_PG_URL");
    boolean required = "true".equalsIgnoreCase(System.getenv("POC_TEST_PG_REQUIRED"));
    String problem = null;
    if (base == null || base.isBlank()) {
      problem = "POC_TEST_PG_URL is not set";
    } else {
      try (Connection c = connect(base)) {
        if (!c.isValid(5)) {
          problem = "the connection to " + redact(base) + " is not valid";
        }
      } catch (SQLException e) {
        problem = "cannot connect to " + redact(base) + " (" + e.getMessage() + ")";
      }
    }
    if (problem != null || base == null) {
      String message = what + " on PostgreSQL skipped: " + problem + HOW;
      if (required) {
        Assertions.fail(message + " POC_TEST_PG_REQUIRED is set, so this is a failure.");
      }
      System.err.println(message);
      Assumptions.abort(message);
      throw new AssertionError("unreachable");
    }
    byte[] r = new byte[6];
    ThreadLocalRandom.current().nextBytes(r);
    String schema = "poc_it_" + HexFormat.of().formatHex(r);
    String b = base.strip();
    return new TestDatabase(
        b + (b.contains("?") ? "&" : "?") + "currentSchema=" + schema, b, schema);
  }

  private static Connection connect(String url) throws SQLException {
    String u = url.strip();
    u = u.startsWith("jdbc:") ? u.substring(5) : u;
    u = u.startsWith("postgres://") ? "postgresql://" + u.substring("postgres://".length()) : u;
    return DriverManager.getConnection("jdbc:" + u);
  }

  @Override
  public void close() {
    if (pgBase != null && schema != null) {
      try (Connection c = connect(pgBase);
          var st = c.createStatement()) {
        st.execute("DROP SCHEMA IF EXISTS " + schema + " CASCADE");
      } catch (SQLException e) {
        throw new AssertionError("dropping test schema " + schema + " failed", e);
      }
    }
  }

  /** {@code url} without its password. */
  static String redact(String url) {
    return url.replaceAll("password=[^&]*", "password=***");
  }

  @Override
  public String toString() {
    return redact(url);
  }
}
