package dev.proofofcompute.schemes.bisection;

import static dev.proofofcompute.schemes.bisection.Adversaries.HONEST;
import static dev.proofofcompute.schemes.bisection.Adversaries.TASK;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.proofofcompute.crypto.Bytes;
import dev.proofofcompute.crypto.Digest;
import dev.proofofcompute.crypto.VerificationException;
import dev.proofofcompute.crypto.merkle.InclusionProof;
import dev.proofofcompute.crypto.merkle.MerkleTree;
import dev.proofofcompute.crypto.random.RandomSource;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class CheckpointTreeTest {
  private static final BisectionParameters K3 = new BisectionParameters(3, 1, 0.5);

  private static List<Digest> randomHashes(int n, long seed) {
    RandomSource random = RandomSource.seeded(seed);
    List<Digest> out = new ArrayList<>();
    for (int i = 0; i < n; i++) {
      out.add(Digest.of(random.nextBytes(32)));
    }
    return out;
  }

  @Test
  void theRootIsTheRfc6962RootOverTheStateHashesAsLeaves() {
    // Reference: MerkleTree.ofLeaves hashes each 32-byte state hash as an RFC 6962 leaf itself.
    for (int steps : new int[] {1, 2, 3, 10, 31, 100}) {
      List<Digest> hashes = randomHashes(K3.intervals(steps) + 1, steps);
      CheckpointTree tree = CheckpointTree.of(steps, K3, hashes);
      List<Bytes> leaves = hashes.stream().map(Digest::toBytes).toList();
      assertThat(tree.root()).as("seed %d", steps).isEqualTo(MerkleTree.ofLeaves(leaves).root());
      assertThat(tree.commitment(TASK, HONEST))
          .isEqualTo(new StateCommitment(TASK, HONEST, steps, tree.root()));
    }
  }

  @Test
  void aTreeNeedsOneHashPerCheckpoint() {
    assertThatThrownBy(() -> CheckpointTree.of(10, K3, randomHashes(4, 1)))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("has 5 checkpoints, got 4");
  }

  @Test
  void everyTamperedOpeningIsRejected() throws VerificationException {
    int steps = 30;
    CheckpointTree tree = CheckpointTree.of(steps, K3, randomHashes(11, 7));
    StateCommitment c = tree.commitment(TASK, HONEST);
    List<String> accepted = new ArrayList<>();
    for (int i = 0; i < 11; i++) {
      CheckpointOpening good = tree.open(i);
      CheckpointTree.verifyOpening(c, 11, i, good);
      InclusionProof p = good.proof();
      List<CheckpointOpening> bad = new ArrayList<>();
      bad.add(new CheckpointOpening(i, Adversaries.flip(good.stateHash()), p));
      bad.add(new CheckpointOpening(i, tree.stateHash((i + 1) % 11), p));
      for (int j = 0; j < p.path().size(); j++) {
        List<Digest> path = new ArrayList<>(p.path());
        path.set(j, Adversaries.flip(path.get(j)));
        bad.add(new CheckpointOpening(i, good.stateHash(), new InclusionProof(i, 11, path)));
      }
      bad.add(new CheckpointOpening(i, good.stateHash(), new InclusionProof(i, 12, p.path())));
      for (CheckpointOpening b : bad) {
        try {
          CheckpointTree.verifyOpening(c, 11, i, b);
          accepted.add("checkpoint " + i + ": " + b);
        } catch (VerificationException expected) {
          // rejected, as it must be
        }
      }
      // A valid opening of another checkpoint is no answer for this one.
      int other = (i + 1) % 11;
      assertThatThrownBy(() -> CheckpointTree.verifyOpening(c, 11, other, good))
          .isInstanceOf(VerificationException.class);
      // The tree size is the verifier's, not the proof's.
      int index = i;
      assertThatThrownBy(() -> CheckpointTree.verifyOpening(c, 12, index, good))
          .isInstanceOf(VerificationException.class);
    }
    assertThat(accepted).isEmpty();
  }
}
