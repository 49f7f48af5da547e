package dev.proofofcompute.storage;

import dev.proofofcompute.crypto.identity.NodeId;
import java.time.Instant;

/**
 * The replay guard shared by every coordinator on this storage: the nonces each node has used, kept
 * at least as long as a signed message stays fresh. Survives restarts.
 */
public interface NonceStore {
  /** Longest nonce accepted, in characters. */
  int MAX_NONCE_LENGTH = 128;

  /**
   * Records that {@code node} used {@code nonce} in a message signed at {@code at}.
   *
   * @return true if this is the first time; false if the pair was seen before (a replay; nothing
   *     changes). Two coordinators racing with the same pair: exactly one gets true.
   * @throws IllegalArgumentException if the nonce is empty or longer than {@link #MAX_NONCE_LENGTH}
   */
  boolean remember(NodeId node, String nonce, Instant at);

  /**
   * Forgets nonces recorded with a time strictly before {@code cutoff} (messages that old are
   * refused by the freshness window anyway).
   *
   * @return how many were forgotten
   */
  long purgeBefore(Instant cutoff);
}
