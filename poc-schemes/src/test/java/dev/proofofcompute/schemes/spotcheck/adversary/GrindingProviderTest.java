package dev.proofofcompute.schemes.spotcheck.adversary;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.proofofcompute.core.scheme.Verdict;
import dev.proofofcompute.crypto.Bytes;
import dev.proofofcompute.crypto.random.RandomSource;
import dev.proofofcompute.schemes.spotcheck.BinomialInterval;
import dev.proofofcompute.schemes.spotcheck.CanarySet;
import dev.proofofcompute.schemes.spotcheck.LongItemsWorkload;
import dev.proofofcompute.schemes.spotcheck.LongItemsWorkload.Batch;
import dev.proofofcompute.schemes.spotcheck.LongItemsWorkload.Results;
import dev.proofofcompute.schemes.spotcheck.PreparedTask;
import dev.proofofcompute.schemes.spotcheck.SpotCheckChallenge;
import dev.proofofcompute.schemes.spotcheck.SpotCheckParameters;
import dev.proofofcompute.schemes.spotcheck.SpotCheckRun;
import dev.proofofcompute.schemes.spotcheck.SpotCheckValidator;
import java.util.HashSet;
import java.util.Set;
import org.junit.jupiter.api.Test;

class GrindingProviderTest {
  private static final int N = 60;
  private static final double F = 0.1;
  private static final int ATTEMPTS = 8;
  private final LongItemsWorkload workload = LongItemsWorkload.create();
  private final SpotCheckParameters parameters = new SpotCheckParameters(4, 2);
  private final long faked = SpotCheckParameters.fakedItems(N + 2, F);
  private final double singleShotEscape = parameters.escapeProbability(N, faked);

  /**
   * Against the interactive scheme the grinder can only guess the seed: its escape rate is the
   * single-shot hypergeometric one, however often it re-rolls.
   */
  @Test
  void grindingGainsNothingWhenTheSeedIsRevealedAfterTheCommitmentSeeds1To1200() throws Exception {
    int runs = 1200;
    SpotCheckValidator<Batch, Results> validator = SpotCheckValidator.create(workload, parameters);
    GrindingProvider<Batch, Results> grinder =
        GrindingProvider.create(
            workload,
            F,
            ATTEMPTS,
            ChallengePredictor.guessing(parameters.opened(), RandomSource.seeded(-1)),
            RandomSource.seeded(-2));
    int escaped = 0;
    for (long seed = 1; seed <= runs; seed++) {
      RandomSource random = RandomSource.seeded(~seed);
      Batch requester = LongItemsWorkload.randomBatch(N, random);
      CanarySet canaries = SpotCheckRun.canaries(workload, requester, 2, random);
      SpotCheckRun run = SpotCheckRun.run(validator, grinder, requester, canaries, seed);
      assertThat(run.round().faked()).hasSize((int) faked);
      escaped += run.verdict() instanceof Verdict.Accepted ? 1 : 0;
    }
    BinomialInterval interval = BinomialInterval.wilson99(escaped, runs);
    assertThat(interval.contains(singleShotEscape))
        .as(
            "seeds 1..%d: escaped %d, 99%% interval %s, single-shot bound %.4f",
            runs, escaped, interval, singleShotEscape)
        .isTrue();
  }

  @Test
  void makesAtLeastOneAttempt() {
    ChallengePredictor none = (task, commitment) -> Set.of();
    assertThatThrownBy(() -> GrindingProvider.create(workload, F, 0, none, RandomSource.seeded(1)))
        .isInstanceOf(IllegalArgumentException.class);
  }

  /**
   * The attack is real: a grinder that could compute the challenge from its commitment (as with a
   * Fiat–Shamir challenge and no grinding margin) escapes with probability {@code 1 - (1 - q)^R}.
   */
  @Test
  void grindingWinsWhenTheChallengeIsPredictableSeeds5001To5300() throws Exception {
    int runs = 300;
    SpotCheckValidator<Batch, Results> validator = SpotCheckValidator.create(workload, parameters);
    RandomSource grinderRandom = RandomSource.seeded(-3);
    int escaped = 0;
    for (long seed = 5001; seed < 5001 + runs; seed++) {
      RandomSource random = RandomSource.seeded(~seed);
      Batch requester = LongItemsWorkload.randomBatch(N, random);
      CanarySet canaries = SpotCheckRun.canaries(workload, requester, 2, random);
      PreparedTask<Batch> prepared =
          validator.prepare(SpotCheckRun.taskId(seed), requester, canaries, random);
      ChallengePredictor oracle =
          (task, commitment) -> new HashSet<>(validator.challenge(prepared, commitment).indices());
      GrindingProvider<Batch, Results> grinder =
          GrindingProvider.create(workload, F, ATTEMPTS, oracle, grinderRandom);
      SpotCheckBehaviour.Round round = grinder.commit(prepared.task());
      SpotCheckChallenge challenge = validator.challenge(prepared, round.commitment());
      Bytes opening = round.answer(challenge);
      Verdict verdict = validator.verify(prepared, round.commitment(), opening);
      escaped += verdict instanceof Verdict.Accepted ? 1 : 0;
    }
    double theory = 1 - Math.pow(1 - singleShotEscape, ATTEMPTS);
    BinomialInterval interval = BinomialInterval.wilson99(escaped, runs);
    assertThat(interval.contains(theory))
        .as("escaped %d of %d, 99%% interval %s, theory %.4f", escaped, runs, interval, theory)
        .isTrue();
    assertThat(interval.low()).isGreaterThan(singleShotEscape);
  }
}
