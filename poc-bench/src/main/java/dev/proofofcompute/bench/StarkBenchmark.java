package dev.proofofcompute.bench;

import dev.proofofcompute.crypto.Bytes;
import dev.proofofcompute.crypto.VerificationException;
import dev.proofofcompute.stark.StarkParameters;
import dev.proofofcompute.stark.StarkProof;
import dev.proofofcompute.stark.StarkProver;
import dev.proofofcompute.stark.StarkVerifier;
import dev.proofofcompute.stark.air.MimcChainAir;
import dev.proofofcompute.stark.air.Trace;
import java.util.concurrent.ForkJoinPool;
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
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;

/**
 * STARK prove and verify times for the MiMC-7 chain ({@link MimcChainAir}) with the default
 * parameters ({@link StarkParameters#defaults()}, 99 conjectured bits), at {@code 2^k - 1} steps
 * for traces of {@code 2^k} rows, {@code k} in 10..16. Proving runs on one thread and on a
 * two-thread {@link ForkJoinPool} (the proof is the same); verification decodes and checks the
 * encoded proof, as a validator receives it. The trace is built once per trial, outside the timed
 * region; proving times include the check that the trace satisfies the AIR.
 *
 * <p>Run with a JDK 21+ ({@code . bin/jdk-env.sh && poc_select_jdk}), after {@code ./mvnw -B -ntp
 * -o package -pl poc-bench -am -DskipTests}:
 *
 * <pre>
 *   "$JAVA_HOME/bin/java" -jar poc-bench/target/benchmarks.jar StarkBenchmark
 *   "$JAVA_HOME/bin/java" -jar poc-bench/target/benchmarks.jar StarkBenchmark.verify -p logRows=16
 * </pre>
 *
 * <p>See {@code docs/stark.md}, section Measurements.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Warmup(iterations = 3, time = 3)
@Measurement(iterations = 5, time = 3)
@Fork(
    value = 1,
    jvmArgsAppend = {"-Xms2g", "-Xmx2g"})
public class StarkBenchmark {
  @Param({"10", "11", "12", "13", "14", "15", "16"})
  public int logRows;

  private final StarkParameters parameters = StarkParameters.defaults();
  private final ForkJoinPool pool = new ForkJoinPool(2);
  private MimcChainAir air = MimcChainAir.create(0, 1, MimcChainAir.digest(0, 1));
  private Trace trace = MimcChainAir.trace(0, 1);
  private Bytes proof = Bytes.of(new byte[0]);
  private StarkProver single = StarkProver.create(parameters);
  private StarkProver parallel = StarkProver.create(parameters, pool);
  private StarkVerifier verifier = StarkVerifier.create(parameters);

  @Setup(Level.Trial)
  public void setUp() throws VerificationException {
    int steps = (1 << logRows) - 1;
    long seed = 0x5eed;
    air = MimcChainAir.create(seed, steps, MimcChainAir.digest(seed, steps));
    trace = MimcChainAir.trace(seed, steps);
    single = StarkProver.create(parameters);
    parallel = StarkProver.create(parameters, pool);
    verifier = StarkVerifier.create(parameters);
    proof = single.prove(air, trace).encode();
    verifier.verify(air, proof);
  }

  @TearDown(Level.Trial)
  public void tearDown() {
    pool.shutdown();
  }

  @Benchmark
  public StarkProof prove1Thread() {
    return single.prove(air, trace);
  }

  @Benchmark
  public StarkProof prove2Threads() {
    return parallel.prove(air, trace);
  }

  /** Decodes and verifies the encoded proof; throws, failing the run, if it does not verify. */
  @Benchmark
  public Bytes verify() throws VerificationException {
    verifier.verify(air, proof);
    return proof;
  }
}
