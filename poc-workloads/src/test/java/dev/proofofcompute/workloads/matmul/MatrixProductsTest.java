package dev.proofofcompute.workloads.matmul;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.proofofcompute.core.linalg.DoubleMatrix;
import dev.proofofcompute.core.linalg.IntMatrix;
import dev.proofofcompute.workloads.SplitMix64;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class MatrixProductsTest {

  @Test
  void int8KnownAnswer() {
    // [1 2; 3 4] x [5 6; 7 8] = [1*5+2*7 1*6+2*8; 3*5+4*7 3*6+4*8] = [19 22; 43 50]
    IntMatrix a = IntMatrix.of(2, 2, new int[] {1, 2, 3, 4});
    IntMatrix b = IntMatrix.of(2, 2, new int[] {5, 6, 7, 8});
    assertThat(MatrixProducts.int8(a, b)).isEqualTo(IntMatrix.of(2, 2, new int[] {19, 22, 43, 50}));
  }

  @Test
  void int8AtTheInnerBoundDoesNotOverflow() {
    // 131071 terms of (-128)(-128) = 131071 * 16384 = 2147467264 <= 2^31 - 1 = 2147483647.
    int k = MatrixProducts.MAX_INT8_INNER;
    IntMatrix a = IntMatrix.generate(1, k, (r, c) -> -128);
    IntMatrix b = IntMatrix.generate(k, 1, (r, c) -> -128);
    assertThat(MatrixProducts.int8(a, b).get(0, 0)).isEqualTo(2_147_467_264);
  }

  @ParameterizedTest(name = "seed {0}")
  @ValueSource(longs = {1L, 2L, 3L, 20261127L})
  void int8AgreesWithANaiveLongTripleLoop(long seed) {
    SplitMix64 rnd = new SplitMix64(seed);
    for (int round = 0; round < 20; round++) {
      int n = rnd.nextInt(1, 12);
      int k = rnd.nextInt(1, 40);
      int m = rnd.nextInt(1, 12);
      IntMatrix a = IntMatrix.generate(n, k, (r, c) -> rnd.nextInt(-128, 127));
      IntMatrix b = IntMatrix.generate(k, m, (r, c) -> rnd.nextInt(-128, 127));
      IntMatrix c = MatrixProducts.int8(a, b);
      for (int i = 0; i < n; i++) {
        for (int j = 0; j < m; j++) {
          long s = 0;
          for (int t = 0; t < k; t++) {
            s += (long) a.get(i, t) * b.get(t, j);
          }
          assertThat((long) c.get(i, j))
              .as("seed %d round %d (%d,%d)", seed, round, i, j)
              .isEqualTo(s);
        }
      }
    }
  }

  @Test
  void int8RejectsBadOperands() {
    IntMatrix ok = IntMatrix.of(2, 2, new int[] {1, 2, 3, 4});
    assertThatThrownBy(() -> MatrixProducts.int8(ok, IntMatrix.of(3, 1, new int[] {1, 2, 3})))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("cannot multiply 2x2 by 3x1");
    assertThatThrownBy(() -> MatrixProducts.int8(IntMatrix.of(1, 2, new int[] {128, 0}), ok))
        .hasMessageContaining("left operand has an entry outside int8");
    assertThatThrownBy(() -> MatrixProducts.int8(ok, IntMatrix.of(2, 1, new int[] {0, -129})))
        .hasMessageContaining("right operand has an entry outside int8");
    int k = MatrixProducts.MAX_INT8_INNER + 1;
    assertThatThrownBy(() ->
            MatrixProducts.int8(
                IntMatrix.generate(1, k, (r, c) -> 0), IntMatrix.generate(k, 1, (r, c) -> 0)))
        .hasMessageContaining("exceeds 131071");
  }

  @Test
  void float64KnownAnswersShowTheFixedOrder() {
    // Dyadic values are exact: 0.5*2 + 0.25*4 = 1 + 1 = 2.
    DoubleMatrix a = DoubleMatrix.of(1, 2, new double[] {0.5, 0.25});
    DoubleMatrix b = DoubleMatrix.of(2, 1, new double[] {2.0, 4.0});
    assertThat(MatrixProducts.float64(a, b).get(0, 0)).isEqualTo(2.0);
    // Left to right: 0 + 1e16 = 1e16; 1e16 + 1 is a tie between 1e16 and 1e16 + 2 (ulp 2) and
    // rounds
    // to the even significand 1e16 / 2 = 5e15, i.e. to 1e16; 1e16 - 1e16 = 0. The exact sum is 1.
    DoubleMatrix x = DoubleMatrix.of(1, 3, new double[] {1e16, 1.0, -1e16});
    DoubleMatrix ones = DoubleMatrix.of(3, 1, new double[] {1.0, 1.0, 1.0});
    assertThat(MatrixProducts.float64(x, ones).get(0, 0)).isEqualTo(0.0);
  }

  @ParameterizedTest(name = "seed {0}")
  @ValueSource(longs = {5L, 6L, 7L})
  void float64IsBitIdenticalToTheNaiveTripleLoop(long seed) {
    SplitMix64 rnd = new SplitMix64(seed);
    for (int round = 0; round < 20; round++) {
      int n = rnd.nextInt(1, 9);
      int k = rnd.nextInt(1, 30);
      int m = rnd.nextInt(1, 9);
      DoubleMatrix a = DoubleMatrix.generate(n, k, (r, c) -> gaussianish(rnd));
      DoubleMatrix b = DoubleMatrix.generate(k, m, (r, c) -> gaussianish(rnd));
      DoubleMatrix c = MatrixProducts.float64(a, b);
      for (int i = 0; i < n; i++) {
        for (int j = 0; j < m; j++) {
          double s = 0.0;
          for (int t = 0; t < k; t++) {
            s += a.get(i, t) * b.get(t, j);
          }
          assertThat(Double.doubleToRawLongBits(c.get(i, j)))
              .as("seed %d round %d (%d,%d)", seed, round, i, j)
              .isEqualTo(Double.doubleToRawLongBits(s));
        }
      }
    }
  }

  private static double gaussianish(SplitMix64 rnd) {
    return (rnd.nextLong() >> 11) * 0x1.0p-40;
  }
}
