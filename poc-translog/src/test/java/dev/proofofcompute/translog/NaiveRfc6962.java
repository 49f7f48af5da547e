package dev.proofofcompute.translog;

import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/**
 * A minimal, deliberately naive RFC 6962 implementation written from the text of RFC 6962 §2.1
 * alone, on raw byte arrays, sharing no code with poc-crypto or poc-translog: the Merkle Tree Hash
 * (§2.1), the audit path PATH (§2.1.1), the consistency proof PROOF / SUBPROOF (§2.1.2), and
 * verifiers that invert those recursive definitions. Every call recomputes from the leaves.
 */
final class NaiveRfc6962 {
  private NaiveRfc6962() {}

  static byte[] sha256(byte[]... parts) {
    try {
      MessageDigest md = MessageDigest.getInstance("SHA-256");
      for (byte[] p : parts) {
        md.update(p);
      }
      return md.digest();
    } catch (NoSuchAlgorithmException e) {
      throw new AssertionError(e);
    }
  }

  /** "MTH({d(0)}) = SHA-256(0x00 || d(0))". */
  static byte[] leafHash(byte[] entry) {
    return sha256(new byte[] {0}, entry);
  }

  static byte[] nodeHash(byte[] left, byte[] right) {
    return sha256(new byte[] {1}, left, right);
  }

  /** "k is the largest power of two smaller than n (i.e., k < n <= 2k)". */
  static int split(int n) {
    int k = 1;
    while (k * 2 < n) {
      k *= 2;
    }
    return k;
  }

  /**
   * Subtree hashes already computed, by (leaf list, from, to): the definition is evaluated as
   * written, only not twice for the same range (the every-size test asks for ~10^5 paths).
   */
  private static final IdentityHashMap<List<byte[]>, Map<Long, byte[]>> MEMO =
      new IdentityHashMap<>();

  /** MTH(D[from:to]) over leaf hashes. */
  static synchronized byte[] mth(List<byte[]> leafHashes, int from, int to) {
    Map<Long, byte[]> memo = MEMO.computeIfAbsent(leafHashes, l -> new HashMap<>());
    long key = ((long) from << 32) | to;
    byte[] known = memo.get(key);
    if (known != null) {
      return known;
    }
    byte[] computed = mthUncached(leafHashes, from, to);
    memo.put(key, computed);
    return computed;
  }

  /** Forgets the subtree hashes of {@code leafHashes}. */
  static synchronized void forget(List<byte[]> leafHashes) {
    MEMO.remove(leafHashes);
  }

  private static byte[] mthUncached(List<byte[]> leafHashes, int from, int to) {
    int n = to - from;
    if (n == 0) {
      return sha256();
    }
    if (n == 1) {
      return leafHashes.get(from);
    }
    int k = split(n);
    return nodeHash(mth(leafHashes, from, from + k), mth(leafHashes, from + k, to));
  }

  /** PATH(m, D[from:to]). */
  static List<byte[]> path(int m, List<byte[]> leafHashes, int from, int to) {
    int n = to - from;
    List<byte[]> out = new ArrayList<>();
    if (n == 1) {
      return out;
    }
    int k = split(n);
    if (m < k) {
      out.addAll(path(m, leafHashes, from, from + k));
      out.add(mth(leafHashes, from + k, to));
    } else {
      out.addAll(path(m - k, leafHashes, from + k, to));
      out.add(mth(leafHashes, from, from + k));
    }
    return out;
  }

  /** PROOF(m, D[n]) = SUBPROOF(m, D[n], true). */
  static List<byte[]> proof(int m, List<byte[]> leafHashes, int n) {
    return subproof(m, leafHashes, 0, n, true);
  }

  private static List<byte[]> subproof(int m, List<byte[]> d, int from, int to, boolean b) {
    int n = to - from;
    List<byte[]> out = new ArrayList<>();
    if (m == n) {
      if (!b) {
        out.add(mth(d, from, to));
      }
      return out;
    }
    int k = split(n);
    if (m <= k) {
      out.addAll(subproof(m, d, from, from + k, b));
      out.add(mth(d, from + k, to));
    } else {
      out.addAll(subproof(m - k, d, from + k, to, false));
      out.add(mth(d, from, from + k));
    }
    return out;
  }

  /**
   * Verifies an audit path by inverting PATH: the last element is the sibling at the top, and leaf
   * m goes left or right of the split as the definition says.
   */
  static boolean verifyInclusion(byte[] leaf, int m, int n, List<byte[]> path, byte[] root) {
    if (m < 0 || m >= n) {
      return false;
    }
    int[] next = {path.size() - 1};
    byte[] computed = rebuildPath(leaf, m, n, path, next);
    return computed != null && next[0] == -1 && Arrays.equals(computed, root);
  }

  private static byte @Nullable [] rebuildPath(
      byte[] leaf, int m, int n, List<byte[]> path, int[] next) {
    if (n == 1) {
      return leaf;
    }
    if (next[0] < 0) {
      return null;
    }
    byte[] sibling = path.get(next[0]--);
    int k = split(n);
    if (m < k) {
      byte[] left = rebuildPath(leaf, m, k, path, next);
      return left == null ? null : nodeHash(left, sibling);
    }
    byte[] right = rebuildPath(leaf, m - k, n - k, path, next);
    return right == null ? null : nodeHash(sibling, right);
  }

  /**
   * Verifies a consistency proof by inverting SUBPROOF: walking the same recursion from the outside
   * in, each level's last element is the sibling subtree; it rebuilds the hash the subtree had in
   * the old tree and in the new one.
   */
  static boolean verifyConsistency(
      int m, byte[] oldRoot, int n, byte[] newRoot, List<byte[]> proof) {
    if (m < 0 || m > n) {
      return false;
    }
    if (m == 0 || m == n) {
      return proof.isEmpty() && (m != n || Arrays.equals(oldRoot, newRoot));
    }
    int[] next = {proof.size() - 1};
    byte[][] rebuilt = rebuildSub(m, n, true, oldRoot, proof, next);
    return rebuilt != null
        && next[0] == -1
        && Arrays.equals(rebuilt[0], oldRoot)
        && Arrays.equals(rebuilt[1], newRoot);
  }

  /** {old hash, new hash} of the subtree of size n whose first m leaves were in the old tree. */
  private static byte @Nullable [][] rebuildSub(
      int m, int n, boolean b, byte[] oldRoot, List<byte[]> proof, int[] next) {
    if (m == n) {
      if (b) {
        return new byte[][] {oldRoot, oldRoot};
      }
      if (next[0] < 0) {
        return null;
      }
      byte[] node = proof.get(next[0]--);
      return new byte[][] {node, node};
    }
    if (next[0] < 0) {
      return null;
    }
    byte[] sibling = proof.get(next[0]--);
    int k = split(n);
    if (m <= k) {
      byte[][] inner = rebuildSub(m, k, b, oldRoot, proof, next);
      return inner == null ? null : new byte[][] {inner[0], nodeHash(inner[1], sibling)};
    }
    byte[][] inner = rebuildSub(m - k, n - k, false, oldRoot, proof, next);
    return inner == null
        ? null
        : new byte[][] {nodeHash(sibling, inner[0]), nodeHash(sibling, inner[1])};
  }
}
