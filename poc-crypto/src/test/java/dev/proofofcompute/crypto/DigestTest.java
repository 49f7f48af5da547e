package dev.proofofcompute.crypto;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class DigestTest {

  /** FIPS 180-2, Appendix B.1: SHA-256("abc"). */
  @Test
  void sha256OfAbcMatchesFips180Vector() {
    Digest d = Digest.sha256("abc".getBytes(StandardCharsets.US_ASCII));
    assertThat(d.toHex())
        .isEqualTo("ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad");
  }

  /** FIPS 180-2, Appendix B.2: the 448-bit message. */
  @Test
  void sha256OfTwoBlockMessageMatchesFips180Vector() {
    Digest d =
        Digest.sha256(
            Bytes.of(
                "abcdbcdecdefdefgefghfghighijhijkijkljklmklmnlmnomnopnopq"
                    .getBytes(StandardCharsets.US_ASCII)));
    assertThat(d.toHex())
        .isEqualTo("248d6a61d20638b8e5c026930c3e6039a33ce45964ff2167f6ecedd419db06c1");
  }

  @Test
  void hexRoundTripsAndEqualityIsByContent() {
    Digest d = Digest.sha256(new byte[] {1, 2, 3});
    Digest back = Digest.fromHex(d.toHex());
    assertThat(back).isEqualTo(d).hasSameHashCodeAs(d).isNotSameAs(d);
    assertThat(back.equalsConstantTime(d)).isTrue();
    assertThat(Digest.fromHex(d.toHex().toUpperCase(java.util.Locale.ROOT))).isEqualTo(d);
  }

  @Test
  void copiesInAndOut() {
    byte[] raw = new byte[32];
    Digest d = Digest.of(raw);
    raw[0] = 7;
    assertThat(d.get(0)).isZero();
    d.toByteArray()[1] = 9;
    assertThat(d.get(1)).isZero();
  }

  @Test
  void rejectsWrongLengthsAndNonHex() {
    assertThatThrownBy(() -> Digest.of(new byte[31])).hasMessageContaining("32 bytes, got 31");
    assertThatThrownBy(() -> Digest.fromHex("ab")).hasMessageContaining("64 hex characters");
    assertThatThrownBy(() -> Digest.fromHex("zz".repeat(32))).hasMessageContaining("not a hex");
    assertThatThrownBy(() -> Bytes.fromHex("abc")).hasMessageContaining("odd length");
  }

  @Test
  void comparisonIsUnsigned() {
    byte[] a = new byte[32];
    byte[] b = new byte[32];
    b[0] = (byte) 0x80;
    assertThat(Digest.of(a)).isLessThan(Digest.of(b));
    assertThat(Bytes.of(new byte[] {1})).isLessThan(Bytes.of(new byte[] {(byte) 0xff}));
  }

  @Test
  void taggedHashesSeparateDomains() {
    byte[] m = {1, 2, 3};
    Digest a = Hashes.hash("poc/test/a/v1", m);
    Digest b = Hashes.hash("poc/test/b/v1", m);
    assertThat(a).isNotEqualTo(b);
    // The tag is length-prefixed, so moving a byte between tag and message changes the hash.
    assertThat(Hashes.hash("poc/test/a/v1", new byte[] {0x31}, m))
        .isNotEqualTo(Hashes.hash("poc/test/a/v11", m));
    // H_tag(m) = SHA-256(len(tag) || tag || m), checked against a direct computation.
    byte[] tag = "poc/test/a/v1".getBytes(StandardCharsets.US_ASCII);
    byte[] direct = new byte[1 + tag.length + m.length];
    direct[0] = (byte) tag.length;
    System.arraycopy(tag, 0, direct, 1, tag.length);
    System.arraycopy(m, 0, direct, 1 + tag.length, m.length);
    assertThat(a).isEqualTo(Digest.sha256(direct));
    assertThatThrownBy(() -> Hashes.hash("", m)).isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> Hashes.hash("has space", m))
        .isInstanceOf(IllegalArgumentException.class);
  }

  /** {@code Hashes.sha256()} hands out independent instances (clones of one prototype). */
  @Test
  void sha256InstancesAreIndependent() {
    java.security.MessageDigest a = Hashes.sha256();
    java.security.MessageDigest b = Hashes.sha256();
    assertThat(a).isNotSameAs(b);
    a.update("ab".getBytes(StandardCharsets.US_ASCII));
    b.update("x".getBytes(StandardCharsets.US_ASCII));
    a.update("c".getBytes(StandardCharsets.US_ASCII));
    assertThat(Digest.of(a.digest()))
        .isEqualTo(Digest.sha256("abc".getBytes(StandardCharsets.US_ASCII)));
    assertThat(Digest.of(Hashes.sha256().digest())).isEqualTo(Digest.sha256(new byte[0]));
  }
}
