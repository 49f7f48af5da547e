package dev.proofofcompute.bench;

import dev.proofofcompute.core.linalg.IntMatrix;
import dev.proofofcompute.core.scheme.Verdict;
import dev.proofofcompute.crypto.Bytes;
import dev.proofofcompute.crypto.VerificationException;
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
 * The cost of Freivalds verification against the product it replaces, for the {@code matmul}
 * workload: {@code A × B} with {@code A}, {@code B} random int8 {@code n × n} ({@link
 * FreivaldsFixture}).
 *
 * <ul>
 *   <li>{@link #product}: the naive exact product, {@code n^3} multiply-adds: the work a verifier
 *       would redo without Freivalds (the baseline).
 *   <li>{@link #validate}: the whole validator side of the scheme, {@code
 *       FreivaldsValidator.validate} on the honest evidence with the default parameters (one round,
 *       soundness error {@code <= 2^-60}): the operand range check, the round over GF(2^61 - 1) and
 *       the comparison of the claimed output with the one the checked product implies.
 *   <li>{@link #verifyProduct}: the bare check of one claimed product, {@code
 *       FreivaldsVerifier.verify} (range check and round).
 *   <li>{@link #encodeOutput}: one canonical encoding of the claimed output; {@code validate} makes
 *       two to compare the claimed output with the implied one, so this shows what that costs.
 * </ul>
 *
 * The figure of merit is {@code validate / product} at the same {@code n}, measured in the same run
 * (issue 3: at most 1% for {@code n = 1024}). Run: {@code benchmarks/schemes.sh}, or after building
 * poc-bench {@code java -jar poc-bench/target/benchmarks.jar FreivaldsBenchmark}.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Warmup(iterations = 2, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(
    value = 1,
    jvmArgsAppend = {"-Xms1g", "-Xmx1g"})
public class FreivaldsBenchmark {
  @Param({"256", "512", "1024"})
  public int n;

  private FreivaldsFixture fixture = FreivaldsFixture.create(BenchSeeds.SEED, 2);

  @Setup(Level.Trial)
  public void setUp() {
    fixture = FreivaldsFixture.create(BenchSeeds.SEED, n);
  }

  @Benchmark
  public IntMatrix product() {
    return fixture.product();
  }

  @Benchmark
  public Verdict validate() {
    return fixture.validate();
  }

  @Benchmark
  public Bytes encodeOutput() {
    return fixture.encodeOutput();
  }

  @Benchmark
  public IntMatrix verifyProduct() throws VerificationException {
    return fixture.verifyProduct();
  }
}
