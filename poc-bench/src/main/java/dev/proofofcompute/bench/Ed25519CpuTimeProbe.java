package dev.proofofcompute.bench;

import dev.proofofcompute.crypto.VerificationException;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;

/**
 * A load-robust companion to {@link Ed25519Benchmark} for shared machines: the same operations on
 * the same input, timed in CPU time of the calling thread rather than wall time, so that other
 * processes competing for the cores barely move the figure. Each operation is warmed up, then run
 * in {@code rounds} batches; the best batch gives the microseconds of CPU per operation, printed
 * with the JDK-to-ours ratios.
 *
 * <p>Run: {@code java -cp poc-bench/target/benchmarks.jar
 * dev.proofofcompute.bench.Ed25519CpuTimeProbe [rounds] [batch]} (defaults 15 and 400).
 */
public final class Ed25519CpuTimeProbe {
  private Ed25519CpuTimeProbe() {}

  /** One benchmark operation; returns something so that the JIT cannot drop the work. */
  private interface Operation {
    Object run() throws VerificationException;
  }

  public static void main(String[] args) throws VerificationException {
    int rounds = args.length > 0 ? Integer.parseInt(args[0]) : 15;
    int batch = args.length > 1 ? Integer.parseInt(args[1]) : 400;
    Ed25519Benchmark bench = new Ed25519Benchmark();
    bench.setUp();
    Map<String, Operation> operations = new LinkedHashMap<>();
    operations.put("jdkSign", bench::jdkSign);
    operations.put("sign", bench::sign);
    operations.put("jdkVerify", bench::jdkVerify);
    operations.put("verify", bench::verify);
    operations.put("bareVerify", bench::bareVerify);
    operations.put("orderOfR", bench::orderOfR);
    ThreadMXBean mx = ManagementFactory.getThreadMXBean();
    Map<String, Double> micros = new LinkedHashMap<>();
    int sink = 0;
    for (Map.Entry<String, Operation> e : operations.entrySet()) {
      for (int i = 0; i < 5 * batch; i++) {
        sink += e.getValue().run().hashCode();
      }
      long best = Long.MAX_VALUE;
      for (int r = 0; r < rounds; r++) {
        long c0 = mx.getCurrentThreadCpuTime();
        for (int i = 0; i < batch; i++) {
          sink += e.getValue().run().hashCode();
        }
        best = Math.min(best, mx.getCurrentThreadCpuTime() - c0);
      }
      double us = best / 1000.0 / batch;
      micros.put(e.getKey(), us);
      System.out.printf(
          Locale.ROOT, "%-12s %9.1f us CPU/op (best of %d x %d)%n", e.getKey(), us, rounds, batch);
    }
    System.out.printf(
        Locale.ROOT,
        "sign: JDK / ours = %.1fx; verify: JDK / ours = %.1fx (JDK / bare BouncyCastle = %.1fx)"
            + " [sink %d]%n",
        ratio(micros, "jdkSign", "sign"),
        ratio(micros, "jdkVerify", "verify"),
        ratio(micros, "jdkVerify", "bareVerify"),
        sink);
  }

  private static double ratio(Map<String, Double> micros, String numerator, String denominator) {
    return micros.getOrDefault(numerator, Double.NaN)
        / micros.getOrDefault(denominator, Double.NaN);
  }
}
