package dev.proofofcompute.schemes.bisection;

import dev.proofofcompute.crypto.Digest;
import dev.proofofcompute.crypto.VerificationException;
import dev.proofofcompute.crypto.identity.NodeId;
import dev.proofofcompute.crypto.merkle.MerkleHashes;
import dev.proofofcompute.crypto.merkle.MerkleTree;
import dev.proofofcompute.crypto.merkle.MerkleVerifier;
import java.util.ArrayList;
import java.util.List;

/**
 * The Merkle tree over a run's checkpoint state hashes: leaf {@code i} is the RFC 6962 leaf hash
 * {@code SHA-256(0x00 || h_{c_i})} of the state hash at checkpoint {@code i}, and the tree is the
 * RFC 9162 §2.1.1 tree over the {@code n + 1} leaves. The leaf position is bound by the inclusion
 * proof (index and tree size), so a leaf carries only the hash.
 *
 * <p>This is the prover side of a commitment: an honest party builds it from the states it
 * computed, an adversary from whatever hashes it likes; either way the openings it hands out are
 * checked against the root by {@link #verifyOpening}.
 */
public final class CheckpointTree {
  private final int steps;
  private final List<Digest> stateHashes;
  private final MerkleTree tree;

  private CheckpointTree(int steps, List<Digest> stateHashes, MerkleTree tree) {
    this.steps = steps;
    this.stateHashes = stateHashes;
    this.tree = tree;
  }

  /**
   * The tree over {@code stateHashes}, one per checkpoint of a run of {@code steps} steps.
   *
   * @throws IllegalArgumentException unless there is exactly one hash per checkpoint
   */
  public static CheckpointTree of(
      int steps, BisectionParameters parameters, List<Digest> stateHashes) {
    int checkpoints = parameters.intervals(steps) + 1;
    if (stateHashes.size() != checkpoints) {
      throw new IllegalArgumentException(
          "a run of "
              + steps
              + " steps with checkpoint interval "
              + parameters.checkpointInterval()
              + " has "
              + checkpoints
              + " checkpoints, got "
              + stateHashes.size()
              + " hashes");
    }
    List<Digest> copy = List.copyOf(stateHashes);
    List<Digest> leaves = new ArrayList<>(copy.size());
    for (Digest h : copy) {
      leaves.add(leafHash(h));
    }
    return new CheckpointTree(steps, copy, MerkleTree.ofLeafHashes(leaves));
  }

  /** The Merkle leaf hash of a checkpoint: {@code SHA-256(0x00 || stateHash)}. */
  public static Digest leafHash(Digest stateHash) {
    return MerkleHashes.leafHash(stateHash.toBytes());
  }

  public int steps() {
    return steps;
  }

  /** The number of checkpoints, {@code n + 1}. */
  public int checkpoints() {
    return stateHashes.size();
  }

  public Digest root() {
    return tree.root();
  }

  public Digest stateHash(int checkpoint) {
    return stateHashes.get(checkpoint);
  }

  /** All checkpoint state hashes, checkpoint 0 first. */
  public List<Digest> stateHashes() {
    return stateHashes;
  }

  /** The opening of {@code checkpoint}: its state hash and inclusion proof. */
  public CheckpointOpening open(int checkpoint) {
    return new CheckpointOpening(
        checkpoint, stateHashes.get(checkpoint), tree.inclusionProof(checkpoint));
  }

  /** The commitment to this tree by {@code partyId} for task {@code taskId}. */
  public StateCommitment commitment(Digest taskId, NodeId partyId) {
    return new StateCommitment(taskId, partyId, steps, root());
  }

  /**
   * Checks that {@code opening} opens checkpoint {@code checkpoint} of a tree of {@code
   * checkpoints} leaves under the root of {@code commitment}.
   *
   * @throws VerificationException when the opening is for another checkpoint or its proof fails
   */
  public static void verifyOpening(
      StateCommitment commitment, int checkpoints, int checkpoint, CheckpointOpening opening)
      throws VerificationException {
    try {
      if (opening.checkpoint() != checkpoint) {
        throw new VerificationException(
            "opening is for checkpoint " + opening.checkpoint() + ", asked for " + checkpoint);
      }
      MerkleVerifier.verifyInclusion(
          leafHash(opening.stateHash()),
          checkpoint,
          checkpoints,
          commitment.root(),
          opening.proof());
    } catch (RuntimeException e) {
      throw new VerificationException("checkpoint opening: unexpected error " + e, e);
    }
  }
}
