package dev.proofofcompute.schemes.spotcheck;

import dev.proofofcompute.crypto.Bytes;
import dev.proofofcompute.crypto.Digest;
import dev.proofofcompute.crypto.VerificationException;
import dev.proofofcompute.crypto.merkle.MerkleTree;
import dev.proofofcompute.crypto.merkle.MultiProof;
import java.util.ArrayList;
import java.util.List;

/**
 * The provider's side of one spot-check after it has produced its per-item outputs: the Merkle tree
 * over them, the commitment it sends, and the openings it gives for a challenge. The outputs need
 * not be honest — {@link #commitTo} commits to whatever it is given, which is how the adversaries
 * build their commitments — but the openings it produces are always consistent with the commitment.
 */
public final class SpotCheckExecution {
  private final Digest taskId;
  private final Digest seedCommitment;
  private final List<Bytes> outputs;
  private final MerkleTree tree;
  private final SpotCheckCommitment commitment;

  private SpotCheckExecution(Digest taskId, Digest seedCommitment, List<Bytes> outputs) {
    this.taskId = taskId;
    this.seedCommitment = seedCommitment;
    this.outputs = outputs;
    this.tree = MerkleTree.ofLeaves(outputs);
    this.commitment = new SpotCheckCommitment(taskId, tree.root(), outputs.size());
  }

  /**
   * Commits to {@code outputs} as the per-item outputs of {@code task}'s batch, in batch order.
   *
   * @throws IllegalArgumentException if there is not exactly one output per item of the batch
   */
  public static SpotCheckExecution commitTo(SpotCheckTask<?> task, List<Bytes> outputs) {
    if (outputs.size() != task.itemCount()) {
      throw new IllegalArgumentException(
          outputs.size() + " outputs for a batch of " + task.itemCount() + " items");
    }
    return new SpotCheckExecution(task.taskId(), task.seedCommitment(), List.copyOf(outputs));
  }

  public SpotCheckCommitment commitment() {
    return commitment;
  }

  /** The committed outputs, in batch order: delivered in full once the task is accepted. */
  public List<Bytes> outputs() {
    return outputs;
  }

  /**
   * The opening for {@code challenge}, after checking that the challenge is for this task, that its
   * seed opens the validator's seed commitment, and that every index is in the batch. (Which of the
   * indices are samples and which canaries only the validator knows; an auditor checks that.)
   *
   * @throws VerificationException when the challenge fails one of those checks
   */
  public SpotCheckOpening open(SpotCheckChallenge challenge) throws VerificationException {
    if (!challenge.taskId().equals(taskId)) {
      throw new VerificationException("challenge is for task " + challenge.taskId());
    }
    ChallengeDerivation.verifySeed(taskId, challenge.seed(), seedCommitment);
    List<Long> indices = challenge.indices();
    long last = indices.get(indices.size() - 1);
    if (last >= outputs.size()) {
      throw new VerificationException(
          "challenge opens item " + last + " of a batch of " + outputs.size());
    }
    return openAt(indices);
  }

  /**
   * The opening of the items at {@code indices} (strictly increasing, in range), whatever was
   * challenged: for adversaries that answer a different question.
   */
  public SpotCheckOpening openAt(List<Long> indices) {
    MultiProof proof = tree.multiProof(indices);
    List<Bytes> opened = new ArrayList<>(indices.size());
    for (long index : indices) {
      opened.add(outputs.get((int) index));
    }
    return new SpotCheckOpening(taskId, opened, proof);
  }

  @Override
  public String toString() {
    return "SpotCheckExecution[" + commitment + "]";
  }
}
