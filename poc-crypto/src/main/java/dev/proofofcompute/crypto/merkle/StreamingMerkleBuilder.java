package dev.proofofcompute.crypto.merkle;

import dev.proofofcompute.crypto.Bytes;
import dev.proofofcompute.crypto.Digest;
import dev.proofofcompute.crypto.Hashes;
import java.security.MessageDigest;
import java.util.Objects;

/**
 * Computes the RFC 9162 §2.1.1 Merkle Tree Hash of a stream of leaves in O(log n) memory.
 *
 * <p>Design: the state is the right frontier of the tree (a "compact range" over [0, n), see
 * transparency-dev/merkle {@code docs/compact_ranges.md}): for every set bit h of the leaf count n
 * the hash of the complete subtree of 2^h leaves that bit stands for, left to right from high bits
 * to low. Adding a leaf is a binary increment: the carry merges equal-height subtrees with {@code
 * node(left, right)}. The root folds the frontier from the lowest bit up, {@code node(higher,
 * acc)}, which is exactly the RFC's split at the largest power of two, without changing the state.
 *
 * <p>The hot path allocates nothing: one {@link MessageDigest} is reused, hashes live in
 * preallocated 32-byte arrays whose references are swapped instead of copied. Not thread-safe; use
 * one builder per thread (see {@link MerkleRoots#parallel}).
 */
public final class StreamingMerkleBuilder {
  private static final int MAX_HEIGHT = 64;

  private final MessageDigest md = Hashes.sha256();

  /**
   * {@code frontier[h]} is the complete subtree of height h when bit h of {@link #count} is set.
   */
  private final byte[][] frontier = new byte[MAX_HEIGHT][];

  private byte[] carry = new byte[Digest.LENGTH];
  private long count;

  public StreamingMerkleBuilder() {
    for (int h = 0; h < MAX_HEIGHT; h++) {
      frontier[h] = new byte[Digest.LENGTH];
    }
  }

  /** Appends a leaf with content {@code buffer[offset, offset + length)}. */
  public void add(byte[] buffer, int offset, int length) {
    Objects.checkFromIndexSize(offset, length, buffer.length);
    MerkleHashes.leaf(md, buffer, offset, length, carry, 0);
    push(0);
  }

  /** Appends a leaf with content {@code data}. */
  public void add(Bytes data) {
    md.update(MerkleHashes.LEAF_PREFIX);
    data.writeTo(md::update);
    MerkleHashes.finishInto(md, carry, 0);
    push(0);
  }

  /** Appends a leaf whose leaf hash ({@code SHA-256(0x00 || d)}) is already known. */
  public void addLeafHash(Digest leafHash) {
    leafHash.copyTo(carry, 0);
    push(0);
  }

  /**
   * Appends a complete subtree of 2^height leaves given by its hash. Allowed only while the leaf
   * count is a multiple of 2^height, so that the subtree is aligned as the RFC tree requires.
   */
  public void addSubtree(Digest hash, int height) {
    if (height < 0 || height >= MAX_HEIGHT - 1) {
      throw new IllegalArgumentException("subtree height " + height + " outside 0..62");
    }
    if ((count & ((1L << height) - 1)) != 0) {
      throw new IllegalStateException(
          "a subtree of height " + height + " cannot start at leaf " + count);
    }
    if (count > Long.MAX_VALUE - (1L << height)) {
      throw new IllegalStateException("the tree would exceed 2^63 - 1 leaves");
    }
    hash.copyTo(carry, 0);
    push(height);
  }

  /** Appends every leaf of {@code other}, in order, as if they had been added here one by one. */
  public void addAll(StreamingMerkleBuilder other) {
    long n = other.count;
    for (int h = MAX_HEIGHT - 1; h >= 0; h--) {
      if ((n & (1L << h)) != 0) {
        addSubtree(Digest.of(other.frontier[h]), h);
      }
    }
  }

  /** The number of leaves added so far. */
  public long size() {
    return count;
  }

  /** MTH of the leaves added so far; the builder stays usable. */
  public Digest root() {
    if (count == 0) {
      return MerkleHashes.EMPTY_ROOT;
    }
    int h = Long.numberOfTrailingZeros(count);
    byte[] acc = frontier[h].clone();
    for (h++; h < MAX_HEIGHT; h++) {
      if ((count & (1L << h)) != 0) {
        MerkleHashes.node(md, frontier[h], 0, acc, 0, acc, 0);
      }
    }
    return Digest.of(acc);
  }

  /** Merges {@link #carry}, a complete subtree of the given height, into the frontier. */
  private void push(int height) {
    if (count == Long.MAX_VALUE) {
      throw new IllegalStateException("the tree would exceed 2^63 - 1 leaves");
    }
    int h = height;
    while ((count & (1L << h)) != 0) {
      MerkleHashes.node(md, frontier[h], 0, carry, 0, carry, 0);
      h++;
    }
    byte[] free = frontier[h];
    frontier[h] = carry;
    carry = free;
    count += 1L << height;
  }
}
