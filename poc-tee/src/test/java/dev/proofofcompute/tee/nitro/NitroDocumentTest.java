package dev.proofofcompute.tee.nitro;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.proofofcompute.crypto.Bytes;
import dev.proofofcompute.crypto.DecodingException;
import dev.proofofcompute.crypto.cbor.CborBytes;
import dev.proofofcompute.crypto.cbor.CborEncoder;
import dev.proofofcompute.crypto.cbor.CborInteger;
import dev.proofofcompute.crypto.cbor.CborMap;
import dev.proofofcompute.crypto.cbor.CborSimple;
import dev.proofofcompute.crypto.cbor.CborText;
import dev.proofofcompute.crypto.cbor.CborValue;
import dev.proofofcompute.tee.TeeVectors;
import dev.proofofcompute.tee.pki.Certificates;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Payload fields of the blocky/nitrite samples (values from shared/vectors/tee/MANIFEST.md). */
class NitroDocumentTest {
  static Bytes payload(String file) throws DecodingException {
    return CoseSign1.parse(TeeVectors.base64(file)).payload();
  }

  @Test
  void productionPayloadFields() throws DecodingException {
    NitroDocument d = NitroDocument.parse(payload("nitro/blocky_nitro_attestation.b64"));
    assertThat(d.digest()).isEqualTo("SHA384");
    assertThat(d.timestamp()).isEqualTo(1725719859545L);
    assertThat(d.moduleId()).startsWith("i-");
    assertThat(d.cabundle()).hasSize(4);
    // MANIFEST policy N: cabundle[0] is byte-equal to the pinned root
    // (nitro/aws_nitro_root_g1.pem).
    assertThat(d.cabundle().get(0))
        .isEqualTo(Certificates.encoded(TeeVectors.certs("nitro/aws_nitro_root_g1.pem").get(0)));
    assertThat(d.pcrs().get(0)).isNotNull();
    assertThat(d.debug()).isFalse();
    assertThat(d.userData().map(Bytes::length)).contains(1024);
    assertThat(d.publicKey().map(Bytes::length)).contains(1024);
    assertThat(d.nonce().map(Bytes::length)).contains(1024);
  }

  @Test
  void debugPayloadHasZeroPcr0To2() throws DecodingException {
    assertThat(NitroDocument.parse(payload("nitro/blocky_nitro_attestation_debug.b64")).debug())
        .isTrue();
  }

  @Test
  void selfSignedPayloadHasNoCabundleAndShortPcrs() throws DecodingException {
    Bytes p = payload("nitro/blocky_selfsigned_attestation.b64");
    assertThat(NitroDocument.parseSigningFields(p).cabundle()).isEmpty();
    assertThatThrownBy(() -> NitroDocument.parse(p)).isInstanceOf(DecodingException.class);
  }

  /** Rebuilds the production payload with one field replaced, to check each field rule. */
  static Bytes withField(String key, CborValue value) throws DecodingException {
    CborMap original = NitroDocument.decodeStrictMap(payload("nitro/blocky_nitro_attestation.b64"));
    List<CborMap.Entry> entries = new ArrayList<>();
    boolean replaced = false;
    for (CborMap.Entry e : original.entries()) {
      if (e.key().equals(new CborText(key))) {
        entries.add(new CborMap.Entry(e.key(), value));
        replaced = true;
      } else {
        entries.add(e);
      }
    }
    if (!replaced) {
      entries.add(new CborMap.Entry(new CborText(key), value));
    }
    return CborEncoder.encode(CborMap.ofEntries(entries));
  }

  @Test
  void fieldRules() throws DecodingException {
    assertThat(NitroDocument.parse(withField("user_data", CborSimple.NULL)).userData()).isEmpty();
    assertThat(NitroDocument.parse(withField("nonce", new CborBytes(Bytes.EMPTY))).nonce())
        .contains(Bytes.EMPTY);
    assertThat(NitroDocument.parse(withField("unknown_field", CborInteger.of(1))).digest())
        .isEqualTo("SHA384");
    assertFieldRejected("digest", new CborText("SHA256"), "SHA384");
    assertFieldRejected("module_id", new CborText(""), "module_id");
    assertFieldRejected("timestamp", CborInteger.of(0), "timestamp");
    assertFieldRejected("user_data", new CborBytes(Bytes.of(new byte[1025])), "at most 1024");
    assertFieldRejected("public_key", new CborText("key"), "public_key");
    assertFieldRejected("cabundle", CborSimple.NULL, "cabundle");
    assertFieldRejected(
        "pcrs",
        CborMap.ofEntries(
            List.of(
                new CborMap.Entry(CborInteger.of(0), new CborBytes(Bytes.of(new byte[48]))),
                new CborMap.Entry(CborInteger.of(1), new CborBytes(Bytes.of(new byte[48]))))),
        "PCR2 is missing");
    assertFieldRejected(
        "pcrs",
        CborMap.ofEntries(
            List.of(new CborMap.Entry(CborInteger.of(32), new CborBytes(Bytes.of(new byte[48]))))),
        "index 0..31");
    assertFieldRejected(
        "pcrs",
        CborMap.ofEntries(
            List.of(new CborMap.Entry(CborInteger.of(0), new CborBytes(Bytes.of(new byte[32]))))),
        "48 bytes");
  }

  private static void assertFieldRejected(String key, CborValue value, String message)
      throws DecodingException {
    Bytes p = withField(key, value);
    assertThatThrownBy(() -> NitroDocument.parse(p))
        .isInstanceOf(DecodingException.class)
        .hasMessageContaining(message);
  }
}
