package dev.proofofcompute.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.proofofcompute.cli.TourCommandTest.Run;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code poc attest verify} on the public vendor samples of {@code ../shared/vectors/tee} (sources
 * and expected verdicts in its MANIFEST.md).
 */
class AttestCommandTest {
  private static Path tee = Paths.get("shared", "vectors", "tee");

  @BeforeAll
  static void findVectors() {
    Path dir = Paths.get("").toAbsolutePath();
    while (dir != null && !Files.isDirectory(dir.resolve("shared/vectors/tee"))) {
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

  /**
   * MANIFEST: virtee_report_milan.hex is accepted at 2024-01-01 with its VCEK and the Milan chain.
   */
  @Test
  void acceptsTheVirteeMilanReportAndPrintsItsMeasurement() {
    Run r =
        verify(
            "--format",
            "sev-snp",
            tee.resolve("sev-snp/virtee_report_milan.hex").toString(),
            "--certs",
            tee.resolve("sev-snp/virtee_vcek_milan.der").toString(),
            tee.resolve("sev-snp/amd_ask_ark_milan.pem").toString(),
            "--as-of",
            "2024-01-01T00:00:00Z");
    assertThat(r.exit()).as(r.out() + r.err()).isZero();
    assertThat(r.out())
        .contains("verdict: ACCEPTED")
        .contains(
            "7a1e5c266c0108dbc9bb94fa926951320940915d0aafb42464bd88b579ea158d3e1a0dc39b2c60bd95b9c480cd81841f");
  }

  /** MANIFEST: the Nitro document started in debug mode is rejected (debug mode). */
  @Test
  void rejectsTheDebugNitroDocumentWithExitOne() {
    Run r =
        verify(
            "--format",
            "nitro",
            tee.resolve("nitro/blocky_nitro_attestation_debug.b64").toString(),
            "--as-of",
            "2024-09-07T14:38:06.508Z");
    assertThat(r.exit()).as(r.out() + r.err()).isEqualTo(1);
    assertThat(r.out()).contains("REJECTED (DEBUG_MODE)");
  }

  /** MANIFEST: the production Nitro document is accepted at its time and expired 3 hours later. */
  @Test
  void nitroDocumentIsAcceptedAtItsTimeAndExpiredLater() {
    String doc = tee.resolve("nitro/blocky_nitro_attestation.b64").toString();
    Run ok = verify("--format", "nitro", doc, "--as-of", "2024-09-07T14:37:39.545Z");
    assertThat(ok.exit()).as(ok.out() + ok.err()).isZero();
    assertThat(ok.out())
        .contains(
            "e72a46ca80a260fb044a125442f0c7e331813bcbaf9724d9f3857758992766f2d65710a27aa94ae3949dd54e7c9fe86a");
    Run late = verify("--format", "nitro", doc, "--as-of", "2024-09-07T17:37:40Z");
    assertThat(late.exit()).isEqualTo(1);
    assertThat(late.out()).contains("REJECTED (EXPIRED)");
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
  void usageErrorsExitTwoWithAOneLineMessage(@TempDir Path dir) {
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
  }
}
