package dev.proofofcompute.schemes.replication;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class FloatToleranceTest {
  @ParameterizedTest(name = "relative={0} absolute={1}")
  @CsvSource({
    "-1e-9, 0",
    "0.02, 0",
    "NaN, 0",
    "Infinity, 0",
    "0, -1",
    "0, NaN",
    "0, Infinity",
    "0, 0"
  })
  void badTolerancesAreRefused(double relative, double absolute) {
    assertThatThrownBy(() -> new FloatTolerance(relative, absolute))
        .isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void agreementIsTheDocumentedBound() {
    FloatTolerance t = new FloatTolerance(1e-3, 1e-6);
    assertThat(t.agree(1000.0, 1001.0)).isTrue(); // |d| = 1 <= 1e-6 + 1e-3 * 1001
    assertThat(t.agree(1000.0, 1001.01)).isFalse();
    assertThat(t.agree(0.0, 1e-6)).isTrue(); // the absolute part near zero
    assertThat(t.agree(0.0, 2e-6)).isFalse();
    assertThat(t.agree(-1.0, 1.0)).isFalse();
    assertThat(t.agree(Double.MAX_VALUE, -Double.MAX_VALUE)).isFalse(); // the difference overflows
  }

  @Test
  void nonFiniteValuesAgreeOnlyWithThemselves() {
    FloatTolerance t = FloatTolerance.relative(0.01);
    assertThat(t.agree(Double.NaN, Double.NaN)).isTrue();
    assertThat(t.agree(Double.POSITIVE_INFINITY, Double.POSITIVE_INFINITY)).isTrue();
    assertThat(t.agree(Double.POSITIVE_INFINITY, Double.NEGATIVE_INFINITY)).isFalse();
    assertThat(t.agree(Double.POSITIVE_INFINITY, Double.MAX_VALUE)).isFalse();
    assertThat(t.agree(Double.NaN, 0.0)).isFalse();
  }

  @Test
  void theRelationIsSymmetricAndReflexiveOverSeededValues() {
    long seed = 5150;
    Random rnd = new Random(seed);
    FloatTolerance t = new FloatTolerance(1e-6, 1e-12);
    for (int i = 0; i < 10_000; i++) {
      double x = rnd.nextGaussian() * Math.scalb(1.0, rnd.nextInt(60) - 30);
      double y = x * (1 + rnd.nextGaussian() * 1e-6);
      assertThat(t.agree(x, y)).as("seed %d i %d", seed, i).isEqualTo(t.agree(y, x));
      assertThat(t.agree(x, x)).isTrue();
    }
  }

  @Test
  void vectorsAgreeEntryByEntryAndOnlyWithTheSameLength() {
    FloatTolerance t = FloatTolerance.relative(1e-3);
    assertThat(t.agree(new double[] {1, 2}, new double[] {1.0005, 2})).isTrue();
    assertThat(t.agree(new double[] {1, 2}, new double[] {1, 2.1})).isFalse();
    assertThat(t.agree(new double[] {1, 2}, new double[] {1})).isFalse();
  }

  /**
   * The bound of forSummation holds for every pair of orders over seeded random sums, including
   * mixed-sign sums with a rigorous upper bound on their condition number.
   */
  @Test
  void forSummationCoversAnyTwoSummationOrders() {
    long seed = 8675309;
    Random rnd = new Random(seed);
    int tight = 0;
    for (int trial = 0; trial < 2000; trial++) {
      int n = 2 + rnd.nextInt(400);
      boolean mixed = rnd.nextBoolean();
      List<Double> terms = new ArrayList<>();
      for (int i = 0; i < n; i++) {
        double v = rnd.nextDouble() * Math.scalb(1.0, rnd.nextInt(30) - 15);
        terms.add(mixed && rnd.nextInt(3) == 0 ? -v : v);
      }
      double kappa = conditionNumberUpperBound(terms);
      if (kappa > 1e6) {
        continue; // too ill-conditioned (or cancelling to zero) for any useful tolerance
      }
      FloatTolerance t = FloatTolerance.forSummation(n, Math.max(1.0, kappa));
      double a = FloatSumWorkload.INSTANCE.execute(terms);
      double b = FloatSumWorkload.pairwiseSum(terms, 0, n);
      List<Integer> order = new ArrayList<>();
      for (int i = 0; i < n; i++) {
        order.add(i);
      }
      Collections.shuffle(order, rnd);
      double c = FloatSumWorkload.sumInOrder(terms, order.stream().mapToInt(i -> i).toArray());
      assertThat(t.agree(a, b)).as("seed %d trial %d", seed, trial).isTrue();
      assertThat(t.agree(a, c)).as("seed %d trial %d", seed, trial).isTrue();
      assertThat(t.agree(b, c)).as("seed %d trial %d", seed, trial).isTrue();
      if (a != b || a != c) {
        tight++;
      }
    }
    assertThat(tight).as("sums that rounded differently, seed %d", seed).isGreaterThan(1000);
  }

  /**
   * A rigorous upper bound on {@code Σ|t| / |Σt|} from double sums: with {@code g = γ_{n-1}}, the
   * computed sum A of the magnitudes is at least {@code (1 - g)} times the true one, and the
   * computed sum s is within {@code g·Σ|t|} of the true sum.
   */
  private static double conditionNumberUpperBound(List<Double> terms) {
    int n = terms.size();
    double g = 2.0 * n * 0x1p-53; // above γ_{n-1} for these n
    double abs = 0;
    double sum = 0;
    for (double v : terms) {
      abs += Math.abs(v);
      sum += v;
    }
    double absUpper = abs / (1 - g);
    double sumLower = Math.abs(sum) - g * absUpper;
    return sumLower > 0
        ? Math.max(1.0, absUpper / sumLower * (1 + 1e-12))
        : Double.POSITIVE_INFINITY;
  }

  @Test
  void forSummationIsTheFormulaOfTheClassComment() {
    double u = 0x1p-53;
    double gamma = 999 * u / (1 - 999 * u);
    double expected = 2 * gamma / (1 - gamma);
    double got = FloatTolerance.forSummation(1000, 1.0).relative();
    assertThat(got).isGreaterThanOrEqualTo(expected).isLessThan(expected * (1 + 1e-8));
  }

  @Test
  void forSummationRefusesWhatItCannotBound() {
    assertThatThrownBy(() -> FloatTolerance.forSummation(1, 1.0))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> FloatTolerance.forSummation(10, 0.5))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> FloatTolerance.forSummation(10, Double.NaN))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> FloatTolerance.forSummation(10, 1e15))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("ill-conditioned");
  }
}
