/**
 * Offline verification of trusted-execution-environment attestation evidence: AWS Nitro Enclaves
 * attestation documents and AMD SEV-SNP attestation reports, each checked against vendor roots
 * pinned by the SHA-256 of their DER certificate, at an explicit "as of" time, under an {@link
 * dev.proofofcompute.tee.AttestationPolicy}. Outcomes are typed {@link
 * dev.proofofcompute.tee.AttestationVerdict}s. {@link dev.proofofcompute.tee.AttestationVerifiers}
 * is the single entry point. Pure: no I/O, no threads, no wall clock.
 */
@NullMarked
package dev.proofofcompute.tee;

import org.jspecify.annotations.NullMarked;
