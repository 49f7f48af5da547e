package dev.proofofcompute.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.proofofcompute.cli.TourCommandTest.Run;
import dev.proofofcompute.crypto.Digest;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * {@code poc attest verify} on the public vendor samples of {@code ../shared/vectors/tee}: every
 * Nitro and SEV-SNP verdict of its MANIFEST.md (per-file rows and "Derived negative cases") is one
 * {@link Row}, run through the command line with the MANIFEST's files, as-of time, policy and
 * pinned root.
 */
class AttestCommandTest {
  private static Path tee = Paths.get("shared", "vectors", "tee");

  @BeforeAll
  static void findVectors() {
    Path dir = Paths.get("").toAbsolutePath();
    while (dir != null && !Files.isRegularFile(dir.resolve("shared/vectors/tee/MANIFEST.md"))) {
      dir = dir.getParent();
    }
    assumeTrue(
        dir != null,
        "shared/vectors/tee not found above the working directory: a clone outside CI; skipping");
    tee = dir.resolve("shared/vectors/tee");
  }

  static Run verify(String... args) {
    String[] full = new String[args.length + 2];
    full[0] = "attest";
    full[1] = "verify";
    System.arraycopy(args, 0, full, 2, args.length);
    return TourCommandTest.run(full);
  }

  static final String NITRO_DOC = "nitro/blocky_nitro_attestation.b64";
  static final String NITRO_PCR0 =
      "e72a46ca80a260fb044a125442f0c7e331813bcbaf9724d9f3857758992766f2d65710a27aa94ae3949dd54e7c9fe86a";
  static final String VIRTEE = "sev-snp/virtee_report_milan.hex";
  static final String VIRTEE_MEASUREMENT =
      "7a1e5c266c0108dbc9bb94fa926951320940915d0aafb42464bd88b579ea158d3e1a0dc39b2c60bd95b9c480cd81841f";
  static final List<String> VIRTEE_CHAIN =
      List.of("sev-snp/virtee_vcek_milan.der", "sev-snp/amd_ask_ark_milan.pem");
  static final String VLEK = "sev-snp/trustee_test-vlek-report.bin";
  static final List<String> VLEK_CHAIN =
      List.of("sev-snp/trustee_test-vlek.der", "sev-snp/amd_ask_ark_milan_vlek.pem");
  static final String GSG = "sev-snp/gsg_attestation.bin";
  static final String HCL = "sev-snp/trustee_az-snp-vtpm_hcl-report.bin";

  /** The MANIFEST's "S with VLEK signing and VMPL 1 allowed". */
  static final String VLEK_VMPL1 = "allowed_signing_key = vlek\nallowed_vmpl = 1\n";

  /** The MANIFEST's "VMPL-0-only policy", VLEK signing allowed. */
  static final String VLEK_VMPL0 = "allowed_signing_key = vlek\nallowed_vmpl = 0\n";

  /**
   * One MANIFEST verdict.
   *
   * @param manifest {@code "<file>: <verdict>"} for a per-file row, {@code "derived: <case>"} with
   *     the case name of "Derived negative cases"
   * @param pinRoots files for {@code --pin-root}; empty means the vendor roots
   * @param policy text of the {@code --policy} file, null for none
   * @param reason expected rejection reason, null for accepted
   * @param expect a pattern the output must contain: the measurement of an accepted row, the reason
   *     line of a rejected one
   */
  record Row(
      String manifest,
      String format,
      String evidence,
      List<String> certs,
      List<String> pinRoots,
      String asOf,
      @Nullable String policy,
      @Nullable String reason,
      String expect) {
    @Override
    public String toString() {
      return manifest;
    }
  }

  static Row accept(
      String manifest,
      String format,
      String evidence,
      List<String> certs,
      String asOf,
      @Nullable String policy,
      String measurement) {
    return new Row(
        manifest,
        format,
        evidence,
        certs,
        List.of(),
        asOf,
        policy,
        null,
        "\nmeasurement: " + measurement + "\n");
  }

  static Row reject(
      String manifest,
      String format,
      String evidence,
      List<String> certs,
      List<String> pinRoots,
      String asOf,
      @Nullable String policy,
      String reason,
      String detail) {
    return new Row(
        manifest,
        format,
        evidence,
        certs,
        pinRoots,
        asOf,
        policy,
        reason,
        "\nreason:  [^\n]*" + detail);
  }

  static List<Row> rows() {
    return List.of(
        accept(
            NITRO_DOC + ": accept",
            "nitro",
            NITRO_DOC,
            List.of(),
            "2024-09-07T14:37:39.545Z",
            null,
            NITRO_PCR0),
        reject(
            NITRO_DOC + ": reject (expired) at any as-of after 2024-09-07T17:37:39Z",
            "nitro",
            NITRO_DOC,
            List.of(),
            List.of(),
            "2024-09-08T00:00:00Z",
            null,
            "EXPIRED",
            "CN=i-[^\n]*\\.aws, [^\n]* not valid at"),
        reject(
            "nitro/blocky_nitro_attestation_debug.b64: reject: debug mode",
            "nitro",
            "nitro/blocky_nitro_attestation_debug.b64",
            List.of(),
            List.of(),
            "2024-09-07T14:38:06.508Z",
            null,
            "DEBUG_MODE",
            "PCR0, PCR1 and PCR2 are all zero"),
        reject(
            "nitro/blocky_selfsigned_attestation.b64: reject: chain does not reach the pinned"
                + " AWS root",
            "nitro",
            "nitro/blocky_selfsigned_attestation.b64",
            List.of(),
            List.of(),
            "2024-04-17T18:51:46Z",
            null,
            "CHAIN_NOT_TO_PINNED_ROOT",
            "no cabundle"),
        reject(
            "derived: Nitro, expired leaf",
            "nitro",
            NITRO_DOC,
            List.of(),
            List.of("nitro/aws_nitro_root_g1.pem"),
            "2024-09-07T17:37:40Z",
            null,
            "EXPIRED",
            "CN=i-[^\n]*\\.aws, [^\n]* not valid at"),
        reject(
            "derived: Nitro, wrong pin",
            "nitro",
            NITRO_DOC,
            List.of(),
            List.of("sgx/intel_sgx_root_ca.pem"),
            "2024-09-07T14:37:39.545Z",
            null,
            "CHAIN_NOT_TO_PINNED_ROOT",
            "cabundle\\[0\\] CN=aws.nitro-enclaves.* is not pinned"),
        reject(
            GSG + ": reject: debug allowed by guest policy",
            "sev-snp",
            GSG,
            List.of("sev-snp/gsg_vcek.der", "sev-snp/amd_ask_ark_milan.pem"),
            List.of(),
            "2022-09-24T01:00:00Z",
            null,
            "DEBUG_MODE",
            "bit 19 \\(DEBUG\\) set"),
        accept(
            VIRTEE + ": accept",
            "sev-snp",
            VIRTEE,
            VIRTEE_CHAIN,
            "2024-01-01T00:00:00Z",
            null,
            VIRTEE_MEASUREMENT),
        accept(
            VLEK + ": accept (VLEK signing and VMPL 1 allowed)",
            "sev-snp",
            VLEK,
            VLEK_CHAIN,
            "2025-02-19T00:00:00Z",
            VLEK_VMPL1,
            "8922ebbd[0-9a-f]{80}570d7bf0"),
        reject(
            VLEK + ": reject: VMPL under a VMPL-0-only policy",
            "sev-snp",
            VLEK,
            VLEK_CHAIN,
            List.of(),
            "2025-02-19T00:00:00Z",
            VLEK_VMPL0,
            "VMPL_NOT_ALLOWED",
            "VMPL 1, allowed \\[0\\]"),
        reject(
            VLEK + ": reject: expired at any as-of after 2025-12-10T22:14:21Z",
            "sev-snp",
            VLEK,
            VLEK_CHAIN,
            List.of(),
            "2025-12-10T22:14:22Z",
            VLEK_VMPL1,
            "EXPIRED",
            "CN=SEV-VLEK, [^\n]* not valid at"),
        accept(
            HCL + ": accept",
            "sev-snp",
            HCL,
            List.of("sev-snp/trustee_az-snp-vtpm_vcek.pem"),
            "2024-01-01T00:00:00Z",
            null,
            "[0-9a-f]{96}"),
        reject(
            "derived: SEV-SNP, wrong root (Genoa ARK for a Milan VCEK)",
            "sev-snp",
            VIRTEE,
            List.of("sev-snp/virtee_vcek_milan.der", "sev-snp/amd_ask_ark_genoa.pem"),
            List.of("sev-snp/amd_ask_ark_genoa.pem"),
            "2024-01-01T00:00:00Z",
            null,
            "CHAIN_NOT_TO_PINNED_ROOT",
            "pinned root is invalid at CN=SEV-VCEK,.*name chaining"),
        reject(
            "derived: SEV-SNP, pinned fingerprint mismatch",
            "sev-snp",
            VIRTEE,
            VIRTEE_CHAIN,
            List.of("sev-snp/amd_ask_ark_genoa.pem"),
            "2024-01-01T00:00:00Z",
            null,
            "CHAIN_NOT_TO_PINNED_ROOT",
            "none of the given certificates is a pinned AMD ARK"),
        reject(
            "derived: SEV-SNP, VLEK with the VCEK intermediate",
            "sev-snp",
            VLEK,
            List.of("sev-snp/trustee_test-vlek.der", "sev-snp/amd_ask_ark_milan.pem"),
            List.of(),
            "2025-02-19T00:00:00Z",
            VLEK_VMPL1,
            "CHAIN_NOT_TO_PINNED_ROOT",
            "pinned root is invalid at CN=SEV-VLEK,.*name chaining"),
        reject(
            "derived: SEV-SNP, VLEK expired",
            "sev-snp",
            VLEK,
            VLEK_CHAIN,
            List.of(),
            "2026-11-27T00:00:00Z",
            VLEK_VMPL1,
            "EXPIRED",
            "CN=SEV-VLEK, [^\n]* not valid at"),
        // The MANIFEST names only the wrong VCEK; the Milan chain is given so that the chain checks
        // pass and the signature is what fails.
        reject(
            "derived: SEV-SNP, wrong VCEK",
            "sev-snp",
            GSG,
            VIRTEE_CHAIN,
            List.of(),
            "2024-01-01T00:00:00Z",
            null,
            "BAD_SIGNATURE",
            "signature does not verify"));
  }

  static List<String> args(Row row, Path dir) throws IOException {
    List<String> a = new ArrayList<>();
    a.add("--format");
    a.add(row.format());
    a.add(tee.resolve(row.evidence()).toString());
    a.add("--as-of");
    a.add(row.asOf());
    if (!row.certs().isEmpty()) {
      a.add("--certs");
      row.certs().forEach(c -> a.add(tee.resolve(c).toString()));
    }
    for (String pin : row.pinRoots()) {
      a.add("--pin-root");
      a.add(tee.resolve(pin).toString());
    }
    String policy = row.policy();
    if (policy != null) {
      Path file = dir.resolve("policy.txt");
      Files.writeString(file, policy);
      a.add("--policy");
      a.add(file.toString());
    }
    return a;
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("rows")
  void everyManifestVerdictIsReproducedByTheCommand(Row row, @TempDir Path dir) throws IOException {
    Run r = verify(args(row, dir).toArray(new String[0]));
    String reason = row.reason();
    String context = row.manifest() + "\n" + r.out() + r.err();
    if (reason == null) {
      assertThat(r.exit()).as(context).isZero();
      assertThat(r.out()).as(context).contains("\nverdict: ACCEPTED\n");
    } else {
      assertThat(r.exit()).as(context).isEqualTo(1);
      assertThat(r.out()).as(context).contains("\nverdict: REJECTED (" + reason + ")\n");
    }
    assertThat(r.out()).as(context).containsPattern(row.expect());
    assertThat(r.err()).as(context).isEmpty();
  }

  /**
   * The rows above are all the Nitro and SEV-SNP verdicts of the MANIFEST: one per bold "accept" or
   * "reject" of each per-file row, one per Nitro and SEV-SNP derived case.
   */
  @Test
  void theRowsAreEveryNitroAndSevSnpVerdictOfTheManifest() throws IOException {
    Map<String, Integer> perFile = new HashMap<>();
    Set<String> derived = new TreeSet<>();
    Pattern verdict = Pattern.compile("\\*\\*(accept|reject)");
    for (String line : Files.readAllLines(tee.resolve("MANIFEST.md"))) {
      // "| a | b |" splits into "", " a ", " b ", "".
      String[] cells = line.split("\\|", -1);
      if (line.startsWith("| `nitro/") || line.startsWith("| `sev-snp/")) {
        String file = cells[1].strip().replace("`", "");
        Matcher m = verdict.matcher(cells[cells.length - 2]);
        int n = 0;
        while (m.find()) {
          n++;
        }
        if (n > 0) {
          perFile.put(file, n);
        }
      } else if (line.startsWith("| Nitro,") || line.startsWith("| SEV-SNP,")) {
        derived.add("derived: " + cells[1].strip());
      }
    }
    Map<String, Integer> ours = new HashMap<>();
    Set<String> ourDerived = new TreeSet<>();
    for (Row row : rows()) {
      if (row.manifest().startsWith("derived: ")) {
        ourDerived.add(row.manifest());
      } else {
        ours.merge(row.manifest().substring(0, row.manifest().indexOf(": ")), 1, Integer::sum);
      }
    }
    assertThat(perFile).hasSize(7);
    assertThat(ours).isEqualTo(perFile);
    assertThat(derived).hasSize(7);
    assertThat(ourDerived).isEqualTo(derived);
  }

  /**
   * MANIFEST, Nitro row: public_key, user_data and nonce are 1024 bytes of 0x01 each; user_data is
   * printed as the report data.
   */
  @Test
  void acceptedNitroDocumentPrintsItsUserData() {
    Run r =
        verify(
            "--format",
            "nitro",
            tee.resolve(NITRO_DOC).toString(),
            "--as-of",
            "2024-09-07T14:37:39.545Z");
    assertThat(r.exit()).as(r.out() + r.err()).isZero();
    assertThat(r.out()).contains("\nreport data: " + "01".repeat(1024) + "\n");
  }

  /**
   * MANIFEST, Azure HCL row: report_data[0:32] = SHA-256(runtime JSON), the JSON being the 1110
   * bytes after the 32-byte HCL header, the 1184-byte report and the 20-byte runtime-data header.
   */
  @Test
  void acceptedAzureHclReportPrintsTheHashOfItsRuntimeJson() throws IOException {
    byte[] hcl = Files.readAllBytes(tee.resolve(HCL));
    int start = 32 + 1184 + 20;
    byte[] json = Arrays.copyOfRange(hcl, start, start + 1110);
    assertThat(json[0]).isEqualTo((byte) '{');
    Run r =
        verify(
            "--format",
            "sev-snp",
            tee.resolve(HCL).toString(),
            "--certs",
            tee.resolve("sev-snp/trustee_az-snp-vtpm_vcek.pem").toString(),
            "--as-of",
            "2024-01-01T00:00:00Z");
    assertThat(r.exit()).as(r.out() + r.err()).isZero();
    assertThat(r.out())
        .contains("\nreport data: " + Digest.sha256(json).toHex() + "00".repeat(32) + "\n");
  }

  /** --pin-root with the AWS root pins what the vendor defaults pin: the document is accepted. */
  @Test
  void pinningTheAwsRootExplicitlyAcceptsTheNitroDocument() {
    Run r =
        verify(
            "--format",
            "nitro",
            tee.resolve(NITRO_DOC).toString(),
            "--as-of",
            "2024-09-07T14:37:39.545Z",
            "--pin-root",
            tee.resolve("nitro/aws_nitro_root_g1.pem").toString());
    assertThat(r.exit()).as(r.out() + r.err()).isZero();
    assertThat(r.out())
        .contains(
            "roots:   --pin-root 641a0321a3e244efe456463195d606317ed7cdcc3c1756e09893f3c68f79bb5b")
        .contains("\nmeasurement: " + NITRO_PCR0 + "\n");
  }

  @Test
  void garbageEvidenceIsRejectedAsMalformed(@TempDir Path dir) throws Exception {
    Path junk = dir.resolve("junk.b64");
    Files.writeString(junk, "not base64 at all!!");
    Run r = verify("--format", "nitro", junk.toString(), "--as-of", "2024-09-07T14:37:39Z");
    assertThat(r.exit()).isEqualTo(1);
    assertThat(r.out()).contains("REJECTED (MALFORMED)");
  }

  @Test
  void usageErrorsExitTwoWithAOneLineMessage(@TempDir Path dir) throws IOException {
    Run unknown = verify("--format", "sgx", dir.resolve("x").toString());
    assertThat(unknown.exit()).isEqualTo(2);
    assertThat(unknown.err()).contains("unknown attestation format 'sgx'").doesNotContain("\tat ");
    Run missing = verify("--format", "nitro", dir.resolve("missing.b64").toString());
    assertThat(missing.exit()).isEqualTo(2);
    assertThat(missing.err()).contains("not a readable file");
    Run badTime = verify("--format", "nitro", dir.toString(), "--as-of", "yesterday");
    assertThat(badTime.exit()).isEqualTo(2);
    Run noFormat = verify(dir.toString());
    assertThat(noFormat.exit()).isEqualTo(2);
    assertThat(noFormat.err()).contains("--format");
    String doc = tee.resolve(NITRO_DOC).toString();
    Path junk = dir.resolve("junk.txt");
    Files.writeString(junk, "no certificate here\n");
    Run badPolicy = verify("--format", "nitro", doc, "--policy", junk.toString());
    assertThat(badPolicy.exit()).isEqualTo(2);
    assertThat(badPolicy.err()).contains("--policy").doesNotContain("\tat ");
    Run badCerts = verify("--format", "nitro", doc, "--certs", junk.toString());
    assertThat(badCerts.exit()).isEqualTo(2);
    assertThat(badCerts.err()).contains("--certs");
    // A VCEK is not self-signed: it cannot be pinned as a root.
    Run notARoot =
        verify(
            "--format",
            "sev-snp",
            tee.resolve(VIRTEE).toString(),
            "--pin-root",
            tee.resolve("sev-snp/virtee_vcek_milan.der").toString());
    assertThat(notARoot.exit()).isEqualTo(2);
    assertThat(notARoot.err()).contains("--pin-root").contains("no self-signed");
  }

  @Test
  void helpDocumentsPinRoot() {
    Run r = verify("--help");
    assertThat(r.exit()).isZero();
    assertThat(r.out()).contains("--pin-root=FILE").contains("INSTEAD of the vendor roots");
  }
}
