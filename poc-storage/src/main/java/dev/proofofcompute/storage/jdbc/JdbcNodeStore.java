package dev.proofofcompute.storage.jdbc;

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
import java.util.stream.Collectors;

/** {@link NodeStore} over the {@code nodes} table; roles are a sorted comma-separated list. */
final class JdbcNodeStore implements NodeStore {
  private static final String COLUMNS =
      "node_id, public_key, roles, registered_at, consecutive_valid, strikes, status,"
          + " throttled_until";

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
    try {
      return tx.sql()
          .one(
              "SELECT " + COLUMNS + " FROM nodes WHERE node_id = ?" + suffix,
              JdbcNodeStore::map,
              id);
    } catch (SQLException e) {
      throw JdbcTx.failure("reading node " + id.shortForm(), e);
    }
  }

  @Override
  public boolean update(NodeRecord node) {
    try {
      return tx.sql()
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

  private static String roles(Set<NodeRole> roles) {
    return EnumSet.copyOf(roles).stream().map(Enum::name).collect(Collectors.joining(","));
  }

  private static NodeRecord map(Sql.Row r) throws SQLException {
    NodePublicKey key;
    try {
      key = NodePublicKey.fromRaw(r.bytes("public_key"));
    } catch (DecodingException e) {
      throw new SQLException("stored public key of " + r.text("node_id") + " is invalid", e);
    }
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
