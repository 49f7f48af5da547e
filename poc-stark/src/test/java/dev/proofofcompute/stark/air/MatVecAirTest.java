package dev.proofofcompute.stark.air;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.proofofcompute.core.linalg.IntMatrix;
import dev.proofofcompute.stark.field.Ext2;
import dev.proofofcompute.stark.field.Goldilocks;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class MatVecAirTest {
  /** A seeded int8 matrix; extremes -128 and 127 are drawn often. */
  static IntMatrix int8(int rows, int cols, long seed) {
    SplittableRandom rnd = new SplittableRandom(seed);
    return IntMatrix.generate(
        rows,
        cols,
        (r, c) ->
            switch (rnd.nextInt(8)) {
              case 0 -> -128;
              case 1 -> 127;
              default -> rnd.nextInt(256) - 128;
            });
  }

  /** The naive long reference of {@code W·x}. */
  static long[] reference(IntMatrix w, IntMatrix x) {
    long[] y = new long[w.rows()];
    for (int i = 0; i < w.rows(); i++) {
      for (int j = 0; j < w.cols(); j++) {
        y[i] += (long) w.get(i, j) * x.get(j, 0);
      }
    }
    return y;
  }

  @ParameterizedTest(name = "{0}x{1} seed {2}")
  @CsvSource({"1, 1, 11", "1, 7, 12", "5, 1, 13", "3, 5, 14", "8, 8, 15", "13, 100, 16"})
  void multiplyMatchesTheNaiveReferenceAndTheTraceSatisfiesTheAir(int m, int n, long seed) {
    IntMatrix w = int8(m, n, seed);
    IntMatrix x = int8(n, 1, seed + 1000);
    IntMatrix y = MatVecAir.multiply(w, x);
    long[] expected = reference(w, x);
    for (int i = 0; i < m; i++) {
      assertThat((long) y.get(i, 0)).as("seed %d row %d", seed, i).isEqualTo(expected[i]);
    }
    MatVecAir air = MatVecAir.create(w, x, y);
    Trace trace = MatVecAir.trace(w, x);
    assertThat(trace.length()).isEqualTo(air.traceLength());
    assertThat(trace.width()).isEqualTo(3);
    assertThat(violations(air, trace)).as("seed %d", seed).isEmpty();
    // The same trace does not satisfy a statement with one output entry off by one.
    int[] wrong = y.toRowMajorArray();
    wrong[m - 1] += 1;
    assertThat(violations(MatVecAir.create(w, x, IntMatrix.of(m, 1, wrong)), trace)).isNotEmpty();
  }

  /** Every violated transition (by row) and boundary, evaluated directly from the AIR. */
  static java.util.List<String> violations(Air air, Trace trace) {
    java.util.List<String> found = new java.util.ArrayList<>();
    java.util.List<long[]> periodic = air.periodicColumns();
    int w = trace.width();
    long[] out = new long[air.transitionConstraintCount()];
    for (int i = 0; i + 1 < trace.length(); i++) {
      long[] cur = new long[w];
      long[] next = new long[w];
      for (int c = 0; c < w; c++) {
        cur[c] = trace.get(c, i);
        next[c] = trace.get(c, i + 1);
      }
      long[] per = new long[periodic.size()];
      for (int p = 0; p < per.length; p++) {
        per[p] = periodic.get(p)[i % periodic.get(p).length];
      }
      air.evaluateTransition(cur, next, per, out);
      for (int j = 0; j < out.length; j++) {
        if (out[j] != 0) {
          found.add("transition " + j + " at row " + i);
        }
      }
    }
    for (BoundaryConstraint b : air.boundaryConstraints()) {
      if (trace.get(b.column(), b.row()) != b.value()) {
        found.add("boundary " + b);
      }
    }
    return found;
  }

  @Test
  void allNegativeExtremesGiveTheLargestSumsWithoutWrapping() {
    int n = MatVecAir.MAX_COLS;
    IntMatrix w = IntMatrix.generate(2, n, (r, c) -> r == 0 ? -128 : 127);
    IntMatrix x = IntMatrix.generate(n, 1, (r, c) -> -128);
    IntMatrix y = MatVecAir.multiply(w, x);
    assertThat(y.get(0, 0)).isEqualTo(16384 * n).isPositive();
    assertThat(y.get(1, 0)).isEqualTo(-16256 * n).isNegative();
    assertThat(MatVecAir.traceLengthFor(2, n)).isEqualTo(1 << 18);
  }

  @Test
  void layoutPadsEachBlockAndTheRowCount() {
    // 3 x 5: blocks of 8 rows, 4 blocks, 32 rows; slots 5..7 and block 3 are padding.
    IntMatrix w = IntMatrix.generate(3, 5, (r, c) -> r * 10 + c - 7);
    IntMatrix x = IntMatrix.generate(5, 1, (r, c) -> 2 - r);
    Trace t = MatVecAir.trace(w, x);
    assertThat(t.length()).isEqualTo(32);
    IntMatrix y = MatVecAir.multiply(w, x);
    for (int i = 0; i < 3; i++) {
      assertThat(t.get(MatVecAir.ACC, i * 8 + 7)).isEqualTo(Goldilocks.fromSigned(y.get(i, 0)));
      assertThat(t.get(MatVecAir.ACC, i * 8 + 4)).isEqualTo(Goldilocks.fromSigned(y.get(i, 0)));
      for (int j = 5; j < 8; j++) {
        assertThat(t.get(MatVecAir.WEIGHT, i * 8 + j)).isZero();
        assertThat(t.get(MatVecAir.INPUT, i * 8 + j)).isZero();
      }
    }
    for (int k = 24; k < 32; k++) {
      assertThat(t.get(MatVecAir.WEIGHT, k)).isZero();
      assertThat(t.get(MatVecAir.ACC, k)).isZero();
    }
    // Negative values map to p - |v|.
    assertThat(t.get(MatVecAir.WEIGHT, 0)).isEqualTo(Goldilocks.P - 7);
    assertThat(MatVecAir.traceLengthFor(1, 1)).isEqualTo(8);
    assertThat(MatVecAir.traceLengthFor(64, 64)).isEqualTo(4096);
    assertThat(MatVecAir.traceLengthFor(65, 65)).isEqualTo(128 * 128);
    assertThat(MatVecAir.traceLengthFor(256, 256)).isEqualTo(1 << 16);
  }

  /** No cell of a valid trace is free: changing any one breaks a transition or a boundary. */
  @Test
  void everyCellIsConstrainedSeed51() {
    IntMatrix w = int8(3, 5, 51);
    IntMatrix x = int8(5, 1, 52);
    MatVecAir air = MatVecAir.create(w, x, MatVecAir.multiply(w, x));
    Trace trace = MatVecAir.trace(w, x);
    java.util.List<String> free = new java.util.ArrayList<>();
    for (int c = 0; c < trace.width(); c++) {
      for (int r = 0; r < trace.length(); r++) {
        Trace bad = trace.with(c, r, Goldilocks.add(trace.get(c, r), 1));
        if (violations(air, bad).isEmpty()) {
          free.add("column " + c + " row " + r);
        }
      }
    }
    assertThat(free).isEmpty();
  }

  @Test
  void baseAndExtensionEvaluationsAgreeSeed21() {
    MatVecAir air = MatVecAir.create(int8(3, 5, 1), int8(5, 1, 2), IntMatrix.of(3, 1, new int[3]));
    SplittableRandom rnd = new SplittableRandom(21L);
    for (int i = 0; i < 100; i++) {
      long[] cur = random(rnd, 3);
      long[] next = random(rnd, 3);
      long[] per = random(rnd, 4);
      long[] out = new long[4];
      air.evaluateTransition(cur, next, per, out);
      Ext2[] outExt = new Ext2[4];
      air.evaluateTransition(ext(cur), ext(next), ext(per), outExt);
      assertThat(outExt).as("seed 21 trial %d", i).containsExactly(ext(out));
    }
    assertThat(air.transitionConstraintCount()).isEqualTo(4);
    assertThat(air.transitionDegree(0)).isEqualTo(1);
    assertThat(air.transitionDegree(2)).isEqualTo(2);
    assertThat(air.transitionDegree(3)).isEqualTo(2);
  }

  @Test
  void publicInputsBindEveryEntry() {
    IntMatrix w = int8(3, 5, 31);
    IntMatrix x = int8(5, 1, 32);
    IntMatrix y = MatVecAir.multiply(w, x);
    var base = MatVecAir.create(w, x, y).publicInputs();
    int[] wa = w.toRowMajorArray();
    wa[7] ^= 1;
    int[] xa = x.toRowMajorArray();
    xa[4] ^= 1;
    int[] ya = y.toRowMajorArray();
    ya[2] += 1;
    assertThat(MatVecAir.create(IntMatrix.of(3, 5, wa), x, y).publicInputs()).isNotEqualTo(base);
    assertThat(MatVecAir.create(w, IntMatrix.of(5, 1, xa), y).publicInputs()).isNotEqualTo(base);
    assertThat(MatVecAir.create(w, x, IntMatrix.of(3, 1, ya)).publicInputs()).isNotEqualTo(base);
    // 1x15 and 3x5 with the same bytes differ through the shape header.
    IntMatrix flat = IntMatrix.of(1, 15, w.toRowMajorArray());
    assertThat(base.length()).isEqualTo(8 + 15 + 5 + 12);
    assertThat(MatVecAir.create(flat, int8(15, 1, 33), IntMatrix.of(1, 1, new int[1])).name())
        .isEqualTo("matvec/v1");
  }

  @Test
  void badShapesAndValuesAreRefusedWithAReason() {
    IntMatrix w = int8(3, 5, 41);
    IntMatrix x = int8(5, 1, 42);
    IntMatrix y = MatVecAir.multiply(w, x);
    assertThatThrownBy(() -> MatVecAir.create(w, int8(4, 1, 1), y))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("needs a 5x1 vector");
    assertThatThrownBy(() -> MatVecAir.create(w, int8(1, 5, 1), y))
        .hasMessageContaining("needs a 5x1 vector");
    assertThatThrownBy(() -> MatVecAir.create(w, x, IntMatrix.of(2, 1, new int[2])))
        .hasMessageContaining("is 3x1, got 2x1");
    assertThatThrownBy(() -> MatVecAir.create(w, x, IntMatrix.of(3, 2, new int[6])))
        .hasMessageContaining("got 3x2");
    assertThatThrownBy(() -> MatVecAir.create(IntMatrix.generate(3, 5, (r, c) -> 128), x, y))
        .hasMessageContaining("weights have an entry outside int8");
    assertThatThrownBy(() -> MatVecAir.create(w, IntMatrix.generate(5, 1, (r, c) -> -129), y))
        .hasMessageContaining("vector has an entry outside int8");
    int tooLong = MatVecAir.MAX_COLS + 1;
    assertThatThrownBy(() ->
            MatVecAir.multiply(
                IntMatrix.of(1, tooLong, new int[tooLong]),
                IntMatrix.of(tooLong, 1, new int[tooLong])))
        .hasMessageContaining("int32 sums could overflow");
    assertThatThrownBy(
            () -> MatVecAir.trace(IntMatrix.of(1025, 1024, new int[1025 * 1024]), int8(1024, 1, 1)))
        .hasMessageContaining("needs 2097152 trace rows");
  }

  private static long[] random(SplittableRandom rnd, int count) {
    long[] out = new long[count];
    for (int i = 0; i < count; i++) {
      out[i] = Goldilocks.reduce(rnd.nextLong());
    }
    return out;
  }

  private static Ext2[] ext(long[] values) {
    Ext2[] out = new Ext2[values.length];
    for (int i = 0; i < values.length; i++) {
      out[i] = Ext2.ofBase(values[i]);
    }
    return out;
  }
}
