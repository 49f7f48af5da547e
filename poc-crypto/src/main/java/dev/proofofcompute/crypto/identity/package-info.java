/**
 * Ed25519 node identities (RFC 8032) on BouncyCastle's {@code
 * org.bouncycastle.math.ec.rfc8032.Ed25519} (signing about 15x and verifying about 4x faster than
 * the JDK's EdDSA, and never more permissive: see {@link
 * dev.proofofcompute.crypto.identity.Ed25519Verifier}): a {@link
 * dev.proofofcompute.crypto.identity.NodeIdentity} signs, an {@link
 * dev.proofofcompute.crypto.identity.Ed25519Verifier} checks, a {@link
 * dev.proofofcompute.crypto.identity.NodeId} is the SHA-256 of the raw public key, and {@link
 * dev.proofofcompute.crypto.identity.KeyFiles} stores keys as PKCS#8 and SPKI PEM files (RFC 7468,
 * RFC 8410) with owner-only permissions on the private key. Public keys are checked for canonical
 * encoding, curve membership and order L when they are parsed, so that a key value that exists is
 * one a signature can be checked against. No other class of the project calls an Ed25519
 * implementation.
 */
@NullMarked
package dev.proofofcompute.crypto.identity;

import org.jspecify.annotations.NullMarked;
