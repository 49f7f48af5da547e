package dev.proofofcompute.tee.pki;

import dev.proofofcompute.tee.AttestationException;
import dev.proofofcompute.tee.AttestationVerdict.Reason;
import java.security.GeneralSecurityException;
import java.security.PublicKey;
import java.security.Signature;
import java.security.interfaces.ECPublicKey;

/**
 * ECDSA P-384 / SHA-384 (FIPS 186-5 §6.4) over a message with the signature given as the two
 * 48-byte big-endian integers {@code r || s} (IEEE P1363 form), as COSE ES384 (RFC 9053 §2.1) and,
 * after byte reversal, SEV-SNP reports carry it. The JDK's {@code SHA384withECDSAinP1363Format}
 * checks {@code 0 < r, s < n} and the curve arithmetic.
 */
public final class Signatures {
  /** Bytes of one P-384 scalar. */
  public static final int P384_SCALAR = 48;

  private Signatures() {}

  /** Whether {@code key} is an EC key on a 384-bit curve. */
  public static boolean isP384(PublicKey key) {
    return key instanceof ECPublicKey ec
        && ec.getParams().getCurve().getField().getFieldSize() == 384;
  }

  /**
   * Checks that {@code rs} (96 bytes) is a valid ECDSA P-384/SHA-384 signature of {@code message}
   * under {@code key}.
   *
   * @throws AttestationException with {@link Reason#BAD_SIGNATURE} otherwise, including a key that
   *     is not P-384
   */
  public static void requireP384(PublicKey key, byte[] message, byte[] rs, String what)
      throws AttestationException {
    if (!isP384(key)) {
      throw new AttestationException(
          Reason.BAD_SIGNATURE, what + ": the signing certificate's key is not ECDSA P-384");
    }
    if (rs.length != 2 * P384_SCALAR) {
      throw new AttestationException(
          Reason.BAD_SIGNATURE, what + ": signature is " + rs.length + " bytes, not 96");
    }
    boolean valid;
    try {
      Signature s = Signature.getInstance("SHA384withECDSAinP1363Format");
      s.initVerify(key);
      s.update(message);
      valid = s.verify(rs);
    } catch (GeneralSecurityException | RuntimeException e) {
      throw new AttestationException(
          Reason.BAD_SIGNATURE, what + ": signature check failed: " + e.getMessage(), e);
    }
    if (!valid) {
      throw new AttestationException(Reason.BAD_SIGNATURE, what + ": signature does not verify");
    }
  }
}
