package dev.proofofcompute.cli;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import dev.proofofcompute.arena.Arena;
import dev.proofofcompute.arena.ArenaConfig;
import dev.proofofcompute.arena.ArenaReport;
import dev.proofofcompute.crypto.random.RandomSource;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import org.jspecify.annotations.Nullable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code poc arena}: honest and adversarial providers against every scheme, seeded, with the report
 * as a table and optionally as JSON ({@code docs/arena.md} documents every field).
 */
@Command(
    name = "arena",
    mixinStandardHelpOptions = true,
    description = {
      "Runs honest and adversarial providers against every verification scheme (seeded) and",
      "reports per scheme: runs, caught, escaped, false positives, empirical vs theoretical",
      "detection, and verification cost / execution cost.",
      "Exit status: 0 when no honest provider was rejected, 1 otherwise, 2 on a usage error."
    })
final class ArenaCommand implements Callable<Integer> {
  @Spec CommandSpec spec;

  @Option(
      names = "--seed",
      description = "Root seed (default: the arena's fixed default seed; 'random' draws one).")
  @Nullable String seed;

  @Option(
      names = "--runs",
      paramLabel = "N",
      description =
          "Honest runs per honest scenario (default 1000); adversary and sampling runs scale with it.")
  @Nullable Integer runs;

  @Option(names = "--json", paramLabel = "FILE", description = "Also write the report as JSON.")
  @Nullable Path json;

  @Override
  public Integer call() throws IOException {
    PrintWriter out = spec.commandLine().getOut();
    ArenaReport report = Arena.run(config(seed, runs));
    // The table's first line names the seed; say once how to reproduce the run.
    out.print(report.table());
    out.printf("rerun with --seed %d to reproduce this report%n", report.seed());
    int falsePositives = report.honestFalsePositives();
    out.printf(
        "%nhonest providers wrongly rejected across all honest scenarios: %d%n", falsePositives);
    if (json != null) {
      writeJson(report, json);
      out.println("report written to " + json);
    }
    out.flush();
    return falsePositives == 0 ? 0 : 1;
  }

  /** The configuration for {@code --seed} and {@code --runs}. */
  static ArenaConfig config(@Nullable String seed, @Nullable Integer runs) {
    ArenaConfig config = ArenaConfig.defaults();
    if (seed != null) {
      config = config.withSeed(parseSeed(seed));
    }
    if (runs != null) {
      if (runs < 1) {
        throw new IllegalArgumentException("--runs must be >= 1, got " + runs);
      }
      ArenaConfig d = ArenaConfig.defaults();
      config =
          config.withRuns(
              runs,
              Math.max(1, (int) ((long) d.adversaryRuns() * runs / d.honestRuns())),
              Math.max(1, (int) ((long) d.samplingRuns() * runs / d.honestRuns())));
    }
    return config;
  }

  static void writeJson(Object report, Path file) throws IOException {
    ObjectMapper mapper = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);
    Path parent = file.toAbsolutePath().getParent();
    if (parent != null) {
      Files.createDirectories(parent);
    }
    mapper.writeValue(file.toFile(), report);
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
}
