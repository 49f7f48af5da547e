package dev.proofofcompute.crypto.identity;

import dev.proofofcompute.crypto.Bytes;
import dev.proofofcompute.crypto.DecodingException;
import dev.proofofcompute.crypto.VerificationException;
import org.bouncycastle.math.ec.rfc8032.Ed25519;

/**
 * Checks Ed25519 signatures (RFC 8032 §5.1.7, pure Ed25519: no context, no pre-hash) against one
 * public key.
 *
 * <p>Contract: {@link #verify} returns normally only when the signature is exactly 64 bytes, its S
 * half is below the group order L (so signatures are not malleable), its R half is the canonical
 * encoding of a point of order L, and the verification equation {@code [S]B = R + [k]A} holds for
 * this key and message, {@code k = SHA-512(R || A || M) mod L}. Every other outcome, including an
 * unexpected runtime error, is a {@link VerificationException}. The public key A was checked to be
 * a canonical point of order L when it was parsed ({@link NodePublicKey}).
 *
 * <p><b>Why BouncyCastle and not the JDK.</b> The project uses the JDK where the JDK does the job;
 * here it is too slow for the coordinator, which verifies one signature per request and signs every
 * tree head: the JDK's EdDSA ({@code sun.security.ec.ed}, portable field arithmetic over {@code
 * IntegerPolynomial}) took about 30% of the CPU of the lifecycle benchmark. BouncyCastle's {@code
 * org.bouncycastle.math.ec.rfc8032.Ed25519} (radix 2^25.5 field arithmetic, precomputed base-point
 * tables, a 128-bit Straus double-scalar multiplication) signs about 15x and verifies about 4x
 * faster in the same JVM, measured in CPU time on this project's 2-core machine (JDK about 500 us
 * for either, ours about 35 us to sign and 125 us to verify; {@code Ed25519CpuTimeProbe}, {@code
 * Ed25519Benchmark}, docs/benchmarks.md "Ed25519"). Only that one class is used: no JCA provider is
 * registered, so nothing else in the JVM changes.
 *
 * <p><b>Exactly as strict as the JDK was, or stricter.</b> The JDK checks S &lt; L, a canonical R
 * on the curve, and the cofactorless equation {@code [S]B = R + [k]A}. BouncyCastle checks S &lt;
 * L, a canonical R on the curve, and the <em>cofactored</em> equation {@code [8]([S]B - R - [k]A) =
 * O}, which also holds when R differs from {@code [S]B - [k]A} by a point of small order: it would
 * accept an R of small order, or of mixed order, that the JDK rejects (a signer can make such
 * signatures; nobody else can, since k depends on R). So after BouncyCastle accepts, R must also
 * pass {@code Ed25519.validatePublicKeyFull}: canonical, not of small order, {@code [L]R = O}. With
 * A and R both of order L, the cofactored equation implies the cofactorless one (8 is invertible
 * modulo L), so every signature accepted here is one the JDK accepts. The converse fails only for a
 * signature whose R is the identity, which an RFC 8032 signer produces with probability 2^-252 and
 * which is rejected here. This extra check costs about as much as BouncyCastle's verification
 * itself (without it verification would be 8-9x, not 4x, faster than the JDK's) and is included in
 * the measured figures. {@code Ed25519VerifierTest} holds each case, with the JDK as the oracle.
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
    byte[] sig = signature.toByteArray();
    if (!Ed25519Points.isCanonicalScalar(sig, Ed25519Points.ENCODING_LENGTH)) {
      throw new VerificationException("signature S is not below the group order (malleable)");
    }
    byte[] m = message.toByteArray();
    boolean equationHolds;
    boolean rOfOrderL;
    try {
      equationHolds = Ed25519.verify(sig, 0, publicKey.point(), m, 0, m.length);
      rOfOrderL = equationHolds && Ed25519.validatePublicKeyFull(sig, 0);
    } catch (RuntimeException e) {
      throw new VerificationException("signature rejected by Ed25519: " + e.getMessage(), e);
    }
    if (!equationHolds) {
      // Only on failure: say why when R is malformed, else that the equation does not hold.
      try {
        Ed25519Points.decode(signature.slice(0, Ed25519Points.ENCODING_LENGTH));
      } catch (DecodingException e) {
        throw new VerificationException("signature R is invalid: " + e.getMessage(), e);
      }
      throw new VerificationException(
          "Ed25519 signature does not verify for node " + publicKey.nodeId().shortForm());
    }
    if (!rOfOrderL) {
      throw new VerificationException(
          "signature R is not a point of order L (it is the identity, of small order, or has a"
              + " small-order component); an RFC 8032 signer never produces one");
    }
  }
}
