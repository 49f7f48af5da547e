package dev.proofofcompute.crypto.cbor;

import dev.proofofcompute.crypto.Bytes;

/** A byte string (major type 2). */
public record CborBytes(Bytes value) implements CborValue {
  @Override
  public String toString() {
    return "h'" + (value.length() <= 64 ? value.toHex() : value.length() + " bytes") + "'";
  }
}
