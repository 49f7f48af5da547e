package dev.proofofcompute.crypto.identity;

import dev.proofofcompute.crypto.Bytes;
import dev.proofofcompute.crypto.DecodingException;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.PublicKey;
import java.security.spec.X509EncodedKeySpec;

/**
 * An Ed25519 public key: its raw 32-byte RFC 8032 encoding, checked when parsed (canonical, on the
 * curve, not of small order; see {@link Ed25519Points}). Equality is by the raw encoding, which is
 * unique per key because non-canonical encodings are rejected.
 */
public final class NodePublicKey {
  public static final int LENGTH = 32;

  private final Bytes raw;
  private final PublicKey jcaKey;
  private final NodeId nodeId;

  private NodePublicKey(Bytes raw, PublicKey jcaKey) {
    this.raw = raw;
    this.jcaKey = jcaKey;
    this.nodeId = NodeId.of(raw);
  }

  /**
   * Parses a raw 32-byte RFC 8032 public key.
   *
   * @throws DecodingException when {@code raw} is not 32 bytes, not canonical, not on the curve, or
   *     of small order
   */
  public static NodePublicKey fromRaw(Bytes raw) throws DecodingException {
    if (raw.length() != LENGTH) {
      throw new DecodingException(
          "an Ed25519 public key is " + LENGTH + " bytes, got " + raw.length());
    }
    Ed25519Points.checkPublicKey(raw);
    Bytes spki = Der.encodeSpki(raw);
    try {
      KeyFactory factory = KeyFactory.getInstance("Ed25519");
      return new NodePublicKey(
          raw, factory.generatePublic(new X509EncodedKeySpec(spki.toByteArray())));
    } catch (GeneralSecurityException | RuntimeException e) {
      throw new DecodingException("the JDK rejected the Ed25519 public key: " + e.getMessage(), e);
    }
  }

  /**
   * Parses a DER X.509 SubjectPublicKeyInfo holding an Ed25519 key (RFC 8410 §4).
   *
   * @throws DecodingException on any other DER, another algorithm, or an invalid key
   */
  public static NodePublicKey fromSpki(Bytes der) throws DecodingException {
    return fromRaw(Der.decodeSpki(der));
  }

  /** The raw 32-byte encoding. */
  public Bytes raw() {
    return raw;
  }

  /** The DER X.509 SubjectPublicKeyInfo (RFC 8410 §4), 44 bytes. */
  public Bytes toSpki() {
    return Der.encodeSpki(raw);
  }

  /** SHA-256 of {@link #raw()}. */
  public NodeId nodeId() {
    return nodeId;
  }

  /** The JDK key object for {@code java.security.Signature}. */
  PublicKey jcaKey() {
    return jcaKey;
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof NodePublicKey other && raw.equals(other.raw);
  }

  @Override
  public int hashCode() {
    return raw.hashCode();
  }

  @Override
  public String toString() {
    return "NodePublicKey[" + raw.toHex() + "]";
  }
}
