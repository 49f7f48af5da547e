package dev.proofofcompute.workloads.heat;

import static org.assertj.core.api.Assertions.assertThat;

import dev.proofofcompute.core.linalg.IntMatrix;
import org.junit.jupiter.api.Test;

class HeatSimInputTest {

  @Test
  void randomRunsHaveAHeatedBorderAndAColdInterior() {
    long seed = 14L;
    HeatSimInput in = HeatSimInput.random(seed, 5, 7);
    IntMatrix g = in.initial();
    int borderSum = 0;
    for (int i = 0; i < 5; i++) {
      for (int j = 0; j < 5; j++) {
        boolean border = i == 0 || j == 0 || i == 4 || j == 4;
        if (border) {
          assertThat(g.get(i, j)).as("seed %d", seed).isBetween(0, 10_000);
          borderSum += g.get(i, j);
        } else {
          assertThat(g.get(i, j)).isZero();
        }
      }
    }
    assertThat(borderSum).isPositive();
    assertThat(in.alphaNumerator()).isEqualTo(1);
    assertThat(in.alphaShift()).isEqualTo(2);
    assertThat(in.steps()).isEqualTo(7);
    assertThat(HeatSimInput.random(seed, 5, 7)).isEqualTo(in);
    assertThat(HeatSimInput.random(seed + 1, 5, 7)).isNotEqualTo(in);
  }
}
