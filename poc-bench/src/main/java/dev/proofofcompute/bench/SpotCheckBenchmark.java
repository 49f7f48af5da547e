package dev.proofofcompute.bench;

import dev.proofofcompute.core.scheme.Verdict;
import dev.proofofcompute.schemes.spotcheck.CanarySet;
import dev.proofofcompute.schemes.spotcheck.PreparedTask;
import dev.proofofcompute.schemes.spotcheck.SpotCheckExecution;
import dev.proofofcompute.workloads.mlp.MlpInferInput;
import dev.proofofcompute.workloads.mlp.MlpInferOutput;
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
 * The cost of a spot-check against executing the batch, for {@code mlp-infer} ({@link
 * SpotCheckFixture}: 8 canaries and the samples that catch 10% faked items with probability at
 * least 99.9%).
 *
 * <ul>
 *   <li>{@link #execute}: the whole provider batch ({@code N + c} items) through the model: the
 *       baseline.
 *   <li>{@link #verify}: the validator's check of an honest opening as received (bytes): challenge
 *       derivation, batch Merkle proof, canary comparison and recomputation of the sampled items.
 *   <li>{@link #canaryAnswers}: the validator computing the canaries' known answers itself.
 *   <li>{@link #prepare}: the validator mixing the canaries into the batch and committing to its
 *       challenge seed.
 *   <li>{@link #executeAndCommit}: the honest provider's work (execution and Merkle commitment),
 *       for reference.
 * </ul>
 *
 * The validator's cost per task is {@code verify + canaryAnswers + prepare}; the figure of merit is
 * its ratio to {@code execute} at the same {@code items}, measured in the same run (issue 3: at
 * most 3%). Run: {@code benchmarks/schemes.sh}, or after building poc-bench {@code java -jar
 * poc-bench/target/benchmarks.jar SpotCheckBenchmark}.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Warmup(iterations = 2, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(
    value = 1,
    jvmArgsAppend = {"-Xms1g", "-Xmx1g"})
public class SpotCheckBenchmark {
  /** N, the requester's items in the batch. */
  @Param({"1024", "4096", "16384"})
  public int items;

  private SpotCheckFixture fixture = SpotCheckFixture.create(BenchSeeds.SEED, 64);

  @Setup(Level.Trial)
  public void setUp() {
    fixture = SpotCheckFixture.create(BenchSeeds.SEED, items);
  }

  @Benchmark
  public MlpInferOutput execute() {
    return fixture.execute();
  }

  @Benchmark
  public Verdict verify() {
    return fixture.verify();
  }

  @Benchmark
  public CanarySet canaryAnswers() {
    return fixture.canaryAnswers();
  }

  @Benchmark
  public PreparedTask<MlpInferInput> prepare() {
    return fixture.prepare();
  }

  @Benchmark
  public SpotCheckExecution executeAndCommit() {
    return fixture.executeAndCommit();
  }
}
