package dev.proofofcompute.tee.sevsnp;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.proofofcompute.crypto.Bytes;
import dev.proofofcompute.crypto.DecodingException;
import dev.proofofcompute.tee.TeeVectors;
import java.util.Arrays;
import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * confidential-containers/trustee deps/verifier/test_data/az-snp-vtpm/hcl-report.bin (MANIFEST).
 */
class AzureHclReportTest {
  static byte[] sample() {
    return TeeVectors.raw("sev-snp/trustee_az-snp-vtpm_hcl-report.bin");
  }

  @Test
  void sampleHasTheSnpReportAtOffset0x20AndJsonRuntimeData() throws DecodingException {
    byte[] b = sample();
    AzureHclReport hcl = AzureHclReport.parse(Bytes.of(b));
    assertThat(hcl.report()).isEqualTo(Bytes.of(b, 0x20, SnpReport.LENGTH));
    assertThat(hcl.hashType()).isEqualTo(1);
    assertThat(hcl.hashAlgorithm()).isEqualTo("SHA-256");
    assertThat(hcl.runtimeData().length()).isEqualTo(1110);
    assertThat(hcl.runtimeData().get(0)).isEqualTo((byte) '{');
  }

  @Test
  void inconsistentSizesTypesAndPaddingAreRejected() {
    byte[] b = sample();
    assertRejected(Arrays.copyOf(b, 0x20 + SnpReport.LENGTH), "too short");
    byte[] type = b.clone();
    type[0x20 + SnpReport.LENGTH + 8] = 1;
    assertRejected(type, "not SEV-SNP");
    byte[] hash = b.clone();
    hash[0x20 + SnpReport.LENGTH + 12] = 9;
    assertRejected(hash, "hash type");
    byte[] size = b.clone();
    size[0x20 + SnpReport.LENGTH + 16] ^= 1;
    assertRejected(size, "sizes disagree");
    byte[] padding = b.clone();
    padding[b.length - 1] = 1;
    assertRejected(padding, "non-zero byte");
    byte[] magic = b.clone();
    magic[3] = 'B';
    assertRejected(magic, "HCLA");
  }

  /** Seed 0x4c41: random edits of the sample parse or fail only with a DecodingException. */
  @Test
  void randomEditsFailOnlyAsDecodingErrorsSeed4c41() {
    Random random = new Random(0x4c41);
    byte[] original = sample();
    for (int i = 0; i < 2000; i++) {
      byte[] b = original.clone();
      for (int k = 0; k < 4; k++) {
        b[random.nextInt(40 + SnpReport.LENGTH)] = (byte) random.nextInt(256);
        b[random.nextInt(b.length)] = (byte) random.nextInt(256);
      }
      try {
        AzureHclReport.parse(Bytes.of(b));
      } catch (DecodingException expected) {
        assertThat(expected.getMessage()).isNotBlank();
      }
    }
  }

  private static void assertRejected(byte[] b, String message) {
    assertThatThrownBy(() -> AzureHclReport.parse(Bytes.of(b)))
        .isInstanceOf(DecodingException.class)
        .hasMessageContaining(message);
  }
}
