package dev.proofofcompute.ledger.archfixture;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Instant;

/**
 * Test fixture only: a class in a pure package that breaks every layering rule, so that {@code
 * LayeringTest} can show its rules catch it. Never called.
 */
public final class ImpureLedgerFixture {
  private ImpureLedgerFixture() {}

  static long readsDatabase(Connection connection) throws SQLException {
    return connection.createStatement().executeQuery("select 1").getLong(1);
  }

  static HttpRequest callsHttp(HttpClient client) {
    return HttpRequest.newBuilder(URI.create("http://127.0.0.1/")).build();
  }

  static Instant readsWallClock() {
    return Instant.now();
  }
}
