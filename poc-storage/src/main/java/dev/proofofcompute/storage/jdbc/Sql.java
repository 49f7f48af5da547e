package dev.proofofcompute.storage.jdbc;

import dev.proofofcompute.crypto.Bytes;
import dev.proofofcompute.crypto.identity.NodeId;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.ResultSetMetaData;
import java.sql.SQLException;
import java.sql.Types;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import org.jspecify.annotations.Nullable;

/**
 * A few helpers over one JDBC connection, so that each store method reads as its SQL: bind
 * parameters by Java type, map rows, return lists or one row. Parameters are {@link String}, {@link
 * Integer}, {@link Long}, {@link Bytes}, {@link Instant} (stored as epoch nanoseconds), {@link
 * NodeId} (lower-case hex), an enum (its name), or a typed null from {@link #nullable}.
 */
final class Sql {
  private final Connection connection;
  private final @Nullable StatementCache cache;

  /** Over {@code connection}, reusing prepared statements from {@code cache} when there is one. */
  Sql(Connection connection, @Nullable StatementCache cache) {
    this.connection = connection;
    this.cache = cache;
  }

  /** Maps the current row of a result set. */
  @FunctionalInterface
  interface RowMapper<T> {
    T map(Row row) throws SQLException;
  }

  /** A null of a SQL type (PostgreSQL wants the type of a null parameter). */
  record Null(int sqlType) {}

  static final Null NULL_TEXT = new Null(Types.VARCHAR);
  static final Null NULL_BYTES = new Null(Types.BINARY);
  static final Null NULL_LONG = new Null(Types.BIGINT);

  static Object nullable(@Nullable Bytes v) {
    return v == null ? NULL_BYTES : v;
  }

  static Object nullable(@Nullable Instant v) {
    return v == null ? NULL_LONG : v;
  }

  static Object nullable(@Nullable String v) {
    return v == null ? NULL_TEXT : v;
  }

  static Object nullable(@Nullable NodeId v) {
    return v == null ? NULL_TEXT : v;
  }

  int update(String sql, Object... params) throws SQLException {
    PreparedStatement ps = prepare(sql, params);
    boolean ok = false;
    try {
      int n = ps.executeUpdate();
      ok = true;
      return n;
    } finally {
      done(sql, ps, ok);
    }
  }

  /**
   * Runs {@code sql} once per parameter row as one JDBC batch; returns the update counts.
   *
   * @throws IllegalArgumentException when {@code rows} is empty
   */
  int[] batch(String sql, List<Object[]> rows) throws SQLException {
    if (rows.isEmpty()) {
      throw new IllegalArgumentException("an empty batch: " + sql);
    }
    PreparedStatement ps = statement(sql);
    boolean ok = false;
    try {
      ps.clearBatch();
      for (Object[] params : rows) {
        for (int i = 0; i < params.length; i++) {
          bind(ps, i + 1, params[i]);
        }
        ps.addBatch();
      }
      int[] counts = ps.executeBatch();
      ok = true;
      return counts;
    } finally {
      done(sql, ps, ok);
    }
  }

  <T> List<T> list(String sql, RowMapper<T> mapper, Object... params) throws SQLException {
    PreparedStatement ps = prepare(sql, params);
    boolean ok = false;
    try {
      List<T> out = new ArrayList<>();
      try (ResultSet rs = ps.executeQuery()) {
        Row row = new Row(rs, columns(sql, rs));
        while (rs.next()) {
          out.add(mapper.map(row));
        }
      }
      ok = true;
      return out;
    } finally {
      done(sql, ps, ok);
    }
  }

  <T> Optional<T> one(String sql, RowMapper<T> mapper, Object... params) throws SQLException {
    List<T> rows = list(sql, mapper, params);
    if (rows.size() > 1) {
      throw new SQLException("expected at most one row, got " + rows.size() + ": " + sql);
    }
    return rows.isEmpty() ? Optional.empty() : Optional.of(rows.get(0));
  }

  long scalar(String sql, Object... params) throws SQLException {
    return one(sql, r -> r.longValue(1), params)
        .orElseThrow(() -> new SQLException("no row: " + sql));
  }

  void execute(String sql) throws SQLException {
    try (var st = connection.createStatement()) {
      st.execute(sql);
    }
  }

  /**
   * The column labels of {@code sql}'s results: read from the first result set and kept with the
   * statement, so that a row's values are found by index. A lookup by name ({@code
   * ResultSet.findColumn}) built a map of the labels for every result set (sqlite-jdbc); the labels
   * of one SQL text never change while its statement is kept.
   */
  private Columns columns(String sql, ResultSet rs) throws SQLException {
    Columns known = cache == null ? null : cache.columns(sql);
    if (known != null) {
      return known;
    }
    ResultSetMetaData meta = rs.getMetaData();
    Map<String, Integer> index = new HashMap<>();
    for (int i = meta.getColumnCount(); i >= 1; i--) {
      // The first of two equal labels wins, as in ResultSet.findColumn.
      index.put(meta.getColumnLabel(i).toLowerCase(Locale.ROOT), i);
    }
    Columns labels = new Columns(Map.copyOf(index));
    if (cache != null) {
      cache.columns(sql, labels);
    }
    return labels;
  }

  /** Column label (lower case) to 1-based index in one query's result sets. */
  record Columns(Map<String, Integer> index) {}

  private PreparedStatement statement(String sql) throws SQLException {
    return cache == null ? connection.prepareStatement(sql) : cache.get(sql);
  }

  private PreparedStatement prepare(String sql, Object[] params) throws SQLException {
    PreparedStatement ps = statement(sql);
    boolean ok = false;
    try {
      for (int i = 0; i < params.length; i++) {
        bind(ps, i + 1, params[i]);
      }
      ok = true;
      return ps;
    } finally {
      if (!ok) {
        done(sql, ps, false);
      }
    }
  }

  /**
   * After a use of {@code ps}: closes it, or with a cache keeps it for the next use — unless the
   * use failed, then it is closed and forgotten.
   */
  private void done(String sql, PreparedStatement ps, boolean ok) throws SQLException {
    if (cache == null) {
      ps.close();
    } else if (!ok) {
      cache.discard(sql);
    }
  }

  private static void bind(PreparedStatement ps, int index, Object p) throws SQLException {
    switch (p) {
      case String s -> ps.setString(index, s);
      case Integer i -> ps.setLong(index, i);
      case Long l -> ps.setLong(index, l);
      case Bytes b -> ps.setBytes(index, b.toByteArray());
      case Instant t -> ps.setLong(index, nanos(t));
      case NodeId n -> ps.setString(index, n.toHex());
      case Enum<?> e -> ps.setString(index, e.name());
      case Null n -> ps.setNull(index, n.sqlType());
      default ->
          throw new IllegalArgumentException(
              "cannot bind a " + p.getClass().getName() + " as a SQL parameter");
    }
  }

  /**
   * Epoch nanoseconds: exact for every instant from 1677-09-21 to 2262-04-11.
   *
   * @throws IllegalArgumentException outside that range
   */
  static long nanos(Instant t) {
    try {
      return Math.addExact(Math.multiplyExact(t.getEpochSecond(), 1_000_000_000L), t.getNano());
    } catch (ArithmeticException e) {
      throw new IllegalArgumentException(
          "instants between 1677 and 2262 can be stored, got " + t, e);
    }
  }

  static Instant instant(long nanos) {
    return Instant.ofEpochSecond(
        Math.floorDiv(nanos, 1_000_000_000L), Math.floorMod(nanos, 1_000_000_000L));
  }

  /** Typed getters over the current row of a result set, by column label. */
  static final class Row {
    private final ResultSet rs;
    private final Columns columns;

    Row(ResultSet rs, Columns columns) {
      this.rs = rs;
      this.columns = columns;
    }

    /** The index of {@code column} (a lower-case label); the driver's lookup for any other. */
    private int at(String column) throws SQLException {
      Integer i = columns.index().get(column);
      return i != null ? i : rs.findColumn(column);
    }

    String text(String column) throws SQLException {
      String v = rs.getString(at(column));
      if (v == null) {
        throw new SQLException("column " + column + " is null");
      }
      return v;
    }

    @Nullable String textOrNull(String column) throws SQLException {
      return rs.getString(at(column));
    }

    long longValue(String column) throws SQLException {
      long v = rs.getLong(at(column));
      if (rs.wasNull()) {
        throw new SQLException("column " + column + " is null");
      }
      return v;
    }

    long longValue(int column) throws SQLException {
      long v = rs.getLong(column);
      if (rs.wasNull()) {
        throw new SQLException("column " + column + " is null");
      }
      return v;
    }

    int intValue(String column) throws SQLException {
      return Math.toIntExact(longValue(column));
    }

    Bytes bytes(String column) throws SQLException {
      Bytes v = bytesOrNull(column);
      if (v == null) {
        throw new SQLException("column " + column + " is null");
      }
      return v;
    }

    @Nullable Bytes bytesOrNull(String column) throws SQLException {
      byte[] v = rs.getBytes(at(column));
      return v == null ? null : Bytes.of(v);
    }

    Instant instant(String column) throws SQLException {
      return Sql.instant(longValue(column));
    }

    @Nullable Instant instantOrNull(String column) throws SQLException {
      long v = rs.getLong(at(column));
      return rs.wasNull() ? null : Sql.instant(v);
    }

    NodeId nodeId(String column) throws SQLException {
      return NodeId.fromHex(text(column));
    }

    @Nullable NodeId nodeIdOrNull(String column) throws SQLException {
      String v = rs.getString(at(column));
      return v == null ? null : NodeId.fromHex(v);
    }

    <E extends Enum<E>> E enumValue(String column, Class<E> type) throws SQLException {
      return Enum.valueOf(type, text(column));
    }
  }
}
