package dev.proofofcompute.arena;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class ArenaRandomTest {
  @Test
  void aForkDependsOnlyOnTheRootSeedAndTheLabel() {
    assertThat(ArenaRandom.fork(1, "a").nextLong()).isEqualTo(ArenaRandom.fork(1, "a").nextLong());
    assertThat(ArenaRandom.fork(1, "a").nextLong())
        .isNotEqualTo(ArenaRandom.fork(1, "b").nextLong());
    assertThat(ArenaRandom.fork(1, "a").nextLong())
        .isNotEqualTo(ArenaRandom.fork(2, "a").nextLong());
  }
}
