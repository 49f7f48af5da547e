package dev.proofofcompute.schemes.spotcheck;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.proofofcompute.crypto.random.RandomSource;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class BatchLayoutTest {
  @Test
  void randomLayoutIsAPermutationWithConsistentLookups() {
    for (long seed = 1; seed <= 50; seed++) {
      int n = (int) (1 + seed * 7 % 40);
      int c = (int) (seed % 6);
      BatchLayout layout = BatchLayout.random(n, c, RandomSource.seeded(seed));
      assertThat(layout.size()).isEqualTo(n + c);
      assertThat(layout.sources())
          .as("seed %d", seed)
          .containsExactlyInAnyOrderElementsOf(range(n + c));
      for (int i = 0; i < n; i++) {
        assertThat(layout.sourceAt(layout.positionOfItem(i))).isEqualTo(i);
        assertThat(layout.isCanary(layout.positionOfItem(i))).isFalse();
      }
      List<Long> canaryPositions = new ArrayList<>();
      for (int j = 0; j < c; j++) {
        assertThat(layout.sourceAt(layout.positionOfCanary(j))).isEqualTo(n + j);
        assertThat(layout.isCanary(layout.positionOfCanary(j))).isTrue();
        canaryPositions.add((long) layout.positionOfCanary(j));
      }
      assertThat(layout.canaryPositions())
          .isSorted()
          .containsExactlyInAnyOrderElementsOf(canaryPositions);
      assertThat(BatchLayout.of(n, c, layout.sources())).isEqualTo(layout);
    }
  }

  @Test
  void sameSeedSameLayout() {
    assertThat(BatchLayout.random(30, 5, RandomSource.seeded(7)))
        .isEqualTo(BatchLayout.random(30, 5, RandomSource.seeded(7)));
  }

  /**
   * All 24 orders of 3 items and 1 canary are equally likely: chi-square, 23 degrees of freedom.
   */
  @Test
  void everyOrderIsEquallyLikelySeed2026() {
    RandomSource random = RandomSource.seeded(2026);
    Map<List<Integer>, Integer> counts = new HashMap<>();
    int runs = 24_000;
    for (int r = 0; r < runs; r++) {
      counts.merge(BatchLayout.random(3, 1, random).sources(), 1, Integer::sum);
    }
    assertThat(counts).hasSize(24);
    double expected = runs / 24.0;
    double chi2 = 0;
    for (int count : counts.values()) {
      chi2 += (count - expected) * (count - expected) / expected;
    }
    // 99.9% quantile of chi-square with 23 degrees of freedom.
    assertThat(chi2).as("seed 2026").isLessThan(49.73);
  }

  @Test
  void ofRejectsWhatIsNotAPermutation() {
    assertThatThrownBy(() -> BatchLayout.of(2, 1, List.of(0, 1)))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> BatchLayout.of(2, 1, List.of(0, 1, 1)))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> BatchLayout.of(2, 1, List.of(0, 1, 3)))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> BatchLayout.of(2, 1, List.of(0, -1, 2)))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> BatchLayout.random(0, 1, RandomSource.seeded(1)))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> BatchLayout.random(1, -1, RandomSource.seeded(1)))
        .isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void toStringKeepsThePermutationSecret() {
    BatchLayout layout = BatchLayout.of(2, 1, List.of(2, 0, 1));
    assertThat(layout.toString()).isEqualTo("BatchLayout[items=2, canaries=1]");
  }

  private static List<Integer> range(int m) {
    List<Integer> out = new ArrayList<>();
    for (int i = 0; i < m; i++) {
      out.add(i);
    }
    return out;
  }
}
