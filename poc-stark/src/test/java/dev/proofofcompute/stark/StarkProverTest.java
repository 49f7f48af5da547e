package dev.proofofcompute.stark;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.proofofcompute.crypto.Bytes;
import dev.proofofcompute.stark.air.Air;
import dev.proofofcompute.stark.air.BoundaryConstraint;
import dev.proofofcompute.stark.air.FibonacciAir;
import dev.proofofcompute.stark.air.MimcChainAir;
import dev.proofofcompute.stark.air.Trace;
import dev.proofofcompute.stark.field.Ext2;
import dev.proofofcompute.stark.field.Goldilocks;
import java.util.List;
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
  void aPoolDoesNotChangeTheProof() {
    long seed = 77;
    int steps = 4095;
    MimcChainAir air = MimcChainAir.create(seed, steps, MimcChainAir.digest(seed, steps));
    Trace trace = MimcChainAir.trace(seed, steps);
    StarkParameters p = StarkParameters.defaults();
    java.util.concurrent.ForkJoinPool pool = new java.util.concurrent.ForkJoinPool(2);
    try {
      assertThat(StarkProver.create(p, pool).prove(air, trace).encode())
          .isEqualTo(StarkProver.create(p).prove(air, trace).encode());
    } finally {
      pool.shutdown();
    }
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
  void rejectsTracesTooShortForTheEncoding() {
    Air tiny =
        new FifthPowerAir() {
          @Override
          public int traceLength() {
            return 4;
          }
        };
    Trace trace = Trace.of(new long[][] {{2, 32, Goldilocks.pow(32, 5), 0}});
    assertThatThrownBy(() -> StarkProver.create(SMALL).proveUnchecked(tiny, trace))
        .hasMessageContaining("2^3 to 2^24 rows");
  }

  @Test
  void rejectsATraceOfTheWrongShape() {
    FibonacciAir air = StarkVerifierTest.fibonacci(64);
    assertThatThrownBy(() -> StarkProver.create(SMALL).prove(air, FibonacciAir.trace(32, 1, 1)))
        .hasMessageContaining("trace is 2x32, the AIR expects 2x64");
  }

  /** x' = x^5: one degree-5 transition, so four composition segments. */
  private static class FifthPowerAir implements Air {
    @Override
    public String name() {
      return "test/fifth-power";
    }

    @Override
    public Bytes publicInputs() {
      return Bytes.EMPTY;
    }

    @Override
    public int traceWidth() {
      return 1;
    }

    @Override
    public int traceLength() {
      return 16;
    }

    @Override
    public int transitionConstraintCount() {
      return 1;
    }

    @Override
    public int transitionDegree(int index) {
      return 5;
    }

    @Override
    public List<long[]> periodicColumns() {
      return List.of();
    }

    @Override
    public List<BoundaryConstraint> boundaryConstraints() {
      return List.of(new BoundaryConstraint(0, 0, 2));
    }

    @Override
    public void evaluateTransition(long[] current, long[] next, long[] periodic, long[] out) {
      out[0] = Goldilocks.sub(next[0], Goldilocks.pow(current[0], 5));
    }

    @Override
    public void evaluateTransition(Ext2[] current, Ext2[] next, Ext2[] periodic, Ext2[] out) {
      out[0] = next[0].sub(current[0].pow(5));
    }
  }

  @Test
  void blowupBelowTheCompositionDegreeIsRefusedAndAnAdequateOneWorks() throws Exception {
    long[] x = new long[16];
    x[0] = 2;
    for (int i = 1; i < 16; i++) {
      x[i] = Goldilocks.pow(x[i - 1], 5);
    }
    Trace trace = Trace.of(new long[][] {x});
    Air air = new FifthPowerAir();
    StarkParameters two = new StarkParameters(2, 8, 0, 2, 2, 2);
    assertThatThrownBy(() -> StarkProver.create(two).prove(air, trace))
        .hasMessageContaining("below the composition degree 4");
    StarkParameters four = new StarkParameters(4, 8, 0, 2, 2, 2);
    StarkVerifier.create(four).verify(air, StarkProver.create(four).prove(air, trace));
  }
}
