package dev.proofofcompute.schemes.bisection;

import dev.proofofcompute.crypto.Digest;
import dev.proofofcompute.crypto.merkle.InclusionProof;

/**
 * A party's claim that its committed state hash at {@code checkpoint} is {@code stateHash}, with
 * the inclusion proof of that leaf under the party's committed root.
 */
public record CheckpointOpening(int checkpoint, Digest stateHash, InclusionProof proof) {
  public CheckpointOpening {
    if (checkpoint < 0) {
      throw new IllegalArgumentException("negative checkpoint " + checkpoint);
    }
  }
}
