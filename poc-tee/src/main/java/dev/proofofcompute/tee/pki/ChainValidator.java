package dev.proofofcompute.tee.pki;

import dev.proofofcompute.crypto.Digest;
import dev.proofofcompute.tee.AttestationException;
import dev.proofofcompute.tee.AttestationVerdict.Reason;
import java.security.GeneralSecurityException;
import java.security.cert.CertPath;
import java.security.cert.CertPathValidator;
import java.security.cert.CertPathValidatorException;
import java.security.cert.CertPathValidatorException.BasicReason;
import java.security.cert.CertificateExpiredException;
import java.security.cert.CertificateFactory;
import java.security.cert.CertificateNotYetValidException;
import java.security.cert.PKIXParameters;
import java.security.cert.TrustAnchor;
import java.security.cert.X509Certificate;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Date;
import java.util.List;
import java.util.Set;

/**
 * Validates a certificate path to a root pinned by fingerprint, at an explicit date.
 *
 * <p>Uses the JDK's PKIX validator (RFC 5280 §6.1: signatures, validity at the date, issuer/subject
 * chaining, basic constraints, key usage, path length) with the pinned root as the only trust
 * anchor. Revocation checking is off: attestation evidence is verified offline and the vendors'
 * CRLs are not part of it (docs/tee.md). A trust anchor's own validity and self-signature are not
 * checked by PKIX, so they are checked here.
 */
public final class ChainValidator {
  private ChainValidator() {}

  /**
   * Checks that {@code root} is pinned, self-signed and valid at {@code asOf}, and that {@code
   * leaf}, {@code intermediates} (ordered from the leaf's issuer towards the root) and {@code root}
   * form a valid PKIX path at {@code asOf}.
   *
   * @throws AttestationException with {@link Reason#CHAIN_NOT_TO_PINNED_ROOT} for an unpinned root
   *     or a broken path, {@link Reason#EXPIRED} when a certificate is outside its validity at
   *     {@code asOf}
   */
  public static void validate(
      X509Certificate leaf,
      List<X509Certificate> intermediates,
      X509Certificate root,
      Set<Digest> pinned,
      Instant asOf)
      throws AttestationException {
    Digest fp = Certificates.fingerprint(root);
    if (!pinned.contains(fp)) {
      throw new AttestationException(
          Reason.CHAIN_NOT_TO_PINNED_ROOT,
          "root " + root.getSubjectX500Principal() + " (SHA-256 " + fp + ") is not pinned");
    }
    try {
      root.verify(root.getPublicKey());
    } catch (GeneralSecurityException | RuntimeException e) {
      throw new AttestationException(
          Reason.CHAIN_NOT_TO_PINNED_ROOT, "pinned root is not validly self-signed", e);
    }
    Date date = Date.from(asOf);
    try {
      root.checkValidity(date);
    } catch (CertificateExpiredException | CertificateNotYetValidException e) {
      throw new AttestationException(
          Reason.EXPIRED, "root " + root.getSubjectX500Principal() + " not valid at " + asOf, e);
    }
    List<X509Certificate> path = new ArrayList<>();
    path.add(leaf);
    path.addAll(intermediates);
    try {
      CertificateFactory cf = CertificateFactory.getInstance("X.509");
      CertPath certPath = cf.generateCertPath(path);
      PKIXParameters params = new PKIXParameters(Set.of(new TrustAnchor(root, null)));
      params.setRevocationEnabled(false);
      params.setDate(date);
      CertPathValidator.getInstance("PKIX").validate(certPath, params);
    } catch (CertPathValidatorException e) {
      int index = e.getIndex();
      String which =
          index >= 0 && index < path.size()
              ? " at " + path.get(index).getSubjectX500Principal()
              : "";
      if (e.getReason() == BasicReason.EXPIRED || e.getReason() == BasicReason.NOT_YET_VALID) {
        throw new AttestationException(
            Reason.EXPIRED, "certificate" + which + " not valid at " + asOf, e);
      }
      throw new AttestationException(
          Reason.CHAIN_NOT_TO_PINNED_ROOT,
          "certificate path to the pinned root is invalid" + which + ": " + e.getMessage(),
          e);
    } catch (GeneralSecurityException | RuntimeException e) {
      throw new AttestationException(
          Reason.CHAIN_NOT_TO_PINNED_ROOT, "certificate path rejected: " + e.getMessage(), e);
    }
  }
}
