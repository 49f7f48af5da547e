package dev.proofofcompute.arena;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import org.junit.jupiter.api.Test;

class WilsonIntervalTest {
  private static final double Z_95 = 1.959963984540054;

  /**
   * 95% score intervals without continuity correction from R. G. Newcombe, "Two-sided confidence
   * intervals for the single proportion: comparison of seven methods", Statistics in Medicine
   * 17(8), 1998, Table II (method 3), given there to four decimals.
   */
  @Test
  void matchesNewcombesTable() {
    check(81, 263, 0.2553, 0.3662);
    check(15, 148, 0.0624, 0.1605);
    check(0, 20, 0.0, 0.1611);
    check(1, 29, 0.0061, 0.1718);
  }

  private static void check(int x, int n, double low, double high) {
    WilsonInterval w = WilsonInterval.of(x, n, Z_95);
    assertThat(w.low()).as("%d/%d low", x, n).isCloseTo(low, within(5e-5));
    assertThat(w.high()).as("%d/%d high", x, n).isCloseTo(high, within(5e-5));
  }

  @Test
  void allSuccessesReachOneAndNoneReachZero() {
    assertThat(WilsonInterval.of99(200, 200).high()).isEqualTo(1.0);
    assertThat(WilsonInterval.of99(200, 200).low()).isLessThan(1.0);
    assertThat(WilsonInterval.of99(0, 200).low()).isEqualTo(0.0);
    assertThat(WilsonInterval.of99(0, 200).high()).isGreaterThan(0.0);
  }

  @Test
  void theNinetyNinePercentIntervalIsWiderThanTheNinetyFive() {
    WilsonInterval w95 = WilsonInterval.of(37, 300, Z_95);
    WilsonInterval w99 = WilsonInterval.of99(37, 300);
    assertThat(w99.low()).isLessThan(w95.low());
    assertThat(w99.high()).isGreaterThan(w95.high());
    assertThat(w99.contains(37 / 300.0)).isTrue();
  }

  @Test
  void rejectsImpossibleCounts() {
    assertThatThrownBy(() -> WilsonInterval.of99(3, 2))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> WilsonInterval.of99(0, 0))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> WilsonInterval.of(1, 2, 0))
        .isInstanceOf(IllegalArgumentException.class);
  }
}
