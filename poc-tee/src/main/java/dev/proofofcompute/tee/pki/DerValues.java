package dev.proofofcompute.tee.pki;

import dev.proofofcompute.crypto.Bytes;
import dev.proofofcompute.crypto.DecodingException;
import java.math.BigInteger;
import java.security.cert.X509Certificate;
import java.util.Optional;

/**
 * Reads the few DER (ITU-T X.690 §10) values that vendor certificate extensions carry: an OCTET
 * STRING and an INTEGER, in definite short or long form, with nothing after the value.
 */
public final class DerValues {
  private static final int TAG_INTEGER = 0x02;
  private static final int TAG_OCTET_STRING = 0x04;

  private DerValues() {}

  /**
   * The {@code extnValue} content of extension {@code oid}, unwrapped from the OCTET STRING the JDK
   * returns, or empty when the certificate has no such extension.
   *
   * @throws DecodingException when the JDK's value is not one OCTET STRING
   */
  public static Optional<Bytes> extension(X509Certificate cert, String oid)
      throws DecodingException {
    byte[] v = cert.getExtensionValue(oid);
    if (v == null) {
      return Optional.empty();
    }
    return Optional.of(octetString(Bytes.of(v)));
  }

  /** The content of one DER OCTET STRING. */
  public static Bytes octetString(Bytes der) throws DecodingException {
    return content(der, TAG_OCTET_STRING, "OCTET STRING");
  }

  /** The value of one DER INTEGER. */
  public static BigInteger integer(Bytes der) throws DecodingException {
    Bytes c = content(der, TAG_INTEGER, "INTEGER");
    if (c.length() == 0) {
      throw new DecodingException("empty DER INTEGER");
    }
    if (c.length() > 1
        && ((c.get(0) == 0 && c.get(1) >= 0) || (c.get(0) == (byte) 0xff && c.get(1) < 0))) {
      throw new DecodingException("DER INTEGER is not minimally encoded");
    }
    return new BigInteger(c.toByteArray());
  }

  private static Bytes content(Bytes der, int tag, String what) throws DecodingException {
    if (der.length() < 2 || (der.get(0) & 0xff) != tag) {
      throw new DecodingException("expected a DER " + what);
    }
    int first = der.get(1) & 0xff;
    int header;
    int length;
    if (first < 0x80) {
      header = 2;
      length = first;
    } else {
      int n = first & 0x7f;
      if (n == 0 || n > 3 || der.length() < 2 + n) {
        throw new DecodingException("bad DER length in " + what);
      }
      length = 0;
      for (int i = 0; i < n; i++) {
        length = (length << 8) | (der.get(2 + i) & 0xff);
      }
      if (length < 0x80 || (n > 1 && (der.get(2) & 0xff) == 0)) {
        throw new DecodingException("DER length of " + what + " is not minimal");
      }
      header = 2 + n;
    }
    if (der.length() - header != length) {
      throw new DecodingException(
          "DER " + what + " declares " + length + " bytes, has " + (der.length() - header));
    }
    return der.slice(header, der.length());
  }
}
