package dev.proofofcompute.crypto.identity;

import dev.proofofcompute.crypto.Bytes;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.PublicKey;
import java.security.Signature;
import java.security.spec.EdECPrivateKeySpec;
import java.security.spec.NamedParameterSpec;
import java.security.spec.X509EncodedKeySpec;

/**
 * The JDK's own Ed25519 ({@code sun.security.ec.ed}, what {@code crypto.identity} used before
 * BouncyCastle), as the oracle of the equivalence tests. Test code only: production code has one
 * Ed25519 implementation.
 */
final class JdkEd25519 {
  private JdkEd25519() {}

  /** The JDK's signature of {@code message} under the RFC 8032 private key {@code seed}. */
  static Bytes sign(Bytes seed, Bytes message) {
    try {
      Signature signer = Signature.getInstance("Ed25519");
      signer.initSign(
          KeyFactory.getInstance("Ed25519")
              .generatePrivate(
                  new EdECPrivateKeySpec(NamedParameterSpec.ED25519, seed.toByteArray())));
      signer.update(message.toByteArray());
      return Bytes.of(signer.sign());
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException(e);
    }
  }

  /**
   * The JDK's verdict on {@code signature} of {@code message} under the raw public key {@code
   * rawPublicKey}, parsed by the JDK alone (none of our checks). An exception from the provider (a
   * key or R it cannot decode, S out of range) counts as a rejection, as it would for a caller.
   */
  static boolean accepts(Bytes rawPublicKey, Bytes message, Bytes signature) {
    PublicKey key;
    try {
      key =
          KeyFactory.getInstance("Ed25519")
              .generatePublic(new X509EncodedKeySpec(Der.encodeSpki(rawPublicKey).toByteArray()));
    } catch (GeneralSecurityException | RuntimeException e) {
      return false;
    }
    try {
      Signature verifier = Signature.getInstance("Ed25519");
      verifier.initVerify(key);
      verifier.update(message.toByteArray());
      return verifier.verify(signature.toByteArray());
    } catch (GeneralSecurityException | RuntimeException e) {
      return false;
    }
  }
}
