package dev.proofofcompute.bench;

import com.sun.management.OperatingSystemMXBean;
import dev.proofofcompute.crypto.VerificationException;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.function.Supplier;

/**
 * A load-robust companion to {@link FreivaldsBenchmark}, {@link SpotCheckBenchmark} and {@link
 * BisectionBenchmark} for shared machines: the same operations on the same fixtures, timed in CPU
 * time instead of wall time, and interleaved (baseline, then each verifier operation, round after
 * round) so that a change of load hits every operation of a comparison alike. Each measurement
 * reads two clocks: the CPU time of the calling thread (nanosecond resolution, but blind to the
 * garbage collector's threads) and the CPU time of the whole JVM process (which includes the
 * collector, and matters for allocation-heavy operations such as encodings and batch preparation;
 * Linux accounts it in 10 ms ticks, so an operation is repeated within one measurement until it
 * takes about {@value #TARGET_MILLIS} ms of thread CPU time). The work runs on one thread, and the
 * JIT compiler has settled after the warm-up round. After {@value #WARMUP_ROUNDS} discarded rounds
 * it prints, per operation, the best and the median of {@code rounds} rounds in milliseconds:
 *
 * <pre>
 *   cpu &lt;scheme&gt; &lt;parameter&gt; &lt;operation&gt; &lt;best ms&gt; &lt;median ms&gt;
 * </pre>
 *
 * plus a line {@code detection spot-check <items> <probability>} with the exact detection
 * probability of each spot-check configuration. {@code benchmarks/schemes.sh} turns these lines
 * into ratios.
 *
 * <p>Run: {@code java -Xmx1g -cp poc-bench/target/benchmarks.jar
 * dev.proofofcompute.bench.SchemeCostProbe [rounds [freivalds|spot-check|bisection ...]]}.
 */
public final class SchemeCostProbe {
  private static final int WARMUP_ROUNDS = 1;
  private static final long TARGET_MILLIS = 200;
  private static final OperatingSystemMXBean OS =
      ManagementFactory.getPlatformMXBean(OperatingSystemMXBean.class);
  private static final ThreadMXBean THREADS = ManagementFactory.getThreadMXBean();

  /** Keeps the JIT from discarding results. */
  @SuppressWarnings("unused")
  private static volatile Object sink = new Object();

  private SchemeCostProbe() {}

  /** One timed operation of a comparison. */
  private record Operation(String name, Supplier<Object> body) {}

  public static void main(String[] args) {
    int rounds = args.length > 0 ? Integer.parseInt(args[0]) : 3;
    List<String> schemes =
        args.length > 1
            ? Arrays.asList(args).subList(1, args.length)
            : List.of("freivalds", "spot-check", "bisection");
    if (OS.getProcessCpuTime() < 0 || !THREADS.isCurrentThreadCpuTimeSupported()) {
      throw new IllegalStateException("this JVM cannot measure its CPU time");
    }
    for (String scheme : schemes) {
      switch (scheme) {
        case "freivalds" -> freivalds(rounds);
        case "spot-check" -> spotCheck(rounds);
        case "bisection" -> bisection(rounds);
        default -> throw new IllegalArgumentException("unknown scheme " + scheme);
      }
    }
  }

  private static void freivalds(int rounds) {
    for (int n : new int[] {256, 512, 1024}) {
      FreivaldsFixture f = FreivaldsFixture.create(BenchSeeds.SEED, n);
      compare(
          "freivalds",
          "n=" + n,
          rounds,
          List.of(
              new Operation("product", f::product),
              new Operation("validate", f::validate),
              new Operation("encodeOutput", f::encodeOutput),
              new Operation(
                  "verifyProduct",
                  () -> {
                    try {
                      return f.verifyProduct();
                    } catch (VerificationException e) {
                      throw new IllegalStateException(e);
                    }
                  })));
    }
  }

  private static void spotCheck(int rounds) {
    for (int items : new int[] {1024, 4096, 16384}) {
      SpotCheckFixture f = SpotCheckFixture.create(BenchSeeds.SEED, items);
      System.out.printf(
          Locale.ROOT,
          "detection spot-check items=%d %.6f samples=%d canaries=%d%n",
          items,
          f.detectionProbability(),
          f.parameters().samples(),
          f.parameters().canaries());
      compare(
          "spot-check",
          "items=" + items,
          rounds,
          List.of(
              new Operation("execute", f::execute),
              new Operation("verify", f::verify),
              new Operation("canaryAnswers", f::canaryAnswers),
              new Operation("prepare", f::prepare),
              new Operation("executeAndCommit", f::executeAndCommit)));
    }
  }

  private static void bisection(int rounds) {
    for (String workload : new String[] {"heat-sim", "mlp-train"}) {
      BisectionFixture<?> f = BisectionFixture.create(BenchSeeds.SEED, workload, 1024);
      compare(
          "bisection",
          workload,
          rounds,
          List.of(
              new Operation("fullRun", f::fullRun),
              new Operation("referee", f::referee),
              new Operation("oneStep", f::oneStep),
              new Operation("hashing", f::hashing),
              new Operation("committedRun", f::committedRun)));
    }
  }

  /** Times {@code operations} interleaved and prints their {@code cpu} and {@code thread} lines. */
  private static void compare(
      String scheme, String parameter, int rounds, List<Operation> operations) {
    int count = operations.size();
    int[] repeats = new int[count];
    for (int k = 0; k < count; k++) {
      long once = measure(operations.get(k), 1)[0];
      repeats[k] = (int) Math.min(100_000, TARGET_MILLIS * 1_000_000L / Math.max(once, 1000) + 1);
    }
    long[][] thread = new long[count][rounds];
    long[][] process = new long[count][rounds];
    for (int r = -WARMUP_ROUNDS; r < rounds; r++) {
      for (int k = 0; k < count; k++) {
        long[] t = measure(operations.get(k), repeats[k]);
        if (r >= 0) {
          thread[k][r] = t[0] / repeats[k];
          process[k][r] = t[1] / repeats[k];
        }
      }
    }
    for (int k = 0; k < count; k++) {
      print("cpu", scheme, parameter, operations.get(k).name(), process[k]);
    }
    for (int k = 0; k < count; k++) {
      print("thread", scheme, parameter, operations.get(k).name(), thread[k]);
    }
  }

  private static void print(
      String clock, String scheme, String parameter, String operation, long[] nanos) {
    long[] s = nanos.clone();
    Arrays.sort(s);
    System.out.printf(
        Locale.ROOT,
        "%s %s %s %s %.6f %.6f%n",
        clock,
        scheme,
        parameter,
        operation,
        s[0] / 1e6,
        s[s.length / 2] / 1e6);
  }

  /** Thread and process CPU nanoseconds used during {@code repeats} calls of {@code operation}. */
  private static long[] measure(Operation operation, int repeats) {
    long process = OS.getProcessCpuTime();
    long thread = THREADS.getCurrentThreadCpuTime();
    for (int i = 0; i < repeats; i++) {
      sink = operation.body().get();
    }
    return new long[] {
      THREADS.getCurrentThreadCpuTime() - thread, OS.getProcessCpuTime() - process
    };
  }
}
