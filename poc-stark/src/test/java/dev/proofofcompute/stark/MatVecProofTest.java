package dev.proofofcompute.stark;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.proofofcompute.core.linalg.IntMatrix;
import dev.proofofcompute.crypto.VerificationException;
import dev.proofofcompute.stark.air.MatVecAir;
import dev.proofofcompute.stark.air.Trace;
import dev.proofofcompute.stark.field.Goldilocks;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Proofs of {@link MatVecAir}: honest ones verify, false statements and bad traces do not. */
class MatVecProofTest {
  /** Small parameters (degree 2, one composition segment): not secure, fast. */
  static final StarkParameters SMALL = new StarkParameters(4, 4, 2, 4, 2, 4);

  static IntMatrix int8(int rows, int cols, long seed) {
    SplittableRandom rnd = new SplittableRandom(seed);
    return IntMatrix.generate(rows, cols, (r, c) -> rnd.nextInt(256) - 128);
  }

  @ParameterizedTest(name = "{0}x{1} seed {2}")
  @CsvSource({
    "1, 1, 1",
    "1, 9, 2",
    "9, 1, 3",
    "3, 5, 4",
    "7, 7, 5",
    "13, 100, 6",
    "64, 64, 7",
    "100, 3, 8"
  })
  void honestProofsVerify(int m, int n, long seed) throws Exception {
    IntMatrix w = int8(m, n, seed);
    IntMatrix x = int8(n, 1, seed + 100);
    MatVecAir air = MatVecAir.create(w, x, MatVecAir.multiply(w, x));
    StarkProof proof = StarkProver.create(SMALL).prove(air, MatVecAir.trace(w, x));
    StarkVerifier.create(SMALL).verify(air, proof.encode());
    assertThat(proof.traceLength()).isEqualTo(MatVecAir.traceLengthFor(m, n));
  }

  @Test
  void honestProofVerifiesWithTheDefaultParameters() throws Exception {
    IntMatrix w = int8(64, 64, 9);
    IntMatrix x = int8(64, 1, 10);
    MatVecAir air = MatVecAir.create(w, x, MatVecAir.multiply(w, x));
    StarkParameters p = StarkParameters.defaults();
    StarkProof proof = StarkProver.create(p).prove(air, MatVecAir.trace(w, x));
    StarkVerifier.create(p).verify(air, proof.encode());
    assertThat(proof.traceLength()).isEqualTo(4096);
  }

  /** The three ways to lie about the public inputs: a y entry, a W entry, an x entry. */
  static List<MatVecAir> falseStatements(IntMatrix w, IntMatrix x, IntMatrix y) {
    int[] ya = y.toRowMajorArray();
    ya[ya.length / 2] += 1;
    int[] wa = w.toRowMajorArray();
    wa[wa.length - 1] = wa[wa.length - 1] == 127 ? 126 : wa[wa.length - 1] + 1;
    int[] xa = x.toRowMajorArray();
    xa[0] = xa[0] == -128 ? -127 : xa[0] - 1;
    return List.of(
        MatVecAir.create(w, x, IntMatrix.of(y.rows(), 1, ya)),
        MatVecAir.create(IntMatrix.of(w.rows(), w.cols(), wa), x, y),
        MatVecAir.create(w, IntMatrix.of(x.rows(), 1, xa), y));
  }

  @Test
  void anHonestProofDoesNotVerifyForChangedPublicInputs() {
    IntMatrix w = int8(5, 6, 11);
    IntMatrix x = int8(6, 1, 12);
    IntMatrix y = MatVecAir.multiply(w, x);
    MatVecAir air = MatVecAir.create(w, x, y);
    StarkProof proof = StarkProver.create(SMALL).prove(air, MatVecAir.trace(w, x));
    StarkVerifier verifier = StarkVerifier.create(SMALL);
    assertThatCode(() -> verifier.verify(air, proof)).doesNotThrowAnyException();
    for (MatVecAir wrong : falseStatements(w, x, y)) {
      assertThatThrownBy(() -> verifier.verify(wrong, proof))
          .as("statement %s", wrong.publicInputs())
          .isInstanceOf(VerificationException.class);
    }
  }

  /**
   * A cheating prover that states a false claim and proves it from the honest trace, skipping the
   * self-check, is caught by the constraints (not only by the transcript): the periodic columns
   * carry W, x and y into the composition polynomial.
   */
  @Test
  void falseStatementsCannotBeProvedFromTheHonestTrace() {
    IntMatrix w = int8(5, 6, 13);
    IntMatrix x = int8(6, 1, 14);
    IntMatrix y = MatVecAir.multiply(w, x);
    Trace honest = MatVecAir.trace(w, x);
    StarkProver prover = StarkProver.create(SMALL);
    StarkVerifier verifier = StarkVerifier.create(SMALL);
    for (MatVecAir wrong : falseStatements(w, x, y)) {
      assertThatThrownBy(() -> prover.prove(wrong, honest))
          .isInstanceOf(IllegalArgumentException.class)
          .hasMessageContaining("violates");
      StarkProof forged = prover.proveUnchecked(wrong, honest);
      assertThatThrownBy(() -> verifier.verify(wrong, forged))
          .as("statement %s", wrong.publicInputs())
          .isInstanceOf(VerificationException.class);
    }
  }

  /** Every cell of a small trace, changed alone: the proof made from it is rejected. */
  @Test
  void everySingleWrongCellYieldsARejectedProof() {
    IntMatrix w = int8(3, 5, 15);
    IntMatrix x = int8(5, 1, 16);
    MatVecAir air = MatVecAir.create(w, x, MatVecAir.multiply(w, x));
    Trace trace = MatVecAir.trace(w, x);
    StarkProver prover = StarkProver.create(SMALL);
    StarkVerifier verifier = StarkVerifier.create(SMALL);
    List<String> accepted = new ArrayList<>();
    for (int column = 0; column < trace.width(); column++) {
      for (int row = 0; row < trace.length(); row++) {
        Trace bad = trace.with(column, row, Goldilocks.add(trace.get(column, row), 1));
        assertThatThrownBy(() -> StarkProver.checkTrace(air, bad))
            .isInstanceOf(IllegalArgumentException.class);
        StarkProof proof = prover.proveUnchecked(air, bad);
        try {
          verifier.verify(air, proof);
          accepted.add("column " + column + " row " + row);
        } catch (VerificationException expected) {
          // rejected, as it must be
        }
      }
    }
    assertThat(trace.length()).isEqualTo(32);
    assertThat(accepted).isEmpty();
  }

  /**
   * The same wrong-cell check with the default parameters, at a few cells of a 64 x 64 trace: the
   * rejection does not depend on the tiny query count above.
   */
  @Test
  void wrongCellsAreRejectedWithTheDefaultParameters() {
    IntMatrix w = int8(64, 64, 17);
    IntMatrix x = int8(64, 1, 18);
    MatVecAir air = MatVecAir.create(w, x, MatVecAir.multiply(w, x));
    Trace trace = MatVecAir.trace(w, x);
    StarkParameters p = StarkParameters.defaults();
    for (int[] cell : new int[][] {{0, 0}, {0, 63}, {1, 2000}, {2, 4095}, {0, 4095}}) {
      Trace bad = trace.with(cell[0], cell[1], Goldilocks.add(trace.get(cell[0], cell[1]), 1));
      StarkProof proof = StarkProver.create(p).proveUnchecked(air, bad);
      assertThatThrownBy(() -> StarkVerifier.create(p).verify(air, proof))
          .as("column %d row %d", cell[0], cell[1])
          .isInstanceOf(VerificationException.class);
    }
  }
}
