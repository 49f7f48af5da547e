package dev.proofofcompute.stark;

import static org.assertj.core.api.Assertions.assertThat;

import dev.proofofcompute.crypto.Bytes;
import dev.proofofcompute.stark.air.MimcChainAir;
import dev.proofofcompute.stark.air.Trace;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.util.Arrays;
import java.util.Locale;
import java.util.concurrent.ForkJoinPool;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIfSystemProperty;

/**
 * Prove time, verify time and proof size of the MiMC-7 chain with the default parameters, for
 * traces of 2^10 to 2^16 rows ({@code 2^k - 1} steps fill {@code 2^k} rows). Off by default: it
 * measures, it asserts nothing about time. Run with
 *
 * <pre>
 *   ./mvnw -B -ntp -o test -pl poc-stark -Dtest=StarkBenchmarkTest -Dpoc.stark.bench=true \
 *       [-Dpoc.stark.bench.maxLog=16] [-Dpoc.stark.bench.threads=1]
 * </pre>
 *
 * and read the Markdown table on standard output.
 */
@EnabledIfSystemProperty(named = "poc.stark.bench", matches = "true")
class StarkBenchmarkTest {

  @Test
  void mimcChainProveVerifyAndSize() throws Exception {
    int maxLog = Integer.getInteger("poc.stark.bench.maxLog", 16);
    int threads = Integer.getInteger("poc.stark.bench.threads", 1);
    StarkParameters p = StarkParameters.defaults();
    ForkJoinPool pool = new ForkJoinPool(threads);
    StarkProver prover = threads == 1 ? StarkProver.create(p) : StarkProver.create(p, pool);
    StarkVerifier verifier = StarkVerifier.create(p);
    StringBuilder out = new StringBuilder();
    out.append(
        String.format(
            Locale.ROOT,
            "%nMiMC-7 chain, %s, %d thread(s), conjectured %d bits, provable %d bits (2^20 rows)%n",
            p,
            threads,
            p.conjecturedSecurityBits(),
            p.provableSecurityBits()));
    out.append(
        "| rows | steps | prove CPU (ms) | prove wall (ms) | verify CPU (ms) | verify wall (ms)"
            + " | proof (bytes) | steps/s (CPU) |\n");
    out.append("|---:|---:|---:|---:|---:|---:|---:|---:|\n");
    // Warm up the JIT on a small instance.
    run(prover, verifier, 10, 5, 300);
    run(prover, verifier, 13, 2, 100);
    for (int log = 10; log <= maxLog; log++) {
      double[] r = run(prover, verifier, log, log <= 13 ? 5 : 3, 50);
      int steps = (1 << log) - 1;
      out.append(
          String.format(
              Locale.ROOT,
              "| 2^%d | %d | %.0f | %.0f | %.2f | %.2f | %d | %.0f |%n",
              log,
              steps,
              r[0],
              r[1],
              r[2],
              r[3],
              (long) r[4],
              steps / (r[0] / 1000)));
    }
    System.out.println(out);
    pool.shutdown();
  }

  /**
   * Median prove CPU and wall ms, median verify CPU and wall ms, proof bytes. CPU time is this
   * thread's, which stays meaningful on a machine shared with other work; with a pool the prove CPU
   * column counts only the calling thread, so read the wall column.
   */
  private static double[] run(
      StarkProver prover, StarkVerifier verifier, int log, int proves, int verifies)
      throws Exception {
    ThreadMXBean mx = ManagementFactory.getThreadMXBean();
    int steps = (1 << log) - 1;
    long seed = 0xC0FFEE;
    MimcChainAir air = MimcChainAir.create(seed, steps, MimcChainAir.digest(seed, steps));
    Trace trace = MimcChainAir.trace(seed, steps);
    double[] proveCpu = new double[proves];
    double[] proveWall = new double[proves];
    Bytes encoded = Bytes.EMPTY;
    for (int i = 0; i < proves; i++) {
      long c0 = mx.getCurrentThreadCpuTime();
      long t0 = System.nanoTime();
      StarkProof proof = prover.prove(air, trace);
      proveWall[i] = (System.nanoTime() - t0) / 1e6;
      proveCpu[i] = (mx.getCurrentThreadCpuTime() - c0) / 1e6;
      encoded = proof.encode();
    }
    assertThat(encoded.length()).isPositive();
    double[] verifyCpu = new double[verifies];
    double[] verifyWall = new double[verifies];
    for (int i = 0; i < verifies; i++) {
      long c0 = mx.getCurrentThreadCpuTime();
      long t0 = System.nanoTime();
      verifier.verify(air, encoded);
      verifyWall[i] = (System.nanoTime() - t0) / 1e6;
      verifyCpu[i] = (mx.getCurrentThreadCpuTime() - c0) / 1e6;
    }
    return new double[] {
      median(proveCpu), median(proveWall), median(verifyCpu), median(verifyWall), encoded.length()
    };
  }

  private static double median(double[] v) {
    double[] s = v.clone();
    Arrays.sort(s);
    return s[s.length / 2];
  }
}
