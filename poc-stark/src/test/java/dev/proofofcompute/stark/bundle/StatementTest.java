package dev.proofofcompute.stark.bundle;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.proofofcompute.crypto.DecodingException;
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
        .hasMessage("unknown AIR 'rescue/v1'; known: mimc7-chain/v1, fibonacci/v1");
    CborMap tooLong =
        CborMap.builder().put("seed", 1).put("steps", 1 << 20).put("digest", 1).build();
    assertThatThrownBy(() -> Statement.decode("mimc7-chain/v1", tooLong))
        .isInstanceOf(DecodingException.class)
        .hasMessageContaining("'steps'");
  }
}
