package dev.proofofcompute.core.message;

import dev.proofofcompute.crypto.Bytes;
import dev.proofofcompute.crypto.cbor.CborMap;
import dev.proofofcompute.crypto.identity.NodeId;
import dev.proofofcompute.crypto.identity.NodePublicKey;
import java.time.Instant;

/**
 * A message whose signature, type, freshness and nonce {@link MessageVerifier} has checked. Only a
 * verifier makes these, so holding one means the checks passed.
 */
public record VerifiedMessage(
    NodePublicKey signer, String type, Instant timestamp, Bytes nonce, CborMap payload) {
  public NodeId signerId() {
    return signer.nodeId();
  }
}
