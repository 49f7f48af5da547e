/**
 * The cryptographic core: {@link dev.proofofcompute.crypto.Digest} and {@link
 * dev.proofofcompute.crypto.Bytes} values and domain-separated SHA-256 hashing. Sub-packages hold
 * the RFC 6962 Merkle trees, Ed25519 identities, canonical CBOR, Fiat–Shamir transcripts, money and
 * injectable time and randomness. Pure: no I/O apart from key files, no threads, no wall clock.
 */
@NullMarked
package dev.proofofcompute.crypto;

import org.jspecify.annotations.NullMarked;
