package dev.proofofcompute.core.message;

import dev.proofofcompute.crypto.Bytes;
import dev.proofofcompute.crypto.VerificationException;
import dev.proofofcompute.crypto.identity.NodeId;
import dev.proofofcompute.crypto.identity.NodePublicKey;
import java.time.Instant;

/**
 * A request whose signature and freshness {@link RequestVerifier} has checked; only the verifier
 * makes these. Its nonce is not yet spent: the receiver calls {@link #spendNonce} in the same
 * transaction as the state change the request asks for (or before it), which refuses a replay.
 *
 * @param signer the key that signed; its id is the node id of the request
 * @param timestamp the signed timestamp
 * @param nonce the signed nonce
 * @param forgetAfter until when the nonce must be remembered (timestamp + freshness window)
 * @param signedBytes the exact canonical bytes the node signed ({@link RequestAuth#signingInput}),
 *     so that a transparency log can carry the request as evidence that the node asked for it
 * @param signature the node's Ed25519 signature over {@code signedBytes} (64 bytes)
 * @param body the request body as received, whose SHA-256 {@code signedBytes} binds
 */
public record AuthenticatedRequest(
    NodePublicKey signer,
    Instant timestamp,
    Bytes nonce,
    Instant forgetAfter,
    Bytes signedBytes,
    Bytes signature,
    Bytes body) {

  public NodeId nodeId() {
    return signer.nodeId();
  }

  /**
   * Records the nonce in {@code registry}.
   *
   * @throws VerificationException if the nonce was seen before: the request is a replay
   */
  public void spendNonce(NonceRegistry registry, Instant now) throws VerificationException {
    if (!registry.remember(nodeId(), nonce, forgetAfter, now)) {
      throw new VerificationException("replayed request: nonce already used");
    }
  }
}
