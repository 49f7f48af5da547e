package dev.proofofcompute.bench;

import dev.proofofcompute.crypto.Bytes;
import dev.proofofcompute.stark.StarkParameters;
import dev.proofofcompute.stark.StarkProver;
import dev.proofofcompute.stark.air.Trace;
import dev.proofofcompute.stark.bundle.ProofBundle;
import dev.proofofcompute.stark.bundle.Statement;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryPoolMXBean;
import java.lang.management.MemoryType;
import java.lang.management.ThreadMXBean;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ForkJoinPool;
import java.util.concurrent.TimeUnit;

/**
 * Scaling harness for the STARK prover and verifier (issue 7): prove time, verify time, proof size
 * and memory of the MiMC-7 chain ({@code mimc7-chain/v1}, default parameters) for a list of chain
 * lengths, on one and on two prover threads, printed as Markdown tables.
 *
 * <p>Every measurement runs in a child JVM of its own, so that sizes do not share a heap, the
 * memory figures belong to one configuration, and a verification can be timed cold (the first one
 * in a fresh JVM: class loading, interpreter, JIT compiling in the background) as well as warm:
 *
 * <ul>
 *   <li>{@code prove-child}: builds the trace (timed apart), warms the JIT on 2^12-row proofs with
 *       the same pool (at least 8 and 3 s of CPU), then proves {@code reps} times; reports the
 *       median and best wall time, the process CPU time (all threads: prover pool, GC, JIT) and the
 *       calling thread's CPU time, the sum of the heap pools' peak usage during the measured proofs
 *       (an upper bound on the heap in use at any one time) and the process's peak resident set
 *       (VmHWM, whole run), and writes the proof bundle ({@code poc verify} reads it).
 *   <li>{@code verify-child}: reads a bundle and times {@code ProofBundle.decode(..).verify()}: the
 *       first call (cold), the second, then {@code verifies} more, of which the median of the last
 *       half is reported (warm). For each: wall time, this thread's CPU time and, for the cold
 *       call, the process's CPU time (which includes the JIT compiler threads).
 * </ul>
 *
 * The parent reads the load average before and after every child and prints it next to each row,
 * since on a shared two-core machine wall time measures the scheduler as much as the prover; CPU
 * time is far less sensitive to it. A proof does not depend on the thread count: the parent checks
 * that the bundles of one length are byte-identical across thread counts.
 *
 * <p>Run (from the repository root, JDK 21+), or through {@code benchmarks/stark-scaling.sh}:
 *
 * <pre>
 *   java -cp poc-bench/target/benchmarks.jar dev.proofofcompute.bench.StarkScaling \
 *       [--logs 12-20] [--steps 4096,16384] [--threads 1,2] [--reps 3] [--verifies 2000] \
 *       [--heap 6g] [--dir DIR] [--timeout-min 20] [--results FILE] [--verify-only true]
 * </pre>
 *
 * {@code --logs a-b} proves {@code 2^k - 1} steps (filling {@code 2^k} rows) for {@code k} in
 * {@code a..b}; {@code --steps} gives chain lengths directly (both may be given). See {@code
 * docs/benchmarks.md}, section STARK. {@code --results FILE} also writes one {@code kind k=v ...}
 * line per child for scripts ({@code benchmarks/snarkjs-vs-stark.sh}).
 */
public final class StarkScaling {
  private static final long SEED = 0x5eedL;
  private static final int WARMUP_STEPS = (1 << 12) - 1;

  private StarkScaling() {}

  public static void main(String[] args) throws Exception {
    if (args.length > 0 && args[0].equals("prove-child")) {
      proveChild(options(Arrays.copyOfRange(args, 1, args.length)));
    } else if (args.length > 0 && args[0].equals("report")) {
      Map<String, String> o = options(Arrays.copyOfRange(args, 1, args.length));
      report(Path.of(required(o, "results")), Integer.parseInt(o.getOrDefault("verifies", "2000")));
    } else if (args.length > 0 && args[0].equals("verify-child")) {
      verifyChild(options(Arrays.copyOfRange(args, 1, args.length)));
    } else {
      parent(options(args));
    }
  }

  // ---------------------------------------------------------------------------------------------
  // Parent: runs the children, prints the tables.

  private static void parent(Map<String, String> o) throws Exception {
    List<Integer> steps = new ArrayList<>();
    String logs = o.getOrDefault("logs", o.containsKey("steps") ? "" : "12-20");
    if (!logs.isEmpty()) {
      String[] r = logs.split("-", 2);
      int lo = Integer.parseInt(r[0]);
      int hi = r.length > 1 ? Integer.parseInt(r[1]) : lo;
      for (int k = lo; k <= hi; k++) {
        steps.add((1 << k) - 1);
      }
    }
    for (String s : split(',', o.getOrDefault("steps", ""))) {
      if (!s.isBlank()) {
        steps.add(Integer.parseInt(s.trim()));
      }
    }
    List<Integer> threads = new ArrayList<>();
    for (String t : split(',', o.getOrDefault("threads", "1,2"))) {
      threads.add(Integer.parseInt(t.trim()));
    }
    int reps = Integer.parseInt(o.getOrDefault("reps", "3"));
    int verifies = Integer.parseInt(o.getOrDefault("verifies", "2000"));
    String heap = o.getOrDefault("heap", "6g");
    long timeoutMin = Long.parseLong(o.getOrDefault("timeout-min", "20"));
    String dirName = o.get("dir");
    Path dir = dirName != null ? Path.of(dirName) : Files.createTempDirectory("stark-scaling");
    Files.createDirectories(dir);
    String resultsFile = o.get("results");
    boolean verifyOnly = Boolean.parseBoolean(o.getOrDefault("verify-only", "false"));

    StarkParameters p = StarkParameters.defaults();
    System.out.printf(
        Locale.ROOT,
        "# STARK scaling: mimc7-chain/v1, %s%n# java %s, %d CPUs, child heap -Xmx%s, bundles in %s%n"
            + "# load average at start: %s%n%n",
        p,
        System.getProperty("java.version"),
        Runtime.getRuntime().availableProcessors(),
        heap,
        dir,
        loadAverage());

    List<Map<String, String>> proves = new ArrayList<>();
    Map<Integer, Path> firstBundle = new LinkedHashMap<>();
    Map<Integer, String> identical = new LinkedHashMap<>();
    for (int s : steps) {
      for (int t : threads) {
        Path out = dir.resolve("mimc-" + s + "-t" + t + ".poc");
        if (verifyOnly) {
          if (!Files.exists(out)) {
            continue;
          }
          Path first = firstBundle.putIfAbsent(s, out);
          if (first != null) {
            boolean same = Arrays.equals(Files.readAllBytes(first), Files.readAllBytes(out));
            identical.merge(s, same ? "yes" : "NO", (a, b) -> a.equals("yes") ? b : a);
          }
          continue;
        }
        Map<String, String> r =
            child(
                heap,
                timeoutMin,
                "prove-child",
                "--steps",
                Integer.toString(s),
                "--threads",
                Integer.toString(t),
                "--reps",
                Integer.toString(s >= (1 << 19) ? Math.min(reps, 2) : reps),
                "--out",
                out.toString());
        proves.add(r);
        System.err.println("prove " + s + " steps, " + t + " thread(s): " + r);
        if (r.containsKey("error")) {
          continue;
        }
        Path first = firstBundle.putIfAbsent(s, out);
        if (first != null) {
          boolean same = Arrays.equals(Files.readAllBytes(first), Files.readAllBytes(out));
          identical.merge(s, same ? "yes" : "NO", (a, b) -> a.equals("yes") ? b : a);
        }
      }
    }
    List<Map<String, String>> verifiesOut = new ArrayList<>();
    for (Map.Entry<Integer, Path> e : firstBundle.entrySet()) {
      long t0 = System.nanoTime();
      Map<String, String> r =
          child(
              "1g",
              timeoutMin,
              "verify-child",
              "--in",
              e.getValue().toString(),
              "--verifies",
              Integer.toString(verifies));
      r.put("jvmWallMs", fmt((System.nanoTime() - t0) / 1e6, 0));
      r.put("steps", Integer.toString(e.getKey()));
      r.put("identical", identical.getOrDefault(e.getKey(), "-"));
      verifiesOut.add(r);
      System.err.println("verify " + e.getKey() + " steps: " + r);
    }

    printTables(proves, verifiesOut, verifies);
    System.out.printf("%n# load average at end: %s%n", loadAverage());
    if (resultsFile != null) {
      List<String> lines = new ArrayList<>();
      for (Map<String, String> r : proves) {
        lines.add(record("stark-prove", r));
      }
      for (Map<String, String> r : verifiesOut) {
        lines.add(record("stark-verify", r));
      }
      Files.write(Path.of(resultsFile), lines, StandardCharsets.UTF_8);
    }
  }

  /** Prints the proving and verification tables. */
  private static void printTables(
      List<Map<String, String>> proves, List<Map<String, String>> verifies, int verifyCount) {
    System.out.println(
        "## Proving (wall: median and best of the measured proofs; CPU: mean; process = all"
            + " threads incl. GC and JIT, thread = the calling thread)");
    System.out.println();
    System.out.println(
        "| rows | steps | MiMC perms | threads | trace ms | prove wall ms (median) | best |"
            + " process CPU ms | thread CPU ms | CPU/wall | perms/s (wall) | perms/s (CPU) |"
            + " proof bytes | heap peak MB | RSS peak MB | load 1-min before → after |");
    System.out.println(
        "|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---|");
    for (Map<String, String> r : proves) {
      if (r.containsKey("error")) {
        System.out.printf(
            "| | %s | | %s | failed: %s | | | | | | | | | | | %s → %s |%n",
            r.get("steps"),
            r.get("threads"),
            r.get("error"),
            load1(r, "loadBefore"),
            load1(r, "loadAfter"));
        continue;
      }
      double perms = Double.parseDouble(get(r, "steps")) / 64;
      double wall = Double.parseDouble(get(r, "proveWallMs"));
      double cpu = Double.parseDouble(get(r, "proveCpuMs"));
      System.out.printf(
          Locale.ROOT,
          "| 2^%d | %s | %.0f | %s | %s | %s | %s | %s | %s | %.2f | %.0f | %.0f | %s | %s | %s |"
              + " %s → %s |%n",
          Integer.numberOfTrailingZeros(Integer.parseInt(get(r, "rows"))),
          r.get("steps"),
          perms,
          r.get("threads"),
          r.get("traceMs"),
          r.get("proveWallMs"),
          r.get("proveWallBestMs"),
          r.get("proveCpuMs"),
          r.get("proveThreadCpuMs"),
          cpu / wall,
          perms / (wall / 1000),
          perms / (cpu / 1000),
          r.get("proofBytes"),
          r.get("heapPeakMb"),
          r.get("rssPeakMb"),
          load1(r, "loadBefore"),
          load1(r, "loadAfter"));
    }
    System.out.println();
    System.out.println(
        "## Verification (a fresh JVM per proof; cold = its first decode + verify, warm = median"
            + " of the last half of "
            + verifyCount
            + ")");
    System.out.println();
    System.out.println(
        "| rows | steps | proof bytes | same proof on 1 and 2 threads | cold wall ms |"
            + " cold thread CPU ms | cold process CPU ms | 2nd wall ms | warm wall ms |"
            + " warm thread CPU ms | JVM start → exit ms | load 1-min before → after |");
    System.out.println("|---:|---:|---:|---|---:|---:|---:|---:|---:|---:|---:|---|");
    for (Map<String, String> r : verifies) {
      if (r.containsKey("error")) {
        System.out.printf(
            "| | %s | | | failed: %s | | | | | | | %s → %s |%n",
            r.get("steps"), r.get("error"), load1(r, "loadBefore"), load1(r, "loadAfter"));
        continue;
      }
      System.out.printf(
          Locale.ROOT,
          "| 2^%d | %s | %s | %s | %s | %s | %s | %s | %s | %s | %s | %s → %s |%n",
          Integer.numberOfTrailingZeros(Integer.parseInt(get(r, "rows"))),
          r.get("steps"),
          r.get("proofBytes"),
          r.get("identical"),
          r.get("coldWallMs"),
          r.get("coldCpuMs"),
          r.get("coldProcessCpuMs"),
          r.get("secondWallMs"),
          r.get("warmWallMs"),
          r.get("warmCpuMs"),
          r.get("jvmWallMs"),
          load1(r, "loadBefore"),
          load1(r, "loadAfter"));
    }
  }

  /** Re-prints the tables of a results file written with {@code --results}. */
  private static void report(Path results, int verifyCount) throws IOException {
    List<Map<String, String>> proves = new ArrayList<>();
    List<Map<String, String>> verifies = new ArrayList<>();
    for (String line : Files.readAllLines(results, StandardCharsets.UTF_8)) {
      List<String> fields = split(' ', line);
      if (fields.isEmpty()) {
        continue;
      }
      Map<String, String> r = new LinkedHashMap<>();
      for (String kv : fields.subList(1, fields.size())) {
        String[] pair = kv.split("=", 2);
        if (pair.length == 2) {
          r.put(pair[0], pair[1].replace('_', ' '));
        }
      }
      if (fields.get(0).equals("stark-prove")) {
        proves.add(r);
      } else if (fields.get(0).equals("stark-verify")) {
        verifies.add(r);
      }
    }
    printTables(proves, verifies, verifyCount);
  }

  private static String get(Map<String, String> r, String key) {
    String v = r.get(key);
    if (v == null) {
      throw new IllegalArgumentException("result without " + key + ": " + r);
    }
    return v;
  }

  /** The 1-minute figure of a load-average entry. */
  private static String load1(Map<String, String> r, String key) {
    String v = r.getOrDefault(key, "?");
    int space = v.indexOf(' ');
    return space < 0 ? v : v.substring(0, space);
  }

  /** One {@code kind k=v ...} line, spaces in values replaced by underscores. */
  private static String record(String kind, Map<String, String> r) {
    StringBuilder b = new StringBuilder(kind);
    for (Map.Entry<String, String> e : r.entrySet()) {
      b.append(' ').append(e.getKey()).append('=').append(e.getValue().replace(' ', '_'));
    }
    return b.toString();
  }

  /** Runs this class in a child JVM and parses its {@code result k=v ...} line. */
  private static Map<String, String> child(String heap, long timeoutMin, String... args)
      throws IOException, InterruptedException {
    List<String> cmd = new ArrayList<>();
    cmd.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
    cmd.add("-Xmx" + heap);
    cmd.add("-cp");
    cmd.add(System.getProperty("java.class.path"));
    cmd.add(StarkScaling.class.getName());
    cmd.addAll(List.of(args));
    Map<String, String> result = new LinkedHashMap<>();
    for (int i = 0; i + 1 < args.length; i++) {
      if (args[i].equals("--steps") || args[i].equals("--threads")) {
        result.put(args[i].substring(2), args[i + 1]);
      }
    }
    result.put("loadBefore", loadAverage());
    Process proc = new ProcessBuilder(cmd).redirectError(ProcessBuilder.Redirect.INHERIT).start();
    List<String> lines = new ArrayList<>();
    Thread reader =
        new Thread(() -> {
          try (BufferedReader in =
              new BufferedReader(
                  new InputStreamReader(proc.getInputStream(), StandardCharsets.UTF_8))) {
            for (String line = in.readLine(); line != null; line = in.readLine()) {
              synchronized (lines) {
                lines.add(line);
              }
            }
          } catch (IOException e) {
            synchronized (lines) {
              lines.add("error reading child output: " + e.getMessage());
            }
          }
        });
    reader.start();
    boolean done = proc.waitFor(timeoutMin, TimeUnit.MINUTES);
    if (!done) {
      proc.destroyForcibly();
      proc.waitFor();
    }
    reader.join();
    result.put("loadAfter", loadAverage());
    String resultLine = null;
    synchronized (lines) {
      for (String line : lines) {
        if (line.startsWith("result ")) {
          resultLine = line;
        }
      }
    }
    if (!done) {
      result.put("error", "timed out after " + timeoutMin + " min");
    } else if (resultLine == null) {
      result.put("error", "exit " + proc.exitValue() + ", no result");
    } else {
      for (String kv : split(' ', resultLine.substring("result ".length()))) {
        String[] pair = kv.split("=", 2);
        if (pair.length == 2) {
          result.put(pair[0], pair[1]);
        }
      }
    }
    return result;
  }

  // ---------------------------------------------------------------------------------------------
  // Children.

  private static void proveChild(Map<String, String> o) throws IOException {
    int steps = Integer.parseInt(required(o, "steps"));
    int threads = Integer.parseInt(required(o, "threads"));
    int reps = Integer.parseInt(o.getOrDefault("reps", "3"));
    Path out = Path.of(required(o, "out"));
    ThreadMXBean mx = ManagementFactory.getThreadMXBean();
    ForkJoinPool pool = new ForkJoinPool(threads);
    try {
      StarkParameters p = StarkParameters.defaults();
      StarkProver prover = threads == 1 ? StarkProver.create(p) : StarkProver.create(p, pool);

      // JIT warm-up on a 2^12-row chain, same prover and pool.
      Statement.MimcChain warm = Statement.MimcChain.honest(SEED, WARMUP_STEPS);
      Trace warmTrace = warm.trace();
      // At least 8 proofs and 3 s of process CPU: on a loaded machine the JIT compiler threads get
      // little CPU and C2 finishes late.
      long warmStart = processCpuNanos();
      for (int i = 0; i < 100 && (i < 8 || processCpuNanos() - warmStart < 3_000_000_000L); i++) {
        ProofBundle.prove(prover, warm, warmTrace);
      }

      long t0 = System.nanoTime();
      Statement.MimcChain statement = Statement.MimcChain.honest(SEED, steps);
      Trace trace = statement.trace();
      double traceMs = (System.nanoTime() - t0) / 1e6;

      List<MemoryPoolMXBean> heapPools = new ArrayList<>();
      for (MemoryPoolMXBean pool1 : ManagementFactory.getMemoryPoolMXBeans()) {
        if (pool1.getType() == MemoryType.HEAP) {
          heapPools.add(pool1);
          pool1.resetPeakUsage();
        }
      }
      double[] wall = new double[reps];
      double[] cpu = new double[reps];
      double[] threadCpu = new double[reps];
      ProofBundle bundle = null;
      for (int i = 0; i < reps; i++) {
        long c0 = processCpuNanos();
        long tc0 = mx.getCurrentThreadCpuTime();
        long w0 = System.nanoTime();
        bundle = ProofBundle.prove(prover, statement, trace);
        wall[i] = (System.nanoTime() - w0) / 1e6;
        threadCpu[i] = (mx.getCurrentThreadCpuTime() - tc0) / 1e6;
        cpu[i] = (processCpuNanos() - c0) / 1e6;
      }
      long heapPeak = 0;
      for (MemoryPoolMXBean pool1 : heapPools) {
        heapPeak += pool1.getPeakUsage().getUsed();
      }
      if (bundle == null) {
        throw new IllegalArgumentException("--reps must be at least 1");
      }
      Bytes encoded = bundle.encode();
      Files.write(out, encoded.toByteArray());
      System.out.printf(
          Locale.ROOT,
          "result rows=%d traceMs=%s proveWallMs=%s proveWallBestMs=%s proveCpuMs=%s"
              + " proveThreadCpuMs=%s proofBytes=%d bundleBytes=%d conjecturedBits=%d heapPeakMb=%s"
              + " rssPeakMb=%s reps=%d walls=%s%n",
          bundle.traceLength(),
          fmt(traceMs, 1),
          fmt(median(wall), 0),
          fmt(min(wall), 0),
          fmt(mean(cpu), 0),
          fmt(mean(threadCpu), 0),
          bundle.proof().length(),
          encoded.length(),
          bundle.conjecturedSecurityBits(),
          fmt(heapPeak / 1048576.0, 0),
          rssPeakMb(),
          reps,
          join(wall));
    } finally {
      pool.shutdown();
    }
  }

  private static void verifyChild(Map<String, String> o) throws Exception {
    Bytes bytes = Bytes.of(Files.readAllBytes(Path.of(required(o, "in"))));
    int verifies = Integer.parseInt(o.getOrDefault("verifies", "2000"));
    ThreadMXBean mx = ManagementFactory.getThreadMXBean();

    long pc0 = processCpuNanos();
    long c0 = mx.getCurrentThreadCpuTime();
    long w0 = System.nanoTime();
    ProofBundle bundle = ProofBundle.decode(bytes);
    bundle.verify();
    double coldWall = (System.nanoTime() - w0) / 1e6;
    double coldCpu = (mx.getCurrentThreadCpuTime() - c0) / 1e6;
    double coldProcessCpu = (processCpuNanos() - pc0) / 1e6;

    w0 = System.nanoTime();
    ProofBundle.decode(bytes).verify();
    double secondWall = (System.nanoTime() - w0) / 1e6;

    double[] wall = new double[verifies];
    double[] cpu = new double[verifies];
    for (int i = 0; i < verifies; i++) {
      c0 = mx.getCurrentThreadCpuTime();
      w0 = System.nanoTime();
      ProofBundle.decode(bytes).verify();
      wall[i] = (System.nanoTime() - w0) / 1e6;
      cpu[i] = (mx.getCurrentThreadCpuTime() - c0) / 1e6;
    }
    double[] lastWall = Arrays.copyOfRange(wall, verifies / 2, verifies);
    double[] lastCpu = Arrays.copyOfRange(cpu, verifies / 2, verifies);
    System.out.printf(
        Locale.ROOT,
        "result rows=%d proofBytes=%d coldWallMs=%s coldCpuMs=%s coldProcessCpuMs=%s"
            + " secondWallMs=%s warmWallMs=%s warmCpuMs=%s warmWallBestMs=%s%n",
        bundle.traceLength(),
        bundle.proof().length(),
        fmt(coldWall, 1),
        fmt(coldCpu, 1),
        fmt(coldProcessCpu, 1),
        fmt(secondWall, 1),
        fmt(median(lastWall), 2),
        fmt(median(lastCpu), 2),
        fmt(min(lastWall), 2));
  }

  // ---------------------------------------------------------------------------------------------
  // Helpers.

  private static Map<String, String> options(String[] args) {
    Map<String, String> o = new LinkedHashMap<>();
    for (int i = 0; i < args.length; i++) {
      if (!args[i].startsWith("--") || i + 1 >= args.length) {
        throw new IllegalArgumentException("expected --name value, got " + args[i]);
      }
      o.put(args[i].substring(2), args[++i]);
    }
    return o;
  }

  private static String required(Map<String, String> o, String name) {
    String v = o.get(name);
    if (v == null) {
      throw new IllegalArgumentException("missing --" + name);
    }
    return v;
  }

  /** CPU time of the whole process (all threads), in nanoseconds. */
  private static long processCpuNanos() {
    if (ManagementFactory.getOperatingSystemMXBean()
        instanceof com.sun.management.OperatingSystemMXBean os) {
      return os.getProcessCpuTime();
    }
    throw new IllegalStateException("this JVM does not report process CPU time");
  }

  /** The process's peak resident set size (VmHWM) in MiB, or "?" off Linux. */
  private static String rssPeakMb() {
    try {
      for (String line : Files.readAllLines(Path.of("/proc/self/status"))) {
        if (line.startsWith("VmHWM:")) {
          long kb = Long.parseLong(line.replaceAll("[^0-9]", ""));
          return fmt(kb / 1024.0, 0);
        }
      }
    } catch (IOException | NumberFormatException e) {
      return "?";
    }
    return "?";
  }

  /** The 1-, 5- and 15-minute load averages, or "?" off Linux. */
  static String loadAverage() {
    try {
      List<String> f = split(' ', Files.readString(Path.of("/proc/loadavg")).trim());
      return f.get(0) + " " + f.get(1) + " " + f.get(2);
    } catch (IOException | IndexOutOfBoundsException e) {
      return "?";
    }
  }

  /** The pieces of {@code s} between occurrences of {@code sep}, empty pieces dropped. */
  private static List<String> split(char sep, String s) {
    List<String> out = new ArrayList<>();
    int from = 0;
    for (int i = 0; i <= s.length(); i++) {
      if (i == s.length() || s.charAt(i) == sep) {
        if (i > from) {
          out.add(s.substring(from, i));
        }
        from = i + 1;
      }
    }
    return out;
  }

  private static double median(double[] v) {
    double[] s = v.clone();
    Arrays.sort(s);
    int n = s.length;
    return n % 2 == 1 ? s[n / 2] : (s[n / 2 - 1] + s[n / 2]) / 2;
  }

  private static double mean(double[] v) {
    double sum = 0;
    for (double x : v) {
      sum += x;
    }
    return sum / v.length;
  }

  private static double min(double[] v) {
    double m = Double.POSITIVE_INFINITY;
    for (double x : v) {
      m = Math.min(m, x);
    }
    return m;
  }

  private static String join(double[] v) {
    StringBuilder b = new StringBuilder();
    for (double x : v) {
      b.append(b.length() == 0 ? "" : ",").append(fmt(x, 0));
    }
    return b.toString();
  }

  private static String fmt(double v, int decimals) {
    return String.format(Locale.ROOT, "%." + decimals + "f", v);
  }
}
