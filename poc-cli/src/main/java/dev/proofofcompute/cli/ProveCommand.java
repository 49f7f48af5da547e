package dev.proofofcompute.cli;

import dev.proofofcompute.core.linalg.IntMatrix;
import dev.proofofcompute.crypto.Bytes;
import dev.proofofcompute.crypto.DecodingException;
import dev.proofofcompute.stark.StarkParameters;
import dev.proofofcompute.stark.StarkProver;
import dev.proofofcompute.stark.air.MatVecAir;
import dev.proofofcompute.stark.air.Trace;
import dev.proofofcompute.stark.bundle.ProofBundle;
import dev.proofofcompute.stark.bundle.Statement;
import dev.proofofcompute.stark.field.Goldilocks;
import dev.proofofcompute.stark.workload.MatVec;
import dev.proofofcompute.stark.workload.MatVecInput;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.SplittableRandom;
import java.util.concurrent.Callable;
import java.util.concurrent.ForkJoinPool;
import org.jspecify.annotations.Nullable;
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
      "  --air matvec:    y = W·x for an int8 --rows x --cols matrix W and int8 vector x, drawn",
      "                   from --seed (default 0), or read from --input FILE (a matvec workload",
      "                   input: canonical CBOR {\"weights\": bstr, \"vector\": bstr}).",
      "Exit status: 0 written, 2 usage error, 1 I/O failure."
    })
final class ProveCommand implements Callable<Integer> {
  /** The longest computation proved from the command line: 2^20 rows. */
  static final int MAX_ROWS = 1 << 20;

  /** The largest --input file: a 2^20-entry int32 matrix, a vector and the map around them. */
  static final int MAX_INPUT_BYTES = (5 << 20) + 4096;

  @Spec CommandSpec spec;

  @Option(
      names = "--air",
      required = true,
      description = "The statement: mimc, fibonacci or matvec.")
  String air;

  @Option(names = "--steps", description = "Chain steps (mimc) or rows (fibonacci).")
  @Nullable Integer steps;

  @Option(
      names = "--seed",
      description =
          "Start of the MiMC chain, below 2^64 - 2^32 + 1 (mimc); seed of the random W and x"
              + " (matvec).")
  String seed;

  @Option(names = "--rows", description = "Rows m of the matrix W (matvec).")
  @Nullable Integer rows;

  @Option(names = "--cols", description = "Columns n of W, the length of x (matvec).")
  @Nullable Integer cols;

  @Option(
      names = "--input",
      paramLabel = "FILE",
      description = "A matvec workload input to prove instead of random operands.")
  @Nullable Path input;

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
    if (!air.equals("matvec")) {
      forbid("--rows", rows);
      forbid("--cols", cols);
      forbid("--input", input);
    }
    switch (air) {
      case "mimc" -> {
        forbid("--first", first);
        forbid("--second", second);
        int steps = steps();
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
        int steps = steps();
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
      case "matvec" -> {
        forbid("--steps", steps);
        forbid("--first", first);
        forbid("--second", second);
        Statement.MatVec v = matVec();
        statement = v;
        trace = v.trace();
      }
      default ->
          throw new IllegalArgumentException(
              "--air must be mimc, fibonacci or matvec, got '" + air + "'");
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

  private int steps() {
    Integer s = steps;
    if (s == null) {
      throw new IllegalArgumentException("--air " + air + " needs --steps");
    }
    return s;
  }

  /** The matvec statement from --input, or from random operands of --rows x --cols. */
  private Statement.MatVec matVec() throws IOException {
    MatVecInput in;
    if (input != null) {
      forbid("--rows", rows);
      forbid("--cols", cols);
      forbid("--seed", seed);
      if (!Files.isRegularFile(input) || Files.size(input) > MAX_INPUT_BYTES) {
        throw new IllegalArgumentException(
            "--input must be a readable file of at most " + MAX_INPUT_BYTES + " bytes: " + input);
      }
      try {
        in = MatVec.create().inputCodec().decode(Bytes.of(Files.readAllBytes(input)));
      } catch (DecodingException e) {
        throw new IllegalArgumentException("--input " + input + ": " + e.getMessage(), e);
      }
    } else {
      if (rows == null || cols == null) {
        throw new IllegalArgumentException("--air matvec needs --rows and --cols, or --input");
      }
      int m = rows;
      int n = cols;
      if (m < 1 || n < 1 || m > MAX_ROWS || n > MatVecAir.MAX_COLS) {
        throw new IllegalArgumentException(
            "--rows must be in [1, "
                + MAX_ROWS
                + "] and --cols in [1, "
                + MatVecAir.MAX_COLS
                + "], got "
                + m
                + " and "
                + n);
      }
      long s;
      try {
        s = Long.parseUnsignedLong(seed == null ? "0" : seed);
      } catch (NumberFormatException e) {
        throw new IllegalArgumentException("--seed: not an unsigned integer: " + seed, e);
      }
      SplittableRandom random = new SplittableRandom(s);
      IntMatrix weights = IntMatrix.generate(m, n, (r, c) -> random.nextInt(256) - 128);
      IntMatrix vector = IntMatrix.generate(n, 1, (r, c) -> random.nextInt(256) - 128);
      in = new MatVecInput(weights, vector);
    }
    return Statement.MatVec.honest(in.weights(), in.vector());
  }

  private void forbid(String option, @Nullable Object value) {
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
