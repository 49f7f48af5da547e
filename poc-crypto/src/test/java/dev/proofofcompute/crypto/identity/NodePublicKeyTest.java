package dev.proofofcompute.crypto.identity;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.proofofcompute.crypto.Bytes;
import dev.proofofcompute.crypto.DecodingException;
import java.nio.charset.StandardCharsets;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.Signature;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class NodePublicKeyTest {
  /** RFC 8032 §7.1 TEST 1 public key. */
  private static final Bytes RAW =
      Bytes.fromHex("d75a980182b10ab7d54bfed3c964073a0ee172f3daa62325af021a68f707511a");

  @Test
  void equalityIsByContent() throws Exception {
    NodePublicKey a = NodePublicKey.fromRaw(RAW);
    NodePublicKey b = NodePublicKey.fromRaw(Bytes.of(RAW.toByteArray()));
    assertThat(a).isEqualTo(b).hasSameHashCodeAs(b).isNotSameAs(b);
    assertThat(a.raw()).isEqualTo(RAW);
    assertThat(a.toString()).isEqualTo("NodePublicKey[" + RAW.toHex() + "]");
    NodePublicKey other =
        NodePublicKey.fromRaw(
            Bytes.fromHex("3d4017c3e843895a92b70aa74d1b7ebc9c982ccf2ec4968cc0cd55f12af4660c"));
    assertThat(a).isNotEqualTo(other);
  }

  /** The JDK's own X.509 encoding of a key it generated is the SPKI we read and write. */
  @Test
  void spkiMatchesTheJdkEncodingAndVerifiesJdkSignatures() throws Exception {
    KeyPair pair = KeyPairGenerator.getInstance("Ed25519").generateKeyPair();
    Bytes jdkSpki = Bytes.of(pair.getPublic().getEncoded());
    NodePublicKey key = NodePublicKey.fromSpki(jdkSpki);
    assertThat(key.toSpki()).isEqualTo(jdkSpki);
    assertThat(NodePublicKey.fromRaw(key.raw())).isEqualTo(key);

    byte[] message = "signed by the JDK".getBytes(StandardCharsets.US_ASCII);
    Signature signer = Signature.getInstance("Ed25519");
    signer.initSign(pair.getPrivate());
    signer.update(message);
    Ed25519Verifier.create(key).verify(Bytes.of(message), Bytes.of(signer.sign()));
  }

  @Test
  void rejectsWrongLengths() {
    for (int length : new int[] {0, 31, 33, 44}) {
      assertThatThrownBy(() -> NodePublicKey.fromRaw(Bytes.of(new byte[length])))
          .isInstanceOf(DecodingException.class)
          .hasMessage("an Ed25519 public key is 32 bytes, got " + length);
    }
  }

  /**
   * Malformed and weak encodings. The small-order points are the identity (y = 1), (0, -1) of order
   * 2, the two points with y = 0 of order 4, and two of the points of order 8 (the blocklist of
   * libsodium's {@code crypto_sign_verify}).
   */
  @ParameterizedTest(name = "{0}")
  @CsvSource({
    "y = p (not reduced), edffffffffffffffffffffffffffffffffffffffffffffffffffffffffffff7f, "
        + "not reduced modulo p",
    "y = 2^255 - 1, ffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffff7f, "
        + "not reduced modulo p",
    "y = 2 (no x), 0200000000000000000000000000000000000000000000000000000000000000, "
        + "not a point on the Ed25519 curve",
    "x = 0 with sign bit, 0100000000000000000000000000000000000000000000000000000000000080, "
        + "x is zero but its sign is set",
    "identity, 0100000000000000000000000000000000000000000000000000000000000000, small order",
    "order 2, ecffffffffffffffffffffffffffffffffffffffffffffffffffffffffffff7f, small order",
    "order 4 (+), 0000000000000000000000000000000000000000000000000000000000000000, small order",
    "order 4 (-), 0000000000000000000000000000000000000000000000000000000000000080, small order",
    "order 8, c7176a703d4dd84fba3c0b760d10670f2a2053fa2c39ccc64ec7fd7792ac037a, small order",
    "order 8', 26e8958fc2b227b045c3f489f2ef98f0d5dfac05d3c63339b13802886d53fc05, small order",
  })
  void rejectsMalformedAndWeakEncodings(String name, String hex, String reason) {
    assertThatThrownBy(() -> NodePublicKey.fromRaw(Bytes.fromHex(hex)))
        .as(name)
        .isInstanceOf(DecodingException.class)
        .hasMessageContaining(reason);
  }

  /** Variants of the RFC 8410 §10.1 SubjectPublicKeyInfo (302a 300506032b6570 032100 || key). */
  @ParameterizedTest(name = "{0}")
  @CsvSource({
    "X25519 OID 1.3.101.110, 302a300506032b656e032100, '', algorithm is not Ed25519",
    "NULL parameters, 302c300706032b65700500032100, '', parameters must be absent",
    "trailing byte, 302a300506032b6570032100, 00, trailing bytes after the end of"
        + " SubjectPublicKeyInfo",
    "unused bits in BIT STRING, 302a300506032b6570032101, '', no unused bits",
    "OCTET STRING instead of BIT STRING, 302a300506032b6570042100, '', expected tag 0x03",
    "outer length too long, 302b300506032b6570032100, '', overruns the input",
    "long-form length, 30812a300506032b6570032100, '', long-form length",
  })
  void rejectsMalformedSpki(String name, String prefixHex, String suffixHex, String reason) {
    Bytes der = Bytes.fromHex(prefixHex).concat(RAW).concat(Bytes.fromHex(suffixHex));
    assertThatThrownBy(() -> NodePublicKey.fromSpki(der))
        .as(name)
        .isInstanceOf(DecodingException.class)
        .hasMessageContaining(reason);
  }

  @Test
  void rejectsTruncatedSpki() throws Exception {
    Bytes spki = NodePublicKey.fromRaw(RAW).toSpki();
    for (int length = 0; length < spki.length(); length++) {
      Bytes truncated = spki.slice(0, length);
      assertThatThrownBy(() -> NodePublicKey.fromSpki(truncated))
          .as("first %d bytes", length)
          .isInstanceOf(DecodingException.class);
    }
  }
}
