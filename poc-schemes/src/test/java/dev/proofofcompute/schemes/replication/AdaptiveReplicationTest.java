package dev.proofofcompute.schemes.replication;

import static org.assertj.core.api.Assertions.assertThat;

import dev.proofofcompute.crypto.random.RandomSource;
import dev.proofofcompute.schemes.economics.CheatingEconomics;
import dev.proofofcompute.schemes.replication.AdaptiveReplication.Decision;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class AdaptiveReplicationTest {
  private static final int TRIALS = 20_000;

  @Test
  void belowTheThresholdEveryTaskIsReplicatedWithoutDrawingRandomness() {
    AdaptiveReplication ar = AdaptiveReplication.of(AdaptiveSettings.boinc(0.01));
    for (long cv = 0; cv < AdaptiveSettings.BOINC_TRUST_THRESHOLD; cv++) {
      Reputation r = new Reputation(cv);
      assertThat(ar.checkProbability(r)).isEqualTo(1.0);
      RandomSource used = RandomSource.seeded(cv);
      assertThat(ar.decide(r, used)).isEqualTo(Decision.REPLICATE);
      assertThat(used.nextLong()).isEqualTo(RandomSource.seeded(cv).nextLong());
    }
  }

  @Test
  void aboveTheThresholdTheCheckProbabilityIsOneOverCvButNeverBelowTheFloor() {
    AdaptiveReplication ar = AdaptiveReplication.of(AdaptiveSettings.boinc(0.01));
    assertThat(ar.checkProbability(new Reputation(10))).isEqualTo(1.0 / 10);
    assertThat(ar.checkProbability(new Reputation(64))).isEqualTo(1.0 / 64);
    assertThat(ar.checkProbability(new Reputation(100))).isEqualTo(0.01);
    assertThat(ar.checkProbability(new Reputation(101))).isEqualTo(0.01);
    assertThat(ar.checkProbability(new Reputation(Long.MAX_VALUE))).isEqualTo(0.01);
  }

  @Test
  void alwaysReplicateNeverTrusts() {
    AdaptiveReplication ar = AdaptiveReplication.of(AdaptiveSettings.alwaysReplicate());
    RandomSource random = RandomSource.seeded(5);
    for (long cv : new long[] {0, 1, 10, 1_000_000, Long.MAX_VALUE}) {
      assertThat(ar.checkProbability(new Reputation(cv))).isEqualTo(1.0);
      assertThat(ar.decide(new Reputation(cv), random)).isEqualTo(Decision.REPLICATE);
    }
    assertThat(AdaptiveSettings.alwaysReplicate().trustPossible()).isFalse();
    assertThat(AdaptiveSettings.boinc(0.5).trustPossible()).isTrue();
  }

  @Test
  void theCheckProbabilityAgreesWithTheEconomicsCalculator() {
    for (int threshold : new int[] {1, 5, 10, 50}) {
      for (double floor : new double[] {0.001, 0.02, 0.1, 0.5, 1.0}) {
        AdaptiveReplication ar = AdaptiveReplication.of(new AdaptiveSettings(threshold, floor));
        for (long cv : new long[] {0, 1, 4, 9, 10, 11, 49, 50, 51, 999, 1_000_000}) {
          assertThat(ar.checkProbability(new Reputation(cv)))
              .as("threshold %d floor %s CV %d", threshold, floor, cv)
              .isEqualTo(CheatingEconomics.adaptiveCheckProbability(cv, threshold, floor));
        }
      }
    }
  }

  /**
   * The empirical replication rate over {@value #TRIALS} seeded draws lies in the exact two-sided
   * 99% binomial interval of the theoretical probability max(1/CV, floor).
   */
  @ParameterizedTest(name = "CV={0} floor={1} seed={2}")
  @CsvSource({
    "10, 0.01, 101", // p = 1/10
    "25, 0.01, 102", // p = 1/25
    "1000, 0.01, 103", // p = floor
    "40, 0.05, 104", // 1/40 < floor: p = floor
    "12, 0.001, 105", // p = 1/12
  })
  void theEmpiricalCheckRateIsInsideThe99PercentBinomialInterval(long cv, double floor, long seed) {
    AdaptiveReplication ar = AdaptiveReplication.of(AdaptiveSettings.boinc(floor));
    Reputation r = new Reputation(cv);
    double p = ar.checkProbability(r);
    assertThat(p).isEqualTo(Math.max(1.0 / cv, floor));
    RandomSource random = RandomSource.seeded(seed);
    int replicated = 0;
    for (int i = 0; i < TRIALS; i++) {
      if (ar.decide(r, random) == Decision.REPLICATE) {
        replicated++;
      }
    }
    int[] interval = binomialInterval(TRIALS, p, 0.01);
    assertThat(replicated)
        .as(
            "seed %d: %d of %d replicated, 99%% interval %d..%d",
            seed, replicated, TRIALS, interval[0], interval[1])
        .isBetween(interval[0], interval[1]);
  }

  @Test
  void theBinomialIntervalHelperMatchesTheNormalApproximation() {
    // Guards the helper: for n = 20000, p = 0.1 the 99% interval is about 2000 ± 2.576·sqrt(1800).
    int[] i = binomialInterval(20_000, 0.1, 0.01);
    assertThat(i[0]).isBetween(1888, 1893);
    assertThat(i[1]).isBetween(2108, 2112);
  }

  /**
   * The exact two-sided interval [lo, hi] of Binomial(n, p) with at most alpha/2 mass below lo and
   * at most alpha/2 above hi; pmf by the recurrence in log space.
   */
  static int[] binomialInterval(int n, double p, double alpha) {
    double logRatio = Math.log(p) - Math.log1p(-p);
    double logPmf = n * Math.log1p(-p);
    double cdf = 0;
    int lo = -1;
    int hi = n;
    for (int k = 0; k <= n; k++) {
      cdf += Math.exp(logPmf);
      if (lo < 0 && cdf > alpha / 2) {
        lo = k;
      }
      if (cdf >= 1 - alpha / 2) {
        hi = k;
        break;
      }
      logPmf += Math.log((double) (n - k) / (k + 1)) + logRatio;
    }
    return new int[] {lo, hi};
  }
}
