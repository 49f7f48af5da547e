package dev.proofofcompute.crypto.identity;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.proofofcompute.crypto.Bytes;
import dev.proofofcompute.crypto.DecodingException;
import dev.proofofcompute.crypto.VerificationException;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class Ed25519VerifierTest {
  /** RFC 8032 §7.1 TEST 3 secret key. */
  private static final Bytes SEED =
      Bytes.fromHex("c5aa8df43f9f837bedb7442f31dcb7b166d38535076f094b85ce3a2e0b4458f7");

  /** The group order L of RFC 8032 §5.1. */
  private static final BigInteger L =
      BigInteger.TWO.pow(252).add(new BigInteger("27742317777372353535851937790883648493"));

  private static final Bytes MESSAGE =
      Bytes.of("assign job 7 to provider 3".getBytes(StandardCharsets.US_ASCII));

  private final NodeIdentity identity = identity();
  private final Ed25519Verifier verifier = Ed25519Verifier.create(identity.publicKey());
  private final Bytes signature = identity.sign(MESSAGE).bytes();

  private static NodeIdentity identity() {
    try {
      return NodeIdentity.fromSeed(SEED);
    } catch (DecodingException e) {
      throw new AssertionError(e);
    }
  }

  @Test
  void acceptsTheValidSignature() throws Exception {
    verifier.verify(MESSAGE, signature);
    assertThat(verifier.publicKey()).isEqualTo(identity.publicKey());
  }

  @Test
  void rejectsEverySingleBitFlipOfTheSignature() {
    List<String> accepted = new ArrayList<>();
    for (int bit = 0; bit < 8 * Ed25519Signature.LENGTH; bit++) {
      Bytes tampered = flipBit(signature, bit);
      if (accepts(verifier, MESSAGE, tampered)) {
        accepted.add("signature bit " + bit);
      }
    }
    assertThat(accepted).isEmpty();
  }

  @Test
  void rejectsEveryChangedByteOfTheMessage() {
    List<String> accepted = new ArrayList<>();
    for (int i = 0; i < MESSAGE.length(); i++) {
      for (int mask : new int[] {0x01, 0x80, 0xff}) {
        byte[] m = MESSAGE.toByteArray();
        m[i] ^= (byte) mask;
        if (accepts(verifier, Bytes.of(m), signature)) {
          accepted.add("message byte " + i + " ^ " + mask);
        }
      }
    }
    if (accepts(verifier, MESSAGE.slice(0, MESSAGE.length() - 1), signature)) {
      accepted.add("truncated message");
    }
    if (accepts(verifier, MESSAGE.concat(Bytes.of(new byte[1])), signature)) {
      accepted.add("extended message");
    }
    assertThat(accepted).isEmpty();
  }

  @Test
  void rejectsEveryChangedByteOfThePublicKey() {
    List<String> accepted = new ArrayList<>();
    int refusedAtParse = 0;
    Bytes raw = identity.publicKey().raw();
    for (int i = 0; i < NodePublicKey.LENGTH; i++) {
      for (int mask : new int[] {0x01, 0x80, 0xff}) {
        byte[] k = raw.toByteArray();
        k[i] ^= (byte) mask;
        NodePublicKey key;
        try {
          key = NodePublicKey.fromRaw(Bytes.of(k));
        } catch (DecodingException e) {
          refusedAtParse++;
          continue;
        }
        if (accepts(Ed25519Verifier.create(key), MESSAGE, signature)) {
          accepted.add("public key byte " + i + " ^ " + mask);
        }
      }
    }
    assertThat(accepted).isEmpty();
    // About half of all y values are not on the curve; some flips must have been caught at parse.
    assertThat(refusedAtParse).isPositive();
  }

  @Test
  void rejectsAnotherKeysSignature() throws Exception {
    NodeIdentity other = NodeIdentity.fromSeed(Bytes.of(new byte[32]));
    Bytes foreign = other.sign(MESSAGE).bytes();
    assertThatThrownBy(() -> verifier.verify(MESSAGE, foreign))
        .isInstanceOf(VerificationException.class)
        .hasMessageContaining("does not verify for node " + identity.nodeId().shortForm());
  }

  @Test
  void rejectsWrongLengthSignatures() {
    for (int length : new int[] {0, 32, 63, 65, 128}) {
      Bytes wrong = Bytes.of(new byte[length]);
      assertThatThrownBy(() -> verifier.verify(MESSAGE, wrong))
          .isInstanceOf(VerificationException.class)
          .hasMessage("an Ed25519 signature is 64 bytes, got " + length);
      assertThatThrownBy(() -> Ed25519Signature.fromBytes(wrong))
          .isInstanceOf(DecodingException.class)
          .hasMessage("an Ed25519 signature is 64 bytes, got " + length);
    }
    assertThat(signature.slice(0, 64)).isEqualTo(signature);
  }

  /** RFC 8032 §5.1.7: S must be below L, else (R, S + L) would be a second valid signature. */
  @Test
  void rejectsTheMalleatedSignatureWithSPlusL() {
    BigInteger s = littleEndian(signature.slice(32, 64));
    Bytes malleated = signature.slice(0, 32).concat(toLittleEndian32(s.add(L)));
    assertThatThrownBy(() -> verifier.verify(MESSAGE, malleated))
        .isInstanceOf(VerificationException.class)
        .hasMessageContaining("not below the group order");
  }

  @Test
  void rejectsAnROffTheCurve() {
    // y = 2 has no x on the curve: 2^2 - 1 over d*2^2 + 1 is not a square modulo 2^255 - 19.
    byte[] r = new byte[32];
    r[0] = 2;
    Bytes bad = Bytes.of(r).concat(signature.slice(32, 64));
    assertThatThrownBy(() -> verifier.verify(MESSAGE, bad))
        .isInstanceOf(VerificationException.class)
        .hasMessageContaining("signature R is invalid: not a point on the Ed25519 curve");
  }

  @Test
  void signatureValueIsExactly64BytesWithContentEquality() throws Exception {
    Ed25519Signature a = Ed25519Signature.fromBytes(signature);
    Ed25519Signature b = identity.sign(MESSAGE);
    assertThat(a).isEqualTo(b).hasSameHashCodeAs(b);
    assertThat(a.bytes().length()).isEqualTo(Ed25519Signature.LENGTH);
    assertThat(a).isNotEqualTo(Ed25519Signature.fromBytes(flipBit(signature, 0)));
  }

  private static boolean accepts(Ed25519Verifier verifier, Bytes message, Bytes signature) {
    try {
      verifier.verify(message, signature);
      return true;
    } catch (VerificationException e) {
      return false;
    }
  }

  private static Bytes flipBit(Bytes value, int bit) {
    byte[] b = value.toByteArray();
    b[bit / 8] ^= (byte) (1 << (bit % 8));
    return Bytes.of(b);
  }

  private static BigInteger littleEndian(Bytes le) {
    byte[] be = le.toByteArray();
    for (int i = 0; i < be.length / 2; i++) {
      byte t = be[i];
      be[i] = be[be.length - 1 - i];
      be[be.length - 1 - i] = t;
    }
    return new BigInteger(1, be);
  }

  private static Bytes toLittleEndian32(BigInteger value) {
    byte[] le = new byte[32];
    for (int i = 0; i < 32; i++) {
      le[i] = value.shiftRight(8 * i).byteValue();
    }
    return Bytes.of(le);
  }
}
