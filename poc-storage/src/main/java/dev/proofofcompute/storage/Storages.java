package dev.proofofcompute.storage;

import dev.proofofcompute.storage.jdbc.JdbcStorage;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import org.jspecify.annotations.Nullable;

/**
 * Opens a {@link Storage} from a URL, migrating its schema to the current version:
 *
 * <ul>
 *   <li>{@code sqlite:PATH} — the embedded default: one SQLite file (created if missing; its
 *       directory must exist), WAL journal, synchronous commits. {@code sqlite::memory:} is a
 *       private in-memory database that lives as long as the storage (tests, demos).
 *   <li>{@code postgresql://HOST[:PORT]/DATABASE?user=U&password=P} (also {@code postgres://}) —
 *       production: several coordinators may share the database. Any other query parameter goes to
 *       the PostgreSQL JDBC driver; {@code currentSchema=S} keeps every table in schema {@code S}
 *       (created if missing).
 *   <li>The same with a {@code jdbc:} prefix ({@code jdbc:sqlite:...}, {@code
 *       jdbc:postgresql://...}).
 * </ul>
 */
public final class Storages {
  private static final String USAGE =
      "a storage URL is sqlite:PATH, sqlite::memory: or"
          + " postgresql://HOST[:PORT]/DATABASE?user=USER&password=PASSWORD";

  private Storages() {}

  /**
   * Opens the storage at {@code url}.
   *
   * @throws IllegalArgumentException if the URL has none of the forms above
   * @throws StorageException if the database cannot be opened, reached or migrated
   */
  public static Storage open(String url) {
    String u = url.strip();
    if (u.startsWith("jdbc:")) {
      u = u.substring("jdbc:".length());
    }
    if (u.startsWith("sqlite:")) {
      String path = u.substring("sqlite:".length());
      if (path.isEmpty()) {
        throw new IllegalArgumentException(USAGE + "; the SQLite path is empty");
      }
      return JdbcStorage.openSqlite(path);
    }
    String rest = null;
    if (u.startsWith("postgresql://")) {
      rest = u.substring("postgresql://".length());
    } else if (u.startsWith("postgres://")) {
      rest = u.substring("postgres://".length());
    }
    if (rest == null || rest.isEmpty() || rest.indexOf('/') <= 0) {
      throw new IllegalArgumentException(USAGE + ", got " + redact(url));
    }
    String jdbcUrl = "jdbc:postgresql://" + rest;
    return JdbcStorage.openPostgres(jdbcUrl, queryParameter(rest, "currentSchema"), redact(u));
  }

  /** {@code url} with the value of any {@code password} parameter replaced by {@code ***}. */
  static String redact(String url) {
    return url.replaceAll("(?i)([?&]password=)[^&]*", "$1***");
  }

  private static @Nullable String queryParameter(String url, String name) {
    int q = url.indexOf('?');
    if (q < 0) {
      return null;
    }
    for (String pair : url.substring(q + 1).split("&", -1)) {
      int eq = pair.indexOf('=');
      if (eq > 0 && pair.substring(0, eq).equals(name)) {
        return URLDecoder.decode(pair.substring(eq + 1), StandardCharsets.UTF_8);
      }
    }
    return null;
  }
}
