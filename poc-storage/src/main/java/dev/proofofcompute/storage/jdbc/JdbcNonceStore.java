package dev.proofofcompute.storage.jdbc;

import dev.proofofcompute.crypto.identity.NodeId;
import dev.proofofcompute.storage.NonceStore;
import dev.proofofcompute.storage.RecordIds;
import java.sql.SQLException;
import java.time.Instant;

/**
 * {@link NonceStore} over the {@code nonces} table. The primary key (node, nonce) is the replay
 * guard: {@code INSERT ... ON CONFLICT DO NOTHING} inserts for exactly one of two racing
 * coordinators (the other waits for the first to commit, then inserts nothing).
 */
final class JdbcNonceStore implements NonceStore {
  private final JdbcTx tx;

  JdbcNonceStore(JdbcTx tx) {
    this.tx = tx;
  }

  @Override
  public boolean remember(NodeId node, String nonce, Instant at) {
    RecordIds.requireKey("nonce", nonce);
    try {
      return tx.sql()
              .update(
                  "INSERT INTO nonces (node_id, nonce, seen_at) VALUES (?, ?, ?)"
                      + " ON CONFLICT DO NOTHING",
                  node,
                  nonce,
                  at)
          == 1;
    } catch (SQLException e) {
      throw JdbcTx.failure("recording a nonce of node " + node.shortForm(), e);
    }
  }

  @Override
  public long purgeBefore(Instant cutoff) {
    try {
      return tx.sql().update("DELETE FROM nonces WHERE seen_at < ?", cutoff);
    } catch (SQLException e) {
      throw JdbcTx.failure("purging nonces", e);
    }
  }
}
