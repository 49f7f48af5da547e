package dev.proofofcompute.crypto.cbor;

/**
 * A tagged data item (major type 6). The tag number is an unsigned 64-bit value held in a {@code
 * long} (read it with {@link Long#toUnsignedString(long)}); the content is not interpreted.
 */
public record CborTag(long number, CborValue content) implements CborValue {
  @Override
  public String toString() {
    return Long.toUnsignedString(number) + "(" + content + ")";
  }
}
