package dev.proofofcompute.crypto.identity;

import dev.proofofcompute.crypto.Bytes;
import dev.proofofcompute.crypto.DecodingException;

/**
 * The fixed DER structures of RFC 8410 for Ed25519 keys, read strictly: definite short-form lengths
 * only (every structure here is shorter than 128 bytes), no trailing bytes at any level.
 *
 * <pre>
 *   SubjectPublicKeyInfo ::= SEQUENCE { algorithm AlgorithmIdentifier, subjectPublicKey BIT STRING }
 *   OneAsymmetricKey     ::= SEQUENCE { version INTEGER (0), privateKeyAlgorithm AlgorithmIdentifier,
 *                                       privateKey OCTET STRING (CurvePrivateKey ::= OCTET STRING) }
 *   AlgorithmIdentifier  ::= SEQUENCE { algorithm id-Ed25519 (1.3.101.112) }  -- parameters absent
 * </pre>
 */
final class Der {
  private static final int SEQUENCE = 0x30;
  private static final int INTEGER = 0x02;
  private static final int BIT_STRING = 0x03;
  private static final int OCTET_STRING = 0x04;
  private static final int OID = 0x06;
  private static final Bytes ED25519_OID = Bytes.fromHex("2b6570");
  private static final Bytes ALGORITHM_IDENTIFIER = Bytes.fromHex("300506032b6570");

  private Der() {}

  /** The 44-byte SubjectPublicKeyInfo of a raw 32-byte Ed25519 public key (RFC 8410 §4). */
  static Bytes encodeSpki(Bytes rawPublicKey) {
    return Bytes.fromHex("302a")
        .concat(ALGORITHM_IDENTIFIER)
        .concat(Bytes.fromHex("032100"))
        .concat(rawPublicKey);
  }

  /** The 48-byte PKCS#8 v1 OneAsymmetricKey of a 32-byte Ed25519 seed (RFC 8410 §7). */
  static Bytes encodePkcs8(Bytes seed) {
    return Bytes.fromHex("302e020100")
        .concat(ALGORITHM_IDENTIFIER)
        .concat(Bytes.fromHex("04220420"))
        .concat(seed);
  }

  /** The raw 32-byte public key inside an Ed25519 SubjectPublicKeyInfo. */
  static Bytes decodeSpki(Bytes der) throws DecodingException {
    Reader outer = new Reader(der, "SubjectPublicKeyInfo");
    Reader spki = outer.nested(SEQUENCE, "SubjectPublicKeyInfo");
    outer.expectEnd();
    readAlgorithm(spki);
    Bytes bits = spki.element(BIT_STRING, "subjectPublicKey");
    spki.expectEnd();
    if (bits.length() != 1 + NodePublicKey.LENGTH || bits.get(0) != 0) {
      throw new DecodingException(
          "subjectPublicKey is not a 32-byte BIT STRING with no unused bits (RFC 8410 §4)");
    }
    return bits.slice(1, bits.length());
  }

  /** The 32-byte seed inside an Ed25519 PKCS#8 v1 private key. */
  static Bytes decodePkcs8(Bytes der) throws DecodingException {
    Reader outer = new Reader(der, "PrivateKeyInfo");
    Reader info = outer.nested(SEQUENCE, "PrivateKeyInfo");
    outer.expectEnd();
    Bytes version = info.element(INTEGER, "version");
    if (!version.equals(Bytes.of(new byte[] {0}))) {
      throw new DecodingException(
          "unsupported PKCS#8 version " + version.toHex() + ": only version 0 (v1) is accepted");
    }
    readAlgorithm(info);
    Reader privateKey = info.nested(OCTET_STRING, "privateKey");
    info.expectEnd();
    Bytes seed = privateKey.element(OCTET_STRING, "CurvePrivateKey");
    privateKey.expectEnd();
    if (seed.length() != NodeIdentity.SEED_LENGTH) {
      throw new DecodingException(
          "CurvePrivateKey is "
              + NodeIdentity.SEED_LENGTH
              + " bytes for Ed25519 (RFC 8410 §7), got "
              + seed.length());
    }
    return seed;
  }

  private static void readAlgorithm(Reader parent) throws DecodingException {
    Reader algorithm = parent.nested(SEQUENCE, "AlgorithmIdentifier");
    Bytes oid = algorithm.element(OID, "algorithm OID");
    if (!oid.equals(ED25519_OID)) {
      throw new DecodingException(
          "algorithm is not Ed25519: expected OID 1.3.101.112, got DER value " + oid.toHex());
    }
    if (algorithm.hasMore()) {
      throw new DecodingException(
          "AlgorithmIdentifier parameters must be absent for Ed25519 (RFC 8410 §3)");
    }
  }

  /** A cursor over the content of one DER structure. */
  private static final class Reader {
    private final Bytes data;
    private final String what;
    private int position;

    Reader(Bytes data, String what) {
      this.data = data;
      this.what = what;
    }

    boolean hasMore() {
      return position < data.length();
    }

    void expectEnd() throws DecodingException {
      if (hasMore()) {
        throw new DecodingException(
            (data.length() - position) + " trailing bytes after the end of " + what);
      }
    }

    Reader nested(int tag, String name) throws DecodingException {
      return new Reader(element(tag, name), name);
    }

    Bytes element(int tag, String name) throws DecodingException {
      if (data.length() - position < 2) {
        throw new DecodingException("truncated " + what + ": missing " + name);
      }
      int actualTag = data.get(position) & 0xff;
      if (actualTag != tag) {
        throw new DecodingException(
            String.format(
                "%s: expected tag 0x%02x for %s, got 0x%02x", what, tag, name, actualTag));
      }
      int length = data.get(position + 1) & 0xff;
      if (length >= 0x80) {
        throw new DecodingException(
            what + ": " + name + " has a long-form length, not valid for an Ed25519 key");
      }
      int start = position + 2;
      if (data.length() - start < length) {
        throw new DecodingException("truncated " + what + ": " + name + " overruns the input");
      }
      position = start + length;
      return data.slice(start, position);
    }
  }
}
