package dev.proofofcompute.translog;

/**
 * A perfect subtree of the log: the {@code 2^level} leaves {@code [index * 2^level, (index + 1) *
 * 2^level)}. Level 0 is a single leaf. Every node of the RFC 6962 tree is either such a subtree or
 * lies on the right edge of the tree and is made of a few of them ({@link TreeRanges}).
 */
public record NodeAddress(int level, long index) {
  /** Highest level a log of fewer than 2^63 leaves can hold. */
  public static final int MAX_LEVEL = 62;

  public NodeAddress {
    if (level < 0 || level > MAX_LEVEL) {
      throw new IllegalArgumentException("node level " + level + " outside 0.." + MAX_LEVEL);
    }
    if (index < 0 || index > (Long.MAX_VALUE >> level) - 1) {
      throw new IllegalArgumentException("node index " + index + " out of range at level " + level);
    }
  }

  /** The first leaf under this node. */
  public long firstLeaf() {
    return index << level;
  }

  /** One past the last leaf under this node. */
  public long endLeaf() {
    return (index + 1) << level;
  }
}
