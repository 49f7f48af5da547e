package dev.proofofcompute.crypto.identity;

import dev.proofofcompute.crypto.Bytes;
import dev.proofofcompute.crypto.DecodingException;
import java.math.BigInteger;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Arrays;

/**
 * Test-only edwards25519 arithmetic on {@link BigInteger}, straight from the formulas of RFC 8032
 * §5.1 (affine addition on -x^2 + y^2 = 1 + d x^2 y^2, complete because d is not a square), slow
 * and variable-time: enough to build the odd signatures that the strictness tests feed to the
 * verifiers (points with a small-order component, signatures with a chosen R). Checked against the
 * production code by {@link Ed25519DifferentialTest#referenceArithmeticMatchesKeyGeneration}.
 */
final class EdwardsReference {
  static final BigInteger P = BigInteger.TWO.pow(255).subtract(BigInteger.valueOf(19));
  static final BigInteger D =
      BigInteger.valueOf(-121665).multiply(BigInteger.valueOf(121666).modInverse(P)).mod(P);
  static final BigInteger L = Ed25519Points.L;

  /** An affine point. */
  record Point(BigInteger x, BigInteger y) {}

  static final Point IDENTITY = new Point(BigInteger.ZERO, BigInteger.ONE);

  /** The base point B of RFC 8032 §5.1 (y = 4/5, x even). */
  static final Point BASE =
      decode(Bytes.fromHex("5866666666666666666666666666666666666666666666666666666666666666"));

  /** The point (0, -1), of order 2. */
  static final Point ORDER_2 = new Point(BigInteger.ZERO, P.subtract(BigInteger.ONE));

  /** A point of order 8 (libsodium's blocklist, also in {@code NodePublicKeyTest}). */
  static final Point ORDER_8 =
      decode(Bytes.fromHex("c7176a703d4dd84fba3c0b760d10670f2a2053fa2c39ccc64ec7fd7792ac037a"));

  private EdwardsReference() {}

  static Point decode(Bytes encoding) {
    try {
      BigInteger[] xy = Ed25519Points.decode(encoding);
      return new Point(xy[0], xy[1]);
    } catch (DecodingException e) {
      throw new IllegalArgumentException(e);
    }
  }

  static Point add(Point a, Point b) {
    BigInteger x1x2 = a.x.multiply(b.x).mod(P);
    BigInteger y1y2 = a.y.multiply(b.y).mod(P);
    BigInteger dxxyy = D.multiply(x1x2).multiply(y1y2).mod(P);
    BigInteger x3 =
        a.x
            .multiply(b.y)
            .add(a.y.multiply(b.x))
            .multiply(BigInteger.ONE.add(dxxyy).modInverse(P))
            .mod(P);
    BigInteger y3 =
        y1y2.add(x1x2).multiply(BigInteger.ONE.subtract(dxxyy).mod(P).modInverse(P)).mod(P);
    return new Point(x3, y3);
  }

  /** [n]p by double-and-add, n >= 0. */
  static Point multiply(Point p, BigInteger n) {
    Point result = IDENTITY;
    for (int i = n.bitLength() - 1; i >= 0; i--) {
      result = add(result, result);
      if (n.testBit(i)) {
        result = add(result, p);
      }
    }
    return result;
  }

  /** The canonical RFC 8032 §5.1.2 encoding: y little-endian, the low bit of x on top. */
  static Bytes encode(Point p) {
    byte[] le = littleEndian32(p.y);
    if (p.x.testBit(0)) {
      le[31] |= (byte) 0x80;
    }
    return Bytes.of(le);
  }

  /** The secret scalar s of RFC 8032 §5.1.5: the pruned low half of SHA-512(seed). */
  static BigInteger secretScalar(Bytes seed) {
    byte[] h = sha512(seed.toByteArray());
    byte[] low = Arrays.copyOf(h, 32);
    low[0] &= (byte) 248;
    low[31] &= 127;
    low[31] |= 64;
    return fromLittleEndian(low);
  }

  /** k = SHA-512(R || A || M) mod L, RFC 8032 §5.1.7 step 2. */
  static BigInteger challenge(Bytes r, Bytes a, Bytes message) {
    return fromLittleEndian(sha512(r.concat(a).concat(message).toByteArray())).mod(L);
  }

  /** A 64-byte signature R || S with S given as an integer (not reduced: the caller decides). */
  static Bytes signature(Bytes r, BigInteger s) {
    return r.concat(Bytes.of(littleEndian32(s)));
  }

  static byte[] littleEndian32(BigInteger value) {
    if (value.signum() < 0 || value.bitLength() > 256) {
      throw new IllegalArgumentException("not a 32-byte unsigned value: " + value);
    }
    byte[] le = new byte[32];
    for (int i = 0; i < 32; i++) {
      le[i] = value.shiftRight(8 * i).byteValue();
    }
    return le;
  }

  static BigInteger fromLittleEndian(byte[] le) {
    byte[] be = new byte[le.length];
    for (int i = 0; i < le.length; i++) {
      be[i] = le[le.length - 1 - i];
    }
    return new BigInteger(1, be);
  }

  private static byte[] sha512(byte[] input) {
    try {
      return MessageDigest.getInstance("SHA-512").digest(input);
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }
}
