package dev.proofofcompute.translog;

import dev.proofofcompute.crypto.Digest;
import dev.proofofcompute.crypto.merkle.MerkleHashes;
import java.util.ArrayList;
import java.util.List;

/**
 * The compact range {@code [0, size)} of an RFC 6962 log: the hashes of the perfect subtrees that
 * the set bits of {@code size} stand for, left (largest) to right. It is all the state needed to
 * append a leaf and to compute the current root, in O(log n) memory.
 *
 * <p>Appending is a binary increment: the new leaf is a subtree of level 0; while the rightmost
 * subtree has the same level, the two merge into {@code node(left, right)} one level up. Every
 * merge completes a perfect subtree, which is reported to a {@link NodeSink} so that the log can
 * store it; a log of n leaves stores about n such hashes in all (n/2 + n/4 + ...), and an append
 * costs one leaf hash plus one node hash amortised (log n at worst). The root folds the range from
 * the right, {@code node(P1, node(P2, ... Pk))}, which is the RFC's split at the largest power of
 * two. Idea after transparency-dev/merkle's compact ranges, written here from RFC 9162 §2.1.1.
 *
 * <p>Mutable and not thread-safe; {@link #copy()} to try an append without committing to it.
 */
public final class CompactRange {
  private long size;

  /** Hashes for the set bits of {@link #size}, highest level first. */
  private final ArrayList<Digest> hashes;

  private CompactRange(long size, List<Digest> hashes) {
    this.size = size;
    this.hashes = new ArrayList<>(hashes);
  }

  /** The range of the empty log. */
  public static CompactRange empty() {
    return new CompactRange(0, List.of());
  }

  /**
   * The range of a log of {@code size} leaves from the hashes of {@link TreeRanges#prefix}{@code
   * (size)}, in that order.
   *
   * @throws IllegalArgumentException when the number of hashes does not match the size
   */
  public static CompactRange of(long size, List<Digest> hashes) {
    if (size < 0) {
      throw new IllegalArgumentException("negative size " + size);
    }
    if (hashes.size() != Long.bitCount(size)) {
      throw new IllegalArgumentException(
          "a compact range of size "
              + size
              + " has "
              + Long.bitCount(size)
              + " hashes, got "
              + hashes.size());
    }
    return new CompactRange(size, hashes);
  }

  /** Receives the perfect subtrees of level 1 and above that an append completes. */
  @FunctionalInterface
  public interface NodeSink {
    void completed(NodeAddress address, Digest hash);
  }

  /** Appends a leaf by its leaf hash, reporting completed subtrees to {@code sink}. */
  public void append(Digest leafHash, NodeSink sink) {
    if (size == Long.MAX_VALUE) {
      throw new IllegalStateException("the log would exceed 2^63 - 1 leaves");
    }
    long index = size;
    Digest carry = leafHash;
    int level = 0;
    while ((size & (1L << level)) != 0) {
      Digest left = hashes.remove(hashes.size() - 1);
      carry = MerkleHashes.nodeHash(left, carry);
      level++;
      sink.completed(new NodeAddress(level, index >> level), carry);
    }
    hashes.add(carry);
    size++;
  }

  /** Appends a leaf by its leaf hash. */
  public void append(Digest leafHash) {
    append(leafHash, (address, hash) -> {});
  }

  public long size() {
    return size;
  }

  /** The hashes of the range, highest level first (the nodes of {@link TreeRanges#prefix}). */
  public List<Digest> hashes() {
    return List.copyOf(hashes);
  }

  /** The Merkle Tree Hash of the leaves so far; the empty-tree hash for size 0. */
  public Digest root() {
    return fold(hashes);
  }

  /** An independent copy. */
  public CompactRange copy() {
    return new CompactRange(size, hashes);
  }

  /**
   * The hash of a node made of the perfect subtrees {@code pieces} (largest first), as the RFC tree
   * builds it: {@code node(P1, node(P2, ... Pk))}; the empty-tree hash when there are none.
   */
  public static Digest fold(List<Digest> pieces) {
    if (pieces.isEmpty()) {
      return MerkleHashes.EMPTY_ROOT;
    }
    Digest acc = pieces.get(pieces.size() - 1);
    for (int i = pieces.size() - 2; i >= 0; i--) {
      acc = MerkleHashes.nodeHash(pieces.get(i), acc);
    }
    return acc;
  }
}
