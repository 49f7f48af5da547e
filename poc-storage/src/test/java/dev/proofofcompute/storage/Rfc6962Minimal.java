package dev.proofofcompute.storage;

import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayDeque;
import java.util.Arrays;
import java.util.Deque;
import java.util.List;
import org.jspecify.annotations.Nullable;

/**
 * A minimal verifier written from the text of RFC 6962 §2.1 alone, on raw byte arrays, sharing no
 * code with poc-crypto or poc-translog: it recomputes the roots the recursive definitions of §2.1.1
 * (audit paths) and §2.1.2 (consistency proofs) imply and compares them.
 *
 * <ul>
 *   <li>§2.1: MTH({d0}) = SHA-256(0x00 || d0); MTH(D[n]) = SHA-256(0x01 || MTH(D[0:k]) ||
 *       MTH(D[k:n])), k the largest power of two smaller than n.
 *   <li>§2.1.1: PATH(m, D[n]) = PATH(m, D[0:k]) : MTH(D[k:n]) for m &lt; k, PATH(m - k, D[k:n]) :
 *       MTH(D[0:k]) otherwise; PATH(0, {d0}) = {}. The last element is the sibling at the top.
 *   <li>§2.1.2: PROOF(m, D[n]) = SUBPROOF(m, D[n], true); SUBPROOF(m, D[m], true) = {}; SUBPROOF(m,
 *       D[m], false) = {MTH(D[m])}; for m &lt;= k SUBPROOF(m, D[0:k], b) : MTH(D[k:n]), else
 *       SUBPROOF(m - k, D[k:n], false) : MTH(D[0:k]).
 * </ul>
 */
final class Rfc6962Minimal {
  private Rfc6962Minimal() {}

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

  static byte[] leafHash(byte[] data) {
    return sha256(new byte[] {0}, data);
  }

  static byte[] nodeHash(byte[] left, byte[] right) {
    return sha256(new byte[] {1}, left, right);
  }

  private static long k(long n) {
    long k = 1;
    while (k << 1 < n) {
      k <<= 1;
    }
    return k;
  }

  /**
   * True when {@code path} is PATH(m, D[n]) for a leaf of hash {@code leaf} and root {@code root}.
   */
  static boolean inclusion(long m, long n, byte[] leaf, List<byte[]> path, byte[] root) {
    if (m < 0 || m >= n) {
      return false;
    }
    Deque<byte[]> rest = new ArrayDeque<>(path);
    byte[] computed = rootFromPath(m, n, leaf, rest);
    return computed != null && rest.isEmpty() && Arrays.equals(computed, root);
  }

  /** MTH(D[n]) from the leaf and PATH(m, D[n]), taking the path's elements from its end. */
  private static byte @Nullable [] rootFromPath(long m, long n, byte[] leaf, Deque<byte[]> path) {
    if (n == 1) {
      return leaf;
    }
    if (path.isEmpty()) {
      return null;
    }
    byte[] top = path.removeLast();
    long k = k(n);
    if (m < k) {
      byte[] left = rootFromPath(m, k, leaf, path);
      return left == null ? null : nodeHash(left, top);
    }
    byte[] right = rootFromPath(m - k, n - k, leaf, path);
    return right == null ? null : nodeHash(top, right);
  }

  /**
   * True when {@code proof} is PROOF(m, D[n]) between the roots {@code oldRoot} and {@code
   * newRoot}.
   */
  static boolean consistency(long m, long n, byte[] oldRoot, byte[] newRoot, List<byte[]> proof) {
    if (m < 0 || m > n) {
      return false;
    }
    if (m == 0 || m == n) {
      return proof.isEmpty() && (m == 0 || Arrays.equals(oldRoot, newRoot));
    }
    Deque<byte[]> rest = new ArrayDeque<>(proof);
    Roots roots = subproof(m, n, true, oldRoot, rest);
    return roots != null
        && rest.isEmpty()
        && Arrays.equals(roots.old(), oldRoot)
        && Arrays.equals(roots.now(), newRoot);
  }

  /**
   * MTH of the old tree's part and of the whole subtree (arrays: this verifier works on raw bytes).
   */
  private static final class Roots {
    private final byte[] old;
    private final byte[] now;

    Roots(byte[] old, byte[] now) {
      this.old = old;
      this.now = now;
    }

    byte[] old() {
      return old;
    }

    byte[] now() {
      return now;
    }
  }

  /**
   * For SUBPROOF(m, D[n], b) read from the end of {@code proof}: {MTH(D[0:m]), MTH(D[n])} of this
   * subtree, where D[0:m] is the part of the old tree inside it.
   */
  private static @Nullable Roots subproof(
      long m, long n, boolean b, byte[] oldRoot, Deque<byte[]> proof) {
    if (m == n) {
      if (b) {
        return new Roots(oldRoot, oldRoot);
      }
      if (proof.isEmpty()) {
        return null;
      }
      byte[] h = proof.removeLast();
      return new Roots(h, h);
    }
    if (proof.isEmpty()) {
      return null;
    }
    byte[] top = proof.removeLast();
    long k = k(n);
    if (m <= k) {
      Roots left = subproof(m, k, b, oldRoot, proof);
      return left == null ? null : new Roots(left.old(), nodeHash(left.now(), top));
    }
    Roots right = subproof(m - k, n - k, false, oldRoot, proof);
    return right == null ? null : new Roots(nodeHash(top, right.old()), nodeHash(top, right.now()));
  }
}
