package dev.proofofcompute.core.message;

import dev.proofofcompute.crypto.Bytes;
import dev.proofofcompute.crypto.identity.NodeId;
import java.time.Instant;

/**
 * Remembers the nonces of accepted requests, so that a replayed request is refused. A coordinator
 * backs it with its shared database (one registry for every coordinator process on the same
 * database, so that a request replayed to another process is refused too); {@link #inMemory} backs
 * it with a {@link ReplayGuard} for single-process use and tests.
 *
 * <p>Contract: {@link #remember} atomically checks and records the pair (node, nonce); it returns
 * {@code true} only the first time a pair is offered while it is remembered. A pair may be
 * forgotten after {@code forgetAfter}, since the freshness check refuses such a request anyway.
 */
@FunctionalInterface
public interface NonceRegistry {
  /**
   * Records {@code nonce} of {@code node}, to be kept at least until {@code forgetAfter}.
   *
   * @return {@code true} if the pair was new, {@code false} if it was seen before (a replay)
   * @throws IllegalStateException when the registry cannot take more entries (fail closed)
   */
  boolean remember(NodeId node, Bytes nonce, Instant forgetAfter, Instant now);

  /** A registry kept in {@code guard} (process memory: lost on restart). */
  static NonceRegistry inMemory(ReplayGuard guard) {
    return (node, nonce, forgetAfter, now) ->
        switch (guard.record(node, nonce, forgetAfter, now)) {
          case FRESH -> true;
          case REPLAYED -> false;
          case FULL ->
              throw new IllegalStateException(
                  "too many requests in the replay window; retry later");
        };
  }
}
