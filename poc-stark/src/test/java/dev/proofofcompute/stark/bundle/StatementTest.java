package dev.proofofcompute.stark.bundle;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.proofofcompute.core.linalg.IntMatrix;
import dev.proofofcompute.crypto.Bytes;
import dev.proofofcompute.crypto.DecodingException;
import dev.proofofcompute.crypto.cbor.CborBytes;
import dev.proofofcompute.crypto.cbor.CborMap;
import dev.proofofcompute.stark.field.Goldilocks;
import org.junit.jupiter.api.Test;

class StatementTest {

  @Test
  void statementsRoundTripThroughTheirPublicInputs() throws DecodingException {
    Statement m = Statement.MimcChain.honest(Goldilocks.P - 2, 100);
    assertThat(Statement.decode(m.airName(), m.publicInputs())).isEqualTo(m);
    Statement f = Statement.Fibonacci.honest(64, 3, 5);
    assertThat(Statement.decode(f.airName(), f.publicInputs())).isEqualTo(f);
    Statement v = matVec();
    assertThat(Statement.decode(v.airName(), v.publicInputs())).isEqualTo(v);
  }

  static Statement.MatVec matVec() {
    return Statement.MatVec.honest(
        IntMatrix.generate(3, 4, (r, c) -> 40 * r - 11 * c - 60),
        IntMatrix.generate(4, 1, (r, c) -> 127 - 85 * r));
  }

  @Test
  void matVecDescribesShapeHashesAndResult() {
    Statement.MatVec v = matVec();
    assertThat(v.result().get(0, 0)).isEqualTo(-60 * 127 - 71 * 42 - 82 * -43 - 93 * -128);
    assertThat(v.describe())
        .startsWith("matvec/v1: y = W·x for int8 W (3x4, sha256 ")
        .contains(") and x (4, sha256 ")
        .endsWith(
            ") = ["
                + v.result().get(0, 0)
                + ", "
                + v.result().get(1, 0)
                + ", "
                + v.result().get(2, 0)
                + "]");
  }

  @Test
  void badMatVecPublicInputsAreRejectedWithTheField() {
    Statement.MatVec v = matVec();
    CborMap noResult =
        CborMap.builder()
            .put("weights", new CborBytes(v.weights().encode()))
            .put("vector", new CborBytes(v.vector().encode()))
            .build();
    assertThatThrownBy(() -> Statement.decode("matvec/v1", noResult))
        .isInstanceOf(DecodingException.class)
        .hasMessageContaining("'result' is missing");
    CborMap shortResult =
        CborMap.builder()
            .put("weights", new CborBytes(v.weights().encode()))
            .put("vector", new CborBytes(v.vector().encode()))
            .put("result", new CborBytes(IntMatrix.of(2, 1, new int[2]).encode()))
            .build();
    assertThatThrownBy(() -> Statement.decode("matvec/v1", shortResult))
        .isInstanceOf(DecodingException.class)
        .hasMessageStartingWith("public inputs of matvec/v1: ")
        .hasMessageContaining("got 2x1");
    CborMap garbage =
        CborMap.builder()
            .put("weights", new CborBytes(Bytes.fromHex("02")))
            .put("vector", new CborBytes(v.vector().encode()))
            .put("result", new CborBytes(v.result().encode()))
            .build();
    assertThatThrownBy(() -> Statement.decode("matvec/v1", garbage))
        .isInstanceOf(DecodingException.class)
        .hasMessageContaining("field 'weights'");
    CborMap notInt8 =
        CborMap.builder()
            .put("weights", new CborBytes(IntMatrix.of(1, 1, new int[] {-129}).encode()))
            .put("vector", new CborBytes(IntMatrix.of(1, 1, new int[] {1}).encode()))
            .put("result", new CborBytes(IntMatrix.of(1, 1, new int[] {-129}).encode()))
            .build();
    assertThatThrownBy(() -> Statement.decode("matvec/v1", notInt8))
        .isInstanceOf(DecodingException.class)
        .hasMessageContaining("outside int8");
  }

  @Test
  void theAirBindsThePublicInputs() {
    Statement.MimcChain m = Statement.MimcChain.honest(9, 100);
    assertThat(m.air().name()).isEqualTo(m.airName());
    assertThat(m.air().publicInputs())
        .isNotEqualTo(
            new Statement.MimcChain(9, 100, Goldilocks.add(m.digest(), 1)).air().publicInputs());
  }

  @Test
  void fibonacciResultIsTheSequenceTerm() {
    // F_0 = 0, F_1 = 1: row i holds (F_i, F_{i+1}), so row 7 column b is F_8 = 21.
    assertThat(Statement.Fibonacci.honest(8, 0, 1).result()).isEqualTo(21);
  }

  @Test
  void badPublicInputsAreRejected() {
    CborMap missing = CborMap.builder().put("seed", 1).put("steps", 2).build();
    assertThatThrownBy(() -> Statement.decode("mimc7-chain/v1", missing))
        .isInstanceOf(DecodingException.class)
        .hasMessageContaining("'digest' is missing");
    CborMap rows =
        CborMap.builder().put("rows", 12).put("first", 1).put("second", 1).put("result", 1).build();
    assertThatThrownBy(() -> Statement.decode("fibonacci/v1", rows))
        .isInstanceOf(DecodingException.class)
        .hasMessageContaining("power of two");
    assertThatThrownBy(() -> Statement.decode("rescue/v1", missing))
        .isInstanceOf(DecodingException.class)
        .hasMessage("unknown AIR 'rescue/v1'; known: mimc7-chain/v1, fibonacci/v1, matvec/v1");
    CborMap tooLong =
        CborMap.builder().put("seed", 1).put("steps", 1 << 20).put("digest", 1).build();
    assertThatThrownBy(() -> Statement.decode("mimc7-chain/v1", tooLong))
        .isInstanceOf(DecodingException.class)
        .hasMessageContaining("'steps'");
  }
}
