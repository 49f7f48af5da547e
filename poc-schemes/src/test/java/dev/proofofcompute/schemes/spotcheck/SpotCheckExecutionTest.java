package dev.proofofcompute.schemes.spotcheck;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.proofofcompute.crypto.Bytes;
import dev.proofofcompute.crypto.Digest;
import dev.proofofcompute.crypto.VerificationException;
import dev.proofofcompute.crypto.merkle.MerkleHashes;
import dev.proofofcompute.crypto.merkle.MerkleTree;
import dev.proofofcompute.crypto.merkle.MerkleVerifier;
import dev.proofofcompute.crypto.random.RandomSource;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class SpotCheckExecutionTest {
  private final RandomSource random = RandomSource.seeded(21);
  private final Digest taskId = Digest.sha256(new byte[] {21});
  private final Bytes seed = random.nextBytes(32);
  private final SpotCheckTask<String> task =
      new SpotCheckTask<>(taskId, "batch", 9, ChallengeDerivation.seedCommitment(taskId, seed));
  private final List<Bytes> outputs = outputs(9);
  private final SpotCheckExecution execution = SpotCheckExecution.commitTo(task, outputs);

  @Test
  void commitsToTheRfc9162RootOfTheOutputsInBatchOrder() {
    assertThat(execution.commitment())
        .isEqualTo(new SpotCheckCommitment(taskId, MerkleTree.ofLeaves(outputs).root(), 9));
    assertThat(execution.outputs()).isEqualTo(outputs);
    assertThatThrownBy(() -> SpotCheckExecution.commitTo(task, outputs(8)))
        .isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void opensTheChallengedItemsWithAProofAgainstTheRoot() throws Exception {
    SpotCheckChallenge challenge = new SpotCheckChallenge(taskId, seed, List.of(0L, 4L, 8L));
    SpotCheckOpening opening = execution.open(challenge);
    assertThat(opening.outputs()).containsExactly(outputs.get(0), outputs.get(4), outputs.get(8));
    List<Digest> leafHashes = opening.outputs().stream().map(MerkleHashes::leafHash).toList();
    MerkleVerifier.verifyMulti(
        challenge.indices(), leafHashes, 9, execution.commitment().root(), opening.proof());
  }

  @Test
  void refusesAChallengeOfAnotherTaskAWrongSeedOrAnOutOfRangeIndex() {
    Digest otherTask = Digest.sha256(new byte[] {22});
    assertThatThrownBy(() -> execution.open(new SpotCheckChallenge(otherTask, seed, List.of(1L))))
        .isInstanceOf(VerificationException.class)
        .hasMessageContaining("task");
    Bytes otherSeed = random.nextBytes(32);
    assertThatThrownBy(() -> execution.open(new SpotCheckChallenge(taskId, otherSeed, List.of(1L))))
        .isInstanceOf(VerificationException.class)
        .hasMessageContaining("seed");
    assertThatThrownBy(() -> execution.open(new SpotCheckChallenge(taskId, seed, List.of(1L, 9L))))
        .isInstanceOf(VerificationException.class)
        .hasMessageContaining("item 9");
  }

  private List<Bytes> outputs(int n) {
    List<Bytes> out = new ArrayList<>();
    for (int i = 0; i < n; i++) {
      out.add(random.nextBytes(i % 4));
    }
    return out;
  }
}
