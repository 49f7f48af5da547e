package dev.proofofcompute.bench;

import dev.proofofcompute.crypto.Digest;
import dev.proofofcompute.crypto.Hashes;
import dev.proofofcompute.crypto.merkle.MerkleRoots;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.security.MessageDigest;
import java.util.Locale;

/**
 * A load-robust companion to {@link MerkleThroughputBenchmark} for shared machines: the
 * single-thread Merkle root and flat SHA-256 of the same 256 MiB, measured in CPU time of the
 * calling thread rather than wall time, so that other processes competing for the cores barely move
 * the figure. Prints the best of {@code rounds} runs in MB (10^6 bytes) per CPU-second, and the
 * root so that runs can be compared.
 *
 * <p>Run: {@code java -Xmx1g -cp poc-bench/target/benchmarks.jar
 * dev.proofofcompute.bench.MerkleCpuTimeProbe [rounds]} (used by {@code
 * benchmarks/merkle-vs-openssl.sh}).
 */
public final class MerkleCpuTimeProbe {
  private MerkleCpuTimeProbe() {}

  public static void main(String[] args) {
    int rounds = args.length > 0 ? Integer.parseInt(args[0]) : 10;
    byte[] data = MerkleBenchData.generate();
    ThreadMXBean mx = ManagementFactory.getThreadMXBean();
    long bestMerkle = Long.MAX_VALUE;
    long bestFlat = Long.MAX_VALUE;
    Digest root = MerkleRoots.sequential(data, 0, 0, MerkleBenchData.LEAF_SIZE);
    for (int r = 0; r < rounds; r++) {
      long c0 = mx.getCurrentThreadCpuTime();
      root = MerkleRoots.sequential(data, 0, data.length, MerkleBenchData.LEAF_SIZE);
      long c1 = mx.getCurrentThreadCpuTime();
      MessageDigest md = Hashes.sha256();
      md.update(data);
      Hashes.finish(md);
      long c2 = mx.getCurrentThreadCpuTime();
      bestMerkle = Math.min(bestMerkle, c1 - c0);
      bestFlat = Math.min(bestFlat, c2 - c1);
    }
    System.out.printf(
        Locale.ROOT,
        "cpu-time merkleRoot1Thread %.4f s%ncpu-time flatSha256 %.4f s%nroot %s%n",
        bestMerkle / 1e9,
        bestFlat / 1e9,
        root);
  }
}
