package dev.proofofcompute.stark;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.proofofcompute.crypto.Bytes;
import dev.proofofcompute.crypto.DecodingException;
import dev.proofofcompute.crypto.VerificationException;
import dev.proofofcompute.stark.air.FibonacciAir;
import dev.proofofcompute.stark.air.Trace;
import dev.proofofcompute.stark.field.Goldilocks;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ForkJoinPool;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class StarkVerifierTest {
  /** Small parameters for fast tests: not secure, exercising every protocol step. */
  static final StarkParameters SMALL = new StarkParameters(4, 4, 2, 4, 2, 4);

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

  /** Every single-bit flip of a 2^6-step proof is rejected, by the parser or by the verifier. */
  @Test
  void everySingleBitFlipIsRejected() {
    FibonacciAir air = fibonacci(64);
    StarkProof proof = StarkProver.create(SMALL).prove(air, FibonacciAir.trace(64, 1, 1));
    byte[] bytes = proof.encode().toByteArray();
    StarkVerifier verifier = StarkVerifier.create(SMALL);
    List<String> accepted = new ArrayList<>();
    for (int bit = 0; bit < 8 * bytes.length; bit++) {
      byte[] mutated = bytes.clone();
      mutated[bit >>> 3] ^= (byte) (1 << (bit & 7));
      try {
        verifier.verify(air, Bytes.of(mutated));
        accepted.add("bit " + bit);
      } catch (VerificationException expected) {
        // rejected, as it must be
      }
    }
    assertThat(bytes.length).isGreaterThan(2000);
    assertThat(accepted).as("flips accepted out of %d bits", 8 * bytes.length).isEmpty();
  }

  @Test
  void proverRefusesATraceWithOneWrongCell() {
    FibonacciAir air = fibonacci(64);
    Trace bad = FibonacciAir.trace(64, 1, 1).with(0, 17, 12345);
    assertThatThrownBy(() -> StarkProver.create(SMALL).prove(air, bad))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("transition constraint");
  }

  /** The prover's self-check bypassed: every single wrong cell still yields a rejected proof. */
  @ParameterizedTest(name = "column {0}, row {1}")
  @CsvSource({"0, 0", "1, 0", "0, 17", "1, 31", "0, 63", "1, 63"})
  void aTraceWithOneWrongCellCannotProduceAnAcceptedProof(int column, int row) {
    FibonacciAir air = fibonacci(64);
    Trace good = FibonacciAir.trace(64, 1, 1);
    Trace bad = good.with(column, row, Goldilocks.add(good.get(column, row), 1));
    StarkParameters p = new StarkParameters(4, 8, 0, 2, 2, 4);
    StarkProof proof = StarkProver.create(p).proveUnchecked(air, bad);
    assertThatThrownBy(() -> StarkVerifier.create(p).verify(air, proof))
        .isInstanceOf(VerificationException.class);
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

  @Test
  void malformedEncodingsGetAClearMessage() {
    FibonacciAir air = fibonacci(64);
    StarkProof proof = StarkProver.create(SMALL).prove(air, FibonacciAir.trace(64, 1, 1));
    Bytes good = proof.encode();
    assertThatThrownBy(() -> StarkProof.decode(good.slice(0, good.length() - 1)))
        .isInstanceOf(DecodingException.class)
        .hasMessageContaining("truncated");
    assertThatThrownBy(() -> StarkProof.decode(good.slice(0, 3)))
        .isInstanceOf(DecodingException.class)
        .hasMessageContaining("truncated");
    assertThatThrownBy(() -> StarkProof.decode(good.concat(Bytes.of(new byte[] {0}))))
        .isInstanceOf(DecodingException.class)
        .hasMessageContaining("1 trailing bytes");
    byte[] version = good.toByteArray();
    version[4] = 2;
    assertThatThrownBy(() -> StarkProof.decode(Bytes.of(version)))
        .isInstanceOf(DecodingException.class)
        .hasMessageContaining("unsupported STARK proof version 2");
    byte[] magic = good.toByteArray();
    magic[0] = 'X';
    assertThatThrownBy(() -> StarkProof.decode(Bytes.of(magic)))
        .isInstanceOf(DecodingException.class)
        .hasMessageContaining("wrong magic");
    assertThatThrownBy(
            () -> StarkProof.decode(Bytes.of(new byte[StarkProof.MAX_ENCODED_LENGTH + 1])))
        .isInstanceOf(DecodingException.class)
        .hasMessageContaining("over the limit");
    assertThatThrownBy(() -> StarkVerifier.create(SMALL).verify(air, Bytes.EMPTY))
        .isInstanceOf(VerificationException.class)
        .hasMessageContaining("malformed proof");
    assertThatCode(() -> StarkVerifier.create(SMALL).verify(air, good)).doesNotThrowAnyException();
  }
}
