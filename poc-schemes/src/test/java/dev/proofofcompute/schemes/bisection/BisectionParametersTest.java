package dev.proofofcompute.schemes.bisection;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class BisectionParametersTest {
  @Test
  void outOfRangeParametersAreRejected() {
    assertThatThrownBy(() -> new BisectionParameters(0, 1, 0.5))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("checkpoint interval");
    assertThatThrownBy(
            () -> new BisectionParameters(BisectionParameters.MAX_CHECKPOINT_INTERVAL + 1, 1, 0.5))
        .hasMessageContaining("checkpoint interval");
    assertThatThrownBy(() -> new BisectionParameters(1, 0, 0.5))
        .hasMessageContaining("audit segment length");
    assertThatThrownBy(
            () -> new BisectionParameters(1, BisectionParameters.MAX_AUDIT_SEGMENT_LENGTH + 1, 0.5))
        .hasMessageContaining("audit segment length");
    for (double p : new double[] {0.0, -0.1, 1.0000001, Double.NaN, Double.POSITIVE_INFINITY}) {
      assertThatThrownBy(() -> new BisectionParameters(1, 1, p))
          .as("probability %s", p)
          .hasMessageContaining("audit probability");
    }
    assertThat(new BisectionParameters(1, 1, 1.0).scheme()).isEqualTo("bisection");
  }

  /** Checkpoints by walking the run: 0, then k steps at a time, the last interval cut at T. */
  private static List<Integer> walk(int steps, int k) {
    List<Integer> out = new ArrayList<>();
    int c = 0;
    out.add(c);
    while (c < steps) {
      c = Math.min(c + k, steps);
      out.add(c);
    }
    return out;
  }

  @Test
  void checkpointsAgreeWithWalkingTheRun() {
    for (int k = 1; k <= 9; k++) {
      BisectionParameters p = new BisectionParameters(k, 1, 0.5);
      for (int steps = 1; steps <= 60; steps++) {
        List<Integer> expected = walk(steps, k);
        assertThat(p.intervals(steps)).as("T=%d k=%d", steps, k).isEqualTo(expected.size() - 1);
        for (int i = 0; i < expected.size(); i++) {
          assertThat(p.checkpointStep(i, steps))
              .as("T=%d k=%d i=%d", steps, k, i)
              .isEqualTo(expected.get(i));
        }
        int n = expected.size() - 1;
        int t = steps;
        assertThatThrownBy(() -> p.checkpointStep(n + 1, t))
            .isInstanceOf(IndexOutOfBoundsException.class);
        assertThatThrownBy(() -> p.checkpointStep(-1, t))
            .isInstanceOf(IndexOutOfBoundsException.class);
      }
    }
  }

  @Test
  void hugeRunsAreRejectedRatherThanOverflowing() {
    BisectionParameters every = new BisectionParameters(1, 1, 0.5);
    assertThatThrownBy(() -> every.intervals(Integer.MAX_VALUE))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("too many checkpoints");
    assertThat(new BisectionParameters(2, 1, 0.5).intervals(Integer.MAX_VALUE)).isEqualTo(1 << 30);
    assertThat(new BisectionParameters(2, 1, 0.5).checkpointStep(1 << 30, Integer.MAX_VALUE))
        .isEqualTo(Integer.MAX_VALUE);
    assertThatThrownBy(() -> every.intervals(0)).isInstanceOf(IllegalArgumentException.class);
  }
}
