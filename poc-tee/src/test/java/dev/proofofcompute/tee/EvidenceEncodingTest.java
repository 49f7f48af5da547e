package dev.proofofcompute.tee;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.proofofcompute.crypto.Bytes;
import dev.proofofcompute.crypto.DecodingException;
import dev.proofofcompute.crypto.Digest;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

/** Decoding of the evidence files of shared/vectors/tee (sizes and hashes from its MANIFEST.md). */
class EvidenceEncodingTest {
  @Test
  void hexReportFromVirteeDecodesToTheManifestHash() throws DecodingException {
    Bytes decoded =
        EvidenceEncoding.AUTO.decode(Bytes.of(TeeVectors.raw("sev-snp/virtee_report_milan.hex")));
    assertThat(decoded.length()).isEqualTo(1184);
    assertThat(Digest.sha256(decoded).toHex())
        .isEqualTo("120d77b213c8868dd42f160ccb0114f05336ec715f6d51070f534b33c7e03f3b");
    assertThat(
            EvidenceEncoding.HEX.decode(
                Bytes.of(TeeVectors.raw("sev-snp/virtee_report_milan.hex"))))
        .isEqualTo(decoded);
  }

  @Test
  void base64NitroDocumentsDecodeToTheirManifestSizes() throws DecodingException {
    Bytes ok =
        EvidenceEncoding.AUTO.decode(
            Bytes.of(TeeVectors.raw("nitro/blocky_nitro_attestation.b64")));
    Bytes debug =
        EvidenceEncoding.BASE64.decode(
            Bytes.of(TeeVectors.raw("nitro/blocky_nitro_attestation_debug.b64")));
    assertThat(ok.length()).isEqualTo(7539);
    assertThat(ok.get(0)).isEqualTo((byte) 0x84);
    assertThat(debug.length()).isEqualTo(7538);
  }

  @Test
  void rawBinaryIsLeftAsIs() throws DecodingException {
    byte[] raw = TeeVectors.raw("sev-snp/gsg_attestation.bin");
    assertThat(EvidenceEncoding.AUTO.decode(Bytes.of(raw))).isEqualTo(Bytes.of(raw));
    assertThat(EvidenceEncoding.RAW.decode(Bytes.of(raw))).isEqualTo(Bytes.of(raw));
  }

  @Test
  void whitespaceAndUrlSafeBase64AreAccepted() throws DecodingException {
    assertThat(EvidenceEncoding.AUTO.decode(ascii(" 0a0B\n0c\r\n")))
        .isEqualTo(Bytes.fromHex("0a0b0c"));
    assertThat(EvidenceEncoding.AUTO.decode(ascii("-_8=\n"))).isEqualTo(Bytes.fromHex("fbff"));
    assertThat(EvidenceEncoding.AUTO.decode(ascii("+/8="))).isEqualTo(Bytes.fromHex("fbff"));
  }

  @Test
  void badInputIsRejected() {
    assertThatThrownBy(() -> EvidenceEncoding.AUTO.decode(Bytes.EMPTY))
        .isInstanceOf(DecodingException.class)
        .hasMessageContaining("empty");
    assertThatThrownBy(() -> EvidenceEncoding.HEX.decode(ascii("abc")))
        .isInstanceOf(DecodingException.class);
    assertThatThrownBy(() -> EvidenceEncoding.HEX.decode(Bytes.fromHex("00ff")))
        .isInstanceOf(DecodingException.class)
        .hasMessageContaining("non-text");
    assertThatThrownBy(() -> EvidenceEncoding.BASE64.decode(ascii("ab!c")))
        .isInstanceOf(DecodingException.class);
    assertThatThrownBy(() -> EvidenceEncoding.BASE64.decode(ascii("a+_b")))
        .isInstanceOf(DecodingException.class)
        .hasMessageContaining("mixes");
    assertThatThrownBy(() -> EvidenceEncoding.BASE64.decode(ascii("abcde")))
        .isInstanceOf(DecodingException.class);
    assertThatThrownBy(
            () -> EvidenceEncoding.RAW.decode(Bytes.of(new byte[EvidenceEncoding.MAX_INPUT + 1])))
        .isInstanceOf(DecodingException.class)
        .hasMessageContaining("1 MiB");
  }

  private static Bytes ascii(String s) {
    return Bytes.of(s.getBytes(StandardCharsets.US_ASCII));
  }
}
