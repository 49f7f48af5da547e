package dev.proofofcompute.tee.scheme;

import dev.proofofcompute.core.scheme.Verdict;
import dev.proofofcompute.crypto.Bytes;
import dev.proofofcompute.crypto.DecodingException;
import dev.proofofcompute.crypto.Digest;
import dev.proofofcompute.tee.AttestationPolicy;
import dev.proofofcompute.tee.AttestationVerdict;
import dev.proofofcompute.tee.AttestationVerifiers;
import dev.proofofcompute.tee.TrustedRoots;
import dev.proofofcompute.tee.pki.Certificates;
import java.security.cert.X509Certificate;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * The validator side of the {@code tee} scheme: accepts a provider's result when its attestation is
 * authentic at the submission time, satisfies the job's policy, and binds {@link TeeBinding} of the
 * task id, the result commitment and the provider's public key — so that evidence recorded for
 * another task, result or provider is rejected.
 */
public final class TeeVerifier {
  private final TrustedRoots roots;

  private TeeVerifier(TrustedRoots roots) {
    this.roots = roots;
  }

  /** A verifier trusting the production vendor roots. */
  public static TeeVerifier create() {
    return new TeeVerifier(TrustedRoots.vendorDefaults());
  }

  /** A verifier trusting {@code roots} (tests pin their test-only roots here). */
  public static TeeVerifier create(TrustedRoots roots) {
    return new TeeVerifier(roots);
  }

  /**
   * Verifies {@code attestation} for the task {@code taskId}, whose result the provider with {@code
   * providerPublicKey} committed to as {@code resultCommitment}.
   *
   * @param asOf the submission time, at which certificate validity is judged
   */
  public Verdict verify(
      TeeParameters parameters,
      Bytes taskId,
      Digest resultCommitment,
      Bytes providerPublicKey,
      Attestation attestation,
      Instant asOf) {
    if (attestation.format() != parameters.format()) {
      return Verdict.rejected(
          Verdict.Reason.MALFORMED_EVIDENCE,
          "attestation is " + attestation.format() + ", the job requires " + parameters.format());
    }
    List<X509Certificate> certs = new ArrayList<>();
    for (Bytes der : attestation.certificates()) {
      try {
        certs.add(Certificates.parseDer(der));
      } catch (DecodingException e) {
        return Verdict.rejected(Verdict.Reason.MALFORMED_EVIDENCE, String.valueOf(e.getMessage()));
      }
    }
    Digest binding = TeeBinding.of(taskId, resultCommitment, providerPublicKey);
    AttestationPolicy policy =
        parameters.policy().toBuilder().expectReportData(binding.toBytes()).build();
    AttestationVerdict verdict =
        AttestationVerifiers.forFormat(parameters.format(), roots)
            .verify(attestation.evidence(), certs, asOf, policy);
    return switch (verdict) {
      case AttestationVerdict.Accepted a ->
          Verdict.accepted(
              "tee: "
                  + parameters.format().cliName()
                  + " measurement "
                  + a.measured().measurement().toHex()
                  + " binds "
                  + binding);
      case AttestationVerdict.Rejected r ->
          Verdict.rejected(
              r.reason() == AttestationVerdict.Reason.MALFORMED
                  ? Verdict.Reason.MALFORMED_EVIDENCE
                  : Verdict.Reason.BAD_ATTESTATION,
              "tee: " + r.reason() + ": " + r.detail());
    };
  }
}
