package dev.proofofcompute.crypto.identity;

import dev.proofofcompute.crypto.Bytes;
import dev.proofofcompute.crypto.DecodingException;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.PrivateKey;
import java.security.SecureRandom;
import java.security.Signature;
import java.security.interfaces.EdECPrivateKey;
import java.security.spec.EdECPrivateKeySpec;
import java.security.spec.NamedParameterSpec;
import java.util.Arrays;

/**
 * A node's Ed25519 key pair (RFC 8032 §5.1): a 32-byte secret seed, the public key derived from it,
 * and the node id derived from that. Signs with the JDK's {@code Ed25519} implementation, which is
 * deterministic: the same seed and message always give the same signature.
 *
 * <p>The seed never leaves this object except as a PKCS#8 key file written by {@link KeyFiles};
 * {@link #toString()} shows only the node id.
 */
public final class NodeIdentity {
  public static final int SEED_LENGTH = 32;

  private final PrivateKey privateKey;
  private final NodePublicKey publicKey;

  private NodeIdentity(PrivateKey privateKey, NodePublicKey publicKey) {
    this.privateKey = privateKey;
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

  private static NodeIdentity fromSeed(byte[] seed) {
    try {
      PrivateKey privateKey =
          KeyFactory.getInstance("Ed25519")
              .generatePrivate(new EdECPrivateKeySpec(NamedParameterSpec.ED25519, seed));
      // The JDK has no public seed-to-public-key function; its key-pair generator draws the seed
      // with one nextBytes call and derives the public key from it, so feed it the seed.
      KeyPairGenerator generator = KeyPairGenerator.getInstance("Ed25519");
      generator.initialize(NamedParameterSpec.ED25519, new FixedSeed(seed));
      KeyPair pair = generator.generateKeyPair();
      if (!(pair.getPrivate() instanceof EdECPrivateKey generated)
          || !Arrays.equals(generated.getBytes().orElse(new byte[0]), seed)) {
        throw new IllegalStateException("the Ed25519 key-pair generator did not use the seed");
      }
      NodePublicKey publicKey = NodePublicKey.fromSpki(Bytes.of(pair.getPublic().getEncoded()));
      return new NodeIdentity(privateKey, publicKey);
    } catch (GeneralSecurityException | DecodingException e) {
      throw new IllegalStateException("the JDK's Ed25519 provider failed: " + e.getMessage(), e);
    }
  }

  /** The Ed25519 signature of {@code message} (RFC 8032 §5.1.6). */
  public Ed25519Signature sign(Bytes message) {
    try {
      Signature signer = Signature.getInstance("Ed25519");
      signer.initSign(privateKey);
      signer.update(message.toByteArray());
      return Ed25519Signature.ofSigned(signer.sign());
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("Ed25519 signing failed: " + e.getMessage(), e);
    }
  }

  public NodePublicKey publicKey() {
    return publicKey;
  }

  public NodeId nodeId() {
    return publicKey.nodeId();
  }

  /** The PKCS#8 v1 encoding of the seed (RFC 8410 §7), for {@link KeyFiles} only. */
  Bytes toPkcs8() {
    if (!(privateKey instanceof EdECPrivateKey edec)) {
      throw new IllegalStateException("not an EdEC private key: " + privateKey.getClass());
    }
    byte[] seed =
        edec.getBytes()
            .orElseThrow(() -> new IllegalStateException("the private key has no seed bytes"));
    try {
      return Der.encodePkcs8(Bytes.of(seed));
    } finally {
      Arrays.fill(seed, (byte) 0);
    }
  }

  @Override
  public String toString() {
    return "NodeIdentity[" + nodeId().toHex() + "]";
  }

  /** A random source that yields one given 32-byte seed, once, and then refuses. */
  private static final class FixedSeed extends SecureRandom {
    private static final long serialVersionUID = 1L;
    private final byte[] seed;
    private boolean used;

    FixedSeed(byte[] seed) {
      this.seed = seed.clone();
    }

    @Override
    public void nextBytes(byte[] bytes) {
      if (used || bytes.length != seed.length) {
        throw new IllegalStateException("the fixed seed can be drawn once, as 32 bytes");
      }
      System.arraycopy(seed, 0, bytes, 0, seed.length);
      Arrays.fill(seed, (byte) 0);
      used = true;
    }
  }
}
