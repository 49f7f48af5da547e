package dev.proofofcompute.storage.jdbc;

import dev.proofofcompute.crypto.Bytes;
import dev.proofofcompute.crypto.DecodingException;
import dev.proofofcompute.crypto.Digest;
import dev.proofofcompute.storage.LogStore;
import dev.proofofcompute.translog.AppendConflictException;
import dev.proofofcompute.translog.LogStorage;
import dev.proofofcompute.translog.NodeAddress;
import dev.proofofcompute.translog.SignedTreeHead;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;

/**
 * The transparency log's {@link dev.proofofcompute.translog.LogStorage} port over SQL, bound to one
 * transaction ({@link JdbcTx#log()}); contract in {@link LogStore}.
 *
 * <p>Tables ({@code V3__transparency_log.sql}): {@code log_state} (the size, one row, the log's
 * lock), {@code log_entries} (index, canonical entry bytes), {@code log_tree} (level, index, hash:
 * level 0 the RFC 6962 leaf hashes, level l the perfect subtrees of 2^l leaves, written when an
 * append completes them — the layout of Trillian's subtree storage and of transparency-dev's
 * compact ranges, flattened to one row per node) and {@code log_heads}. An append writes one entry
 * row, one leaf row and on average one subtree row per leaf, as three JDBC batches; a proof is one
 * query over at most 2·log2(n) primary keys.
 *
 * <p>Concurrency (see {@link Dialect}): on PostgreSQL an append locks the {@code log_state} row
 * {@code FOR UPDATE}, so appenders queue on it; at READ COMMITTED the lock returns the size the
 * previous holder committed, so a stale batch fails with {@link AppendConflictException} and the
 * transaction stays usable for the retry. On SQLite the transaction holds the database's write lock
 * from {@code BEGIN IMMEDIATE}.
 */
final class JdbcLogStorage implements LogStore {
  /** Addresses per node query (two parameters each). */
  private static final int NODES_PER_QUERY = 128;

  /** Leaves per segment of the leaf-hash index: 2^12 (the {@code idx >> 12} of its key). */
  static final int SEGMENT_BITS = 12;

  /** Leaves per sealed run of the leaf-hash index: 2^16 (the {@code idx >> 16} of V7's key). */
  static final int EPOCH_BITS = 16;

  private static final String SEALED_QUERY =
      "SELECT idx FROM log_leaf_hashes WHERE epoch = ? AND hash = ? ORDER BY idx LIMIT 1";

  private static final String LEAF_HASH_QUERY =
      "SELECT idx FROM log_tree WHERE level = 0 AND (idx >> "
          + SEGMENT_BITS
          + ") = ? AND hash = ? ORDER BY idx LIMIT 1";

  private final JdbcTx tx;

  JdbcLogStorage(JdbcTx tx) {
    this.tx = tx;
  }

  @Override
  public long size() {
    try {
      return tx.sql().scalar("SELECT size FROM log_state WHERE id = 1");
    } catch (SQLException e) {
      throw JdbcTx.failure("reading the log size", e);
    }
  }

  @Override
  public long sizeHoldingAppends() {
    String lock = tx.dialect == Dialect.POSTGRESQL ? " FOR SHARE" : "";
    try {
      return tx.sql().scalar("SELECT size FROM log_state WHERE id = 1" + lock);
    } catch (SQLException e) {
      throw JdbcTx.failure("reading the log size", e);
    }
  }

  @Override
  public void append(long expectedSize, List<Leaf> leaves, List<Node> nodes) {
    if (leaves.isEmpty()) {
      throw new IllegalArgumentException("an append needs at least one leaf");
    }
    long size;
    try {
      size = tx.sql().scalar("SELECT size FROM log_state WHERE id = 1" + tx.dialect.forUpdate);
    } catch (SQLException e) {
      throw JdbcTx.failure("locking the log", e);
    }
    if (size != expectedSize) {
      throw new AppendConflictException(expectedSize, size);
    }
    long newSize = size + leaves.size();
    LogStorage.checkCompletedNodes(size, newSize, nodes);
    List<Object[]> entryRows = new ArrayList<>(leaves.size());
    List<Object[]> treeRows = new ArrayList<>(leaves.size() + nodes.size());
    for (int i = 0; i < leaves.size(); i++) {
      Leaf leaf = leaves.get(i);
      entryRows.add(new Object[] {size + i, leaf.entry()});
      treeRows.add(new Object[] {0, size + i, leaf.leafHash().toBytes()});
    }
    for (Node node : nodes) {
      treeRows.add(
          new Object[] {node.address().level(), node.address().index(), node.hash().toBytes()});
    }
    try {
      tx.sql().execute("SAVEPOINT log_append");
    } catch (SQLException e) {
      throw JdbcTx.failure("appending to the log", e);
    }
    try {
      tx.sql().batch("INSERT INTO log_entries (idx, entry) VALUES (?, ?)", entryRows);
      tx.sql().batch("INSERT INTO log_tree (level, idx, hash) VALUES (?, ?, ?)", treeRows);
      long sealedFrom = (size >> EPOCH_BITS) << EPOCH_BITS;
      long sealedTo = (newSize >> EPOCH_BITS) << EPOCH_BITS;
      if (sealedTo > sealedFrom) {
        // This append completes an epoch: its leaf hashes become a sorted run of their own
        // (V7__sealed_leaf_hashes.sql), written in key order into a key range no row had yet.
        tx.sql()
            .update(
                "INSERT INTO log_leaf_hashes (epoch, hash, idx) SELECT idx >> "
                    + EPOCH_BITS
                    + ", hash, idx FROM log_tree WHERE level = 0 AND idx >= ? AND idx < ?"
                    + " ORDER BY idx >> "
                    + EPOCH_BITS
                    + ", hash, idx",
                sealedFrom,
                sealedTo);
      }
      tx.sql().update("UPDATE log_state SET size = ? WHERE id = 1", newSize);
      tx.sql().execute("RELEASE SAVEPOINT log_append");
    } catch (SQLException | RuntimeException e) {
      try {
        tx.sql().execute("ROLLBACK TO SAVEPOINT log_append");
        tx.sql().execute("RELEASE SAVEPOINT log_append");
      } catch (SQLException undo) {
        e.addSuppressed(undo);
      }
      if (e instanceof SQLException sql) {
        throw JdbcTx.failure(
            "appending "
                + leaves.size()
                + " entries to the log at "
                + size
                + " (rows of the log"
                + " beyond its size already exist, or the database failed)",
            sql);
      }
      throw (RuntimeException) e;
    }
  }

  @Override
  public List<Digest> leafHashes(long start, long end) {
    checkRange(start, end);
    try {
      List<Digest> out =
          tx.sql()
              .list(
                  "SELECT hash FROM log_tree WHERE level = 0 AND idx >= ? AND idx < ? ORDER BY idx",
                  r -> Digest.of(r.bytes("hash")),
                  start,
                  end);
      if (out.size() != end - start) {
        throw new IllegalArgumentException(
            "leaf hashes of ["
                + start
                + ", "
                + end
                + ") are missing from the database: "
                + out.size()
                + " of "
                + (end - start)
                + " stored");
      }
      return out;
    } catch (SQLException e) {
      throw JdbcTx.failure("reading leaf hashes", e);
    }
  }

  @Override
  public List<Bytes> entries(long start, long end) {
    checkRange(start, end);
    try {
      return tx.sql()
          .list(
              "SELECT entry FROM log_entries WHERE idx >= ? AND idx < ? ORDER BY idx",
              r -> r.bytes("entry"),
              start,
              end);
    } catch (SQLException e) {
      throw JdbcTx.failure("reading log entries", e);
    }
  }

  @Override
  public OptionalLong indexOf(Digest leafHash) {
    // Two levels. A complete epoch of 2^EPOCH_BITS leaves is a sorted run in log_leaf_hashes keyed
    // by (epoch, hash) (V7): one seek per epoch. The open epoch is found through log_tree's
    // (idx >> SEGMENT_BITS, hash) index (V5): one seek per 4,096-leaf segment, at most 16. Appends
    // write the open segment's few index pages and, once per epoch, one sequential run, instead of
    // one random page per leaf in every commit; oldest first, so the first occurrence is found.
    Bytes hash = leafHash.toBytes();
    long size = size();
    long epochs = size >> EPOCH_BITS;
    try {
      for (long epoch = 0; epoch < epochs; epoch++) {
        Optional<Long> found = tx.sql().one(SEALED_QUERY, r -> r.longValue("idx"), epoch, hash);
        if (found.isPresent()) {
          return OptionalLong.of(found.get());
        }
      }
      long firstOpen = epochs << (EPOCH_BITS - SEGMENT_BITS);
      long segments = (size + (1L << SEGMENT_BITS) - 1) >> SEGMENT_BITS;
      for (long segment = firstOpen; segment < segments; segment++) {
        Optional<Long> found =
            tx.sql().one(LEAF_HASH_QUERY, r -> r.longValue("idx"), segment, hash);
        if (found.isPresent()) {
          return OptionalLong.of(found.get());
        }
      }
      return OptionalLong.empty();
    } catch (SQLException e) {
      throw JdbcTx.failure("looking up a leaf hash", e);
    }
  }

  @Override
  public List<Digest> nodes(List<NodeAddress> addresses) {
    if (addresses.isEmpty()) {
      return List.of();
    }
    long size = size();
    for (NodeAddress a : addresses) {
      if (a.endLeaf() > size) {
        throw new IllegalArgumentException(
            "node " + a + " is not complete in a log of " + size + " leaves");
      }
    }
    Map<NodeAddress, Digest> found = new HashMap<>();
    try {
      for (int from = 0; from < addresses.size(); from += NODES_PER_QUERY) {
        List<NodeAddress> chunk =
            addresses.subList(from, Math.min(addresses.size(), from + NODES_PER_QUERY));
        StringBuilder q = new StringBuilder("SELECT level, idx, hash FROM log_tree WHERE ");
        Object[] params = new Object[chunk.size() * 2];
        for (int i = 0; i < chunk.size(); i++) {
          q.append(i == 0 ? "" : " OR ").append("(level = ? AND idx = ?)");
          params[2 * i] = chunk.get(i).level();
          params[2 * i + 1] = chunk.get(i).index();
        }
        for (var row :
            tx.sql()
                .list(
                    q.toString(),
                    r ->
                        Map.entry(
                            new NodeAddress(r.intValue("level"), r.longValue("idx")),
                            Digest.of(r.bytes("hash"))),
                    params)) {
          found.put(row.getKey(), row.getValue());
        }
      }
    } catch (SQLException e) {
      throw JdbcTx.failure("reading log tree nodes", e);
    }
    List<Digest> out = new ArrayList<>(addresses.size());
    for (NodeAddress a : addresses) {
      Digest d = found.get(a);
      if (d == null) {
        throw new IllegalArgumentException(
            "node " + a + " is missing from the database (a log of " + size + " leaves)");
      }
      out.add(d);
    }
    return out;
  }

  @Override
  public void putTreeHead(SignedTreeHead head) {
    try {
      tx.sql()
          .update(
              "INSERT INTO log_heads (tree_size, ts_ms, key_id, root, head) VALUES (?, ?, ?, ?, ?)"
                  + " ON CONFLICT DO NOTHING",
              head.treeSize(),
              head.timestamp().toEpochMilli(),
              head.keyId().digest().toBytes(),
              head.rootHash().toBytes(),
              head.encode());
    } catch (SQLException e) {
      throw JdbcTx.failure("keeping a tree head", e);
    }
  }

  @Override
  public Optional<SignedTreeHead> latestTreeHead() {
    try {
      return tx.sql()
          .one(
              "SELECT tree_size, head FROM log_heads ORDER BY tree_size DESC, ts_ms DESC LIMIT 1",
              JdbcLogStorage::head);
    } catch (SQLException e) {
      throw JdbcTx.failure("reading the latest tree head", e);
    }
  }

  @Override
  public List<SignedTreeHead> treeHeads(long fromSize, int limit) {
    if (limit < 1 || limit > MAX_HEADS_PER_READ) {
      throw new IllegalArgumentException(
          "a read returns 1.." + MAX_HEADS_PER_READ + " heads, asked " + limit);
    }
    try {
      return tx.sql()
          .list(
              "SELECT tree_size, head FROM log_heads WHERE tree_size >= ?"
                  + " ORDER BY tree_size, ts_ms, key_id LIMIT ?",
              JdbcLogStorage::head,
              fromSize,
              limit);
    } catch (SQLException e) {
      throw JdbcTx.failure("reading tree heads", e);
    }
  }

  private static SignedTreeHead head(Sql.Row r) throws SQLException {
    long size = r.longValue("tree_size");
    try {
      SignedTreeHead head = SignedTreeHead.decode(r.bytes("head"));
      if (head.treeSize() != size) {
        throw new IllegalStateException(
            "the stored tree head in the row of size " + size + " is of size " + head.treeSize());
      }
      return head;
    } catch (DecodingException e) {
      throw new IllegalStateException(
          "the stored tree head of size " + size + " does not decode: " + e.getMessage(), e);
    }
  }

  private void checkRange(long start, long end) {
    long size = size();
    if (start < 0 || start > end || end > size) {
      throw new IllegalArgumentException(
          "range [" + start + ", " + end + ") outside a log of " + size + " leaves");
    }
  }

  @Override
  public String toString() {
    return "JdbcLogStorage[" + tx.dialect + "]";
  }
}
