package dev.proofofcompute.workloads.heat;

import static org.assertj.core.api.Assertions.assertThat;

import dev.proofofcompute.core.linalg.IntMatrix;
import dev.proofofcompute.workloads.SplitMix64;
import org.junit.jupiter.api.Test;

class DiffusionTest {

  @Test
  void threeByThreeKnownAnswerWithRounding() {
    // Top border 100, other border cells 0, centre 0; alpha = 1/8 (numerator 1, shift 3).
    // t=1: lap = 100 + 0 + 0 + 0 - 0 = 100; 100/8 = 12.5 rounds half up to 13   -> 13
    // t=2: lap = 100 - 4*13 = 48; 48/8 = 6                                       -> 19
    // t=3: lap = 100 - 4*19 = 24; 24/8 = 3                                       -> 22
    IntMatrix u = IntMatrix.of(3, 3, new int[] {100, 100, 100, 0, 0, 0, 0, 0, 0});
    int[] centre = {13, 19, 22};
    for (int t = 0; t < 3; t++) {
      u = Diffusion.step(u, 1, 3);
      assertThat(u)
          .isEqualTo(IntMatrix.of(3, 3, new int[] {100, 100, 100, 0, centre[t], 0, 0, 0, 0}));
    }
  }

  @Test
  void fourByFourKnownAnswer() {
    // Top border 80, rest 0, alpha = 1/4. Interior (1,1) (1,2) (2,1) (2,2).
    // t=1: (1,1): lap = 80 (up) + 0 + 0 + 0 - 0 = 80 -> 20; (1,2) the same; row 2 sees only zeros
    // -> 0.
    // t=2: (1,1): lap = 80 + 0 (down) + 0 (left) + 20 (right) - 80 = 20 -> 20 + 5 = 25; (1,2) = 25;
    //      (2,1): lap = 20 (up) + 0 + 0 + 0 - 0 = 20 -> 5; (2,2) = 5.
    IntMatrix u0 =
        IntMatrix.of(4, 4, new int[] {80, 80, 80, 80, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0});
    IntMatrix u1 = Diffusion.step(u0, 1, 2);
    assertThat(u1)
        .isEqualTo(
            IntMatrix.of(4, 4, new int[] {80, 80, 80, 80, 0, 20, 20, 0, 0, 0, 0, 0, 0, 0, 0, 0}));
    assertThat(Diffusion.step(u1, 1, 2))
        .isEqualTo(
            IntMatrix.of(4, 4, new int[] {80, 80, 80, 80, 0, 25, 25, 0, 0, 5, 5, 0, 0, 0, 0, 0}));
  }

  /** Differential test against the formula with {@code Math.floorDiv} and 2D neighbour reads. */
  @Test
  void agreesWithTheFormulaCellByCell() {
    long seed = 77L;
    SplitMix64 rnd = new SplitMix64(seed);
    int n = 9;
    IntMatrix u = IntMatrix.generate(n, n, (r, c) -> rnd.nextInt(-5000, 5000));
    int[][] alphas = {{1, 2}, {1, 3}, {3, 4}, {5, 5}, {0, 1}};
    for (int[] alpha : alphas) {
      IntMatrix next = Diffusion.step(u, alpha[0], alpha[1]);
      for (int i = 0; i < n; i++) {
        for (int j = 0; j < n; j++) {
          long expected = u.get(i, j);
          if (i > 0 && j > 0 && i < n - 1 && j < n - 1) {
            long lap =
                (long) u.get(i - 1, j)
                    + u.get(i + 1, j)
                    + u.get(i, j - 1)
                    + u.get(i, j + 1)
                    - 4L * u.get(i, j);
            expected += Math.floorDiv(alpha[0] * lap + (1L << (alpha[1] - 1)), 1L << alpha[1]);
          }
          assertThat((long) next.get(i, j))
              .as("seed %d alpha %d/2^%d (%d,%d)", seed, alpha[0], alpha[1], i, j)
              .isEqualTo(expected);
        }
      }
      u = next;
    }
  }

  @Test
  void staysInsideTheInitialRangeAndKeepsTheBorder() {
    long seed = 2026L;
    SplitMix64 rnd = new SplitMix64(seed);
    int n = 12;
    int max = HeatSimInput.MAX_TEMPERATURE;
    IntMatrix u0 = IntMatrix.generate(n, n, (r, c) -> rnd.nextInt(-max, max));
    IntMatrix u = u0;
    for (int t = 0; t < 50; t++) {
      u = Diffusion.step(u, 1, 2);
      for (int i = 0; i < n; i++) {
        for (int j = 0; j < n; j++) {
          assertThat(u.get(i, j)).as("seed %d t %d", seed, t).isBetween(-max, max);
          if (i == 0 || j == 0 || i == n - 1 || j == n - 1) {
            assertThat(u.get(i, j)).isEqualTo(u0.get(i, j));
          }
        }
      }
    }
  }
}
