package dev.proofofcompute.stark;

import static org.assertj.core.api.Assertions.assertThat;

import dev.proofofcompute.core.linalg.IntMatrix;
import dev.proofofcompute.crypto.Bytes;
import dev.proofofcompute.stark.air.Air;
import dev.proofofcompute.stark.air.MatVecAir;
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
 * traces of 2^10 to 2^16 rows ({@code 2^k - 1} steps fill {@code 2^k} rows), and of the
 * matrix–vector product at a few shapes. Off by default: it measures, it asserts nothing about
 * time. Run with
 *
 * <pre>
 *   ./mvnw -B -ntp -o test -pl poc-stark -Dtest=StarkBenchmarkTest -Dpoc.stark.bench=true \
 *       [-Dpoc.stark.bench.maxLog=16] [-Dpoc.stark.bench.threads=1]
 *   ./mvnw -B -ntp -o test -pl poc-stark -Dtest='StarkBenchmarkTest#matVecProveVerifyAndSize' \
 *       -Dpoc.stark.bench=true
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
    int steps = (1 << log) - 1;
    long seed = 0xC0FFEE;
    MimcChainAir air = MimcChainAir.create(seed, steps, MimcChainAir.digest(seed, steps));
    Trace trace = MimcChainAir.trace(seed, steps);
    return measure(prover, verifier, () -> air, trace, proves, verifies);
  }

  /**
   * The matrix–vector product ({@link MatVecAir}) at a few shapes, default parameters. Verify times
   * include building the AIR from W, x and y (the periodic columns), as a validator must; the last
   * column is the CPU time of recomputing {@code W·x} directly, for comparison.
   */
  @Test
  void matVecProveVerifyAndSize() throws Exception {
    StarkParameters p = StarkParameters.defaults();
    StarkProver prover = StarkProver.create(p);
    StarkVerifier verifier = StarkVerifier.create(p);
    StringBuilder out = new StringBuilder();
    out.append(String.format(Locale.ROOT, "%nmatvec/v1, %s, 1 thread%n", p));
    out.append(
        "| m x n | rows | prove CPU (ms) | prove wall (ms) | verify CPU (ms) | verify wall (ms)"
            + " | proof (bytes) | recompute CPU (ms) |\n");
    out.append("|---|---:|---:|---:|---:|---:|---:|---:|\n");
    int[][] shapes = {{16, 16}, {64, 64}, {64, 64}, {100, 300}, {128, 128}, {256, 256}};
    for (int k = 0; k < shapes.length; k++) {
      int m = shapes[k][0];
      int n = shapes[k][1];
      java.util.SplittableRandom rnd = new java.util.SplittableRandom(0xC0FFEE + k);
      IntMatrix w = IntMatrix.generate(m, n, (r, c) -> rnd.nextInt(256) - 128);
      IntMatrix x = IntMatrix.generate(n, 1, (r, c) -> rnd.nextInt(256) - 128);
      IntMatrix y = MatVecAir.multiply(w, x);
      Trace trace = MatVecAir.trace(w, x);
      boolean warmUp = k < 2;
      double[] r =
          measure(
              prover,
              verifier,
              () -> MatVecAir.create(w, x, y),
              trace,
              warmUp ? 5 : 3,
              warmUp ? 100 : 30);
      ThreadMXBean mx = ManagementFactory.getThreadMXBean();
      double[] recompute = new double[30];
      for (int i = 0; i < recompute.length; i++) {
        long c0 = mx.getCurrentThreadCpuTime();
        assertThat(MatVecAir.multiply(w, x)).isEqualTo(y);
        recompute[i] = (mx.getCurrentThreadCpuTime() - c0) / 1e6;
      }
      if (warmUp) {
        continue;
      }
      out.append(
          String.format(
              Locale.ROOT,
              "| %dx%d | %d | %.0f | %.0f | %.2f | %.2f | %d | %.3f |%n",
              m,
              n,
              trace.length(),
              r[0],
              r[1],
              r[2],
              r[3],
              (long) r[4],
              median(recompute)));
    }
    System.out.println(out);
  }

  private static double[] measure(
      StarkProver prover,
      StarkVerifier verifier,
      java.util.function.Supplier<Air> statement,
      Trace trace,
      int proves,
      int verifies)
      throws Exception {
    ThreadMXBean mx = ManagementFactory.getThreadMXBean();
    Air air = statement.get();
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
      verifier.verify(statement.get(), encoded);
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
