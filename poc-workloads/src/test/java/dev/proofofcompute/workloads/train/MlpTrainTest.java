package dev.proofofcompute.workloads.train;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.proofofcompute.core.linalg.IntMatrix;
import dev.proofofcompute.core.workload.StepStructure;
import dev.proofofcompute.crypto.Bytes;
import dev.proofofcompute.crypto.DecodingException;
import dev.proofofcompute.crypto.Hashes;
import dev.proofofcompute.crypto.cbor.CborDecoder;
import dev.proofofcompute.crypto.cbor.CborInteger;
import dev.proofofcompute.crypto.cbor.CborMap;
import dev.proofofcompute.crypto.cbor.CborText;
import java.math.BigInteger;
import java.util.List;
import org.junit.jupiter.api.Test;

class MlpTrainTest {
  private static final int ONE = FixedPoint.ONE;
  private final MlpTrain w = MlpTrain.create();

  @Test
  void theOutputIsTheFinalWeightsAndTheHashOfTheFinalState() throws DecodingException {
    long seed = 31L;
    MlpTrainInput in = new MlpTrainInput(seed, 3, 5, 2, 12, 4, 9, ONE / 8, ONE / 2);
    StepStructure<MlpTrainInput, MlpTrainOutput> steps = w.steps().orElseThrow();
    Bytes state = steps.initialState(in);
    for (int t = 1; t <= in.steps(); t++) {
      state = steps.step(in, state, t);
    }
    MlpTrainState last = w.stateCodec().decode(state);
    MlpTrainOutput out = w.execute(in);
    assertThat(last.step()).as("seed %d", seed).isEqualTo(9);
    assertThat(out.weights()).isEqualTo(last.weights());
    assertThat(out.finalStateHash()).isEqualTo(Hashes.hash("poc/workload/state/v1", state));
  }

  @Test
  void theStepIsTheDocumentedSgdStepOnTheDocumentedBatch() throws DecodingException {
    // Step t uses samples ((t-1)*B + b) mod N: with N = 5, B = 2, step 3 uses samples 4 and 0.
    MlpTrainInput in = new MlpTrainInput(4, 2, 3, 1, 5, 2, 3, ONE / 4, ONE / 4);
    StepStructure<MlpTrainInput, MlpTrainOutput> steps = w.steps().orElseThrow();
    Bytes s2 = steps.step(in, steps.step(in, steps.initialState(in), 1), 2);
    MlpTrainState before = w.stateCodec().decode(s2);
    IntMatrix teacher = SgdTrainer.teacher(in);
    MlpTrainState expected =
        SgdTrainer.sgdStep(
            before,
            List.of(SgdTrainer.sample(in, teacher, 4), SgdTrainer.sample(in, teacher, 0)),
            ONE / 4,
            ONE / 4);
    assertThat(w.stateCodec().decode(steps.step(in, s2, 3))).isEqualTo(expected);
  }

  @Test
  void differentSeedsTrainDifferently() {
    MlpTrainInput a = new MlpTrainInput(1, 2, 2, 1, 4, 2, 3, ONE / 8, 0);
    MlpTrainInput b = new MlpTrainInput(2, 2, 2, 1, 4, 2, 3, ONE / 8, 0);
    assertThat(w.execute(a).weights()).isNotEqualTo(w.execute(b).weights());
    assertThat(w.execute(a)).isEqualTo(w.execute(a));
  }

  @Test
  void decodingRejectsOutOfRangeAndMistypedFields() {
    MlpTrainInput ok = new MlpTrainInput(1, 2, 2, 1, 4, 2, 3, ONE / 8, 0);
    assertThatThrownBy(() -> w.inputCodec().decode(with(ok, "inputs", CborInteger.of(65))))
        .isInstanceOf(DecodingException.class)
        .hasMessage("mlp-train input: inputs is in [1, 64], got 65");
    assertThatThrownBy(() -> w.inputCodec().decode(with(ok, "steps", CborInteger.of(-1))))
        .hasMessage("mlp-train input: steps is in [1, 1000000], got -1");
    assertThatThrownBy(() -> w.inputCodec().decode(with(ok, "lr", CborInteger.of(ONE + 1))))
        .hasMessage("mlp-train input: learningRate is in [1, 65536], got 65537");
    assertThatThrownBy(() ->
            w.inputCodec()
                .decode(with(ok, "seed", CborInteger.of(BigInteger.TWO.pow(64).negate()))))
        .hasMessageContaining("field 'seed' is out of the range of a 64-bit integer");
    assertThatThrownBy(() -> w.inputCodec().decode(with(ok, "batch", CborInteger.of(1L << 32))))
        .hasMessageContaining("field 'batch' = 4294967296 is outside the int32 range");
    Bytes textField =
        CborMap.builder()
            .put("seed", 1)
            .put("inputs", "two")
            .put("hidden", 2)
            .put("outputs", 1)
            .put("samples", 4)
            .put("batch", 2)
            .put("steps", 3)
            .put("lr", 8192)
            .put("momentum", 0)
            .build()
            .encode();
    assertThatThrownBy(() -> w.inputCodec().decode(textField))
        .hasMessageContaining("field 'inputs' must be an integer, got text");
  }

  @Test
  void aStateOfAnotherShapeOrStepIsRefused() throws DecodingException {
    MlpTrainInput in = new MlpTrainInput(1, 2, 2, 1, 4, 2, 3, ONE / 8, 0);
    MlpTrainInput wider = new MlpTrainInput(1, 2, 3, 1, 4, 2, 3, ONE / 8, 0);
    StepStructure<MlpTrainInput, MlpTrainOutput> steps = w.steps().orElseThrow();
    Bytes foreign = steps.initialState(wider);
    assertThatThrownBy(() -> steps.step(in, foreign, 1))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("state has shape 2-3-1, the job 2-2-1");
    MlpTrainState s0 = w.stateCodec().decode(steps.initialState(in));
    Bytes mismatched = w.stateCodec().encode(new MlpTrainState(3, s0.weights(), s0.momentum()));
    assertThatThrownBy(() -> steps.output(wider, mismatched))
        .hasMessageContaining("does not have the job's shape");
    assertThatThrownBy(() -> new MlpTrainState(0, s0.weights(), MlpParameters.zeros(2, 3, 1)))
        .hasMessageContaining("momentum and weights have different shapes");
  }

  /** The canonical encoding of {@code in} with field {@code key} replaced. */
  private Bytes with(MlpTrainInput in, String key, CborInteger value) throws DecodingException {
    CborMap m = (CborMap) CborDecoder.decodeCanonical(w.inputCodec().encode(in));
    CborMap.Builder b = CborMap.builder();
    for (CborMap.Entry e : m.entries()) {
      b.put(e.key(), e.key().equals(new CborText(key)) ? value : e.value());
    }
    return b.build().encode();
  }
}
