package dev.proofofcompute.schemes.spotcheck.adversary;

import dev.proofofcompute.crypto.Bytes;
import dev.proofofcompute.crypto.random.RandomSource;
import dev.proofofcompute.schemes.spotcheck.BatchLayout;
import dev.proofofcompute.schemes.spotcheck.ChallengeDerivation;
import dev.proofofcompute.schemes.spotcheck.SpotCheckCommitment;
import dev.proofofcompute.schemes.spotcheck.SpotCheckParameters;
import dev.proofofcompute.schemes.spotcheck.SpotCheckTask;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * A grinder's guess of which positions a commitment will get opened, before it sends the
 * commitment.
 */
@FunctionalInterface
public interface ChallengePredictor {
  /** The positions the provider expects to be challenged if it commits to {@code commitment}. */
  Set<Long> predict(SpotCheckTask<?> task, SpotCheckCommitment commitment);

  /**
   * The best a provider can do against the interactive spot-check, where the seed stays hidden
   * behind its commitment until the provider's commitment is in: guess a seed (a fresh one from
   * {@code random} per prediction) and derive {@code samples} positions from it as if the batch had
   * no canaries.
   */
  static ChallengePredictor guessing(int samples, RandomSource random) {
    return (task, commitment) -> {
      int m = task.itemCount();
      List<Integer> identity = new ArrayList<>(m);
      for (int p = 0; p < m; p++) {
        identity.add(p);
      }
      Bytes seed = random.nextBytes(ChallengeDerivation.SEED_LENGTH);
      return new HashSet<>(
          ChallengeDerivation.derive(
                  task.seedCommitment(),
                  seed,
                  new SpotCheckParameters(Math.min(samples, m), 0),
                  BatchLayout.of(m, 0, identity),
                  commitment)
              .indices());
    };
  }
}
