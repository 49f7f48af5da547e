package dev.proofofcompute.schemes.freivalds;

import static dev.proofofcompute.schemes.freivalds.TestMatrices.int8;
import static dev.proofofcompute.schemes.freivalds.TestMatrices.naive;
import static dev.proofofcompute.schemes.freivalds.TestMatrices.seeded;
import static dev.proofofcompute.schemes.freivalds.TestMatrices.uniform;
import static dev.proofofcompute.schemes.freivalds.TestMatrices.withEntry;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import dev.proofofcompute.core.linalg.DoubleMatrix;
import dev.proofofcompute.core.linalg.IntMatrix;
import dev.proofofcompute.core.linalg.Matrix;
import dev.proofofcompute.crypto.Bytes;
import dev.proofofcompute.crypto.VerificationException;
import dev.proofofcompute.crypto.random.RandomSource;
import dev.proofofcompute.schemes.freivalds.FreivaldsParameters.FloatVectors;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

class FreivaldsVerifierTest {
  private static final FreivaldsParameters DEFAULTS = FreivaldsParameters.defaults();

  private static FreivaldsVerifier verifier(long seed) {
    return FreivaldsVerifier.create(DEFAULTS, seeded(seed));
  }

  /** Null when {@code verify} accepts, else its message. */
  private static String outcome(ProductVerifier v, int index, Matrix a, Matrix b, Matrix c) {
    try {
      v.verify(index, a, b, c);
      return "accepted";
    } catch (VerificationException e) {
      return "rejected: " + e.getMessage();
    }
  }

  @Test
  void agreesWithNaiveMultiplicationOnManyInt8ShapesSeed1977() {
    SplittableRandom rnd = new SplittableRandom(1977);
    FreivaldsVerifier v = verifier(1977);
    int[] dims = {1, 2, 3, 5, 8, 17, 33};
    List<String> wrong = new ArrayList<>();
    for (int m : dims) {
      for (int n : dims) {
        for (int q : dims) {
          IntMatrix a = int8(rnd, m, n);
          IntMatrix b = int8(rnd, n, q);
          IntMatrix c = naive(a, b);
          if (!outcome(v, 0, a, b, c).equals("accepted")) {
            wrong.add("honest " + m + "x" + n + "x" + q);
          }
          IntMatrix other = naive(a, int8(rnd, n, q));
          boolean same = other.equals(c);
          if (outcome(v, 0, a, b, other).equals("accepted") != same) {
            wrong.add("other product " + m + "x" + n + "x" + q);
          }
        }
      }
    }
    assertThat(wrong).isEmpty();
  }

  @Test
  void everySingleEntryCorruptionIsRejected6x5By7Seed42() {
    SplittableRandom rnd = new SplittableRandom(42);
    IntMatrix a = int8(rnd, 6, 5);
    IntMatrix b = int8(rnd, 5, 7);
    IntMatrix c = naive(a, b);
    FreivaldsVerifier v = verifier(42);
    List<String> escaped = new ArrayList<>();
    for (int i = 0; i < 6; i++) {
      for (int j = 0; j < 7; j++) {
        int[] deltas = {1, -1, 1 + rnd.nextInt(Integer.MAX_VALUE - 1), -(1 + rnd.nextInt(1 << 20))};
        for (int delta : deltas) {
          IntMatrix bad = withEntry(c, i, j, c.get(i, j) + delta);
          String o = outcome(v, 3, a, b, bad);
          if (!o.startsWith("rejected: product 3 fails Freivalds round 1")) {
            escaped.add("(" + i + ", " + j + ") + " + delta + ": " + o);
          }
        }
      }
    }
    assertThat(escaped).isEmpty();
  }

  @Test
  void manyEntryAndLowRankErrorsAreRejectedSeed9() {
    SplittableRandom rnd = new SplittableRandom(9);
    FreivaldsVerifier v = verifier(9);
    List<String> escaped = new ArrayList<>();
    for (int trial = 0; trial < 40; trial++) {
      int m = 1 + rnd.nextInt(24);
      int n = 1 + rnd.nextInt(24);
      int q = 1 + rnd.nextInt(24);
      IntMatrix a = int8(rnd, m, n);
      IntMatrix b = int8(rnd, n, q);
      int[] c = naive(a, b).toRowMajorArray();
      // rank-1 error u·v^T, plus one more random rank-1 term on odd trials
      int[] u = new int[m];
      int[] w = new int[q];
      for (int i = 0; i < m; i++) {
        u[i] = rnd.nextInt(7) - 3;
      }
      for (int j = 0; j < q; j++) {
        w[j] = rnd.nextInt(7) - 3;
      }
      u[rnd.nextInt(m)] = 1 + rnd.nextInt(3);
      w[rnd.nextInt(q)] = 1 + rnd.nextInt(3);
      for (int i = 0; i < m; i++) {
        for (int j = 0; j < q; j++) {
          c[i * q + j] += u[i] * w[j] + (trial % 2 == 1 ? (i + 1) * (j % 2) : 0);
        }
      }
      String o = outcome(v, 0, a, b, IntMatrix.of(m, q, c));
      if (!o.startsWith("rejected: product 0 fails Freivalds")) {
        escaped.add("trial " + trial + ": " + o);
      }
    }
    // every entry off by one, and the rows of C permuted
    IntMatrix a = int8(rnd, 9, 11);
    IntMatrix b = int8(rnd, 11, 10);
    IntMatrix c = naive(a, b);
    IntMatrix allPlusOne = IntMatrix.generate(9, 10, (i, j) -> c.get(i, j) + 1);
    IntMatrix rowsSwapped = IntMatrix.generate(9, 10, (i, j) -> c.get((i + 1) % 9, j));
    for (IntMatrix bad : List.of(allPlusOne, rowsSwapped)) {
      if (outcome(v, 0, a, b, bad).equals("accepted")) {
        escaped.add("whole-matrix corruption");
      }
    }
    assertThat(escaped).isEmpty();
  }

  @Test
  void shapeAndKindMismatchesAreRejected() {
    SplittableRandom rnd = new SplittableRandom(5);
    IntMatrix a = int8(rnd, 3, 4);
    IntMatrix b = int8(rnd, 4, 5);
    FreivaldsVerifier v = verifier(5);
    assertThatThrownBy(() -> v.verify(1, a, b, int8(rnd, 3, 4)))
        .isInstanceOf(VerificationException.class)
        .hasMessage("product 1 is 3x4 int32, expected 3x5 int32");
    assertThatThrownBy(() -> v.verify(1, a, b, int8(rnd, 5, 3)))
        .hasMessage("product 1 is 5x3 int32, expected 3x5 int32");
    assertThatThrownBy(() -> v.verify(2, a, b, uniform(rnd, 3, 5, 0, 1)))
        .hasMessage("product 2 is 3x5 float64, expected 3x5 int32");
    assertThatThrownBy(() -> v.verify(0, a, int8(rnd, 5, 5), int8(rnd, 3, 5)))
        .hasMessage("product 0: operands 3x4 and 5x5 do not chain");
    assertThatThrownBy(() -> v.verify(0, a, uniform(rnd, 4, 5, 0, 1), int8(rnd, 3, 5)))
        .hasMessage("product 0: operands of different kinds: int32 and float64");
  }

  @Test
  void int32BoundaryValuesAreExact() throws VerificationException {
    // Products whose entries are exactly Integer.MAX_VALUE and Integer.MIN_VALUE + 1, the extremes
    // the int32 range bound (Σ|A_it|·max|B_t·| <= 2^31 - 1) admits.
    IntMatrix a =
        IntMatrix.of(2, 2, new int[] {1 << 30, (1 << 30) - 1, -(1 << 30), -(1 << 30) + 1});
    IntMatrix b = IntMatrix.of(2, 2, new int[] {1, -1, 1, -1});
    IntMatrix c = naive(a, b);
    assertThat(c.toRowMajorArray())
        .containsExactly(
            Integer.MAX_VALUE, -Integer.MAX_VALUE, -Integer.MAX_VALUE, Integer.MAX_VALUE);
    FreivaldsVerifier v = verifier(31);
    v.verify(0, a, b, c);
    List<String> escaped = new ArrayList<>();
    // MIN_VALUE is MAX_VALUE + 1 with a wrap: the classic int32 overflow must not pass, nor any
    // value differing by 2^32 - 1 or 1.
    for (int i = 0; i < 2; i++) {
      for (int j = 0; j < 2; j++) {
        int e = c.get(i, j);
        for (int bad : new int[] {Integer.MIN_VALUE, e + 1, e - 1, -e, e ^ 0x80000000}) {
          if (bad != e && outcome(v, 0, a, b, withEntry(c, i, j, bad)).equals("accepted")) {
            escaped.add("(" + i + ", " + j + ") = " + bad);
          }
        }
      }
    }
    assertThat(escaped).isEmpty();
  }

  @Test
  void operandsWhoseProductMayLeaveInt32AreOutsideTheExactRange() {
    IntMatrix a = IntMatrix.of(1, 2, new int[] {1 << 30, 1 << 30});
    IntMatrix b = IntMatrix.of(2, 1, new int[] {1, 1});
    FreivaldsVerifier v = verifier(1);
    assertThat(v.operandProblem(a, b)).get().asString().contains("may exceed int32");
    // The wrapped value Integer.MIN_VALUE is what int32 arithmetic would produce: not judged.
    assertThatThrownBy(() -> v.verify(0, a, b, IntMatrix.of(1, 1, new int[] {Integer.MIN_VALUE})))
        .isInstanceOf(VerificationException.class)
        .hasMessageContaining("may exceed int32");
    IntMatrix extreme = IntMatrix.of(1, 1, new int[] {Integer.MIN_VALUE});
    assertThat(v.operandProblem(extreme, IntMatrix.of(1, 1, new int[] {Integer.MIN_VALUE})))
        .isPresent();
    // The bound is per row of B: a zero row of B removes its column of A from the bound.
    assertThat(v.operandProblem(a, IntMatrix.of(2, 1, new int[] {1, 0}))).isEmpty();
    IntMatrix fits = IntMatrix.of(1, 2, new int[] {1 << 30, (1 << 30) - 1});
    assertThat(v.operandProblem(fits, b)).isEmpty();
  }

  @Test
  void roundsAreNumberedFromOneAndEachUsesFreshVectors() {
    // With 3 rounds, an honest product passes all 3, drawing 3·q field elements.
    SplittableRandom rnd = new SplittableRandom(3);
    IntMatrix a = int8(rnd, 4, 4);
    IntMatrix b = int8(rnd, 4, 6);
    long[] draws = {0};
    RandomSource seeded = RandomSource.seeded(3);
    RandomSource counting =
        new RandomSource() {
          @Override
          public Bytes nextBytes(int n) {
            return seeded.nextBytes(n);
          }

          @Override
          public long nextLong(long bound) {
            draws[0]++;
            return seeded.nextLong(bound);
          }

          @Override
          public long nextLong() {
            return seeded.nextLong();
          }
        };
    FreivaldsParameters three =
        new FreivaldsParameters(
            3,
            FreivaldsParameters.Field.MERSENNE_61,
            1,
            FloatVectors.SIGNS,
            FreivaldsParameters.BINARY64_UNIT_ROUNDOFF);
    assertThatCode(() -> FreivaldsVerifier.create(three, counting).verify(0, a, b, naive(a, b)))
        .doesNotThrowAnyException();
    assertThat(draws[0]).isEqualTo(18);
  }

  @Test
  void anUnexpectedErrorFailsClosed() {
    SplittableRandom rnd = new SplittableRandom(8);
    IntMatrix a = int8(rnd, 2, 2);
    IntMatrix b = int8(rnd, 2, 2);
    RandomSource broken = TestMatrices.broken();
    assertThatThrownBy(
            () -> FreivaldsVerifier.create(DEFAULTS, broken).verify(4, a, b, naive(a, b)))
        .isInstanceOf(VerificationException.class)
        .hasMessageContaining("product 4: verifier error")
        .hasMessageContaining("entropy source failed");
  }

  // ---- float64 ----

  @ParameterizedTest
  @EnumSource(FloatVectors.class)
  void floatAcceptsHonestProductsInAnySummationOrderSeed64(FloatVectors vectors) {
    SplittableRandom rnd = new SplittableRandom(64);
    FreivaldsVerifier v = floatVerifier(vectors, 64);
    List<String> wrong = new ArrayList<>();
    int[][] shapes = {{1, 1, 1}, {3, 7, 2}, {16, 64, 16}, {40, 300, 30}, {2, 1000, 3}};
    for (int[] s : shapes) {
      // mixed signs and magnitudes spanning 2^±20: cancellation makes the orders disagree
      DoubleMatrix a =
          DoubleMatrix.generate(
              s[0],
              s[1],
              (i, j) -> (rnd.nextDouble() - 0.5) * Math.scalb(1.0, rnd.nextInt(41) - 20));
      DoubleMatrix b = uniform(rnd, s[1], s[2], -1, 1);
      DoubleMatrix forward = TestMatrices.forward(a, b);
      for (DoubleMatrix c :
          List.of(
              forward,
              TestMatrices.reversed(a, b),
              TestMatrices.fused(a, b),
              TestMatrices.pairwise(a, b))) {
        String o = outcome(v, 0, a, b, c);
        if (!o.equals("accepted")) {
          wrong.add(s[0] + "x" + s[1] + "x" + s[2] + ": " + o);
        }
      }
    }
    assertThat(wrong).isEmpty();
  }

  @Test
  void reversedOrderReallyDiffersBitwiseSeed64() {
    // Guards the test above against vacuity: the summation orders give different bits.
    SplittableRandom rnd = new SplittableRandom(64);
    DoubleMatrix a = uniform(rnd, 40, 300, -1000, 1000);
    DoubleMatrix b = uniform(rnd, 300, 30, -1, 1);
    assertThat(TestMatrices.reversed(a, b)).isNotEqualTo(TestMatrices.forward(a, b));
    assertThatCode(() -> verifier(64).verify(0, a, b, TestMatrices.reversed(a, b)))
        .doesNotThrowAnyException();
  }

  @ParameterizedTest
  @EnumSource(FloatVectors.class)
  void floatRejectsEverySingleEntryOffByOneMillionthSeed6(FloatVectors vectors) {
    SplittableRandom rnd = new SplittableRandom(6);
    DoubleMatrix a = uniform(rnd, 12, 64, 0.5, 1.5);
    DoubleMatrix b = uniform(rnd, 64, 10, 0.5, 1.5);
    DoubleMatrix c = TestMatrices.forward(a, b);
    FreivaldsVerifier v = floatVerifier(vectors, 6);
    List<String> escaped = new ArrayList<>();
    for (int i = 0; i < 12; i++) {
      for (int j = 0; j < 10; j++) {
        for (double rel : new double[] {1e-6, -1e-6}) {
          DoubleMatrix bad = withEntry(c, i, j, c.get(i, j) * (1 + rel));
          if (!outcome(v, 2, a, b, bad).startsWith("rejected: product 2 fails Freivalds float")) {
            escaped.add("(" + i + ", " + j + ") x (1 + " + rel + ")");
          }
        }
      }
    }
    assertThat(escaped).isEmpty();
  }

  /**
   * The 1/2-per-round bound of sign vectors is tight: an error of +δ in two entries of one row
   * cancels exactly when the two signs differ. With one round, 4000 seeded verifiers (seeds
   * 0..3999) must reject about half the time: the count lies within 4.5 standard deviations of
   * 2000.
   */
  @Test
  void signVectorsCatchACancellingErrorHalfTheTimePerRoundSeeds0To3999() {
    SplittableRandom rnd = new SplittableRandom(99);
    DoubleMatrix a = uniform(rnd, 4, 6, 0.5, 1.5);
    DoubleMatrix b = uniform(rnd, 6, 5, 0.5, 1.5);
    DoubleMatrix c = TestMatrices.forward(a, b);
    double delta = 1e-3 * c.get(1, 0);
    DoubleMatrix bad =
        withEntry(withEntry(c, 1, 0, c.get(1, 0) + delta), 1, 3, c.get(1, 3) + delta);
    FreivaldsParameters oneRound =
        new FreivaldsParameters(
            1,
            FreivaldsParameters.Field.MERSENNE_61,
            1,
            FloatVectors.SIGNS,
            FreivaldsParameters.BINARY64_UNIT_ROUNDOFF);
    int rejected = 0;
    int trials = 4000;
    for (int seed = 0; seed < trials; seed++) {
      if (!outcome(FreivaldsVerifier.create(oneRound, seeded(seed)), 0, a, b, bad)
          .equals("accepted")) {
        rejected++;
      }
    }
    assertThat((double) rejected).isCloseTo(trials / 2.0, within(4.5 * Math.sqrt(trials / 4.0)));
    // with the default 60 rounds it never escapes
    assertThatThrownBy(() -> verifier(5).verify(0, a, b, bad))
        .isInstanceOf(VerificationException.class);
  }

  @Test
  void floatRejectsNonFiniteClaimsAndRefusesNonFiniteOperands() {
    SplittableRandom rnd = new SplittableRandom(11);
    DoubleMatrix a = uniform(rnd, 3, 3, -1, 1);
    DoubleMatrix b = uniform(rnd, 3, 3, -1, 1);
    DoubleMatrix c = TestMatrices.forward(a, b);
    FreivaldsVerifier v = verifier(11);
    for (double bad : new double[] {Double.NaN, Double.POSITIVE_INFINITY, -Double.MAX_VALUE}) {
      assertThatThrownBy(() -> v.verify(0, a, b, withEntry(c, 1, 2, bad)))
          .as("C(1, 2) = %s", bad)
          .hasMessageStartingWith("product 0 fails Freivalds float round");
    }
    assertThat(v.operandProblem(withEntry(a, 0, 0, Double.NaN), b))
        .get()
        .asString()
        .contains("non-finite");
    assertThat(v.operandProblem(a, withEntry(b, 0, 0, Double.MAX_VALUE)))
        .get()
        .asString()
        .contains("overflow");
  }

  @Test
  void providerUnitRoundoffWidensTheToleranceSeed24() {
    // A product accumulated in float32 is honest for a float32 provider (u = 2^-24) but far outside
    // the binary64 tolerance.
    SplittableRandom rnd = new SplittableRandom(24);
    DoubleMatrix a = uniform(rnd, 8, 200, 0.5, 1.5);
    DoubleMatrix b = uniform(rnd, 200, 8, 0.5, 1.5);
    DoubleMatrix c = TestMatrices.float32Accumulated(a, b);
    FreivaldsParameters float32 =
        new FreivaldsParameters(
            1, FreivaldsParameters.Field.MERSENNE_61, 60, FloatVectors.SIGNS, 0x1p-24);
    assertThatCode(() -> FreivaldsVerifier.create(float32, seeded(24)).verify(0, a, b, c))
        .doesNotThrowAnyException();
    assertThatThrownBy(() -> verifier(24).verify(0, a, b, c))
        .hasMessageStartingWith("product 0 fails Freivalds float round 1");
  }

  private static FreivaldsVerifier floatVerifier(FloatVectors vectors, long seed) {
    return FreivaldsVerifier.create(
        new FreivaldsParameters(
            1,
            FreivaldsParameters.Field.MERSENNE_61,
            60,
            vectors,
            FreivaldsParameters.BINARY64_UNIT_ROUNDOFF),
        seeded(seed));
  }
}
