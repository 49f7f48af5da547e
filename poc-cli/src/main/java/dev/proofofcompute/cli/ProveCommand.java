package dev.proofofcompute.cli;

import dev.proofofcompute.stark.StarkParameters;
import dev.proofofcompute.stark.StarkProver;
import dev.proofofcompute.stark.air.Trace;
import dev.proofofcompute.stark.bundle.ProofBundle;
import dev.proofofcompute.stark.bundle.Statement;
import dev.proofofcompute.stark.field.Goldilocks;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import java.util.concurrent.ForkJoinPool;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code poc prove}: run a STARK-provable computation and write an offline proof bundle. */
@Command(
    name = "prove",
    mixinStandardHelpOptions = true,
    description = {
      "Compute a statement, prove it with a STARK (default parameters) and write a proof bundle",
      "(docs/stark.md) that 'poc verify' checks offline.",
      "  --air mimc:      --steps T MiMC-7 steps from --seed (a field element, default 0).",
      "  --air fibonacci: the Fibonacci sequence from (--first, --second) over --steps rows",
      "                   (a power of two >= 8).",
      "Exit status: 0 written, 2 usage error, 1 I/O failure."
    })
final class ProveCommand implements Callable<Integer> {
  /** The longest computation proved from the command line: 2^20 rows. */
  static final int MAX_ROWS = 1 << 20;

  @Spec CommandSpec spec;

  @Option(names = "--air", required = true, description = "The statement: mimc or fibonacci.")
  String air;

  @Option(
      names = "--steps",
      required = true,
      description = "Chain steps (mimc) or rows (fibonacci).")
  int steps;

  @Option(names = "--seed", description = "Start of the MiMC chain, below 2^64 - 2^32 + 1.")
  String seed;

  @Option(names = "--first", description = "First Fibonacci term (default 1).")
  String first;

  @Option(names = "--second", description = "Second Fibonacci term (default 1).")
  String second;

  @Option(names = "--threads", description = "Prover threads (default 1); the proof is the same.")
  int threads = 1;

  @Option(names = "--out", required = true, paramLabel = "FILE", description = "Bundle to write.")
  Path out;

  @Override
  public Integer call() throws IOException {
    if (threads < 1 || threads > 256) {
      throw new IllegalArgumentException("--threads must be in [1, 256], got " + threads);
    }
    Statement statement;
    Trace trace;
    switch (air) {
      case "mimc" -> {
        forbid("--first", first);
        forbid("--second", second);
        if (steps < 1 || steps > MAX_ROWS - 1) {
          throw new IllegalArgumentException(
              "--steps must be in [1, " + (MAX_ROWS - 1) + "] for mimc, got " + steps);
        }
        Statement.MimcChain m =
            Statement.MimcChain.honest(element("--seed", seed == null ? "0" : seed), steps);
        statement = m;
        trace = m.trace();
      }
      case "fibonacci" -> {
        forbid("--seed", seed);
        if (steps < 8 || steps > MAX_ROWS || Integer.bitCount(steps) != 1) {
          throw new IllegalArgumentException(
              "--steps must be a power of two in [8, "
                  + MAX_ROWS
                  + "] for fibonacci, got "
                  + steps);
        }
        Statement.Fibonacci f =
            Statement.Fibonacci.honest(
                steps,
                element("--first", first == null ? "1" : first),
                element("--second", second == null ? "1" : second));
        statement = f;
        trace = f.trace();
      }
      default ->
          throw new IllegalArgumentException("--air must be mimc or fibonacci, got '" + air + "'");
    }
    StarkParameters parameters = StarkParameters.defaults();
    ProofBundle bundle;
    if (threads == 1) {
      bundle = ProofBundle.prove(StarkProver.create(parameters), statement, trace);
    } else {
      ForkJoinPool pool = new ForkJoinPool(threads);
      try {
        bundle = ProofBundle.prove(StarkProver.create(parameters, pool), statement, trace);
      } finally {
        pool.shutdown();
      }
    }
    byte[] encoded = bundle.encode().toByteArray();
    Files.write(out, encoded);
    PrintWriter w = spec.commandLine().getOut();
    w.printf("statement: %s%n", statement.describe());
    w.printf("rows:      %d%n", bundle.traceLength());
    w.printf(
        "security:  %d conjectured bits, %d provable bits%n",
        bundle.conjecturedSecurityBits(), bundle.provableSecurityBits());
    w.printf("proof:     %d bytes%n", bundle.proof().length());
    w.printf("bundle:    %s (%d bytes)%n", out, encoded.length);
    w.flush();
    return 0;
  }

  private void forbid(String option, String value) {
    if (value != null) {
      throw new IllegalArgumentException(option + " does not apply to --air " + air);
    }
  }

  /** A canonical Goldilocks element from its unsigned decimal form. */
  static long element(String option, String text) {
    long v;
    try {
      v = Long.parseUnsignedLong(text);
    } catch (NumberFormatException e) {
      throw new IllegalArgumentException(option + ": not an unsigned integer: " + text, e);
    }
    if (!Goldilocks.isCanonical(v)) {
      throw new IllegalArgumentException(option + " must be below p = 2^64 - 2^32 + 1: " + text);
    }
    return v;
  }
}
