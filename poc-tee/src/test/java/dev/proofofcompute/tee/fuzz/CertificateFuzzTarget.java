package dev.proofofcompute.tee.fuzz;

import dev.proofofcompute.crypto.Bytes;
import dev.proofofcompute.crypto.DecodingException;
import dev.proofofcompute.tee.pki.Certificates;
import dev.proofofcompute.tee.pki.DerValues;
import java.security.cert.X509Certificate;
import java.util.List;

/**
 * Fuzzes the certificate readers ({@code --certs} files, Nitro cabundle entries) and the DER value
 * parsers applied to the AMD extensions (SPLs, hwID), which the other targets cannot reach without
 * a certificate that chains to a vendor root.
 */
public final class CertificateFuzzTarget {
  /** The AMD VCEK/VLEK extensions the SEV-SNP verifier reads: SPLs, hwID, product name. */
  private static final List<String> AMD_OIDS =
      List.of(
          "1.3.6.1.4.1.3704.1.3.1",
          "1.3.6.1.4.1.3704.1.3.2",
          "1.3.6.1.4.1.3704.1.3.3",
          "1.3.6.1.4.1.3704.1.3.8",
          "1.3.6.1.4.1.3704.1.3.9",
          "1.3.6.1.4.1.3704.1.4",
          "1.3.6.1.4.1.3704.1.2");

  private CertificateFuzzTarget() {}

  public static void fuzzerTestOneInput(byte[] data) {
    Bytes input = Bytes.of(data);
    try {
      for (X509Certificate c : Certificates.parseAll(input)) {
        extensions(c);
      }
    } catch (DecodingException expected) {
      // malformed input, reported as such
    }
    try {
      extensions(Certificates.parseDer(input));
    } catch (DecodingException expected) {
      // malformed input, reported as such
    }
    try {
      DerValues.octetString(input);
    } catch (DecodingException expected) {
      // malformed input, reported as such
    }
    try {
      DerValues.integer(input);
    } catch (DecodingException expected) {
      // malformed input, reported as such
    }
  }

  private static void extensions(X509Certificate c) {
    Certificates.fingerprint(c);
    for (String oid : AMD_OIDS) {
      try {
        DerValues.extension(c, oid).ifPresent(CertificateFuzzTarget::values);
      } catch (DecodingException expected) {
        // malformed extension, reported as such
      }
    }
  }

  private static void values(Bytes v) {
    try {
      DerValues.integer(v);
    } catch (DecodingException expected) {
      // not an INTEGER
    }
    try {
      DerValues.octetString(v);
    } catch (DecodingException expected) {
      // not an OCTET STRING
    }
  }
}
