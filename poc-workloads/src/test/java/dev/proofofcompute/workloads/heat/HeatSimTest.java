package dev.proofofcompute.workloads.heat;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.proofofcompute.core.linalg.IntMatrix;
import dev.proofofcompute.core.workload.StepStructure;
import dev.proofofcompute.crypto.Bytes;
import dev.proofofcompute.crypto.DecodingException;
import dev.proofofcompute.crypto.cbor.CborMap;
import dev.proofofcompute.workloads.WorkloadCodecs;
import org.junit.jupiter.api.Test;

class HeatSimTest {
  private final HeatSim w = HeatSim.create();

  @Test
  void knownAnswerThroughExecuteAndSteps() throws DecodingException {
    // The 4x4 case of DiffusionTest.fourByFourKnownAnswer: top border 80, alpha 1/4, two steps give
    // interior [25 25; 5 5].
    IntMatrix u0 =
        IntMatrix.of(4, 4, new int[] {80, 80, 80, 80, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0});
    IntMatrix u2 =
        IntMatrix.of(4, 4, new int[] {80, 80, 80, 80, 0, 25, 25, 0, 0, 5, 5, 0, 0, 0, 0, 0});
    HeatSimInput in = new HeatSimInput(u0, 1, 2, 2);
    assertThat(w.execute(in).grid()).isEqualTo(u2);
    StepStructure<HeatSimInput, HeatSimOutput> steps = w.steps().orElseThrow();
    Bytes s = steps.step(in, steps.step(in, steps.initialState(in), 1), 2);
    assertThat(w.stateCodec().decode(s)).isEqualTo(new HeatState(2, u2));
    assertThat(steps.output(in, s).grid()).isEqualTo(u2);
  }

  @Test
  void stateEncodingIsTheDocumentedCborMap() {
    // {"grid": bstr(9 + 9*4 = 45), "step": 1}: a2; "grid" = 64 67726964; 58 2d = bstr(45);
    // then "step" = 64 73746570 and 01. "grid" sorts before "step" (same length, 'g' < 's').
    IntMatrix g = IntMatrix.of(3, 3, new int[] {1, 2, 3, 4, 5, 6, 7, 8, 9});
    StringBuilder entries = new StringBuilder();
    for (int v = 1; v <= 9; v++) {
      entries.append(String.format("%08x", v));
    }
    assertThat(w.stateCodec().encode(new HeatState(1, g)).toHex())
        .isEqualTo(
            "a2"
                + "6467726964"
                + "582d"
                + "01"
                + "00000003"
                + "00000003"
                + entries
                + "6473746570"
                + "01");
  }

  @Test
  void unstableOrOversizedInputsAreRejected() {
    IntMatrix g3 = IntMatrix.of(3, 3, new int[9]);
    assertThatThrownBy(() -> w.inputCodec().decode(input(g3, 5, 4, 1)))
        .isInstanceOf(DecodingException.class)
        .hasMessage(
            "heat-sim input: alpha = 5/2^4 is outside [0, 1/4] (the explicit scheme is unstable"
                + " above 1/4)");
    assertThatThrownBy(() -> w.inputCodec().decode(input(IntMatrix.of(2, 2, new int[4]), 1, 2, 1)))
        .hasMessageContaining("the grid is N x N with 3 <= N <= 1024, got 2x2");
    assertThatThrownBy(() -> w.inputCodec().decode(input(IntMatrix.of(3, 4, new int[12]), 1, 2, 1)))
        .hasMessageContaining("got 3x4");
    IntMatrix huge = IntMatrix.generate(1025, 1025, (r, c) -> 0);
    assertThatThrownBy(() -> w.inputCodec().decode(input(huge, 1, 2, 1)))
        .hasMessageContaining("got 1025x1025");
    IntMatrix hot = IntMatrix.of(3, 3, new int[] {0, 0, 0, 0, (1 << 24) + 1, 0, 0, 0, 0});
    assertThatThrownBy(() -> w.inputCodec().decode(input(hot, 1, 2, 1)))
        .hasMessageContaining("grid entry 4 = 16777217 is outside [-2^24, 2^24]");
    assertThatThrownBy(() -> w.inputCodec().decode(input(g3, 1, 21, 1)))
        .hasMessageContaining("alphaShift is in [1, 20], got 21");
    assertThatThrownBy(() -> w.inputCodec().decode(input(g3, 1, 2, 0)))
        .hasMessageContaining("steps is in [1, 1000000], got 0");
  }

  @Test
  void aStateThatMovesTheBoundaryOrComesFromAnotherStepIsRefused() {
    IntMatrix u0 = IntMatrix.of(3, 3, new int[] {1, 2, 3, 4, 5, 6, 7, 8, 9});
    HeatSimInput in = new HeatSimInput(u0, 1, 2, 4);
    StepStructure<HeatSimInput, HeatSimOutput> steps = w.steps().orElseThrow();
    IntMatrix moved = IntMatrix.of(3, 3, new int[] {1, 2, 3, 4, 5, 6, 7, 8, 10});
    Bytes bad = w.stateCodec().encode(new HeatState(0, moved));
    assertThatThrownBy(() -> steps.step(in, bad, 1))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("changes the fixed boundary at (2, 2)");
    Bytes bigger = w.stateCodec().encode(new HeatState(0, IntMatrix.of(4, 4, new int[16])));
    assertThatThrownBy(() -> steps.step(in, bigger, 1))
        .hasMessageContaining("the state grid is 4x4, the job's 3x3");
    Bytes s0 = steps.initialState(in);
    assertThatThrownBy(() -> steps.step(in, s0, 5)).hasMessageContaining("outside 1..4");
    assertThatThrownBy(() -> steps.step(in, s0, 2))
        .hasMessageContaining("needs the state after step 1, got step 0");
  }

  private static Bytes input(IntMatrix grid, int num, int shift, int steps) {
    return CborMap.builder()
        .put("grid", WorkloadCodecs.matrix(grid))
        .put("alphaNum", num)
        .put("alphaShift", shift)
        .put("steps", steps)
        .build()
        .encode();
  }
}
