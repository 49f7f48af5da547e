package dev.proofofcompute.stark;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.proofofcompute.stark.air.FibonacciAir;
import dev.proofofcompute.stark.air.MimcChainAir;
import dev.proofofcompute.stark.air.Trace;
import org.junit.jupiter.api.Test;

class StarkProverTest {
  private static final StarkParameters SMALL = StarkVerifierTest.SMALL;

  @Test
  void provingIsDeterministic() {
    FibonacciAir air = StarkVerifierTest.fibonacci(64);
    Trace trace = FibonacciAir.trace(64, 1, 1);
    assertThat(StarkProver.create(SMALL).prove(air, trace).encode())
        .isEqualTo(StarkProver.create(SMALL).prove(air, trace).encode());
  }

  @Test
  void selfCheckNamesTheViolatedConstraint() {
    FibonacciAir air = StarkVerifierTest.fibonacci(64);
    Trace good = FibonacciAir.trace(64, 1, 1);
    assertThatThrownBy(() -> StarkProver.create(SMALL).prove(air, good.with(1, 5, 0)))
        .hasMessageContaining("transition constraint 1 between rows 4 and 5");
    FibonacciAir otherStart = FibonacciAir.create(64, 2, 1, good.get(1, 63));
    assertThatThrownBy(() -> StarkProver.create(SMALL).prove(otherStart, good))
        .hasMessageContaining("boundary constraint on column 0 row 0");
    long seed = 9;
    MimcChainAir mimc = MimcChainAir.create(seed, 40, MimcChainAir.digest(seed, 41));
    assertThatThrownBy(() ->
            StarkProver.create(StarkVerifierTest.SMALL_MIMC)
                .prove(mimc, MimcChainAir.trace(seed, 40)))
        .hasMessageContaining("boundary constraint on column 0 row 40");
  }

  @Test
  void rejectsATraceOfTheWrongShape() {
    FibonacciAir air = StarkVerifierTest.fibonacci(64);
    assertThatThrownBy(() -> StarkProver.create(SMALL).prove(air, FibonacciAir.trace(32, 1, 1)))
        .hasMessageContaining("trace is 2x32, the AIR expects 2x64");
  }
}
