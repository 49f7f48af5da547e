package dev.proofofcompute.crypto.identity;

import dev.proofofcompute.crypto.Bytes;
import dev.proofofcompute.crypto.DecodingException;
import dev.proofofcompute.crypto.VerificationException;
import java.security.GeneralSecurityException;
import java.security.Signature;

/**
 * Checks Ed25519 signatures (RFC 8032 §5.1.7, pure Ed25519: no context, no pre-hash) against one
 * public key, with the JDK's {@code Ed25519} implementation.
 *
 * <p>Contract: {@link #verify} returns normally only when the signature is exactly 64 bytes, its R
 * half is a canonical curve point, its S half is below the group order L (so signatures are not
 * malleable), and the verification equation holds for this key and message. Every other outcome,
 * including an unexpected runtime error inside the provider, is a {@link VerificationException}.
 * The public key was already checked for canonical encoding and small order when it was parsed.
 */
public final class Ed25519Verifier {
  private final NodePublicKey publicKey;

  private Ed25519Verifier(NodePublicKey publicKey) {
    this.publicKey = publicKey;
  }

  /** A verifier for signatures by {@code publicKey}. */
  public static Ed25519Verifier create(NodePublicKey publicKey) {
    return new Ed25519Verifier(publicKey);
  }

  public NodePublicKey publicKey() {
    return publicKey;
  }

  /**
   * Checks that {@code signature} is this key's Ed25519 signature of {@code message}.
   *
   * @throws VerificationException with the reason, when it is not
   */
  public void verify(Bytes message, Bytes signature) throws VerificationException {
    if (signature.length() != Ed25519Signature.LENGTH) {
      throw new VerificationException(
          "an Ed25519 signature is "
              + Ed25519Signature.LENGTH
              + " bytes, got "
              + signature.length());
    }
    boolean valid;
    try {
      Ed25519Points.decode(signature.slice(0, 32));
      if (!Ed25519Points.isCanonicalScalar(signature.slice(32, 64))) {
        throw new VerificationException("signature S is not below the group order (malleable)");
      }
      Signature jca = Signature.getInstance("Ed25519");
      jca.initVerify(publicKey.jcaKey());
      jca.update(message.toByteArray());
      valid = jca.verify(signature.toByteArray());
    } catch (DecodingException e) {
      throw new VerificationException("signature R is invalid: " + e.getMessage(), e);
    } catch (GeneralSecurityException | RuntimeException e) {
      throw new VerificationException("signature rejected by Ed25519: " + e.getMessage(), e);
    }
    if (!valid) {
      throw new VerificationException(
          "Ed25519 signature does not verify for node " + publicKey.nodeId().shortForm());
    }
  }
}
