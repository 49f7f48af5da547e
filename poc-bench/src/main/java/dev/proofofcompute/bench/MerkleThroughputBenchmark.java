package dev.proofofcompute.bench;

import dev.proofofcompute.crypto.Digest;
import dev.proofofcompute.crypto.Hashes;
import dev.proofofcompute.crypto.merkle.MerkleRoots;
import java.security.MessageDigest;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;

/**
 * Merkle commitment throughput: the RFC 9162 root over 256 MiB of 4 KiB leaves ({@link
 * MerkleBenchData}), on one thread ({@link MerkleRoots#sequential}) and on two ({@link
 * MerkleRoots#parallel} with a two-thread pool), next to a flat SHA-256 of the same buffer as the
 * JDK's ceiling. One operation hashes the whole buffer; throughput in MB/s is {@code 268.435456 /
 * seconds per op}.
 *
 * <p>Run: {@code benchmarks/merkle-vs-openssl.sh}, or after building poc-bench {@code java -jar
 * poc-bench/target/benchmarks.jar MerkleThroughputBenchmark}.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 10, time = 2)
@Fork(
    value = 1,
    jvmArgsAppend = {"-Xms1g", "-Xmx1g", "-XX:+AlwaysPreTouch"})
public class MerkleThroughputBenchmark {
  private final ExecutorService pool = Executors.newFixedThreadPool(2);
  private byte[] data = new byte[0];

  @Setup(Level.Trial)
  public void setUp() {
    data = MerkleBenchData.generate();
  }

  @TearDown(Level.Trial)
  public void tearDown() {
    pool.shutdownNow();
  }

  @Benchmark
  public Digest merkleRoot1Thread() {
    return MerkleRoots.sequential(data, 0, data.length, MerkleBenchData.LEAF_SIZE);
  }

  @Benchmark
  public Digest merkleRoot2Threads() {
    return MerkleRoots.parallel(data, 0, data.length, MerkleBenchData.LEAF_SIZE, 2, pool);
  }

  /** SHA-256 of the whole buffer in one pass: what the JDK's SHA-256 can do at best. */
  @Benchmark
  public Digest flatSha256() {
    MessageDigest md = Hashes.sha256();
    md.update(data);
    return Hashes.finish(md);
  }
}
