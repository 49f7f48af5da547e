/**
 * The {@code tee} verification scheme: the provider runs the job inside a TEE whose attestation
 * binds SHA-256(task id || result commitment || provider public key) in its user_data or
 * report_data; the verifier checks the attestation against the job's {@link
 * dev.proofofcompute.tee.AttestationPolicy} and recomputes the binding. Includes the worker-side
 * {@link dev.proofofcompute.tee.scheme.Attester} port and a replaying attester for tests.
 */
@NullMarked
package dev.proofofcompute.tee.scheme;

import org.jspecify.annotations.NullMarked;
