/**
 * X.509 helpers shared by the attestation verifiers: parsing PEM or DER certificates, DER-SHA-256
 * fingerprints for pinning, PKIX path validation to a pinned root at an explicit date with
 * revocation checking off, reading DER-encoded extension values, and ECDSA P-384 signatures in the
 * fixed-width {@code r || s} form that attestation formats use. Pure: no I/O, no clock.
 */
@NullMarked
package dev.proofofcompute.tee.pki;

import org.jspecify.annotations.NullMarked;
