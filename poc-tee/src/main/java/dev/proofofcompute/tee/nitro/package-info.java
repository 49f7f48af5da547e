/**
 * AWS Nitro Enclaves attestation documents: a COSE_Sign1 (RFC 9052 §4.2) envelope signed with ES384
 * over a CBOR payload holding the PCRs, the signing certificate and its CA bundle, and optional
 * public key, user data and nonce; and the verifier that checks the signature, the chain to the
 * pinned AWS root, debug mode and the policy's measurement and binding.
 */
@NullMarked
package dev.proofofcompute.tee.nitro;

import org.jspecify.annotations.NullMarked;
