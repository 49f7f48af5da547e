package dev.proofofcompute.translog;

import java.util.ArrayList;
import java.util.List;

/**
 * The shape of the RFC 9162 §2.1.1 Merkle tree, as leaf ranges, without any hashing: which nodes an
 * inclusion proof (§2.1.3.1) or a consistency proof (§2.1.4.1) consists of, and which stored
 * perfect subtrees make up each of those nodes.
 *
 * <p>Every node of the tree of size n covers a leaf range {@code [start, end)} where {@code start}
 * is a multiple of the largest power of two not above {@code end - start} (the RFC splits at the
 * largest power of two smaller than the size, so left children are always perfect and aligned). A
 * node is therefore perfect, or it lies on the right edge of the tree ({@code end = n}), and then
 * its hash is the fold of the perfect subtrees of the binary decomposition of {@code end - start},
 * largest first: {@code MTH = node(P1, node(P2, ... Pk))}. This is the compact range of
 * transparency-dev/merkle ({@code docs/compact_ranges.md}), here written from the RFC's definition.
 * An inclusion proof has at most one right-edge node, a consistency proof at most one as well, so a
 * proof reads O(log n) stored hashes.
 */
public final class TreeRanges {
  private TreeRanges() {}

  /** A leaf range {@code [start, end)} of the tree. */
  public record Range(long start, long end) {
    public Range {
      if (start < 0 || end <= start) {
        throw new IllegalArgumentException("empty or negative range [" + start + ", " + end + ")");
      }
    }

    public long size() {
      return end - start;
    }

    /** Whether this range is one perfect, aligned subtree. */
    public boolean isPerfect() {
      long n = size();
      return Long.bitCount(n) == 1 && start % n == 0;
    }
  }

  /**
   * The siblings on the path of leaf {@code index} in the tree of {@code treeSize} leaves, in the
   * order of the RFC's audit path: the leaf's sibling first, the root's child last.
   */
  public static List<Range> inclusionPath(long index, long treeSize) {
    checkIndex(index, treeSize);
    List<Range> path = new ArrayList<>();
    long start = 0;
    long n = treeSize;
    while (n > 1) {
      long k = Long.highestOneBit(n - 1);
      if (index < start + k) {
        path.add(new Range(start + k, start + n));
        n = k;
      } else {
        path.add(new Range(start, start + k));
        start += k;
        n -= k;
      }
    }
    return reversed(path);
  }

  /**
   * The nodes of the RFC 9162 §2.1.4.1 consistency proof from {@code oldSize} to {@code newSize},
   * in the RFC's order (deepest first). Empty when {@code oldSize} is 0 or equals {@code newSize}.
   */
  public static List<Range> consistencyPath(long oldSize, long newSize) {
    if (oldSize < 0 || oldSize > newSize) {
      throw new IllegalArgumentException("old size " + oldSize + " outside 0.." + newSize);
    }
    List<Range> path = new ArrayList<>();
    if (oldSize == 0 || oldSize == newSize) {
      return path;
    }
    long m = oldSize;
    long start = 0;
    long n = newSize;
    boolean complete = true; // SUBPROOF's flag b: the old tree is this whole subtree
    while (m != n) {
      long k = Long.highestOneBit(n - 1);
      if (m <= k) {
        path.add(new Range(start + k, start + n));
        n = k;
      } else {
        path.add(new Range(start, start + k));
        m -= k;
        start += k;
        n -= k;
        complete = false;
      }
    }
    if (!complete) {
      path.add(new Range(start, start + n));
    }
    return reversed(path);
  }

  /**
   * The perfect subtrees that make up the node {@code range}, largest (leftmost) first.
   *
   * @throws IllegalArgumentException when {@code range} is not a node shape (its start is not
   *     aligned to its largest piece)
   */
  public static List<NodeAddress> pieces(Range range) {
    List<NodeAddress> out = new ArrayList<>();
    long size = range.size();
    long position = range.start();
    for (int level = 63 - Long.numberOfLeadingZeros(size); level >= 0; level--) {
      long width = 1L << level;
      if ((size & width) != 0) {
        if (position % width != 0) {
          throw new IllegalArgumentException("range " + range + " is not a node of an RFC tree");
        }
        out.add(new NodeAddress(level, position >> level));
        position += width;
      }
    }
    return out;
  }

  /** The compact range of {@code [0, size)}: the perfect subtrees for the set bits of size. */
  public static List<NodeAddress> prefix(long size) {
    if (size < 0) {
      throw new IllegalArgumentException("negative size " + size);
    }
    return size == 0 ? List.of() : pieces(new Range(0, size));
  }

  private static void checkIndex(long index, long treeSize) {
    if (index < 0 || index >= treeSize) {
      throw new IllegalArgumentException(
          "leaf index " + index + " outside 0.." + (treeSize - 1) + " of a tree of " + treeSize);
    }
  }

  private static <T> List<T> reversed(List<T> list) {
    List<T> out = new ArrayList<>(list.size());
    for (int i = list.size() - 1; i >= 0; i--) {
      out.add(list.get(i));
    }
    return out;
  }
}
