package dev.proofofcompute.workloads;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class SplitMix64Test {

  /**
   * Rosetta Code, "Pseudo-random numbers/Splitmix64" (the reference splitmix64.c sequence for seed
   * 1234567).
   */
  @Test
  void matchesThePublishedSequenceForSeed1234567() {
    SplitMix64 rnd = new SplitMix64(1234567L);
    String[] expected = {
      "599ed017fb08fc85",
      "2c73f08458540fa5",
      "883ebce5a3f27c77",
      "3fbef740e9177b3f",
      "e3b8346708cb5ecd"
    };
    for (String hex : expected) {
      assertThat(rnd.nextLong()).isEqualTo(Long.parseUnsignedLong(hex, 16));
    }
  }

  @Test
  void boundedDrawsStayInRangeAndCoverIt() {
    long seed = 42L;
    SplitMix64 rnd = new SplitMix64(seed);
    boolean[] seen = new boolean[7];
    for (int i = 0; i < 1000; i++) {
      int v = rnd.nextInt(-3, 3);
      assertThat(v).as("seed %d draw %d", seed, i).isBetween(-3, 3);
      seen[v + 3] = true;
    }
    assertThat(seen).containsOnly(true);
    assertThat(new SplitMix64(seed).nextInt(Integer.MIN_VALUE, Integer.MAX_VALUE))
        .isEqualTo(
            (int)
                (Integer.MIN_VALUE
                    + Long.remainderUnsigned(new SplitMix64(seed).nextLong(), 1L << 32)));
    assertThatThrownBy(() -> rnd.nextInt(1, 0)).hasMessageContaining("empty range [1, 0]");
  }

  @Test
  void streamsAreDistinctAndReproducible() {
    assertThat(SplitMix64.stream(7, 0).nextLong()).isEqualTo(SplitMix64.stream(7, 0).nextLong());
    assertThat(SplitMix64.stream(7, 0).nextLong()).isNotEqualTo(SplitMix64.stream(7, 1).nextLong());
    assertThat(SplitMix64.stream(7, 0).nextLong()).isNotEqualTo(SplitMix64.stream(8, 0).nextLong());
  }
}
