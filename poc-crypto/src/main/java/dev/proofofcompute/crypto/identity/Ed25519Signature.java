package dev.proofofcompute.crypto.identity;

import dev.proofofcompute.crypto.Bytes;
import dev.proofofcompute.crypto.DecodingException;

/**
 * An Ed25519 signature: exactly 64 bytes, R (32) || S (32) as in RFC 8032 §5.1.6. Holding one says
 * nothing about its validity; check it with {@link Ed25519Verifier}.
 */
public final class Ed25519Signature {
  public static final int LENGTH = 64;

  private final Bytes bytes;

  private Ed25519Signature(Bytes bytes) {
    this.bytes = bytes;
  }

  /**
   * Wraps 64 signature bytes.
   *
   * @throws DecodingException unless {@code bytes} is exactly 64 bytes
   */
  public static Ed25519Signature fromBytes(Bytes bytes) throws DecodingException {
    if (bytes.length() != LENGTH) {
      throw new DecodingException(
          "an Ed25519 signature is " + LENGTH + " bytes, got " + bytes.length());
    }
    return new Ed25519Signature(bytes);
  }

  /** For signer output, always 64 bytes. */
  static Ed25519Signature ofSigned(byte[] signature) {
    if (signature.length != LENGTH) {
      throw new IllegalStateException(
          "the signer produced an Ed25519 signature of " + signature.length + " bytes");
    }
    return new Ed25519Signature(Bytes.of(signature));
  }

  public Bytes bytes() {
    return bytes;
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof Ed25519Signature other && bytes.equals(other.bytes);
  }

  @Override
  public int hashCode() {
    return bytes.hashCode();
  }

  @Override
  public String toString() {
    return "Ed25519Signature[" + bytes.toHex() + "]";
  }
}
