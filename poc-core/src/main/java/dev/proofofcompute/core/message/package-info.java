/**
 * Signed node messages: every request a node sends is a canonical CBOR body signed with the node's
 * Ed25519 key, carrying a type, a timestamp and a nonce; the receiver checks the signature before
 * reading anything, then the type, the freshness and the nonce against replay.
 */
@NullMarked
package dev.proofofcompute.core.message;

import org.jspecify.annotations.NullMarked;
