package dev.proofofcompute.schemes.spotcheck;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class SpotCheckParametersTest {
  @Test
  void validatesCounts() {
    assertThat(new SpotCheckParameters(66, 0).scheme()).isEqualTo("spot-check");
    assertThat(new SpotCheckParameters(0, 3).opened()).isEqualTo(3);
    assertThatThrownBy(() -> new SpotCheckParameters(-1, 5))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> new SpotCheckParameters(5, -1))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> new SpotCheckParameters(0, 0))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("1..");
    assertThatThrownBy(() -> new SpotCheckParameters(SpotCheckParameters.MAX_OPENED, 1))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> new SpotCheckParameters(Integer.MAX_VALUE, Integer.MAX_VALUE))
        .isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void batchSizeNeedsEnoughItemsToSample() {
    SpotCheckParameters p = new SpotCheckParameters(10, 3);
    assertThat(p.batchSize(10)).isEqualTo(13);
    assertThatThrownBy(() -> p.batchSize(9)).isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> new SpotCheckParameters(0, 3).batchSize(0))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> p.batchSize(Integer.MAX_VALUE - 1))
        .isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void fakedItemsIsTheExactDecimalCeiling() {
    // 0.1 * 1100 is 110.00000000000001 in binary floating point; the decimal product is 110.
    assertThat(SpotCheckParameters.fakedItems(1100, 0.1)).isEqualTo(110);
    assertThat(SpotCheckParameters.fakedItems(1101, 0.1)).isEqualTo(111);
    assertThat(SpotCheckParameters.fakedItems(10, 0.05)).isEqualTo(1);
    assertThat(SpotCheckParameters.fakedItems(10, 1.0)).isEqualTo(10);
    assertThat(SpotCheckParameters.fakedItems(0, 0.5)).isZero();
    for (double bad : new double[] {0.0, -0.1, 1.01, Double.NaN}) {
      assertThatThrownBy(() -> SpotCheckParameters.fakedItems(10, bad))
          .isInstanceOf(IllegalArgumentException.class);
    }
  }

  @Test
  void detectionIsOneMinusTheHypergeometricMiss() {
    SpotCheckParameters p = new SpotCheckParameters(5, 2);
    // M = 22, F = 4, k = 7: C(18,7)/C(22,7) = 31824/170544.
    assertThat(p.escapeProbability(20, 4)).isCloseTo(31824.0 / 170544.0, within(1e-12));
    assertThat(p.detectionProbability(20, 4)).isCloseTo(1 - 31824.0 / 170544.0, within(1e-12));
    assertThat(p.detectionProbability(20, 0)).isZero();
    assertThat(p.detectionProbability(20, 16)).isEqualTo(1.0); // 22 - 16 = 6 < 7 draws
    assertThatThrownBy(() -> p.detectionProbability(20, 23))
        .isInstanceOf(IllegalArgumentException.class);
  }

  /** DESIGN.md §2 and issue 3: >= 99.9% detection of >= 10% faked items. */
  @Test
  void batchIndependentTargetForTenPercentAtThreeNines() {
    SpotCheckParameters p = SpotCheckParameters.forTarget(0.1, 0.999, 0);
    // ln(0.001) / ln(0.9) = 65.56..., so 66 opened items: 0.9^66 <= 0.001 < 0.9^65.
    assertThat(Math.log(0.001) / Math.log(0.9)).isBetween(65.0, 66.0);
    assertThat(p.opened()).isEqualTo(66);
    assertThat(Math.pow(0.9, 66)).isLessThanOrEqualTo(0.001);
    assertThat(Math.pow(0.9, 65)).isGreaterThan(0.001);
    assertThat(SpotCheckParameters.forTarget(0.1, 0.999, 6))
        .isEqualTo(new SpotCheckParameters(60, 6));
    assertThat(SpotCheckParameters.forTarget(0.1, 0.999, 100).samples()).isZero();
    assertThat(SpotCheckParameters.forTarget(1.0, 0.999, 0).opened()).isEqualTo(1);
  }

  @ParameterizedTest(name = "f={0} target={1} canaries={2}")
  @CsvSource({"0.1, 0.999, 0", "0.1, 0.999, 8", "0.05, 0.99, 3", "0.3, 0.9999, 0", "0.01, 0.5, 2"})
  void batchIndependentParametersMeetTheTargetForEveryBatchSize(
      double f, double target, int canaries) {
    SpotCheckParameters p = SpotCheckParameters.forTarget(f, target, canaries);
    for (int n = Math.max(1, p.samples()); n <= 3000; n += 1 + n / 9) {
      long faked = SpotCheckParameters.fakedItems(p.batchSize(n), f);
      assertThat(p.detectionProbability(n, faked)).as("N=%d", n).isGreaterThanOrEqualTo(target);
    }
    // Minimal for the bound: one opened item fewer misses it.
    assertThat(Math.pow(1 - f, p.opened() - 1.0)).isGreaterThan(1 - target);
  }

  @ParameterizedTest(name = "N={0} f={1} target={2} canaries={3}")
  @CsvSource({
    "1000, 0.1, 0.999, 0",
    "1000, 0.1, 0.999, 10",
    "100, 0.1, 0.999, 4",
    "20, 0.1, 0.999, 0",
    "5000, 0.02, 0.99, 5",
    "1, 0.5, 0.9, 0",
    "50, 0.3, 0.5, 3"
  })
  void exactParametersAreTheFewestSamplesThatMeetTheTarget(
      int n, double f, double target, int canaries) {
    SpotCheckParameters p = SpotCheckParameters.forTarget(n, f, target, canaries);
    long faked = SpotCheckParameters.fakedItems((long) n + canaries, f);
    assertThat(p.canaries()).isEqualTo(canaries);
    assertThat(p.detectionProbability(n, faked)).isGreaterThanOrEqualTo(target);
    int fewest = canaries == 0 ? 1 : 0;
    if (p.samples() > fewest) {
      SpotCheckParameters fewer = new SpotCheckParameters(p.samples() - 1, canaries);
      assertThat(fewer.detectionProbability(n, faked)).isLessThan(target);
    }
    // Sampling without replacement never needs more than the batch-independent bound.
    assertThat(p.opened())
        .isLessThanOrEqualTo(SpotCheckParameters.forTarget(f, target, canaries).opened());
  }

  @Test
  void targetsAreValidated() {
    assertThatThrownBy(() -> SpotCheckParameters.forTarget(0.1, 1.0, 0))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> SpotCheckParameters.forTarget(0.0, 0.9, 0))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> SpotCheckParameters.forTarget(0.1, 0.9, -1))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> SpotCheckParameters.forTarget(0, 0.1, 0.9, 0))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> SpotCheckParameters.forTarget(1e-9, 0.999999, 0))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("opened items");
  }
}
