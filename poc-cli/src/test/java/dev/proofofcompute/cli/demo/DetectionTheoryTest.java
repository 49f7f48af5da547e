package dev.proofofcompute.cli.demo;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/**
 * The demo's detection theory against seeded simulations of the cheats it describes (a lazy
 * provider faking positions independently; a grinder keeping the first attempt that dodges a
 * predicted sample set), and the Poisson-binomial tail against the binomial.
 */
class DetectionTheoryTest {
  static final int M = 36;
  static final int P = 12;
  static final int RUNS = 40_000;

  @Test
  void lazyDetectionGivenACheatMatchesASimulation() {
    long seed = 11;
    SplittableRandom rnd = new SplittableRandom(seed);
    double f = 0.2;
    int cheated = 0;
    int caught = 0;
    for (int run = 0; run < RUNS; run++) {
      boolean[] fake = fakes(rnd, f, M, List.of());
      if (count(fake) == 0) {
        continue;
      }
      cheated++;
      if (opened(rnd).stream().anyMatch(i -> fake[i])) {
        caught++;
      }
    }
    double theory = DetectionTheory.spotCheckLazy(M, P, f);
    assertThat((double) caught / cheated)
        .as("seed %d", seed)
        .isCloseTo(theory, within(5 * Math.sqrt(theory * (1 - theory) / cheated)));
  }

  @Test
  void grinderDetectionGivenACheatMatchesASimulation() {
    long seed = 12;
    SplittableRandom rnd = new SplittableRandom(seed);
    double f = 0.2;
    int cheated = 0;
    int caught = 0;
    for (int run = 0; run < RUNS / 4; run++) {
      boolean[] fake;
      do {
        List<Integer> predicted = opened(rnd);
        fake = fakes(rnd, f, M, List.of());
        boolean[] fk = fake;
        if (predicted.stream().noneMatch(i -> fk[i])) {
          break;
        }
      } while (true);
      if (count(fake) == 0) {
        continue;
      }
      cheated++;
      boolean[] fk = fake;
      if (opened(rnd).stream().anyMatch(i -> fk[i])) {
        caught++;
      }
    }
    double theory = DetectionTheory.spotCheckGrinder(M, P, P, f);
    assertThat(theory).isLessThan(DetectionTheory.spotCheckLazy(M, P, f));
    assertThat((double) caught / cheated)
        .as("seed %d", seed)
        .isCloseTo(theory, within(5 * Math.sqrt(theory * (1 - theory) / cheated)));
  }

  @Test
  void wrongResultsAreAlwaysCaughtOutsideSpotChecks() {
    assertThat(DetectionTheory.caught("freivalds", "wrong", 0)).isEqualTo(1.0);
    assertThat(DetectionTheory.caught("replication", "lazy:0.2", 0)).isEqualTo(1.0);
    assertThat(DetectionTheory.caught("spot-check", "wrong", 0)).isEqualTo(1.0);
    assertThat(DetectionTheory.caught("replication", "collude:a", 0.5)).isLessThan(1.0);
  }

  @Test
  void poissonBinomialTailEqualsTheBinomialForEqualProbabilities() {
    List<Double> p = new ArrayList<>(Collections.nCopies(10, 0.3));
    double binom = 0;
    for (int k = 0; k <= 2; k++) {
      binom += choose(10, k) * Math.pow(0.3, k) * Math.pow(0.7, 10 - k);
    }
    assertThat(DetectionTheory.lowerTail(p, 2)).isCloseTo(binom, within(1e-12));
    assertThat(DetectionTheory.lowerTail(p, 10)).isCloseTo(1.0, within(1e-12));
    assertThat(DetectionTheory.lowerTail(List.of(1.0, 1.0), 1)).isZero();
  }

  private static double choose(int n, int k) {
    double c = 1;
    for (int i = 0; i < k; i++) {
      c = c * (n - i) / (i + 1);
    }
    return c;
  }

  private static boolean[] fakes(SplittableRandom rnd, double f, int m, List<Integer> none) {
    boolean[] b = new boolean[m];
    for (int i = 0; i < m; i++) {
      b[i] = !none.contains(i) && rnd.nextDouble() < f;
    }
    return b;
  }

  private static int count(boolean[] b) {
    int c = 0;
    for (boolean x : b) {
      c += x ? 1 : 0;
    }
    return c;
  }

  private static List<Integer> opened(SplittableRandom rnd) {
    List<Integer> all = new ArrayList<>();
    for (int i = 0; i < M; i++) {
      all.add(i);
    }
    for (int i = M - 1; i > 0; i--) {
      Collections.swap(all, i, rnd.nextInt(i + 1));
    }
    return all.subList(0, P);
  }
}
