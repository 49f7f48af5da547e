package dev.proofofcompute.crypto.merkle;

import dev.proofofcompute.crypto.Bytes;
import dev.proofofcompute.crypto.Digest;
import dev.proofofcompute.crypto.Hashes;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/**
 * An immutable in-memory Merkle tree as defined by RFC 9162 §2.1.1 (the Merkle Tree Hash MTH: split
 * at the largest power of two smaller than n), with the proof generation algorithms of RFC 9162
 * §2.1.3.1 (inclusion), §2.1.4.1 (consistency) and a batch proof (see {@link MultiProof}).
 *
 * <p>Design: the tree keeps, for every height h, the hashes of the complete aligned subtrees of 2^h
 * leaves ({@code levels[h]}, about 2n hashes in all). Every node of the RFC tree is either such a
 * subtree or lies on the right edge of one, so any node hash is found in O(log n) node hashes and a
 * proof in O(log² n). The right-edge nodes are not stored because they change with every prefix;
 * {@link #root(int)} of any prefix comes out of the same levels.
 */
public final class MerkleTree {
  private final int size;

  /** {@code levels[h]} holds the {@code size >> h} complete subtree hashes of height h, 32 each. */
  private final byte[][] levels;

  /**
   * {@code edge[j]}, when not null, is the incomplete right-edge node covering the last {@code size
   * mod 2^j} leaves: present when that count has exactly j bits and at least two of them set (so
   * the root itself is {@code edge[bit length of size]} unless size is a power of two).
   */
  private final byte[][] edge = new byte[32][];

  private MerkleTree(byte[] leafHashes, int size) {
    this.size = size;
    int height = size <= 1 ? 1 : 33 - Integer.numberOfLeadingZeros(size - 1);
    List<byte[]> built = new ArrayList<>(height);
    built.add(leafHashes);
    MessageDigest md = Hashes.sha256();
    for (int count = size >> 1; count > 0; count >>= 1) {
      byte[] below = built.get(built.size() - 1);
      byte[] level = new byte[count * Digest.LENGTH];
      for (int i = 0; i < count; i++) {
        MerkleHashes.node(
            md,
            below,
            2 * i * Digest.LENGTH,
            below,
            (2 * i + 1) * Digest.LENGTH,
            level,
            i * Digest.LENGTH);
      }
      built.add(level);
    }
    this.levels = built.toArray(new byte[0][]);
    for (int j = 2; j < 32; j++) {
      int n = size & ((1 << j) - 1);
      if (Integer.bitCount(n) >= 2 && (size & (1 << (j - 1))) != 0) {
        byte[] out = new byte[Digest.LENGTH];
        subtreeInto(md, size - n, n, out);
        edge[j] = out;
      }
    }
  }

  /** The tree whose leaves are {@code leaves}, hashed as RFC 6962 leaves. */
  public static MerkleTree ofLeaves(List<Bytes> leaves) {
    byte[] hashes = new byte[Math.multiplyExact(leaves.size(), Digest.LENGTH)];
    for (int i = 0; i < leaves.size(); i++) {
      MerkleHashes.leafHash(leaves.get(i)).copyTo(hashes, i * Digest.LENGTH);
    }
    return new MerkleTree(hashes, leaves.size());
  }

  /** The tree whose leaf hashes (already {@code SHA-256(0x00 || d)}) are {@code leafHashes}. */
  public static MerkleTree ofLeafHashes(List<Digest> leafHashes) {
    byte[] hashes = new byte[Math.multiplyExact(leafHashes.size(), Digest.LENGTH)];
    for (int i = 0; i < leafHashes.size(); i++) {
      leafHashes.get(i).copyTo(hashes, i * Digest.LENGTH);
    }
    return new MerkleTree(hashes, leafHashes.size());
  }

  public int size() {
    return size;
  }

  /** MTH of all leaves; {@link MerkleHashes#EMPTY_ROOT} for the empty tree. */
  public Digest root() {
    return root(size);
  }

  /** MTH of the first {@code prefixSize} leaves: the root this tree had at that size. */
  public Digest root(int prefixSize) {
    if (prefixSize < 0 || prefixSize > size) {
      throw new IllegalArgumentException(
          "prefix size " + prefixSize + " outside 0.." + size + " for this tree");
    }
    if (prefixSize == 0) {
      return MerkleHashes.EMPTY_ROOT;
    }
    return subtree(Hashes.sha256(), 0, prefixSize);
  }

  public Digest leafHash(int index) {
    checkIndex(index);
    return Digest.of(levels[0], index * Digest.LENGTH);
  }

  /** The RFC 9162 §2.1.3.1 audit path of leaf {@code index}, leaf side first. */
  public InclusionProof inclusionProof(int index) {
    checkIndex(index);
    MessageDigest md = Hashes.sha256();
    List<Digest> path = new ArrayList<>();
    int start = 0;
    int n = size;
    while (n > 1) {
      int k = Integer.highestOneBit(n - 1);
      if (index < start + k) {
        path.add(subtree(md, start + k, n - k));
        n = k;
      } else {
        path.add(subtree(md, start, k));
        start += k;
        n -= k;
      }
    }
    Collections.reverse(path);
    return new InclusionProof(index, size, path);
  }

  /**
   * The RFC 9162 §2.1.4.1 proof that the first {@code oldSize} leaves are a prefix of this tree.
   * Empty when {@code oldSize} is 0 or the full size.
   */
  public ConsistencyProof consistencyProof(int oldSize) {
    if (oldSize < 0 || oldSize > size) {
      throw new IllegalArgumentException("old size " + oldSize + " outside 0.." + size);
    }
    List<Digest> path = new ArrayList<>();
    if (oldSize > 0 && oldSize < size) {
      MessageDigest md = Hashes.sha256();
      int m = oldSize;
      int start = 0;
      int n = size;
      boolean complete = true; // SUBPROOF's flag b: is the old tree this whole subtree?
      while (m != n) {
        int k = Integer.highestOneBit(n - 1);
        if (m <= k) {
          path.add(subtree(md, start + k, n - k));
          n = k;
        } else {
          path.add(subtree(md, start, k));
          m -= k;
          start += k;
          n -= k;
          complete = false;
        }
      }
      if (!complete) {
        path.add(subtree(md, start, n));
      }
      Collections.reverse(path);
    }
    return new ConsistencyProof(oldSize, size, path);
  }

  /**
   * A batch proof for the leaves at {@code indices} (strictly increasing, each below {@link
   * #size()}), laid out as described in {@link MultiProof}.
   */
  public MultiProof multiProof(List<Long> indices) {
    if (indices.isEmpty()) {
      throw new IllegalArgumentException("a multi-proof opens at least one leaf");
    }
    long[] idx = new long[indices.size()];
    for (int i = 0; i < idx.length; i++) {
      idx[i] = indices.get(i);
      if (idx[i] < 0 || idx[i] >= size || (i > 0 && idx[i] <= idx[i - 1])) {
        throw new IllegalArgumentException(
            "indices must be strictly increasing and below " + size + ": " + indices);
      }
    }
    List<Digest> hashes = new ArrayList<>();
    collectMulti(Hashes.sha256(), 0, size, idx, 0, idx.length, hashes);
    return new MultiProof(size, indices, hashes);
  }

  /** Emits the hashes of the index-free maximal subtrees of [start, start+n), left to right. */
  private void collectMulti(
      MessageDigest md, int start, int n, long[] idx, int lo, int hi, List<Digest> out) {
    if (lo == hi) {
      out.add(subtree(md, start, n));
      return;
    }
    if (n == 1) {
      return;
    }
    int k = Integer.highestOneBit(n - 1);
    int mid = lo;
    while (mid < hi && idx[mid] < start + k) {
      mid++;
    }
    collectMulti(md, start, k, idx, lo, mid, out);
    collectMulti(md, start + k, n - k, idx, mid, hi, out);
  }

  /**
   * MTH(D[start : start + n]) for a node of the RFC tree (start is a multiple of the largest power
   * of two not above n). Complete subtrees are looked up; a right-edge node is recombined.
   */
  private Digest subtree(MessageDigest md, int start, int n) {
    byte[] out = new byte[Digest.LENGTH];
    subtreeInto(md, start, n, out);
    return Digest.of(out);
  }

  private void subtreeInto(MessageDigest md, int start, int n, byte[] out) {
    if (Integer.bitCount(n) == 1) {
      int h = Integer.numberOfTrailingZeros(n);
      System.arraycopy(levels[h], (start >> h) * Digest.LENGTH, out, 0, Digest.LENGTH);
      return;
    }
    if (start + n == size) {
      byte[] cached = edge[32 - Integer.numberOfLeadingZeros(n)];
      if (cached != null) {
        System.arraycopy(cached, 0, out, 0, Digest.LENGTH);
        return;
      }
    }
    int k = Integer.highestOneBit(n - 1);
    byte[] right = new byte[Digest.LENGTH];
    subtreeInto(md, start + k, n - k, right);
    int h = Integer.numberOfTrailingZeros(k);
    MerkleHashes.node(md, levels[h], (start >> h) * Digest.LENGTH, right, 0, out, 0);
  }

  private void checkIndex(int index) {
    if (index < 0 || index >= size) {
      throw new IndexOutOfBoundsException("leaf index " + index + " outside 0.." + (size - 1));
    }
  }
}
