package dev.proofofcompute.storage.jdbc;

import dev.proofofcompute.crypto.Bytes;
import dev.proofofcompute.crypto.DecodingException;
import dev.proofofcompute.crypto.identity.NodeId;
import dev.proofofcompute.crypto.identity.NodePublicKey;
import dev.proofofcompute.storage.DuplicateException;
import dev.proofofcompute.storage.NodeRecord;
import dev.proofofcompute.storage.NodeRole;
import dev.proofofcompute.storage.NodeStatus;
import dev.proofofcompute.storage.NodeStore;
import java.sql.SQLException;
import java.util.Arrays;
import java.util.EnumSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.stream.Collectors;

/**
 * {@link NodeStore} over the {@code nodes} table; roles are a sorted comma-separated list.
 *
 * <p>Decoding a stored Ed25519 public key decompresses a curve point (a field square root), which
 * cost more than the rest of a node read together when the coordinator reads the caller's row on
 * every operation of a batched request. Decoded keys are therefore kept in a bounded map from the
 * stored 32 bytes to the immutable {@link NodePublicKey} they decode to: a pure function of the
 * bytes, so a hit returns exactly what a decode would, and a key that does not decode is never
 * kept.
 */
final class JdbcNodeStore implements NodeStore {
  static final String COLUMNS =
      "node_id, public_key, roles, registered_at, consecutive_valid, strikes, status,"
          + " throttled_until";

  /** Most decoded keys kept; the map is emptied when it would grow past this. */
  static final int MAX_CACHED_KEYS = 100_000;

  private static final ConcurrentHashMap<Bytes, NodePublicKey> KEYS = new ConcurrentHashMap<>();

  private final JdbcTx tx;

  JdbcNodeStore(JdbcTx tx) {
    this.tx = tx;
  }

  @Override
  public void register(NodeRecord node) {
    try {
      int n =
          tx.sql()
              .update(
                  "INSERT INTO nodes ("
                      + COLUMNS
                      + ") VALUES (?, ?, ?, ?, ?, ?, ?, ?) ON CONFLICT DO NOTHING",
                  node.id(),
                  node.publicKey().raw(),
                  roles(node.roles()),
                  node.registeredAt(),
                  node.consecutiveValid(),
                  node.strikes(),
                  node.status(),
                  Sql.nullable(node.throttledUntil()));
      if (n == 0) {
        throw new DuplicateException("node " + node.id().toHex() + " is already registered");
      }
    } catch (SQLException e) {
      throw JdbcTx.failure("registering node " + node.id().shortForm(), e);
    }
  }

  @Override
  public Optional<NodeRecord> find(NodeId id) {
    return select(id, "");
  }

  @Override
  public Optional<NodeRecord> lock(NodeId id) {
    return select(id, tx.dialect.forUpdate);
  }

  private Optional<NodeRecord> select(NodeId id, String suffix) {
    TxRowCache rows = tx.rows();
    Optional<NodeRecord> cached = rows == null ? Optional.empty() : rows.node(id);
    if (cached.isPresent()) {
      tx.sql();
      return cached;
    }
    try {
      Optional<NodeRecord> found =
          tx.sql()
              .one(
                  "SELECT " + COLUMNS + " FROM nodes WHERE node_id = ?" + suffix,
                  JdbcNodeStore::map,
                  id);
      if (rows != null) {
        found.ifPresent(rows::putNode);
      }
      return found;
    } catch (SQLException e) {
      throw JdbcTx.failure("reading node " + id.shortForm(), e);
    }
  }

  @Override
  public boolean update(NodeRecord node) {
    try {
      boolean updated =
          tx.sql()
                  .update(
                      "UPDATE nodes SET roles = ?, consecutive_valid = ?, strikes = ?, status = ?,"
                          + " throttled_until = ? WHERE node_id = ?",
                      roles(node.roles()),
                      node.consecutiveValid(),
                      node.strikes(),
                      node.status(),
                      Sql.nullable(node.throttledUntil()),
                      node.id())
              == 1;
      TxRowCache rows = tx.rows();
      if (updated && rows != null) {
        // The key and the registration time are not written: they stay as the row has them.
        Optional<NodeRecord> before = rows.node(node.id());
        if (before.isPresent()) {
          rows.putNode(
              new NodeRecord(
                  node.id(),
                  before.get().publicKey(),
                  node.roles(),
                  before.get().registeredAt(),
                  node.consecutiveValid(),
                  node.strikes(),
                  node.status(),
                  node.throttledUntil()));
        }
      }
      return updated;
    } catch (SQLException e) {
      throw JdbcTx.failure("updating node " + node.id().shortForm(), e);
    }
  }

  @Override
  public List<NodeRecord> list() {
    try {
      return tx.sql()
          .list(
              "SELECT " + COLUMNS + " FROM nodes ORDER BY registered_at, node_id",
              JdbcNodeStore::map);
    } catch (SQLException e) {
      throw JdbcTx.failure("listing nodes", e);
    }
  }

  private static NodePublicKey decodeKey(Bytes raw, Sql.Row r) throws SQLException {
    NodePublicKey key = KEYS.get(raw);
    if (key != null) {
      return key;
    }
    try {
      key = NodePublicKey.fromRaw(raw);
    } catch (DecodingException e) {
      throw new SQLException("stored public key of " + r.text("node_id") + " is invalid", e);
    }
    if (KEYS.size() >= MAX_CACHED_KEYS) {
      KEYS.clear();
    }
    KEYS.put(raw, key);
    return key;
  }

  private static String roles(Set<NodeRole> roles) {
    return EnumSet.copyOf(roles).stream().map(Enum::name).collect(Collectors.joining(","));
  }

  static NodeRecord map(Sql.Row r) throws SQLException {
    NodePublicKey key = decodeKey(r.bytes("public_key"), r);
    Set<NodeRole> roles = EnumSet.noneOf(NodeRole.class);
    Arrays.stream(r.text("roles").split(",", -1)).map(NodeRole::valueOf).forEach(roles::add);
    return new NodeRecord(
        r.nodeId("node_id"),
        key,
        roles,
        r.instant("registered_at"),
        r.intValue("consecutive_valid"),
        r.intValue("strikes"),
        r.enumValue("status", NodeStatus.class),
        r.instantOrNull("throttled_until"));
  }
}
