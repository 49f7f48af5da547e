package dev.proofofcompute.tee.pki;

import dev.proofofcompute.crypto.Bytes;
import dev.proofofcompute.crypto.DecodingException;
import dev.proofofcompute.crypto.Digest;
import java.io.ByteArrayInputStream;
import java.security.cert.Certificate;
import java.security.cert.CertificateEncodingException;
import java.security.cert.CertificateException;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.util.ArrayList;
import java.util.List;

/** Parsing and fingerprinting of X.509 certificates. */
public final class Certificates {
  /** Upper bound on one certificate file or field (real attestation certificates are < 8 KiB). */
  public static final int MAX_CERTIFICATE_INPUT = 1 << 20;

  private Certificates() {}

  /**
   * Every certificate in {@code input}: one DER certificate, or any number of PEM blocks.
   *
   * @throws DecodingException when the input is empty, over 1 MiB or not certificates
   */
  public static List<X509Certificate> parseAll(Bytes input) throws DecodingException {
    if (input.length() == 0) {
      throw new DecodingException("no certificate: empty input");
    }
    if (input.length() > MAX_CERTIFICATE_INPUT) {
      throw new DecodingException("certificate input is larger than 1 MiB");
    }
    try {
      List<X509Certificate> out = new ArrayList<>();
      for (Certificate c :
          factory().generateCertificates(new ByteArrayInputStream(input.toByteArray()))) {
        if (!(c instanceof X509Certificate x)) {
          throw new DecodingException("not an X.509 certificate: " + c.getType());
        }
        out.add(x);
      }
      if (out.isEmpty()) {
        throw new DecodingException("no certificate found in the input");
      }
      return List.copyOf(out);
    } catch (CertificateException | RuntimeException e) {
      throw new DecodingException("not a PEM or DER certificate: " + e.getMessage(), e);
    }
  }

  /**
   * Exactly one DER certificate, with no bytes after it.
   *
   * @throws DecodingException when {@code der} is anything else
   */
  public static X509Certificate parseDer(Bytes der) throws DecodingException {
    if (der.length() == 0 || der.length() > MAX_CERTIFICATE_INPUT) {
      throw new DecodingException("certificate of " + der.length() + " bytes");
    }
    byte[] bytes = der.toByteArray();
    try {
      Certificate c = factory().generateCertificate(new ByteArrayInputStream(bytes));
      if (!(c instanceof X509Certificate x)) {
        throw new DecodingException("not an X.509 certificate: " + c.getType());
      }
      if (!Bytes.of(x.getEncoded()).equals(der)) {
        throw new DecodingException("certificate is not exactly one DER encoding");
      }
      return x;
    } catch (CertificateException | RuntimeException e) {
      throw new DecodingException("not a DER certificate: " + e.getMessage(), e);
    }
  }

  /** SHA-256 of the DER encoding: the value roots are pinned by. */
  public static Digest fingerprint(X509Certificate certificate) {
    try {
      return Digest.sha256(certificate.getEncoded());
    } catch (CertificateEncodingException e) {
      throw new IllegalStateException("a parsed certificate has no encoding", e);
    }
  }

  /** The DER encoding. */
  public static Bytes encoded(X509Certificate certificate) {
    try {
      return Bytes.of(certificate.getEncoded());
    } catch (CertificateEncodingException e) {
      throw new IllegalStateException("a parsed certificate has no encoding", e);
    }
  }

  private static CertificateFactory factory() throws CertificateException {
    return CertificateFactory.getInstance("X.509");
  }
}
