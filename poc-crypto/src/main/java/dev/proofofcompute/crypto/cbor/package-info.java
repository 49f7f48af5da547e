/**
 * Deterministic CBOR (RFC 8949 §4.2.1 "Core Deterministic Encoding Requirements"): the canonical
 * encoding of everything the project signs or hashes. {@link
 * dev.proofofcompute.crypto.cbor.CborValue} is the immutable value model, {@link
 * dev.proofofcompute.crypto.cbor.CborEncoder} writes the one deterministic encoding of a value, and
 * {@link dev.proofofcompute.crypto.cbor.CborDecoder} reads it back either strictly (rejecting every
 * non-deterministic form) or leniently (any well-formed CBOR, for third-party documents such as AWS
 * Nitro attestations), always within {@link dev.proofofcompute.crypto.cbor.CborLimits}. See
 * docs/encoding.md.
 */
@NullMarked
package dev.proofofcompute.crypto.cbor;

import org.jspecify.annotations.NullMarked;
