package dev.proofofcompute.schemes.spotcheck.adversary;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.proofofcompute.core.scheme.PolicyException;
import dev.proofofcompute.core.scheme.Verdict;
import dev.proofofcompute.crypto.random.RandomSource;
import dev.proofofcompute.schemes.spotcheck.BinomialInterval;
import dev.proofofcompute.schemes.spotcheck.CanarySet;
import dev.proofofcompute.schemes.spotcheck.LongItemsWorkload;
import dev.proofofcompute.schemes.spotcheck.LongItemsWorkload.Batch;
import dev.proofofcompute.schemes.spotcheck.LongItemsWorkload.Results;
import dev.proofofcompute.schemes.spotcheck.SpotCheckParameters;
import dev.proofofcompute.schemes.spotcheck.SpotCheckRun;
import dev.proofofcompute.schemes.spotcheck.SpotCheckValidator;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class LazyProviderTest {
  private static final int RUNS = 2000;
  private final LongItemsWorkload workload = LongItemsWorkload.create();

  /** Issue 3: f = 10% faked, samples sized for 99.9% detection by the exact formula. */
  @Test
  void detectionMatchesTheExactTheoryAtThreeNinesSeeds1To2000() throws Exception {
    SpotCheckParameters p = SpotCheckParameters.forTarget(80, 0.1, 0.999, 4);
    assertThat(p.detectionProbability(80, SpotCheckParameters.fakedItems(84, 0.1)))
        .isGreaterThanOrEqualTo(0.999);
    checkAgainstTheory(p, 80, 0.1, 1);
  }

  /** A weaker policy, where the interval is tight enough to tell a wrong formula apart. */
  @Test
  void detectionMatchesTheExactTheoryForFewSamplesSeeds10001To12000() throws Exception {
    checkAgainstTheory(new SpotCheckParameters(8, 2), 80, 0.1, 10_001);
  }

  @Test
  void refusesAFractionOutsideZeroToOneAndAWorkloadWithoutItems() {
    for (double bad : new double[] {0.0, -0.5, 1.5, Double.NaN}) {
      assertThatThrownBy(() -> LazyProvider.create(workload, bad, RandomSource.seeded(1)))
          .isInstanceOf(IllegalArgumentException.class);
    }
    assertThatThrownBy(() ->
            LazyProvider.create(LongItemsWorkload.withoutItems(), 0.1, RandomSource.seeded(1)))
        .isInstanceOf(PolicyException.class);
  }

  private void checkAgainstTheory(SpotCheckParameters p, int n, double f, long firstSeed)
      throws Exception {
    SpotCheckValidator<Batch, Results> validator = SpotCheckValidator.create(workload, p);
    LazyProvider<Batch, Results> lazy =
        LazyProvider.create(workload, f, RandomSource.seeded(~firstSeed));
    long faked = SpotCheckParameters.fakedItems(p.batchSize(n), f);
    List<String> wrong = new ArrayList<>();
    int caught = 0;
    for (long seed = firstSeed; seed < firstSeed + RUNS; seed++) {
      RandomSource random = RandomSource.seeded(-seed);
      Batch requester = LongItemsWorkload.randomBatch(n, random);
      CanarySet canaries = SpotCheckRun.canaries(workload, requester, p.canaries(), random);
      SpotCheckRun run = SpotCheckRun.run(validator, lazy, requester, canaries, seed);
      if (run.round().faked().size() != faked) {
        wrong.add("seed " + seed + ": faked " + run.round().faked().size());
      }
      // Against the ground truth: rejected exactly when a faked position was opened.
      boolean rejected = run.verdict() instanceof Verdict.Rejected;
      if (rejected == run.missedEveryFake()) {
        wrong.add("seed " + seed + ": " + run.verdict());
      }
      if (run.verdict() instanceof Verdict.Rejected r
          && r.reason() != Verdict.Reason.WRONG_RESULT
          && r.reason() != Verdict.Reason.CANARY_FAILED) {
        wrong.add("seed " + seed + ": reason " + r.reason());
      }
      caught += rejected ? 1 : 0;
    }
    assertThat(wrong).isEmpty();
    double theory = p.detectionProbability(n, faked);
    BinomialInterval interval = BinomialInterval.wilson99(caught, RUNS);
    assertThat(interval.contains(theory))
        .as(
            "seeds %d..%d: caught %d of %d, 99%% interval %s, theory %.6f",
            firstSeed, firstSeed + RUNS - 1, caught, RUNS, interval, theory)
        .isTrue();
  }
}
