/**
 * RFC 6962 / RFC 9162 Merkle trees over SHA-256: leaf hash {@code H(0x00 || d)}, node hash {@code
 * H(0x01 || l || r)}, the tree split at the largest power of two below the size. An in-memory
 * {@link dev.proofofcompute.crypto.merkle.MerkleTree} generates inclusion, consistency and batch
 * (multi-leaf) proofs; a {@link dev.proofofcompute.crypto.merkle.StreamingMerkleBuilder} commits to
 * a stream of leaves in O(log n) memory; {@link dev.proofofcompute.crypto.merkle.MerkleVerifier}
 * checks proofs and fails closed. The layout of the proofs is described in {@code docs/merkle.md}.
 */
@NullMarked
package dev.proofofcompute.crypto.merkle;

import org.jspecify.annotations.NullMarked;
