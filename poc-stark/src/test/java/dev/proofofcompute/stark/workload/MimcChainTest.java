package dev.proofofcompute.stark.workload;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.proofofcompute.crypto.Bytes;
import dev.proofofcompute.crypto.DecodingException;
import dev.proofofcompute.stark.air.Trace;
import dev.proofofcompute.stark.field.Goldilocks;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class MimcChainTest {
  private static final MimcChain CHAIN = MimcChain.create();

  @Test
  void executeAgreesWithTheTwoColumnTraceSeed3() {
    // The trace computes x^7 as (x^3)^2 * x through the cube column; execute uses pow7 directly.
    SplittableRandom random = new SplittableRandom(3);
    for (int trial = 0; trial < 20; trial++) {
      long seed = Goldilocks.reduce(random.nextLong());
      int steps = 1 + random.nextInt(300);
      MimcChainInput in = new MimcChainInput(seed, steps);
      Trace trace = CHAIN.trace(in);
      assertThat(CHAIN.execute(in).digest())
          .as("seed 3, trial %d", trial)
          .isEqualTo(trace.get(0, steps));
    }
  }

  @Test
  void codecsRoundTripIncludingElementsAbove2To63() throws DecodingException {
    MimcChainInput in = new MimcChainInput(Goldilocks.P - 1, 1000);
    assertThat(CHAIN.inputCodec().decode(CHAIN.inputCodec().encode(in))).isEqualTo(in);
    MimcChainOutput out = CHAIN.execute(in);
    assertThat(CHAIN.outputCodec().decode(CHAIN.outputCodec().encode(out))).isEqualTo(out);
    // {"seed": 2^64 - 2^32, "steps": 1000}: the seed is a major-type-0 integer, not negative.
    assertThat(CHAIN.inputCodec().encode(in).toHex())
        .isEqualTo("a264736565641bffffffff0000000065737465707319" + "03e8");
  }

  @Test
  void decodingIsStrict() {
    // {"digest": 0xffffffff00000001} = p, not canonical as a field element.
    assertThatThrownBy(() ->
            CHAIN.outputCodec().decode(Bytes.fromHex("a166646967657374" + "1bffffffff00000001")))
        .isInstanceOf(DecodingException.class)
        .hasMessageContaining("below p");
    // {"digest": -1}
    assertThatThrownBy(() -> CHAIN.outputCodec().decode(Bytes.fromHex("a166646967657374" + "20")))
        .isInstanceOf(DecodingException.class)
        .hasMessageContaining("unsigned");
    // {"digest": 5} with a non-minimal head (1 byte argument for 5).
    assertThatThrownBy(() -> CHAIN.outputCodec().decode(Bytes.fromHex("a166646967657374" + "1805")))
        .isInstanceOf(DecodingException.class);
    // {"seed": 1, "steps": 0}
    assertThatThrownBy(
            () -> CHAIN.inputCodec().decode(Bytes.fromHex("a2647365656401657374657073" + "00")))
        .isInstanceOf(DecodingException.class)
        .hasMessageContaining("'steps'");
    // {"seed": 1, "steps": 1, "x": 0}
    assertThatThrownBy(() ->
            CHAIN.inputCodec().decode(Bytes.fromHex("a3617800647365656401657374657073" + "01")))
        .isInstanceOf(DecodingException.class)
        .hasMessageContaining("unexpected field");
  }

  @Test
  void theIdBindsTheAir() {
    assertThat(CHAIN.id().name()).isEqualTo("mimc-chain");
    assertThat(CHAIN.airName())
        .isEqualTo(
            CHAIN.air(new MimcChainInput(1, 10), CHAIN.execute(new MimcChainInput(1, 10))).name());
  }

  @Test
  void inputsAreRangeChecked() {
    assertThatThrownBy(() -> new MimcChainInput(Goldilocks.P, 10))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> new MimcChainInput(1, 0)).isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> new MimcChainInput(1, 1 << 20))
        .isInstanceOf(IllegalArgumentException.class);
  }
}
