package dev.proofofcompute.crypto.cbor;

import dev.proofofcompute.crypto.Bytes;

/**
 * An immutable CBOR data item (RFC 8949 §3). Equality is by value and coincides with equality of
 * the deterministic encodings: two values are equal exactly when {@link #encode()} returns equal
 * bytes.
 */
public sealed interface CborValue
    permits CborInteger, CborBytes, CborText, CborArray, CborMap, CborTag, CborSimple, CborFloat {

  /** The deterministic encoding of this value (RFC 8949 §4.2.1). */
  default Bytes encode() {
    return CborEncoder.encode(this);
  }
}
