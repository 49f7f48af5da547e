package dev.proofofcompute.crypto.identity;

import dev.proofofcompute.crypto.Bytes;
import dev.proofofcompute.crypto.DecodingException;
import java.math.BigInteger;

/**
 * The reasons behind a rejected Ed25519 encoding, in words: point decoding as in RFC 8032 §5.1.3
 * (canonical y, a square root exists, no "negative zero"), the eight points of small order (for
 * which anyone can forge signatures), and the canonical-S rule of RFC 8032 §5.1.7.
 *
 * <p>The accept/reject decisions themselves are BouncyCastle's ({@link NodePublicKey}, {@link
 * Ed25519Verifier}), which answer with a boolean; this class runs only after a rejection, to say
 * which rule failed, except {@link #isCanonicalScalar}, a byte comparison made on every
 * verification. Only public values pass through here (public keys, the R and S halves of
 * signatures), so the variable-time {@link BigInteger} arithmetic leaks nothing secret.
 */
final class Ed25519Points {
  private static final BigInteger P = BigInteger.TWO.pow(255).subtract(BigInteger.valueOf(19));
  private static final BigInteger D =
      BigInteger.valueOf(-121665).multiply(BigInteger.valueOf(121666).modInverse(P)).mod(P);
  private static final BigInteger SQRT_M1 =
      BigInteger.TWO.modPow(P.subtract(BigInteger.ONE).shiftRight(2), P);

  /** Bytes in a point encoding and in a scalar encoding. */
  static final int ENCODING_LENGTH = 32;

  /** The order of the prime-order subgroup, RFC 8032 §5.1. */
  static final BigInteger L =
      BigInteger.TWO.pow(252).add(new BigInteger("27742317777372353535851937790883648493"));

  /** L as 32 little-endian bytes. */
  private static final byte[] L_LITTLE_ENDIAN = toLittleEndian(L);

  private Ed25519Points() {}

  /**
   * Decodes a 32-byte point encoding and rejects it unless it is canonical, on the curve and not of
   * small order.
   */
  static void checkPublicKey(Bytes encoding) throws DecodingException {
    BigInteger[] point = decode(encoding);
    BigInteger[] q = point;
    for (int i = 0; i < 3; i++) {
      q = twice(q[0], q[1]);
    }
    if (q[0].signum() == 0 && q[1].equals(BigInteger.ONE)) {
      throw new DecodingException("public key is a point of small order (a weak key)");
    }
  }

  /** Decodes a 32-byte point encoding (RFC 8032 §5.1.3) into affine (x, y). */
  static BigInteger[] decode(Bytes encoding) throws DecodingException {
    if (encoding.length() != ENCODING_LENGTH) {
      throw new DecodingException(
          "a point encoding is " + ENCODING_LENGTH + " bytes, got " + encoding.length());
    }
    byte[] le = encoding.toByteArray();
    boolean xOdd = (le[31] & 0x80) != 0;
    le[31] &= 0x7f;
    BigInteger y = littleEndian(le);
    if (y.compareTo(P) >= 0) {
      throw new DecodingException("non-canonical point encoding: y is not reduced modulo p");
    }
    BigInteger ySquared = y.multiply(y).mod(P);
    BigInteger u = ySquared.subtract(BigInteger.ONE).mod(P);
    BigInteger v = D.multiply(ySquared).add(BigInteger.ONE).mod(P);
    BigInteger xSquared = u.multiply(v.modInverse(P)).mod(P);
    if (xSquared.signum() == 0) {
      if (xOdd) {
        throw new DecodingException("non-canonical point encoding: x is zero but its sign is set");
      }
      return new BigInteger[] {BigInteger.ZERO, y};
    }
    BigInteger x = xSquared.modPow(P.add(BigInteger.valueOf(3)).shiftRight(3), P);
    if (!x.multiply(x).mod(P).equals(xSquared)) {
      x = x.multiply(SQRT_M1).mod(P);
    }
    if (!x.multiply(x).mod(P).equals(xSquared)) {
      throw new DecodingException("not a point on the Ed25519 curve");
    }
    if (x.testBit(0) != xOdd) {
      x = P.subtract(x);
    }
    return new BigInteger[] {x, y};
  }

  /**
   * True when the 32 little-endian bytes of {@code encoding} from {@code offset} encode an integer
   * below L. Public data, so an early exit is fine.
   */
  static boolean isCanonicalScalar(byte[] encoding, int offset) {
    for (int i = ENCODING_LENGTH - 1; i >= 0; i--) {
      int s = encoding[offset + i] & 0xff;
      int l = L_LITTLE_ENDIAN[i] & 0xff;
      if (s != l) {
        return s < l;
      }
    }
    return false;
  }

  private static byte[] toLittleEndian(BigInteger value) {
    byte[] le = new byte[ENCODING_LENGTH];
    for (int i = 0; i < ENCODING_LENGTH; i++) {
      le[i] = value.shiftRight(8 * i).byteValue();
    }
    return le;
  }

  private static BigInteger littleEndian(byte[] le) {
    byte[] be = new byte[le.length];
    for (int i = 0; i < le.length; i++) {
      be[i] = le[le.length - 1 - i];
    }
    return new BigInteger(1, be);
  }

  /** Affine doubling on -x^2 + y^2 = 1 + d x^2 y^2; complete because d is not a square. */
  private static BigInteger[] twice(BigInteger x, BigInteger y) {
    BigInteger xx = x.multiply(x).mod(P);
    BigInteger yy = y.multiply(y).mod(P);
    BigInteger dxxyy = D.multiply(xx).multiply(yy).mod(P);
    BigInteger x3 =
        BigInteger.TWO
            .multiply(x)
            .multiply(y)
            .multiply(BigInteger.ONE.add(dxxyy).modInverse(P))
            .mod(P);
    BigInteger y3 = yy.add(xx).multiply(BigInteger.ONE.subtract(dxxyy).mod(P).modInverse(P)).mod(P);
    return new BigInteger[] {x3, y3};
  }
}
