package dev.proofofcompute.tee;

import dev.proofofcompute.crypto.Bytes;
import dev.proofofcompute.crypto.DecodingException;
import dev.proofofcompute.tee.nitro.NitroVerifier;
import dev.proofofcompute.tee.pki.Certificates;
import dev.proofofcompute.tee.sevsnp.SevSnpVerifier;
import java.security.cert.X509Certificate;
import java.time.Instant;
import java.util.List;

/**
 * The single entry point for verifying attestation evidence, e.g. for {@code poc attest verify}:
 * picks the verifier of a {@link Format}, trusting the {@linkplain TrustedRoots#vendorDefaults()
 * vendor roots} unless other roots are given.
 */
public final class AttestationVerifiers {
  private AttestationVerifiers() {}

  /** The verifier for {@code format} trusting {@code roots}. */
  public static AttestationVerifier forFormat(Format format, TrustedRoots roots) {
    return switch (format) {
      case NITRO -> NitroVerifier.create(roots.nitro());
      case SEV_SNP -> SevSnpVerifier.create(roots.sevSnp());
    };
  }

  /**
   * Verifies raw {@code evidence} of {@code format} against the vendor roots at {@code asOf}.
   *
   * @param extraCerts certificates not carried in the evidence (SEV-SNP VCEK/VLEK, ASK/ASVK, ARK)
   */
  public static AttestationVerdict verify(
      Format format,
      byte[] evidence,
      List<X509Certificate> extraCerts,
      Instant asOf,
      AttestationPolicy policy) {
    return verify(format, evidence, extraCerts, asOf, policy, TrustedRoots.vendorDefaults());
  }

  /**
   * As {@link #verify(Format, byte[], List, Instant, AttestationPolicy)}, trusting {@code roots}.
   */
  public static AttestationVerdict verify(
      Format format,
      byte[] evidence,
      List<X509Certificate> extraCerts,
      Instant asOf,
      AttestationPolicy policy,
      TrustedRoots roots) {
    return forFormat(format, roots).verify(Bytes.of(evidence), extraCerts, asOf, policy);
  }

  /**
   * The certificates in a {@code --certs} file: one DER certificate or any number of PEM blocks.
   *
   * @throws DecodingException when the input holds no certificate or is not PEM or DER
   */
  public static List<X509Certificate> parseCertificates(byte[] pemOrDer) throws DecodingException {
    return Certificates.parseAll(Bytes.of(pemOrDer));
  }

  /**
   * Decodes evidence as found in a file: raw, hex or base64 ({@link EvidenceEncoding#AUTO}).
   *
   * @throws DecodingException when the input is empty, too large or badly encoded
   */
  public static byte[] decodeEvidence(byte[] input) throws DecodingException {
    return EvidenceEncoding.AUTO.decode(Bytes.of(input)).toByteArray();
  }
}
