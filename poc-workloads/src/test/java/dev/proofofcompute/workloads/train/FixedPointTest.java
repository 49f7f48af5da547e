package dev.proofofcompute.workloads.train;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class FixedPointTest {

  @Test
  void mulRoundsHalfUp() {
    // 1.5 * 2.0 = 3.0 exactly
    assertThat(FixedPoint.mul(98304, 131072)).isEqualTo(196608);
    // 2^-16 * 0.5 = 2^-17, a tie between 0 and 2^-16: rounds up to 2^-16
    assertThat(FixedPoint.mul(1, 32768)).isEqualTo(1);
    // -2^-17 is a tie between -2^-16 and 0: rounds up (toward +inf) to 0
    assertThat(FixedPoint.mul(-1, 32768)).isEqualTo(0);
    // -3 * 2^-17 = -1.5 * 2^-16 rounds to -2^-16
    assertThat(FixedPoint.mul(-3, 32768)).isEqualTo(-1);
    // extremes fit 64 bits: (-2^31)^2 / 2^16 = 2^46
    assertThat(FixedPoint.mul(Integer.MIN_VALUE, Integer.MIN_VALUE)).isEqualTo(1L << 46);
  }

  @Test
  void divRoundAndSaturate() {
    assertThat(FixedPoint.divRound(3, 2)).isEqualTo(2); // 1.5 -> 2
    assertThat(FixedPoint.divRound(-3, 2)).isEqualTo(-1); // -1.5 -> -1
    assertThat(FixedPoint.divRound(-4, 3)).isEqualTo(-1); // -1.33 -> -1
    assertThat(FixedPoint.divRound(5, 3)).isEqualTo(2); // 1.67 -> 2
    assertThat(FixedPoint.divRound(7, 1)).isEqualTo(7);
    assertThat(FixedPoint.saturate(1L << 40)).isEqualTo(Integer.MAX_VALUE);
    assertThat(FixedPoint.saturate(-(1L << 40))).isEqualTo(Integer.MIN_VALUE);
    assertThat(FixedPoint.saturate(-5)).isEqualTo(-5);
  }
}
