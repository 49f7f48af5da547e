package dev.proofofcompute.crypto.identity;

import dev.proofofcompute.crypto.Bytes;
import dev.proofofcompute.crypto.DecodingException;
import java.security.SecureRandom;
import java.util.Arrays;
import org.bouncycastle.math.ec.rfc8032.Ed25519;

/**
 * A node's Ed25519 key pair (RFC 8032 §5.1): a 32-byte secret seed, the public key derived from it
 * (§5.1.5), and the node id derived from that. Signs (§5.1.6) with BouncyCastle's {@code
 * org.bouncycastle.math.ec.rfc8032.Ed25519}, about 15x faster than the JDK's EdDSA (why: {@link
 * Ed25519Verifier}). Ed25519 is deterministic: the same seed and message always give the same
 * signature, byte for byte the one the JDK gives ({@code Ed25519DifferentialTest}).
 *
 * <p>The seed never leaves this object except as a PKCS#8 key file written by {@link KeyFiles};
 * {@link #toString()} shows only the node id.
 */
public final class NodeIdentity {
  public static final int SEED_LENGTH = 32;

  /** The RFC 8032 private key. Secret: never logged, never returned except by {@link #toPkcs8}. */
  private final byte[] seed;

  /** The raw public key, handed to the signer so that it need not derive it again. */
  private final byte[] rawPublicKey;

  private final NodePublicKey publicKey;

  private NodeIdentity(byte[] seed, byte[] rawPublicKey, NodePublicKey publicKey) {
    this.seed = seed;
    this.rawPublicKey = rawPublicKey;
    this.publicKey = publicKey;
  }

  /** A fresh identity whose seed is drawn from {@code random}. */
  public static NodeIdentity generate(SecureRandom random) {
    byte[] seed = new byte[SEED_LENGTH];
    random.nextBytes(seed);
    try {
      return fromSeed(seed);
    } finally {
      Arrays.fill(seed, (byte) 0);
    }
  }

  /**
   * The identity whose RFC 8032 private key is {@code seed}.
   *
   * @throws DecodingException unless {@code seed} is exactly 32 bytes
   */
  public static NodeIdentity fromSeed(Bytes seed) throws DecodingException {
    if (seed.length() != SEED_LENGTH) {
      throw new DecodingException(
          "an Ed25519 seed is " + SEED_LENGTH + " bytes, got " + seed.length());
    }
    byte[] copy = seed.toByteArray();
    try {
      return fromSeed(copy);
    } finally {
      Arrays.fill(copy, (byte) 0);
    }
  }

  /** Keeps its own copy of {@code seed}; the caller may wipe its array afterwards. */
  private static NodeIdentity fromSeed(byte[] seed) {
    byte[] raw = new byte[NodePublicKey.LENGTH];
    Ed25519.generatePublicKey(seed, 0, raw, 0);
    NodePublicKey publicKey;
    try {
      publicKey = NodePublicKey.fromRaw(Bytes.of(raw));
    } catch (DecodingException e) {
      // A = [s]B with s a multiple of 8 in [2^254, 2^255) is always a point of order L.
      throw new IllegalStateException(
          "the public key derived from a seed failed validation: " + e.getMessage(), e);
    }
    return new NodeIdentity(seed.clone(), raw, publicKey);
  }

  /** The Ed25519 signature of {@code message} (RFC 8032 §5.1.6). */
  public Ed25519Signature sign(Bytes message) {
    byte[] m = message.toByteArray();
    byte[] signature = new byte[Ed25519Signature.LENGTH];
    Ed25519.sign(seed, 0, rawPublicKey, 0, m, 0, m.length, signature, 0);
    return Ed25519Signature.ofSigned(signature);
  }

  public NodePublicKey publicKey() {
    return publicKey;
  }

  public NodeId nodeId() {
    return publicKey.nodeId();
  }

  /** The PKCS#8 v1 encoding of the seed (RFC 8410 §7), for {@link KeyFiles} only. */
  Bytes toPkcs8() {
    return Der.encodePkcs8(Bytes.of(seed));
  }

  @Override
  public String toString() {
    return "NodeIdentity[" + nodeId().toHex() + "]";
  }
}
