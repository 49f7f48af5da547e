package dev.proofofcompute.tee;

import dev.proofofcompute.crypto.Bytes;
import java.security.cert.X509Certificate;
import java.time.Instant;
import java.util.List;

/**
 * Verifies attestation evidence of one format, offline.
 *
 * <p>Contract: the evidence is accepted only if it is well-formed, its signature verifies under an
 * attesting certificate whose chain ends in a root pinned by the SHA-256 of its DER encoding, every
 * certificate of the chain is valid at {@code asOf}, and it satisfies {@code policy}. Any other
 * outcome — including an unexpected runtime error while checking — is a {@link
 * AttestationVerdict.Rejected} with a reason; this method never throws on bad input.
 */
public interface AttestationVerifier {
  Format format();

  /**
   * Verifies {@code evidence} (raw bytes, already decoded from base64 or hex).
   *
   * @param extraCerts certificates that do not travel inside the evidence (SEV-SNP: VCEK or VLEK,
   *     ASK or ASVK, ARK); ignored for Nitro, whose chain is inside the document
   * @param asOf the time at which certificate validity is judged
   */
  AttestationVerdict verify(
      Bytes evidence, List<X509Certificate> extraCerts, Instant asOf, AttestationPolicy policy);
}
