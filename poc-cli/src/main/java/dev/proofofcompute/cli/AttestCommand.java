package dev.proofofcompute.cli;

import dev.proofofcompute.crypto.Bytes;
import dev.proofofcompute.crypto.DecodingException;
import dev.proofofcompute.crypto.Digest;
import dev.proofofcompute.tee.AttestationPolicy;
import dev.proofofcompute.tee.AttestationVerdict;
import dev.proofofcompute.tee.AttestationVerifiers;
import dev.proofofcompute.tee.Format;
import dev.proofofcompute.tee.Measured;
import dev.proofofcompute.tee.TrustedRoots;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.cert.CertificateEncodingException;
import java.security.cert.X509Certificate;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.Callable;
import java.util.stream.Collectors;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code poc attest}: TEE attestation evidence, checked offline. */
@Command(
    name = "attest",
    mixinStandardHelpOptions = true,
    description = "Verify TEE attestation evidence offline.",
    subcommands = {AttestCommand.Verify.class})
final class AttestCommand implements Runnable {
  @Spec CommandSpec spec;

  @Override
  public void run() {
    spec.commandLine().usage(spec.commandLine().getOut());
  }

  /** Exit codes of {@code poc attest verify}. */
  static final int ACCEPTED = 0;

  static final int REJECTED = 1;

  /** {@code poc attest verify}. */
  @Command(
      name = "verify",
      mixinStandardHelpOptions = true,
      description = {
        "Verify attestation evidence (raw, hex or base64) against the pinned vendor roots and",
        "print the verdict and the measured values.",
        "Exit status: 0 accepted, 1 rejected, 2 usage error or unreadable input",
        "(including a --certs, --policy or --pin-root file that does not parse)."
      })
  static final class Verify implements Callable<Integer> {
    /** Largest file read: evidence, certificates and policies are all small. */
    static final long MAX_FILE = 4L << 20;

    @Spec CommandSpec spec;

    @Option(names = "--format", required = true, description = "Evidence format: nitro or sev-snp.")
    String format;

    @Parameters(index = "0", paramLabel = "FILE", description = "The evidence file.")
    Path evidence;

    @Option(
        names = "--certs",
        paramLabel = "FILE",
        arity = "1..*",
        description =
            "Certificates that do not travel in the evidence (SEV-SNP VCEK/VLEK, ASK/ASVK, ARK),"
                + " PEM or DER.")
    List<Path> certs = new ArrayList<>();

    @Option(
        names = "--as-of",
        paramLabel = "TIME",
        description = "ISO-8601 instant to verify at (default: now), e.g. 2024-01-01T00:00:00Z.")
    String asOf;

    @Option(
        names = "--policy",
        paramLabel = "FILE",
        description =
            "Policy file (docs/tee.md). Default: authenticity only, debug rejected, any"
                + " measurement accepted and printed.")
    Path policy;

    @Option(
        names = "--pin-root",
        paramLabel = "FILE",
        description = {
          "Trust the self-signed certificates in FILE (PEM or DER), pinned by the SHA-256 of",
          "their DER, INSTEAD of the vendor roots of the chosen format (AWS Nitro G1; AMD ARK",
          "Milan, Genoa, Turin). Repeatable. For checking evidence against a root you hold,",
          "e.g. a new vendor root; a FILE without a self-signed certificate is a usage error."
        })
    List<Path> pinRoots = new ArrayList<>();

    @Override
    public Integer call() {
      PrintWriter out = spec.commandLine().getOut();
      Format f = Format.fromName(format);
      Instant at = asOf == null ? Instant.now() : parseInstant(asOf);
      byte[] raw;
      try {
        raw = AttestationVerifiers.decodeEvidence(read(evidence));
      } catch (DecodingException e) {
        out.printf(
            "format:  %s%nverdict: REJECTED (MALFORMED)%nreason:  %s%n",
            f.cliName(), e.getMessage());
        out.flush();
        return REJECTED;
      }
      List<X509Certificate> extra = new ArrayList<>();
      for (Path c : certs) {
        extra.addAll(certificates("--certs", c));
      }
      AttestationPolicy p = policy == null ? AttestationPolicy.defaults() : readPolicy(policy);
      Set<Digest> pins = pins(pinRoots);
      TrustedRoots vendor = TrustedRoots.vendorDefaults();
      TrustedRoots roots =
          pins.isEmpty()
              ? vendor
              : switch (f) {
                case NITRO -> vendor.withNitro(pins);
                case SEV_SNP -> vendor.withSevSnp(pins);
              };
      AttestationVerdict verdict = AttestationVerifiers.verify(f, raw, extra, at, p, roots);
      out.printf("format:  %s (%d bytes)%n", f.cliName(), raw.length);
      out.printf("as of:   %s%n", at);
      out.printf(
          "roots:   %s%n",
          pins.isEmpty()
              ? "vendor defaults"
              : "--pin-root " + pins.stream().map(Digest::toHex).collect(Collectors.joining(", ")));
      int exit =
          switch (verdict) {
            case AttestationVerdict.Accepted a -> {
              out.println("verdict: ACCEPTED");
              print(out, a.measured());
              yield ACCEPTED;
            }
            case AttestationVerdict.Rejected r -> {
              out.printf("verdict: REJECTED (%s)%n", r.reason());
              out.printf("reason:  %s%n", r.detail());
              yield REJECTED;
            }
          };
      out.flush();
      return exit;
    }

    private static void print(PrintWriter out, Measured m) {
      out.printf("measurement: %s%n", m.measurement().toHex());
      out.printf(
          "report data: %s%n", m.reportData().length() == 0 ? "(none)" : m.reportData().toHex());
      out.printf("debug:       %s%n", m.debug());
      for (Map.Entry<String, String> e : m.attributes().entrySet()) {
        out.printf("%-12s %s%n", e.getKey() + ":", e.getValue());
      }
      for (Map.Entry<String, Bytes> e : m.values().entrySet()) {
        out.printf("%-12s %s%n", e.getKey() + ":", e.getValue().toHex());
      }
    }

    /** The DER SHA-256 of every self-signed certificate in {@code files}. */
    private static Set<Digest> pins(List<Path> files) {
      Set<Digest> pins = new LinkedHashSet<>();
      for (Path file : files) {
        int before = pins.size();
        for (X509Certificate c : certificates("--pin-root", file)) {
          if (selfSigned(c)) {
            try {
              pins.add(Digest.sha256(c.getEncoded()));
            } catch (CertificateEncodingException e) {
              throw new IllegalArgumentException("--pin-root " + file + ": " + e.getMessage(), e);
            }
          }
        }
        if (pins.size() == before) {
          throw new IllegalArgumentException(
              "--pin-root " + file + ": no self-signed (root) certificate in it");
        }
      }
      return pins;
    }

    private static boolean selfSigned(X509Certificate c) {
      if (!c.getSubjectX500Principal().equals(c.getIssuerX500Principal())) {
        return false;
      }
      try {
        c.verify(c.getPublicKey());
        return true;
      } catch (GeneralSecurityException e) {
        return false;
      }
    }

    private static List<X509Certificate> certificates(String option, Path file) {
      try {
        return AttestationVerifiers.parseCertificates(read(file));
      } catch (DecodingException e) {
        throw new IllegalArgumentException(option + " " + file + ": " + e.getMessage(), e);
      }
    }

    private static AttestationPolicy readPolicy(Path file) {
      try {
        return AttestationPolicy.parse(new String(read(file), StandardCharsets.UTF_8));
      } catch (DecodingException e) {
        throw new IllegalArgumentException("--policy " + file + ": " + e.getMessage(), e);
      }
    }

    private static Instant parseInstant(String text) {
      try {
        return Instant.parse(text);
      } catch (DateTimeParseException e) {
        throw new IllegalArgumentException(
            "--as-of: not an ISO-8601 instant (e.g. 2024-01-01T00:00:00Z): " + text, e);
      }
    }

    private static byte[] read(Path file) {
      if (!Files.isRegularFile(file)) {
        throw new IllegalArgumentException("not a readable file: " + file);
      }
      try {
        long size = Files.size(file);
        if (size > MAX_FILE) {
          throw new IllegalArgumentException(
              file + " is " + size + " bytes, more than the " + MAX_FILE + " accepted");
        }
        return Files.readAllBytes(file);
      } catch (IOException e) {
        throw new IllegalArgumentException("cannot read " + file + ": " + e.getMessage(), e);
      }
    }
  }
}
