package dev.proofofcompute.tee.sevsnp;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.proofofcompute.crypto.Bytes;
import dev.proofofcompute.crypto.DecodingException;
import dev.proofofcompute.tee.TeeVectors;
import java.util.Random;
import org.junit.jupiter.api.Test;

/** Field offsets checked against the values shared/vectors/tee/MANIFEST.md states per sample. */
class SnpReportTest {
  @Test
  void gsgReportFieldsMatchTheManifest() throws DecodingException {
    SnpReport r = SnpReport.parse(Bytes.of(TeeVectors.raw("sev-snp/gsg_attestation.bin")));
    assertThat(r.version()).isEqualTo(2);
    assertThat(r.policy()).isEqualTo(0xB0000L);
    assertThat(r.debugAllowed()).isTrue();
    assertThat(r.vmpl()).isZero();
    assertThat(r.signingKey()).isZero();
    assertThat(r.signatureAlgorithm()).isEqualTo(1);
    assertThat(r.reportData().toHex()).isEqualTo("0102030405" + "00".repeat(59));
    assertThat(r.measurement().toHex()).startsWith("b07af962").endsWith("e4872b01");
    assertThat(r.reportedTcbVersion()).isEqualTo(new TcbVersion(0, 2, 0, 5, 68));
  }

  @Test
  void vlekReportIsVersion3WithCpuidAndVlekSigningKey() throws DecodingException {
    SnpReport r = SnpReport.parse(Bytes.of(TeeVectors.raw("sev-snp/trustee_test-vlek-report.bin")));
    assertThat(r.version()).isEqualTo(3);
    assertThat(r.signingKey()).isEqualTo(1);
    assertThat(r.vmpl()).isEqualTo(1);
    assertThat(r.debugAllowed()).isFalse();
    assertThat(new int[] {r.cpuidFamily(), r.cpuidModel(), r.cpuidStepping()})
        .containsExactly(0x19, 0x01, 0x01);
    assertThat(r.tcbLayout()).isEqualTo(TcbVersion.Layout.MILAN_GENOA);
    assertThat(r.chipId()).isEqualTo(Bytes.of(new byte[64]));
    assertThat(r.reportedTcbVersion()).isEqualTo(new TcbVersion(0, 4, 0, 24, 217));
  }

  @Test
  void turinLayoutPacksFmcFirst() {
    byte[] tcb = {1, 2, 3, 4, 0, 0, 0, 9};
    assertThat(TcbVersion.parse(tcb, 0, TcbVersion.Layout.TURIN))
        .isEqualTo(new TcbVersion(1, 2, 3, 4, 9));
    assertThat(TcbVersion.parse(tcb, 0, TcbVersion.Layout.MILAN_GENOA))
        .isEqualTo(new TcbVersion(0, 1, 2, 0, 9));
  }

  @Test
  void nonZeroSignaturePaddingIsRejected() throws DecodingException {
    byte[] b = TeeVectors.raw("sev-snp/gsg_attestation.bin");
    b[SnpReport.OFFSET_SIGNATURE_S + 71] = 1;
    SnpReport r = SnpReport.parse(Bytes.of(b));
    assertThatThrownBy(r::signatureP1363)
        .isInstanceOf(DecodingException.class)
        .hasMessageContaining("signature S");
  }

  @Test
  void wrongLengthsAndVersionsAreRejected() {
    assertThatThrownBy(() -> SnpReport.parse(Bytes.of(new byte[1183])))
        .isInstanceOf(DecodingException.class)
        .hasMessageContaining("1184");
    for (int version : new int[] {0, 1, 4, 5, 0x100}) {
      byte[] b = new byte[SnpReport.LENGTH];
      b[0] = (byte) version;
      b[1] = (byte) (version >>> 8);
      assertThatThrownBy(() -> SnpReport.parse(Bytes.of(b)))
          .isInstanceOf(DecodingException.class)
          .hasMessageContaining("version");
    }
  }

  /** Seed 20261127: random 1184-byte inputs with version 2 or 3 parse or fail only as decoding. */
  @Test
  void randomReportsParseWithoutUnexpectedExceptionsSeed20261127() {
    Random random = new Random(20261127);
    for (int i = 0; i < 2000; i++) {
      byte[] b = new byte[SnpReport.LENGTH];
      random.nextBytes(b);
      b[0] = (byte) (2 + random.nextInt(2));
      b[1] = 0;
      b[2] = 0;
      b[3] = 0;
      try {
        SnpReport r = SnpReport.parse(Bytes.of(b));
        r.reportedTcbVersion();
        r.signatureP1363();
      } catch (DecodingException expected) {
        assertThat(expected.getMessage()).isNotBlank();
      }
    }
  }
}
