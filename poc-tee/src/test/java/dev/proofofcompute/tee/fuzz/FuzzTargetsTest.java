package dev.proofofcompute.tee.fuzz;

import static org.assertj.core.api.Assertions.assertThatCode;

import dev.proofofcompute.tee.TeeVectors;
import java.util.Arrays;
import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * Replays the vendor samples of shared/vectors/tee (MANIFEST.md), truncations of them and seeded
 * random inputs (seed 0xf022) through the fuzz targets: none may report a finding.
 */
class FuzzTargetsTest {
  static final String[] SNP = {
    "sev-snp/gsg_attestation.bin",
    "sev-snp/trustee_test-vlek-report.bin",
    "sev-snp/trustee_az-snp-vtpm_hcl-report.bin"
  };

  static final String[] CERTS = {
    "sev-snp/gsg_vcek.der",
    "sev-snp/virtee_vcek_milan.der",
    "sev-snp/trustee_test-vlek.der",
    "sev-snp/amd_ask_ark_milan.pem",
    "nitro/aws_nitro_root_g1.pem"
  };

  @Test
  void samplesTruncationsAndRandomInputsSeedF022() {
    Random random = new Random(0xf022);
    assertThatCode(
            () -> {
              for (String f : SNP) {
                byte[] b = TeeVectors.raw(f);
                SevSnpFuzzTarget.fuzzerTestOneInput(b);
                SevSnpFuzzTarget.fuzzerTestOneInput(Arrays.copyOf(b, random.nextInt(b.length)));
              }
              byte[] nitro = TeeVectors.base64("nitro/blocky_nitro_attestation.b64").toByteArray();
              NitroFuzzTarget.fuzzerTestOneInput(nitro);
              NitroFuzzTarget.fuzzerTestOneInput(
                  TeeVectors.base64("nitro/blocky_selfsigned_attestation.b64").toByteArray());
              for (int i = 0; i < 50; i++) {
                NitroFuzzTarget.fuzzerTestOneInput(
                    Arrays.copyOf(nitro, random.nextInt(nitro.length)));
              }
              PolicyAndEncodingFuzzTarget.fuzzerTestOneInput(
                  TeeVectors.raw("sev-snp/virtee_report_milan.hex"));
              PolicyAndEncodingFuzzTarget.fuzzerTestOneInput(
                  "allowed_vmpl = 1\nallow_debug = true\n"
                      .getBytes(java.nio.charset.StandardCharsets.UTF_8));
              for (String f : CERTS) {
                byte[] b = TeeVectors.raw(f);
                CertificateFuzzTarget.fuzzerTestOneInput(b);
                CertificateFuzzTarget.fuzzerTestOneInput(
                    Arrays.copyOf(b, random.nextInt(b.length)));
              }
              for (int i = 0; i < 300; i++) {
                byte[] b = new byte[random.nextInt(1300)];
                random.nextBytes(b);
                SevSnpFuzzTarget.fuzzerTestOneInput(b);
                NitroFuzzTarget.fuzzerTestOneInput(b);
                PolicyAndEncodingFuzzTarget.fuzzerTestOneInput(b);
                CertificateFuzzTarget.fuzzerTestOneInput(b);
              }
            })
        .doesNotThrowAnyException();
  }
}
