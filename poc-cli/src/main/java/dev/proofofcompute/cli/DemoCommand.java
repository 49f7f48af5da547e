package dev.proofofcompute.cli;

import dev.proofofcompute.cli.demo.DemoConfig;
import dev.proofofcompute.cli.demo.DemoHtml;
import dev.proofofcompute.cli.demo.DemoNetwork;
import dev.proofofcompute.cli.demo.DemoReport;
import dev.proofofcompute.cli.demo.WorkerSpec;
import dev.proofofcompute.crypto.random.RandomSource;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Locale;
import java.util.concurrent.Callable;
import org.jspecify.annotations.Nullable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code poc demo}: the demo network (docs/demo.md) — a coordinator on an embedded SQLite file,
 * worker processes of which several cheat, a mix of jobs over every workload and scheme, a live
 * progress bar on stderr, and the report as a table, JSON and HTML.
 */
@Command(
    name = "demo",
    mixinStandardHelpOptions = true,
    description = {
      "Runs a coordinator on an embedded SQLite file and worker processes over loopback HTTP",
      "(default: 8 workers, among them a wrong, a lazy and a grinding provider and a lazy",
      "validator), submits jobs over every workload and every scheme the coordinator serves,",
      "and reports per scheme jobs, accepted, rejected, cheating submissions, caught, escaped,",
      "false positives and verification overhead; per worker earnings and slashes; and the",
      "ledger conservation check (docs/demo.md).",
      "Exit status: 0 when every check holds, 1 otherwise, 2 on a usage error."
    })
final class DemoCommand implements Callable<Integer> {
  @Spec CommandSpec spec;

  @Option(
      names = "--seed",
      description = "Root seed (default " + DemoConfig.DEFAULT_SEED + "; 'random' draws one).")
  @Nullable String seed;

  @Option(
      names = "--mix",
      paramLabel = "MIX",
      description =
          "Workers as BEHAVIOUR[@ROLE][*COUNT],... (default " + DemoConfig.DEFAULT_MIX + ").")
  @Nullable String mix;

  @Option(
      names = "--scale",
      paramLabel = "F",
      description = "Multiply every scheme's job count by F (default 1).")
  double scale = 1;

  @Option(
      names = "--timeout-seconds",
      paramLabel = "S",
      description = "Stop waiting for jobs after S seconds (default 150).")
  long timeoutSeconds = 150;

  @Option(names = "--json", paramLabel = "FILE", description = "Write the report as JSON.")
  @Nullable Path json;

  @Option(names = "--html", paramLabel = "FILE", description = "Write the report as an HTML page.")
  @Nullable Path html;

  @Option(
      names = "--work-dir",
      paramLabel = "DIR",
      description =
          "Where the run's directory (database, keys, logs) goes (default: the temp dir).")
  @Nullable Path workDir;

  @Option(names = "--keep", description = "Keep the run's directory (database, keys, worker logs).")
  boolean keep;

  @Override
  public Integer call() throws IOException, InterruptedException {
    DemoConfig config = DemoConfig.defaults();
    if (seed != null) {
      config = config.withSeed(parseSeed(seed));
    }
    if (mix != null) {
      config = config.withWorkers(WorkerSpec.parseMix(mix));
    }
    if (!(scale > 0 && scale <= 20)) {
      throw new IllegalArgumentException("--scale must be in (0, 20], got " + scale);
    }
    if (scale != 1) {
      config = config.scaledJobs(scale);
    }
    if (timeoutSeconds < 1) {
      throw new IllegalArgumentException("--timeout-seconds must be >= 1");
    }
    config = config.withTimeout(Duration.ofSeconds(timeoutSeconds));
    PrintWriter out = spec.commandLine().getOut();
    PrintWriter err = spec.commandLine().getErr();
    Path dir = workDir != null ? workDir : Path.of(System.getProperty("java.io.tmpdir"));
    err.printf(
        Locale.ROOT, "poc demo: seed %d, %d workers%n", config.seed(), config.workers().size());
    err.flush();
    DemoReport report =
        DemoNetwork.run(config, dir, keep, new ProgressBar(err, stderrIsTerminal()));
    out.print(report.table());
    out.printf(
        Locale.ROOT, "rerun with --seed %d to reproduce the inputs and cheats%n", report.seed());
    if (json != null) {
      ArenaCommand.writeJson(report, json);
      out.println("report written to " + json);
    }
    if (html != null) {
      Path parent = html.toAbsolutePath().getParent();
      if (parent != null) {
        Files.createDirectories(parent);
      }
      Files.writeString(html, DemoHtml.render(report), StandardCharsets.UTF_8);
      out.println("HTML report written to " + html);
    }
    out.flush();
    return report.checks().allHold() ? 0 : 1;
  }

  /**
   * Whether stderr is a terminal: a console exists and (JDK 22+) reports itself as a terminal.
   * Redirected output gets plain lines.
   */
  @SuppressWarnings("SystemConsoleNull") // handled: isTerminal() is asked where it exists
  static boolean stderrIsTerminal() {
    java.io.Console c = System.console();
    if (c == null) {
      return false;
    }
    try {
      return (Boolean) java.io.Console.class.getMethod("isTerminal").invoke(c);
    } catch (ReflectiveOperationException e) {
      return true; // JDK 21: a console exists only for a terminal
    }
  }

  private static long parseSeed(String text) {
    if (text.equals("random")) {
      return RandomSource.secure().nextLong();
    }
    try {
      return Long.parseLong(text);
    } catch (NumberFormatException e) {
      throw new IllegalArgumentException("--seed: not a number or 'random': " + text, e);
    }
  }

  /**
   * The progress bar on stderr: redrawn in place with a carriage return on a terminal, a plain line
   * every five seconds (and at each phase) otherwise, so logs stay readable.
   */
  static final class ProgressBar implements DemoNetwork.Progress {
    private static final int WIDTH = 30;
    private final PrintWriter err;
    private final boolean tty;
    private final long start = System.nanoTime();
    private long lastLine;
    private int lastEnded = -1;
    private boolean drawn;

    ProgressBar(PrintWriter err, boolean tty) {
      this.err = err;
      this.tty = tty;
    }

    @Override
    public synchronized void phase(String what) {
      if (drawn && tty) {
        err.println();
        drawn = false;
      }
      err.printf(Locale.ROOT, "[%5.1fs] %s%n", seconds(), what);
      err.flush();
    }

    @Override
    public synchronized void jobs(int ended, int total, int decided, int failed) {
      int filled = total == 0 ? WIDTH : ended * WIDTH / total;
      String line =
          String.format(
              Locale.ROOT,
              "[%5.1fs] jobs [%s%s] %d/%d (decided %d, failed %d)",
              seconds(),
              "#".repeat(filled),
              ".".repeat(WIDTH - filled),
              ended,
              total,
              decided,
              failed);
      if (tty) {
        err.print("\r" + line);
        drawn = true;
        err.flush();
      } else {
        long now = System.nanoTime();
        if (ended != lastEnded && (now - lastLine > 5_000_000_000L || ended == total)) {
          err.println(line);
          err.flush();
          lastLine = now;
          lastEnded = ended;
        }
      }
    }

    @Override
    public synchronized void done() {
      if (drawn && tty) {
        err.println();
      }
      err.printf(Locale.ROOT, "[%5.1fs] done%n", seconds());
      err.flush();
    }

    private double seconds() {
      return (System.nanoTime() - start) / 1e9;
    }
  }
}
