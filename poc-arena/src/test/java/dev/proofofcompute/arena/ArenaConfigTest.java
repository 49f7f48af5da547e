package dev.proofofcompute.arena;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class ArenaConfigTest {
  @Test
  void defaultsMeetTheIssuesRunCounts() {
    ArenaConfig d = ArenaConfig.defaults();
    assertThat(d.seed()).isEqualTo(ArenaConfig.DEFAULT_SEED);
    assertThat(d.honestRuns()).isGreaterThanOrEqualTo(1000);
  }

  @Test
  void withersChangeOnlyTheirFields() {
    ArenaConfig d = ArenaConfig.defaults();
    ArenaConfig s = d.withSeed(5);
    assertThat(s.seed()).isEqualTo(5);
    assertThat(s.withSeed(d.seed())).isEqualTo(d);
    ArenaConfig r = d.withRuns(1, 2, 3);
    assertThat(r.honestRuns()).isEqualTo(1);
    assertThat(r.adversaryRuns()).isEqualTo(2);
    assertThat(r.samplingRuns()).isEqualTo(3);
    assertThat(r.matrixSize()).isEqualTo(d.matrixSize());
  }

  @Test
  void refusesCountsAndSizesOutOfRange() {
    ArenaConfig d = ArenaConfig.defaults();
    assertThatThrownBy(() -> d.withRuns(0, 1, 1)).isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> new ArenaConfig(1, 1, 1, 1, 1, 32, 8, 64))
        .hasMessageContaining("matrixSize");
    assertThatThrownBy(() -> new ArenaConfig(1, 1, 1, 1, 8, 1, 8, 64))
        .hasMessageContaining("itemCount");
    assertThatThrownBy(() -> new ArenaConfig(1, 1, 1, 1, 8, 32, 2, 64))
        .hasMessageContaining("heatGrid");
    assertThatThrownBy(() -> new ArenaConfig(1, 1, 1, 1, 8, 32, 8, 1))
        .hasMessageContaining("heatSteps");
  }
}
