package dev.proofofcompute.bench;

import dev.proofofcompute.crypto.Bytes;
import dev.proofofcompute.crypto.Digest;
import dev.proofofcompute.schemes.bisection.DisputeOutcome;
import dev.proofofcompute.schemes.bisection.StateCommitment;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/**
 * The referee's work in a bisection dispute against one full run ({@link BisectionFixture}: an
 * honest party against a cheater wrong from step {@code T - T/4} on, checkpoint interval 1).
 *
 * <ul>
 *   <li>{@link #fullRun}: one execution of the whole workload: the baseline.
 *   <li>{@link #referee}: the referee's whole dispute, both parties' answers being ready: initial
 *       state, the Merkle openings of {@code ceil(log2 T) + 1} rounds, the agreed state's hash, one
 *       step and its hash.
 *   <li>{@link #oneStep}: the divergent step alone, from the agreed state.
 *   <li>{@link #hashing}: all the hashing of the referee's dispute without the step: initial state
 *       and its hash, the revealed and re-executed states' hashes, every inclusion proof.
 *   <li>{@link #committedRun}: the honest provider's run with a state hash per step and the Merkle
 *       commitment, for reference.
 * </ul>
 *
 * Figures of merit, measured in the same run: {@code referee / (oneStep + hashing)} (issue 3: the
 * referee's work is one step plus hashing, so about 1) and {@code referee / fullRun}. Run: {@code
 * benchmarks/schemes.sh}, or after building poc-bench {@code java -jar
 * poc-bench/target/benchmarks.jar BisectionBenchmark}.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Warmup(iterations = 2, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(
    value = 1,
    jvmArgsAppend = {"-Xms1g", "-Xmx1g"})
public class BisectionBenchmark {
  @Param({"heat-sim", "mlp-train"})
  public String workload;

  /** T, the steps of the run. */
  @Param({"1024"})
  public int steps;

  private BisectionFixture<?> fixture = BisectionFixture.create(BenchSeeds.SEED, "heat-sim", 4);

  @Setup(Level.Trial)
  public void setUp() {
    fixture = BisectionFixture.create(BenchSeeds.SEED, workload, steps);
  }

  @Benchmark
  public Object fullRun() {
    return fixture.fullRun();
  }

  @Benchmark
  public DisputeOutcome referee() {
    return fixture.referee();
  }

  @Benchmark
  public Bytes oneStep() {
    return fixture.oneStep();
  }

  @Benchmark
  public Digest hashing() {
    return fixture.hashing();
  }

  @Benchmark
  public StateCommitment committedRun() {
    return fixture.committedRun();
  }
}
