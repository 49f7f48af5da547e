package dev.proofofcompute.schemes.bisection;

import dev.proofofcompute.crypto.Digest;
import dev.proofofcompute.crypto.identity.NodeId;

/**
 * A party's commitment to a run of a stepped workload: the RFC 9162 Merkle root over its checkpoint
 * state hashes {@code h_{c_0}, .., h_{c_n}} (see {@link BisectionParameters} for the checkpoints
 * and {@link CheckpointTree} for the leaves). Every later opening of a checkpoint is checked
 * against this root, so a party cannot change its story once the dispute or audit has begun.
 *
 * @param taskId the task the run belongs to
 * @param partyId the committing party (provider, replica or challenger)
 * @param steps the number of steps T of the run, at least 1
 * @param root the Merkle root over the checkpoint state hashes
 */
public record StateCommitment(Digest taskId, NodeId partyId, int steps, Digest root) {
  public StateCommitment {
    if (steps < 1) {
      throw new IllegalArgumentException("a run has at least one step, got " + steps);
    }
  }
}
