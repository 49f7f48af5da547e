package dev.proofofcompute.tee.nitro;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.proofofcompute.crypto.Bytes;
import dev.proofofcompute.crypto.DecodingException;
import dev.proofofcompute.tee.TeeVectors;
import java.util.Arrays;
import java.util.Random;
import org.junit.jupiter.api.Test;

/** COSE_Sign1 envelope of blocky/nitrite internal/testdata/nitro_attestation.b64 (MANIFEST). */
class CoseSign1Test {
  static byte[] sample() {
    return TeeVectors.base64("nitro/blocky_nitro_attestation.b64").toByteArray();
  }

  @Test
  void sampleEnvelopeHasTheEs384HeaderAndA96ByteSignature() throws DecodingException {
    CoseSign1 c = CoseSign1.parse(Bytes.of(sample()));
    assertThat(c.protectedHeader()).isEqualTo(CoseSign1.PROTECTED_ES384);
    assertThat(c.signature().length()).isEqualTo(96);
    // Sig_structure (RFC 9052 §4.4): array(4), "Signature1", bstr(a1013822), bstr(empty), payload.
    Bytes tbs = c.toBeSigned();
    assertThat(tbs.slice(0, 18).toHex()).isEqualTo("846a5369676e61747572653144a101382240");
    assertThat(tbs.slice(tbs.length() - c.payload().length(), tbs.length())).isEqualTo(c.payload());
  }

  @Test
  void otherProtectedHeadersAreRejected() {
    byte[] b = sample();
    // 84 44 a1 01 38 22: change the algorithm -35 (ES384) to -7 (ES256, 0x26).
    assertThat(Arrays.copyOfRange(b, 0, 6)).containsExactly(0x84, 0x44, 0xa1, 0x01, 0x38, 0x22);
    byte[] es256 = b.clone();
    es256[5] = 0x26;
    assertThatThrownBy(() -> CoseSign1.parse(Bytes.of(es256)))
        .isInstanceOf(DecodingException.class)
        .hasMessageContaining("ES384");
  }

  /**
   * Seed 0xc05e: truncations and random multi-byte edits of the sample parse or fail only with a
   * DecodingException, never another exception type.
   */
  @Test
  void truncationsAndRandomEditsFailOnlyAsDecodingErrorsSeedC05e() {
    byte[] original = sample();
    Random random = new Random(0xc05e);
    for (int i = 0; i < 1000; i++) {
      byte[] b =
          i % 3 == 0 ? Arrays.copyOf(original, random.nextInt(original.length)) : original.clone();
      if (i % 3 != 0) {
        for (int k = 0; k < 1 + random.nextInt(6); k++) {
          b[random.nextInt(b.length)] = (byte) random.nextInt(256);
        }
      }
      try {
        CoseSign1 c = CoseSign1.parse(Bytes.of(b));
        NitroDocument.parse(c.payload());
      } catch (DecodingException expected) {
        assertThat(expected.getMessage()).isNotBlank();
      }
    }
  }
}
