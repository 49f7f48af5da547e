package dev.proofofcompute.tee.nitro;

import dev.proofofcompute.crypto.Bytes;
import dev.proofofcompute.crypto.DecodingException;
import dev.proofofcompute.crypto.cbor.CborArray;
import dev.proofofcompute.crypto.cbor.CborBytes;
import dev.proofofcompute.crypto.cbor.CborDecoder;
import dev.proofofcompute.crypto.cbor.CborEncoder;
import dev.proofofcompute.crypto.cbor.CborLimits;
import dev.proofofcompute.crypto.cbor.CborMap;
import dev.proofofcompute.crypto.cbor.CborSimple;
import dev.proofofcompute.crypto.cbor.CborTag;
import dev.proofofcompute.crypto.cbor.CborText;
import dev.proofofcompute.crypto.cbor.CborValue;

/**
 * A COSE_Sign1 message (RFC 9052 §4.2) as AWS Nitro Enclaves uses it: {@code [protected,
 * unprotected, payload, signature]}, untagged or with tag 18, the protected header exactly {@code
 * {1: -35}} (alg ES384, RFC 9053 §2.1), an attached payload and a 96-byte {@code r || s} signature.
 * The bytes signed are the Sig_structure of RFC 9052 §4.4: {@code ["Signature1", protected, h'',
 * payload]}.
 *
 * @param protectedHeader the serialized protected header, as signed
 * @param payload the payload bytes, as signed
 * @param signature the 96-byte ES384 signature
 */
public record CoseSign1(Bytes protectedHeader, Bytes payload, Bytes signature) {
  /** CBOR tag of COSE_Sign1 (RFC 9052 §2). */
  public static final long TAG = 18;

  /** {@code {1: -35}}: the only protected header accepted. */
  public static final Bytes PROTECTED_ES384 = Bytes.fromHex("a1013822");

  /** Largest document accepted; real documents are under 16 KiB. */
  public static final int MAX_DOCUMENT = 64 * 1024;

  static final CborLimits LIMITS = new CborLimits(MAX_DOCUMENT, 16, 4096);

  /**
   * Parses a document.
   *
   * @throws DecodingException when it is not strict CBOR or not a COSE_Sign1 of the shape above
   */
  public static CoseSign1 parse(Bytes document) throws DecodingException {
    if (document.length() > MAX_DOCUMENT) {
      throw new DecodingException("attestation document is larger than " + MAX_DOCUMENT + " bytes");
    }
    CborValue value = CborDecoder.decodeLenient(document, LIMITS);
    NitroDocument.requireShortestDefinite(value, document.length(), "COSE_Sign1");
    if (value instanceof CborTag(long number, CborValue content)) {
      if (number != TAG) {
        throw new DecodingException("tag " + number + " is not COSE_Sign1 (18)");
      }
      value = content;
    }
    if (!(value instanceof CborArray array) || array.size() != 4) {
      throw new DecodingException("COSE_Sign1 is not an array of 4");
    }
    if (!(array.get(0) instanceof CborBytes(Bytes protectedHeader))) {
      throw new DecodingException("COSE_Sign1 protected header is not a byte string");
    }
    if (!protectedHeader.equals(PROTECTED_ES384)) {
      throw new DecodingException(
          "protected header " + protectedHeader.toHex() + " is not {1: -35} (ES384)");
    }
    // RFC 9052 requires a map; some producers write null. The header is unsigned and unused.
    if (!(array.get(1) instanceof CborMap) && !array.get(1).equals(CborSimple.NULL)) {
      throw new DecodingException("COSE_Sign1 unprotected header is not a map");
    }
    if (!(array.get(2) instanceof CborBytes(Bytes payload))) {
      throw new DecodingException("COSE_Sign1 payload is not an attached byte string");
    }
    if (!(array.get(3) instanceof CborBytes(Bytes signature)) || signature.length() != 96) {
      throw new DecodingException("COSE_Sign1 signature is not a 96-byte ES384 signature");
    }
    return new CoseSign1(protectedHeader, payload, signature);
  }

  /** The Sig_structure bytes the signature covers (RFC 9052 §4.4), empty external_aad. */
  public Bytes toBeSigned() {
    return CborEncoder.encode(
        CborArray.of(
            new CborText("Signature1"),
            new CborBytes(protectedHeader),
            new CborBytes(Bytes.EMPTY),
            new CborBytes(payload)));
  }
}
