package dev.proofofcompute.stark;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.proofofcompute.core.linalg.IntMatrix;
import dev.proofofcompute.crypto.Bytes;
import dev.proofofcompute.crypto.VerificationException;
import dev.proofofcompute.stark.air.Air;
import dev.proofofcompute.stark.air.FibonacciAir;
import dev.proofofcompute.stark.air.MatVecAir;
import dev.proofofcompute.stark.air.MimcChainAir;
import dev.proofofcompute.stark.air.Trace;
import dev.proofofcompute.stark.field.Goldilocks;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ForkJoinPool;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.MethodSource;

class StarkVerifierTest {
  /** Small parameters for fast tests: not secure, exercising every protocol step. */
  static final StarkParameters SMALL = new StarkParameters(4, 4, 2, 4, 2, 4);

  /** MiMC-7 has degree-3 transitions (two segments); three queries keep the proof small. */
  static final StarkParameters SMALL_MIMC = new StarkParameters(4, 3, 2, 8, 2, 8);

  /** A statement, an honest trace for it, and small parameters. */
  record Case(String name, Air air, Trace trace, StarkParameters parameters) {
    @Override
    public String toString() {
      return name;
    }
  }

  static Stream<Case> smallCases() {
    long seed = 0x1234_5678_9abcL;
    return Stream.of(
        new Case("fibonacci 2^6", fibonacci(64), FibonacciAir.trace(64, 1, 1), SMALL),
        new Case(
            "mimc7 63 steps",
            MimcChainAir.create(seed, 63, MimcChainAir.digest(seed, 63)),
            MimcChainAir.trace(seed, 63),
            SMALL_MIMC),
        new Case("matvec 3x5", matVec(3, 5), MatVecAir.trace(int8(3, 5, 1), int8(5, 1, 2)), SMALL));
  }

  static IntMatrix int8(int rows, int cols, long seed) {
    java.util.SplittableRandom rnd = new java.util.SplittableRandom(seed);
    return IntMatrix.generate(rows, cols, (r, c) -> rnd.nextInt(256) - 128);
  }

  static MatVecAir matVec(int m, int n) {
    IntMatrix w = int8(m, n, 1);
    IntMatrix x = int8(n, 1, 2);
    return MatVecAir.create(w, x, MatVecAir.multiply(w, x));
  }

  static FibonacciAir fibonacci(int n) {
    Trace trace = FibonacciAir.trace(n, 1, 1);
    return FibonacciAir.create(n, 1, 1, trace.get(1, n - 1));
  }

  @ParameterizedTest(name = "n={0} blowup={1} queries={2} folding={3} remainder={4}")
  @CsvSource({
    "8, 2, 4, 2, 2",
    "64, 4, 8, 2, 4",
    "64, 4, 8, 4, 4",
    "256, 8, 10, 8, 8",
    "256, 2, 20, 4, 256",
    "1024, 8, 28, 4, 64"
  })
  void honestFibonacciProofsVerify(int n, int blowup, int queries, int folding, int remainder)
      throws Exception {
    StarkParameters p = new StarkParameters(blowup, queries, 4, folding, 2, remainder);
    FibonacciAir air = fibonacci(n);
    StarkProof proof = StarkProver.create(p).prove(air, FibonacciAir.trace(n, 1, 1));
    StarkVerifier verifier = StarkVerifier.create(p);
    verifier.verify(air, proof);
    verifier.verify(air, proof.encode());
    assertThat(StarkProof.decode(proof.encode())).isEqualTo(proof);
    assertThat(proof.traceLength()).isEqualTo(n);
  }

  @Test
  void proofIsTheSameWithAndWithoutAPool() {
    FibonacciAir air = fibonacci(256);
    Trace trace = FibonacciAir.trace(256, 1, 1);
    ForkJoinPool pool = new ForkJoinPool(2);
    try {
      StarkProof sequential = StarkProver.create(SMALL).prove(air, trace);
      StarkProof parallel = StarkProver.create(SMALL, pool).prove(air, trace);
      assertThat(parallel.encode()).isEqualTo(sequential.encode());
    } finally {
      pool.shutdown();
    }
  }

  /** Every single-bit flip of a small proof is rejected, by the parser or by the verifier. */
  @ParameterizedTest(name = "{0}")
  @MethodSource("smallCases")
  void everySingleBitFlipIsRejected(Case c) {
    StarkProof proof = StarkProver.create(c.parameters()).prove(c.air(), c.trace());
    byte[] bytes = proof.encode().toByteArray();
    StarkVerifier verifier = StarkVerifier.create(c.parameters());
    List<String> accepted = new ArrayList<>();
    for (int bit = 0; bit < 8 * bytes.length; bit++) {
      byte[] mutated = bytes.clone();
      mutated[bit >>> 3] ^= (byte) (1 << (bit & 7));
      try {
        verifier.verify(c.air(), Bytes.of(mutated));
        accepted.add("bit " + bit);
      } catch (VerificationException expected) {
        // rejected, as it must be
      }
    }
    assertThat(bytes.length).isGreaterThan(2000);
    assertThat(accepted).as("flips accepted out of %d bits", 8 * bytes.length).isEmpty();
  }

  /**
   * The prover's self-check bypassed: a wrong cell yields a rejected proof. A cell no constraint
   * reads (the MiMC chain's cube column on the last row, which has no outgoing transition) is not
   * wrong: the AIR accepts any value there, so it is listed apart and must be on the last row.
   */
  @ParameterizedTest(name = "{0}")
  @MethodSource("smallCases")
  void everySingleWrongCellYieldsARejectedProof(Case c) {
    int n = c.trace().length();
    StarkParameters p = c.parameters();
    List<String> accepted = new ArrayList<>();
    List<Integer> unconstrainedRows = new ArrayList<>();
    for (int row : new int[] {0, 1, n / 2, n - 2, n - 1}) {
      for (int column = 0; column < c.trace().width(); column++) {
        Trace bad = c.trace().with(column, row, Goldilocks.add(c.trace().get(column, row), 1));
        try {
          StarkProver.checkTrace(c.air(), bad);
          unconstrainedRows.add(row);
          continue;
        } catch (IllegalArgumentException expected) {
          // the self-check sees the wrong cell; now bypass it
        }
        StarkProof proof = StarkProver.create(p).proveUnchecked(c.air(), bad);
        try {
          StarkVerifier.create(p).verify(c.air(), proof);
          accepted.add("column " + column + " row " + row);
        } catch (VerificationException expected) {
          // rejected, as it must be
        }
      }
    }
    assertThat(accepted).isEmpty();
    assertThat(unconstrainedRows).allMatch(row -> row == n - 1);
  }

  @Test
  void proverRefusesATraceWithOneWrongCell() {
    FibonacciAir air = fibonacci(64);
    Trace bad = FibonacciAir.trace(64, 1, 1).with(0, 17, 12345);
    assertThatThrownBy(() -> StarkProver.create(SMALL).prove(air, bad))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("transition constraint");
  }

  @Test
  void wrongPublicInputsAreRejected() {
    FibonacciAir air = fibonacci(64);
    StarkProof proof = StarkProver.create(SMALL).prove(air, FibonacciAir.trace(64, 1, 1));
    StarkVerifier verifier = StarkVerifier.create(SMALL);
    long result = FibonacciAir.trace(64, 1, 1).get(1, 63);
    FibonacciAir wrongResult = FibonacciAir.create(64, 1, 1, Goldilocks.add(result, 1));
    FibonacciAir wrongStart = FibonacciAir.create(64, 2, 1, result);
    FibonacciAir wrongLength = fibonacci(128);
    assertThatThrownBy(() -> verifier.verify(wrongResult, proof))
        .isInstanceOf(VerificationException.class);
    assertThatThrownBy(() -> verifier.verify(wrongStart, proof))
        .isInstanceOf(VerificationException.class);
    assertThatThrownBy(() -> verifier.verify(wrongLength, proof))
        .isInstanceOf(VerificationException.class)
        .hasMessageContaining("trace of 64 rows");
  }

  @Test
  void otherParametersAreRejected() {
    FibonacciAir air = fibonacci(64);
    StarkProof proof = StarkProver.create(SMALL).prove(air, FibonacciAir.trace(64, 1, 1));
    StarkParameters stronger = new StarkParameters(4, 5, 2, 4, 2, 4);
    assertThatThrownBy(() -> StarkVerifier.create(stronger).verify(air, proof))
        .isInstanceOf(VerificationException.class)
        .hasMessageContaining("the verifier requires");
  }

  @ParameterizedTest(name = "{0} steps")
  @CsvSource({"1", "100", "255", "1000"})
  void honestMimcChainProofsVerify(int steps) throws Exception {
    long seed = 42;
    MimcChainAir air = MimcChainAir.create(seed, steps, MimcChainAir.digest(seed, steps));
    StarkParameters p = new StarkParameters(8, 8, 4, 4, 2, 16);
    StarkProof proof = StarkProver.create(p).prove(air, MimcChainAir.trace(seed, steps));
    StarkVerifier.create(p).verify(air, proof.encode());
  }

  @Test
  void mimcChainWithWrongSeedDigestOrLengthIsRejected() {
    long seed = 42;
    long digest = MimcChainAir.digest(seed, 100);
    MimcChainAir air = MimcChainAir.create(seed, 100, digest);
    StarkProof proof = StarkProver.create(SMALL_MIMC).prove(air, MimcChainAir.trace(seed, 100));
    StarkVerifier verifier = StarkVerifier.create(SMALL_MIMC);
    assertThatCode(() -> verifier.verify(air, proof)).doesNotThrowAnyException();
    for (MimcChainAir wrong :
        List.of(
            MimcChainAir.create(seed + 1, 100, digest),
            MimcChainAir.create(seed, 100, Goldilocks.add(digest, 1)),
            MimcChainAir.create(seed, 101, digest),
            MimcChainAir.create(seed, 101, MimcChainAir.digest(seed, 101)))) {
      assertThatThrownBy(() -> verifier.verify(wrong, proof))
          .as("seed/steps/digest %s", wrong.publicInputs())
          .isInstanceOf(VerificationException.class);
    }
  }
}
