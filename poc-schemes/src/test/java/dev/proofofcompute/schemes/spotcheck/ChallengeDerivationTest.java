package dev.proofofcompute.schemes.spotcheck;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.proofofcompute.crypto.Bytes;
import dev.proofofcompute.crypto.Digest;
import dev.proofofcompute.crypto.VerificationException;
import dev.proofofcompute.crypto.random.RandomSource;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

class ChallengeDerivationTest {
  private final Digest task = Digest.sha256(new byte[] {7});

  @Test
  void opensEveryCanaryAndExactlySDistinctRequesterItems() {
    for (long seed = 1; seed <= 200; seed++) {
      RandomSource random = RandomSource.seeded(seed);
      int n = 5 + (int) (seed % 50);
      int c = (int) (seed % 5);
      int samples = (int) (seed % n) + (c == 0 ? 1 : 0); // at most n, and s + c >= 1
      SpotCheckParameters p = new SpotCheckParameters(samples, c);
      BatchLayout layout = BatchLayout.random(n, c, random);
      Bytes s = random.nextBytes(32);
      SpotCheckChallenge ch =
          ChallengeDerivation.derive(
              ChallengeDerivation.seedCommitment(task, s), s, p, layout, commitment(random, n + c));
      List<Long> indices = ch.indices();
      assertThat(indices).as("seed %d", seed).hasSize(p.opened()).isSorted();
      assertThat(indices).containsAll(layout.canaryPositions());
      assertThat(indices.stream().filter(i -> !layout.isCanary((int) (long) i)).count())
          .isEqualTo(p.samples());
      assertThat(ch.seed()).isEqualTo(s);
      assertThat(ch.taskId()).isEqualTo(task);
    }
  }

  @Test
  void anAuditorWithTheDisclosedLayoutAndSeedReDerivesTheChallengeSeed11() {
    RandomSource random = RandomSource.seeded(11);
    BatchLayout layout = BatchLayout.random(100, 4, random);
    Bytes seed = random.nextBytes(32);
    Digest seedCommitment = ChallengeDerivation.seedCommitment(task, seed);
    SpotCheckParameters p = new SpotCheckParameters(12, 4);
    SpotCheckCommitment commitment = commitment(random, 104);
    SpotCheckChallenge sent =
        ChallengeDerivation.derive(seedCommitment, seed, p, layout, commitment);

    BatchLayout disclosed = BatchLayout.of(100, 4, layout.sources());
    assertThat(ChallengeDerivation.derive(seedCommitment, sent.seed(), p, disclosed, commitment))
        .isEqualTo(sent);
  }

  @Test
  void theChallengeDependsOnTheCommittedRootSeed12() {
    RandomSource random = RandomSource.seeded(12);
    BatchLayout layout = BatchLayout.random(1000, 0, random);
    Bytes seed = random.nextBytes(32);
    Digest seedCommitment = ChallengeDerivation.seedCommitment(task, seed);
    SpotCheckParameters p = new SpotCheckParameters(20, 0);
    SpotCheckChallenge a =
        ChallengeDerivation.derive(seedCommitment, seed, p, layout, commitment(random, 1000));
    SpotCheckChallenge b =
        ChallengeDerivation.derive(seedCommitment, seed, p, layout, commitment(random, 1000));
    // Two roots select the same 20 of 1000 items with probability 1 / C(1000, 20) < 2^-130.
    assertThat(a.indices()).isNotEqualTo(b.indices());
  }

  /** Every requester item is sampled equally often: chi-square with 19 degrees of freedom. */
  @Test
  void samplesAreUniformOverRequesterItemsSeed13() {
    RandomSource random = RandomSource.seeded(13);
    BatchLayout layout = BatchLayout.random(20, 3, random);
    SpotCheckParameters p = new SpotCheckParameters(5, 3);
    int[] counts = new int[20];
    int runs = 4000;
    for (int r = 0; r < runs; r++) {
      Bytes seed = random.nextBytes(32);
      SpotCheckChallenge ch =
          ChallengeDerivation.derive(
              ChallengeDerivation.seedCommitment(task, seed),
              seed,
              p,
              layout,
              commitment(random, 23));
      for (long position : ch.indices()) {
        int source = layout.sourceAt((int) position);
        if (source < 20) {
          counts[source]++;
        }
      }
    }
    double expected = runs * 5 / 20.0;
    double chi2 = 0;
    for (int count : counts) {
      chi2 += (count - expected) * (count - expected) / expected;
    }
    assertThat(chi2).as("seed 13").isLessThan(43.82); // 99.9% quantile, 19 degrees of freedom
  }

  @Test
  void theSeedMustOpenItsCommitment() throws Exception {
    Bytes seed = RandomSource.seeded(14).nextBytes(32);
    Digest commitment = ChallengeDerivation.seedCommitment(task, seed);
    ChallengeDerivation.verifySeed(task, seed, commitment);
    Bytes other = RandomSource.seeded(15).nextBytes(32);
    assertThatThrownBy(() -> ChallengeDerivation.verifySeed(task, other, commitment))
        .isInstanceOf(VerificationException.class);
    Digest otherTask = Digest.sha256(new byte[] {8});
    assertThatThrownBy(() -> ChallengeDerivation.verifySeed(otherTask, seed, commitment))
        .isInstanceOf(VerificationException.class);
    assertThatThrownBy(() -> ChallengeDerivation.verifySeed(task, seed.slice(0, 31), commitment))
        .isInstanceOf(VerificationException.class);
  }

  @Test
  void refusesALayoutThatDoesNotFitTheParameters() {
    RandomSource random = RandomSource.seeded(16);
    Bytes seed = random.nextBytes(32);
    Digest sc = ChallengeDerivation.seedCommitment(task, seed);
    BatchLayout layout = BatchLayout.random(10, 2, random);
    assertThatThrownBy(() ->
            ChallengeDerivation.derive(
                sc, seed, new SpotCheckParameters(3, 1), layout, commitment(random, 12)))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() ->
            ChallengeDerivation.derive(
                sc, seed, new SpotCheckParameters(11, 2), layout, commitment(random, 12)))
        .isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void distinctSeedsGiveDistinctCommitments() {
    Set<Digest> seen = new HashSet<>();
    RandomSource random = RandomSource.seeded(17);
    for (int i = 0; i < 100; i++) {
      seen.add(ChallengeDerivation.seedCommitment(task, random.nextBytes(32)));
    }
    assertThat(seen).hasSize(100);
  }

  private SpotCheckCommitment commitment(RandomSource random, int items) {
    return new SpotCheckCommitment(task, Digest.of(random.nextBytes(32)), items);
  }
}
