package dev.proofofcompute.storage;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.util.HexFormat;
import java.util.concurrent.ThreadLocalRandom;
import org.junit.jupiter.api.Assertions;
import org.junit.jupiter.api.Assumptions;

/**
 * The PostgreSQL server the tests run against: the one named by {@code POC_TEST_PG_URL} (for
 * example {@code postgresql://127.0.0.1:5432/poc_test?user=poc&password=poc}, printed by {@code
 * .ci/start-postgres}), with a fresh schema per test that the test drops afterwards.
 *
 * <p>When the variable is unset or the server does not answer, {@link #baseUrl} skips the calling
 * test with a message that says how to run it — unless {@code POC_TEST_PG_REQUIRED=true} (CI sets
 * it), which makes that a failure. Shared as poc-storage's test-jar with the whole-process tests of
 * poc-cli, so that every PostgreSQL suite skips, fails and names its schemas alike.
 */
public final class TestPostgres {
  /** How to make the PostgreSQL tests run, appended to every skip message. */
  public static final String HOW =
      ". To run them: sudo .ci/start-postgres, then export"
          + " POC_TEST_PG_URL=<the URL it prints> (or point POC_TEST_PG_URL at any PostgreSQL"
          + " database you may create schemas in).";

  private TestPostgres() {}

  /**
   * The server's URL, after checking that it answers; otherwise aborts the calling test (a skip)
   * or, when {@code POC_TEST_PG_REQUIRED=true}, fails it.
   *
   * @param what the tests that need the server, for the message ("PostgreSQL storage tests")
   */
  public static String baseUrl(String what) {
    String url = System.getenv("POC_TEST_PG_URL");
    String problem;
    if (url == null || url.isBlank()) {
      problem = "POC_TEST_PG_URL is not set";
    } else {
      try (Connection c = connect(url)) {
        if (c.isValid(5)) {
          return url.strip();
        }
        problem = "the connection to " + Storages.redact(url) + " is not valid";
      } catch (SQLException e) {
        problem = "cannot connect to " + Storages.redact(url) + " (" + e.getMessage() + ")";
      }
    }
    String message = what + " skipped: " + problem + HOW;
    if ("true".equalsIgnoreCase(System.getenv("POC_TEST_PG_REQUIRED"))) {
      Assertions.fail(message + " POC_TEST_PG_REQUIRED is set, so this is a failure.");
    }
    System.err.println(message);
    Assumptions.abort(message);
    throw new AssertionError("unreachable: the test was aborted");
  }

  /** A new schema name, {@code prefix} and 12 random hex digits. */
  public static String freshSchema(String prefix) {
    byte[] r = new byte[6];
    ThreadLocalRandom.current().nextBytes(r);
    return prefix + HexFormat.of().formatHex(r);
  }

  /** {@code base} with {@code currentSchema} set, the storage URL of a coordinator or a test. */
  public static String inSchema(String base, String schema) {
    return base + (base.contains("?") ? "&" : "?") + "currentSchema=" + schema;
  }

  /**
   * A plain JDBC connection from a storage URL ({@code postgresql://}, {@code postgres://} or
   * {@code jdbc:postgresql://}), to set up or tamper with a database behind the storage's back.
   */
  public static Connection connect(String url) throws SQLException {
    String u = url.strip();
    u = u.startsWith("jdbc:") ? u.substring(5) : u;
    u = u.startsWith("postgres://") ? "postgresql://" + u.substring("postgres://".length()) : u;
    return DriverManager.getConnection("jdbc:" + u);
  }

  /** {@code url} without its password. */
  public static String redact(String url) {
    return Storages.redact(url);
  }

  /** Drops {@code schema} and everything in it. */
  public static void dropSchema(String base, String schema) {
    try (Connection c = connect(base);
        var st = c.createStatement()) {
      st.execute("DROP SCHEMA IF EXISTS " + schema + " CASCADE");
    } catch (SQLException e) {
      throw new AssertionError("dropping test schema " + schema + " failed", e);
    }
  }
}
