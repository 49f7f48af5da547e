package dev.proofofcompute.crypto.merkle;

import dev.proofofcompute.crypto.Digest;
import dev.proofofcompute.crypto.Hashes;
import dev.proofofcompute.crypto.VerificationException;
import java.security.MessageDigest;
import java.util.List;

/**
 * Checks Merkle proofs against trusted roots, failing closed: every method returns normally only
 * when the proof is valid and throws {@link VerificationException} with a reason otherwise
 * (including on any unexpected runtime error).
 *
 * <p>Algorithms: RFC 9162 §2.1.3.2 (inclusion) and §2.1.4.2 (consistency), both of which reject a
 * path that is too short or has unused trailing elements; the batch proof recomputes the root along
 * the walk described in {@link MultiProof}.
 *
 * <p>A root hash says nothing about the size of its tree, and an inclusion path for leaf i verifies
 * against every tree size whose tree has the same shape along that path. So the overloads that take
 * the trusted tree size (from a signed tree head, say) also check the size the proof claims; the
 * shorter overloads believe the proof's own size and prove only "this leaf is at this index under
 * this root".
 */
public final class MerkleVerifier {
  private MerkleVerifier() {}

  /**
   * Checks that {@code leafHash} is the leaf at {@code proof.leafIndex()} under {@code root},
   * believing the proof's own index and tree size.
   */
  public static void verifyInclusion(Digest leafHash, InclusionProof proof, Digest root)
      throws VerificationException {
    verifyInclusion(leafHash, proof.leafIndex(), proof.treeSize(), root, proof);
  }

  /**
   * Checks that {@code leafHash} is leaf {@code leafIndex} of the tree head ({@code treeSize},
   * {@code root}), and that {@code proof} is about exactly that index and size.
   */
  public static void verifyInclusion(
      Digest leafHash, long leafIndex, long treeSize, Digest root, InclusionProof proof)
      throws VerificationException {
    try {
      if (proof.leafIndex() != leafIndex || proof.treeSize() != treeSize) {
        throw new VerificationException(
            "inclusion proof is for leaf "
                + proof.leafIndex()
                + " of "
                + proof.treeSize()
                + ", expected leaf "
                + leafIndex
                + " of "
                + treeSize);
      }
      checkInclusion(leafHash, proof, root);
    } catch (RuntimeException e) {
      throw new VerificationException("inclusion proof: unexpected error " + e, e);
    }
  }

  /** Checks that the tree with {@code oldRoot} is a prefix of the one with {@code newRoot}. */
  public static void verifyConsistency(Digest oldRoot, Digest newRoot, ConsistencyProof proof)
      throws VerificationException {
    verifyConsistency(proof.oldSize(), oldRoot, proof.newSize(), newRoot, proof);
  }

  /** Checks consistency between the tree heads (oldSize, oldRoot) and (newSize, newRoot). */
  public static void verifyConsistency(
      long oldSize, Digest oldRoot, long newSize, Digest newRoot, ConsistencyProof proof)
      throws VerificationException {
    try {
      checkConsistency(oldSize, oldRoot, newSize, newRoot, proof);
    } catch (RuntimeException e) {
      throw new VerificationException("consistency proof: unexpected error " + e, e);
    }
  }

  /**
   * Checks that {@code leafHashes} are the leaves at {@code proof.indices()} (in that order) under
   * {@code root}, believing the proof's own indices and tree size.
   */
  public static void verifyMulti(List<Digest> leafHashes, MultiProof proof, Digest root)
      throws VerificationException {
    verifyMulti(proof.indices(), leafHashes, proof.treeSize(), root, proof);
  }

  /**
   * Checks that {@code leafHashes} are the leaves at {@code indices} of the tree head ({@code
   * treeSize}, {@code root}), and that {@code proof} is about exactly those indices and size.
   */
  public static void verifyMulti(
      List<Long> indices, List<Digest> leafHashes, long treeSize, Digest root, MultiProof proof)
      throws VerificationException {
    try {
      if (proof.treeSize() != treeSize || !proof.indices().equals(indices)) {
        throw new VerificationException(
            "multi-proof is for other indices or tree size (" + proof.treeSize() + ")");
      }
      checkMulti(leafHashes, proof, root);
    } catch (RuntimeException e) {
      throw new VerificationException("multi-proof: unexpected error " + e, e);
    }
  }

  private static void checkInclusion(Digest leafHash, InclusionProof proof, Digest root)
      throws VerificationException {
    long treeSize = proof.treeSize();
    long index = proof.leafIndex();
    if (index >= treeSize) {
      throw new VerificationException(
          "inclusion proof: leaf index " + index + " out of range for tree size " + treeSize);
    }
    // RFC 9162 §2.1.3.2.
    MessageDigest md = Hashes.sha256();
    long fn = index;
    long sn = treeSize - 1;
    Digest r = leafHash;
    List<Digest> path = proof.path();
    for (int i = 0; i < path.size(); i++) {
      if (sn == 0) {
        throw new VerificationException(
            "inclusion proof: path too long, "
                + (path.size() - i)
                + " unused hashes for leaf "
                + index
                + " of "
                + treeSize);
      }
      Digest p = path.get(i);
      if ((fn & 1) == 1 || fn == sn) {
        r = node(md, p, r);
        if ((fn & 1) == 0) {
          while ((fn & 1) == 0 && fn != 0) {
            fn >>= 1;
            sn >>= 1;
          }
        }
      } else {
        r = node(md, r, p);
      }
      fn >>= 1;
      sn >>= 1;
    }
    if (sn != 0) {
      throw new VerificationException(
          "inclusion proof: path too short ("
              + path.size()
              + " hashes) for leaf "
              + index
              + " of "
              + treeSize);
    }
    if (!r.equalsConstantTime(root)) {
      throw new VerificationException("inclusion proof: computed root differs from trusted root");
    }
  }

  private static void checkConsistency(
      long oldSize, Digest oldRoot, long newSize, Digest newRoot, ConsistencyProof proof)
      throws VerificationException {
    if (proof.oldSize() != oldSize || proof.newSize() != newSize) {
      throw new VerificationException(
          "consistency proof is for sizes "
              + proof.oldSize()
              + " -> "
              + proof.newSize()
              + ", expected "
              + oldSize
              + " -> "
              + newSize);
    }
    if (oldSize > newSize) {
      throw new VerificationException(
          "consistency proof: sizes inconsistent, old size " + oldSize + " > new size " + newSize);
    }
    List<Digest> path = proof.path();
    if (oldSize == 0 || oldSize == newSize) {
      if (!path.isEmpty()) {
        throw new VerificationException(
            "consistency proof: path must be empty for sizes " + oldSize + " -> " + newSize);
      }
      if (oldSize == 0 && !oldRoot.equalsConstantTime(MerkleHashes.EMPTY_ROOT)) {
        throw new VerificationException("consistency proof: old root is not the empty-tree root");
      }
      if (oldSize == newSize && !oldRoot.equalsConstantTime(newRoot)) {
        throw new VerificationException("consistency proof: equal sizes but different roots");
      }
      return;
    }
    // RFC 9162 §2.1.4.2, for 0 < oldSize < newSize.
    if (path.isEmpty()) {
      throw new VerificationException("consistency proof: empty path for growing tree");
    }
    MessageDigest md = Hashes.sha256();
    int next = 0;
    Digest fr;
    if (Long.bitCount(oldSize) == 1) {
      fr = oldRoot; // Step 2: the old tree is a complete subtree; prepend its root.
    } else {
      fr = path.get(next++);
    }
    Digest sr = fr;
    long fn = oldSize - 1;
    long sn = newSize - 1;
    while ((fn & 1) == 1) {
      fn >>= 1;
      sn >>= 1;
    }
    for (; next < path.size(); next++) {
      if (sn == 0) {
        throw new VerificationException(
            "consistency proof: path too long, " + (path.size() - next) + " unused hashes");
      }
      Digest c = path.get(next);
      if ((fn & 1) == 1 || fn == sn) {
        fr = node(md, c, fr);
        sr = node(md, c, sr);
        if ((fn & 1) == 0) {
          while ((fn & 1) == 0 && fn != 0) {
            fn >>= 1;
            sn >>= 1;
          }
        }
      } else {
        sr = node(md, sr, c);
      }
      fn >>= 1;
      sn >>= 1;
    }
    if (sn != 0) {
      throw new VerificationException(
          "consistency proof: path too short ("
              + path.size()
              + " hashes) for sizes "
              + oldSize
              + " -> "
              + newSize);
    }
    if (!fr.equalsConstantTime(oldRoot)) {
      throw new VerificationException("consistency proof: computed old root differs");
    }
    if (!sr.equalsConstantTime(newRoot)) {
      throw new VerificationException("consistency proof: computed new root differs");
    }
  }

  private static void checkMulti(List<Digest> leafHashes, MultiProof proof, Digest root)
      throws VerificationException {
    long treeSize = proof.treeSize();
    List<Long> indices = proof.indices();
    if (leafHashes.size() != indices.size()) {
      throw new VerificationException(
          "multi-proof: " + leafHashes.size() + " leaf hashes for " + indices.size() + " indices");
    }
    long last = indices.get(indices.size() - 1);
    if (last >= treeSize) {
      throw new VerificationException(
          "multi-proof: leaf index " + last + " out of range for tree size " + treeSize);
    }
    long[] idx = new long[indices.size()];
    for (int i = 0; i < idx.length; i++) {
      idx[i] = indices.get(i);
    }
    MultiWalk walk = new MultiWalk(idx, leafHashes, proof.hashes());
    Digest computed = walk.node(0, treeSize, 0, idx.length);
    if (walk.nextHash != proof.hashes().size()) {
      throw new VerificationException(
          "multi-proof: " + (proof.hashes().size() - walk.nextHash) + " unused hashes");
    }
    if (!computed.equalsConstantTime(root)) {
      throw new VerificationException("multi-proof: computed root differs from trusted root");
    }
  }

  /** The verifier's side of the walk that {@link MerkleTree#multiProof} makes. */
  private static final class MultiWalk {
    private final MessageDigest md = Hashes.sha256();
    private final long[] idx;
    private final List<Digest> leaves;
    private final List<Digest> hashes;
    private int nextHash;

    MultiWalk(long[] idx, List<Digest> leaves, List<Digest> hashes) {
      this.idx = idx;
      this.leaves = leaves;
      this.hashes = hashes;
    }

    /** MTH of leaves [start, start + n), where idx[lo, hi) are the proven indices inside it. */
    Digest node(long start, long n, int lo, int hi) throws VerificationException {
      if (lo == hi) {
        if (nextHash == hashes.size()) {
          throw new VerificationException(
              "multi-proof: too few hashes, ran out after " + hashes.size());
        }
        return hashes.get(nextHash++);
      }
      if (n == 1) {
        return leaves.get(lo);
      }
      long k = Long.highestOneBit(n - 1);
      int mid = lo;
      while (mid < hi && idx[mid] < start + k) {
        mid++;
      }
      Digest left = node(start, k, lo, mid);
      Digest right = node(start + k, n - k, mid, hi);
      return MerkleVerifier.node(md, left, right);
    }
  }

  private static Digest node(MessageDigest md, Digest left, Digest right) {
    md.update(MerkleHashes.NODE_PREFIX);
    left.updateInto(md);
    right.updateInto(md);
    return Hashes.finish(md);
  }
}
