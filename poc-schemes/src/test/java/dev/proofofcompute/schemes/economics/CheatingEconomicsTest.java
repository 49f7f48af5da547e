package dev.proofofcompute.schemes.economics;

import static dev.proofofcompute.schemes.economics.CheatingEconomics.Market;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import dev.proofofcompute.crypto.money.Amount;
import java.util.ArrayList;
import java.util.List;
import java.util.OptionalInt;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class CheatingEconomicsTest {
  private static final long CREDIT = 1_000_000L;

  /** Counts s-subsets of {0..n-1} (bitmasks) that avoid {@code marked}. */
  private static double bruteMiss(int n, long marked, int s, long universe) {
    long hits = 0;
    long total = 0;
    for (long mask = 0; mask < (1L << n); mask++) {
      if ((mask & ~universe) != 0 || Long.bitCount(mask) != s) {
        continue;
      }
      total++;
      if ((mask & marked) == 0) {
        hits++;
      }
    }
    return (double) hits / total;
  }

  @Test
  void hypergeometricEscapeMatchesBruteForceEnumeration() {
    List<String> wrong = new ArrayList<>();
    for (int n = 1; n <= 12; n++) {
      long all = (1L << n) - 1;
      for (int f = 0; f <= n; f++) {
        for (int s = 0; s <= n; s++) {
          double brute = bruteMiss(n, (1L << f) - 1, s, all);
          double formula = CheatingEconomics.escapeWithoutReplacement(n, f, s);
          if (Math.abs(brute - formula) > 1e-12) {
            wrong.add("N=" + n + " F=" + f + " s=" + s + ": " + formula + " vs " + brute);
          }
        }
      }
    }
    assertThat(wrong).isEmpty();
  }

  /**
   * Canaries: enumerate every placement of c canaries among N + c positions (the cheater fakes the
   * first F positions, it cannot tell which are canaries) and every s-subset of the real items.
   */
  @Test
  void canaryEscapeMatchesBruteForceEnumeration() {
    List<String> wrong = new ArrayList<>();
    for (int total = 2; total <= 9; total++) {
      long all = (1L << total) - 1;
      for (int c = 1; c < total; c++) {
        int n = total - c;
        for (int f = 0; f <= total; f++) {
          long faked = (1L << f) - 1;
          for (int s = 0; s <= n; s++) {
            double sum = 0;
            int placements = 0;
            for (long canaries = 0; canaries <= all; canaries++) {
              if (Long.bitCount(canaries) != c) {
                continue;
              }
              placements++;
              if ((canaries & faked) == 0) {
                sum += bruteMiss(total, faked, s, all & ~canaries);
              }
            }
            double brute = sum / placements;
            double formula = CheatingEconomics.escapeCanariesAndSamples(n, c, f, s);
            if (Math.abs(brute - formula) > 1e-12) {
              wrong.add(
                  "N=" + n + " c=" + c + " F=" + f + " s=" + s + ": " + formula + " vs " + brute);
            }
          }
        }
      }
    }
    assertThat(wrong).isEmpty();
  }

  @Test
  void fieldNotesValueTenPercentFakedSixtySixSamples() {
    // FIELD-NOTES.md, "Commit, challenge, re-execute a little": f = 0.1, s = 66 gives 9.6e-4.
    assertThat(CheatingEconomics.escapeWithReplacement(0.1, 66)).isCloseTo(9.6e-4, within(0.05e-4));
    // and sampling without replacement is slightly better (FIELD-NOTES, same section)
    assertThat(CheatingEconomics.escapeWithoutReplacement(1000, 100, 66)).isLessThan(9.55e-4);
  }

  @Test
  void minimalSamplesAreMinimalAndMonotone() {
    List<String> wrong = new ArrayList<>();
    double[] fractions = {0.001, 0.01, 0.05, 0.1, 0.25, 0.5, 0.9, 1.0};
    double[] targets = {0.0, 0.5, 0.9, 0.99, 0.999, 0.999999};
    for (int fi = 0; fi < fractions.length; fi++) {
      double f = fractions[fi];
      int previous = -1;
      for (double t : targets) {
        int s = CheatingEconomics.minimalSamplesWithReplacement(f, t);
        double hit = 1 - CheatingEconomics.escapeWithReplacement(f, s);
        double hitBefore = s == 0 ? 0 : 1 - CheatingEconomics.escapeWithReplacement(f, s - 1);
        if (!(hit >= t) || (s > 0 && hitBefore >= t) || s < previous) {
          wrong.add("f=" + f + " t=" + t + ": s=" + s);
        }
        if (fi > 0 && s > CheatingEconomics.minimalSamplesWithReplacement(fractions[fi - 1], t)) {
          wrong.add("not monotone in f at f=" + f + " t=" + t);
        }
        previous = s;
      }
    }
    for (long faked : new long[] {1, 10, 100, 500}) {
      long previous = -1;
      for (double t : targets) {
        long s = CheatingEconomics.minimalSamplesWithoutReplacement(1000, faked, t);
        double hit = 1 - CheatingEconomics.escapeWithoutReplacement(1000, faked, s);
        double hitBefore =
            s == 0 ? 0 : 1 - CheatingEconomics.escapeWithoutReplacement(1000, faked, s - 1);
        if (!(hit >= t) || (s > 0 && hitBefore >= t) || s < previous) {
          wrong.add("N=1000 F=" + faked + " t=" + t + ": s=" + s);
        }
        // never more samples than with replacement at f = F/N
        if (t > 0 && s > CheatingEconomics.minimalSamplesWithReplacement(faked / 1000.0, t)) {
          wrong.add("hypergeometric needs more than binomial at F=" + faked + " t=" + t);
        }
        previous = s;
      }
    }
    assertThat(wrong).isEmpty();
    // large batches: the search is bounded by the binomial count, not by N
    assertThat(
            CheatingEconomics.minimalSamplesWithoutReplacement(
                1_000_000_000_000L, 100_000_000_000L, 0.999))
        .isEqualTo(66);
    assertThatThrownBy(
            () -> CheatingEconomics.minimalSamplesWithoutReplacement(1_000_000_000_000L, 1, 0.5))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("2^31");
    // the spot-check target: >= 99.9% detection of >= 10% faked items
    assertThat(CheatingEconomics.minimalSamplesWithReplacement(0.1, 0.999)).isEqualTo(66);
  }

  @Test
  void replicationEscapeMatchesEnumerationOfColluders() {
    List<String> wrong = new ArrayList<>();
    for (int k = 1; k <= 8; k++) {
      for (int q = k / 2 + 1; q <= k; q++) {
        for (double g : new double[] {0, 0.1, 0.3, 0.5, 1}) {
          double brute = 0;
          for (int mask = 0; mask < (1 << (k - 1)); mask++) {
            int x = Integer.bitCount(mask);
            double p = Math.pow(g, x) * Math.pow(1 - g, k - 1 - x);
            if (1 + x >= q) {
              brute += p;
            }
          }
          double formula = CheatingEconomics.replicationEscape(k, q, g);
          if (Math.abs(brute - formula) > 1e-12) {
            wrong.add("k=" + k + " q=" + q + " g=" + g);
          }
        }
      }
    }
    assertThat(wrong).isEmpty();
    assertThat(CheatingEconomics.replicationEscape(3, 3, 0.2)).isCloseTo(0.04, within(1e-15));
    assertThatThrownBy(() -> CheatingEconomics.replicationEscape(4, 2, 0.1))
        .isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void adaptiveReplicationFollowsBoinc() {
    // BOINC wiki "AdaptiveReplication" (FIELD-NOTES.md): untrusted below 10 consecutive valid
    // results, else unreplicated with probability 1 - 1/CV; our floor keeps a minimum check rate.
    assertThat(CheatingEconomics.adaptiveCheckProbability(9, 10, 0.01)).isEqualTo(1.0);
    assertThat(CheatingEconomics.adaptiveCheckProbability(20, 10, 0.01)).isEqualTo(0.05);
    assertThat(CheatingEconomics.adaptiveCheckProbability(1_000_000, 10, 0.01)).isEqualTo(0.01);
    assertThat(CheatingEconomics.escapeWithCheckProbability(0.05, 0.0))
        .isCloseTo(0.95, within(1e-15));
    assertThatThrownBy(() -> CheatingEconomics.adaptiveCheckProbability(20, 10, 0))
        .isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void gainIsCheatingMinusHonestProfitSeed17() {
    SplittableRandom rnd = new SplittableRandom(17);
    for (int i = 0; i < 1000; i++) {
      Market m = randomMarket(rnd);
      double sigma = rnd.nextDouble();
      double d = rnd.nextDouble();
      double direct =
          CheatingEconomics.cheatingProfit(m, sigma, d) - CheatingEconomics.honestProfit(m);
      assertThat(CheatingEconomics.cheatingGain(m, sigma, d))
          .as("market %s sigma %s d %s", m, sigma, d)
          .isCloseTo(
              direct,
              within(
                  1e-6 * (m.price().units() + m.executionCost().units() + m.stake().units() + 1)));
    }
  }

  @Test
  void monteCarloProfitOfACheaterMatchesTheExpectationSeed23() {
    SplittableRandom rnd = new SplittableRandom(23);
    Market m = market(CREDIT, CREDIT / 2, 10 * CREDIT, 0.5);
    double sigma = 0.8;
    double d = 0.1;
    int trials = 200_000;
    double sum = 0;
    double sumSq = 0;
    for (int i = 0; i < trials; i++) {
      double cost = (1 - sigma) * m.executionCost().units();
      double profit =
          rnd.nextDouble() < d
              ? -cost - m.slashFraction() * m.stake().units()
              : m.price().units() - cost;
      sum += profit;
      sumSq += profit * profit;
    }
    double mean = sum / trials;
    double sd = Math.sqrt((sumSq / trials - mean * mean) / trials);
    assertThat(mean).isCloseTo(CheatingEconomics.cheatingProfit(m, sigma, d), within(5 * sd));
  }

  @Test
  void gainChangesSignExactlyAtTheBreakEvenDetectionSeed31() {
    SplittableRandom rnd = new SplittableRandom(31);
    int checked = 0;
    for (int i = 0; i < 2000; i++) {
      Market m = randomMarket(rnd);
      double sigma = rnd.nextDouble();
      double dStar = CheatingEconomics.breakEvenDetection(m, sigma);
      if (!(dStar > 1e-6 && dStar < 1 - 1e-6)) {
        continue;
      }
      checked++;
      assertThat(CheatingEconomics.cheatingGain(m, sigma, dStar * (1 + 1e-9))).isNegative();
      assertThat(CheatingEconomics.cheatingGain(m, sigma, dStar * (1 - 1e-9))).isPositive();
    }
    assertThat(checked).isGreaterThan(100);
  }

  @Test
  void minimalSamplesToDeterFlipTheSignSeed41() {
    SplittableRandom rnd = new SplittableRandom(41);
    int found = 0;
    for (int i = 0; i < 300; i++) {
      Market m = randomMarket(rnd);
      long items = 1 + rnd.nextLong(2000);
      long faked = 1 + rnd.nextLong(items);
      double sigma = (double) faked / items;
      OptionalInt s = CheatingEconomics.minimalSamplesToDeter(m, items, faked, sigma);
      double dAll = 1 - CheatingEconomics.escapeWithoutReplacement(items, faked, items);
      if (s.isEmpty()) {
        assertThat(CheatingEconomics.cheatingGain(m, sigma, dAll)).isNotNegative();
        continue;
      }
      found++;
      int n = s.getAsInt();
      double at = 1 - CheatingEconomics.escapeWithoutReplacement(items, faked, n);
      double before = 1 - CheatingEconomics.escapeWithoutReplacement(items, faked, n - 1);
      assertThat(CheatingEconomics.cheatingGain(m, sigma, at)).isNegative();
      assertThat(CheatingEconomics.cheatingGain(m, sigma, before)).isNotNegative();
    }
    assertThat(found).isGreaterThan(50);
  }

  @Test
  void minimalReplicasAndCheckProbabilityFlipTheSign() {
    Market m = market(CREDIT, CREDIT / 2, 2 * CREDIT, 1.0);
    double sigma = 1.0;
    for (double g : new double[] {0, 0.2, 0.4}) {
      OptionalInt k = CheatingEconomics.minimalReplicasToDeter(m, g, sigma, 50);
      assertThat(k).as("colluding %s", g).isPresent();
      int kk = k.getAsInt();
      double d = 1 - CheatingEconomics.replicationEscape(kk, CheatingEconomics.majority(kk), g);
      assertThat(CheatingEconomics.cheatingGain(m, sigma, d)).isNegative();
      for (int smaller = 2; smaller < kk; smaller++) {
        double ds =
            1
                - CheatingEconomics.replicationEscape(
                    smaller, CheatingEconomics.majority(smaller), g);
        assertThat(CheatingEconomics.cheatingGain(m, sigma, ds)).isNotNegative();
      }
    }
    // a majority of colluders is never outvoted
    assertThat(CheatingEconomics.minimalReplicasToDeter(m, 0.9, sigma, 50)).isEmpty();

    double e = 0.1;
    double pStar = CheatingEconomics.breakEvenCheckProbability(m, sigma, e);
    // d* = 0.5 / 3 and the check misses 10%: p* = (1/6) / 0.9
    assertThat(pStar).isCloseTo((0.5 / 3) / 0.9, within(1e-15));
    double above = 1 - CheatingEconomics.escapeWithCheckProbability(pStar * (1 + 1e-9), e);
    double below = 1 - CheatingEconomics.escapeWithCheckProbability(pStar * (1 - 1e-9), e);
    assertThat(CheatingEconomics.cheatingGain(m, sigma, above)).isNegative();
    assertThat(CheatingEconomics.cheatingGain(m, sigma, below)).isPositive();
  }

  @Test
  void invalidInputsAreRejected() {
    assertThatThrownBy(() -> market(1, 1, 1, 1.5)).isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> market(1, 1, 1, Double.NaN))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> CheatingEconomics.escapeWithReplacement(Double.NaN, 3))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> CheatingEconomics.escapeWithoutReplacement(10, 11, 1))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> CheatingEconomics.minimalSamplesWithReplacement(0, 0.9))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> CheatingEconomics.minimalSamplesWithReplacement(0.1, 1))
        .isInstanceOf(IllegalArgumentException.class);
  }

  private static Market market(long price, long cost, long stake, double slash) {
    return new Market(Amount.of(price), Amount.of(cost), Amount.of(stake), slash);
  }

  private static Market randomMarket(SplittableRandom rnd) {
    return market(
        rnd.nextLong(100 * CREDIT),
        rnd.nextLong(100 * CREDIT),
        rnd.nextLong(1000 * CREDIT),
        rnd.nextDouble());
  }
}
