package dev.proofofcompute.cli;

import dev.proofofcompute.crypto.Bytes;
import dev.proofofcompute.crypto.DecodingException;
import dev.proofofcompute.crypto.VerificationException;
import dev.proofofcompute.stark.StarkParameters;
import dev.proofofcompute.stark.bundle.ProofBundle;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code poc verify}: check an offline STARK proof bundle. */
@Command(
    name = "verify",
    mixinStandardHelpOptions = true,
    description = {
      "Verify a STARK proof bundle written by 'poc prove' (docs/stark.md): print the statement,",
      "the security of its parameters and the verdict.",
      "Exit status: 0 valid, 1 invalid (bad proof or too little security), 2 usage error or",
      "malformed bundle."
    })
final class VerifyCommand implements Callable<Integer> {
  static final int VALID = 0;
  static final int INVALID = 1;

  @Spec CommandSpec spec;

  @Parameters(index = "0", paramLabel = "FILE", description = "The bundle.")
  Path file;

  @Option(
      names = "--min-bits",
      description = "Least conjectured security accepted, in bits (default 96).")
  int minBits = 96;

  @Override
  public Integer call() throws IOException {
    if (minBits < 0 || minBits > 128) {
      throw new IllegalArgumentException("--min-bits must be in [0, 128], got " + minBits);
    }
    ProofBundle bundle;
    try {
      bundle = ProofBundle.decode(Bytes.of(read(file)));
    } catch (DecodingException e) {
      throw new IllegalArgumentException("malformed bundle " + file + ": " + e.getMessage(), e);
    }
    PrintWriter out = spec.commandLine().getOut();
    StarkParameters p = bundle.parameters();
    out.printf("statement:  %s%n", bundle.statement().describe());
    out.printf("rows:       %d%n", bundle.traceLength());
    out.printf(
        "parameters: blowup %d, %d queries, %d grinding bits, folding %d%n",
        p.blowupFactor(), p.queries(), p.grindingBits(), p.foldingFactor());
    out.printf(
        "security:   %d conjectured bits, %d provable bits%n",
        bundle.conjecturedSecurityBits(), bundle.provableSecurityBits());
    out.printf("proof:      %d bytes%n", bundle.proof().length());
    int exit;
    if (bundle.conjecturedSecurityBits() < minBits) {
      out.printf("verdict:    INVALID (INSUFFICIENT_SECURITY)%n");
      out.printf(
          "reason:     %d conjectured bits, below the %d demanded%n",
          bundle.conjecturedSecurityBits(), minBits);
      exit = INVALID;
    } else {
      try {
        bundle.verify();
        out.printf("verdict:    VALID%n");
        exit = VALID;
      } catch (VerificationException e) {
        out.printf("verdict:    INVALID (BAD_PROOF)%n");
        out.printf("reason:     %s%n", e.getMessage());
        exit = INVALID;
      }
    }
    out.flush();
    return exit;
  }

  private static byte[] read(Path file) throws IOException {
    if (!Files.isRegularFile(file)) {
      throw new IllegalArgumentException("not a readable file: " + file);
    }
    long size = Files.size(file);
    if (size > ProofBundle.MAX_ENCODED_LENGTH) {
      throw new IllegalArgumentException(
          file
              + " is "
              + size
              + " bytes, more than the "
              + ProofBundle.MAX_ENCODED_LENGTH
              + " a bundle may have");
    }
    return Files.readAllBytes(file);
  }
}
