package dev.proofofcompute.stark;

import dev.proofofcompute.crypto.Digest;
import dev.proofofcompute.crypto.Hashes;
import dev.proofofcompute.crypto.VerificationException;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.ForkJoinPool;
import org.jspecify.annotations.Nullable;

/**
 * A binary Merkle vector commitment to rows of field elements, with batch openings.
 *
 * <p>Design: a leaf is {@code SHA-256(0x00 || row)} with the row's elements as big-endian 64-bit
 * words, an inner node is {@code SHA-256(0x01 || left || right)} (the RFC 6962 Section 2.1
 * prefixes, so leaves and nodes never collide). The leaf count is a power of two; nodes are stored
 * in heap order (root at 1, children of {@code i} at {@code 2i, 2i+1}). A batch opening of a sorted
 * set of leaves sends, level by level, only the siblings the verifier cannot compute from the
 * opened leaves themselves (the "multiproof" or "octopus" opening, as in Winterfell's {@code
 * BatchMerkleProof} and Ben-Sasson et al., "Aurora", EUROCRYPT 2019, on pruning authentication
 * paths).
 */
final class MerkleTree {
  /** Supplies row {@code index} into {@code out}. */
  @FunctionalInterface
  interface RowSource {
    void row(int index, long[] out);
  }

  private final byte[] nodes;
  private final int leafCount;

  private MerkleTree(byte[] nodes, int leafCount) {
    this.nodes = nodes;
    this.leafCount = leafCount;
  }

  static MerkleTree commit(int leafCount, int width, RowSource rows, @Nullable ForkJoinPool pool) {
    if (leafCount < 1 || Integer.bitCount(leafCount) != 1) {
      throw new IllegalArgumentException("leaf count must be a power of two, got " + leafCount);
    }
    byte[] nodes = new byte[2 * leafCount * Digest.LENGTH];
    Parallel.range(
        pool,
        leafCount,
        1024,
        (from, to) -> {
          MessageDigest md = Hashes.sha256();
          long[] row = new long[width];
          byte[] buf = new byte[1 + 8 * width];
          for (int i = from; i < to; i++) {
            rows.row(i, row);
            hashLeaf(md, row, buf, nodes, (leafCount + i) * Digest.LENGTH);
          }
        });
    for (int level = leafCount / 2; level >= 1; level /= 2) {
      int start = level;
      Parallel.range(
          pool,
          level,
          1024,
          (from, to) -> {
            MessageDigest md = Hashes.sha256();
            for (int i = start + from; i < start + to; i++) {
              md.update((byte) 1);
              md.update(nodes, 2 * i * Digest.LENGTH, 2 * Digest.LENGTH);
              digestInto(md, nodes, i * Digest.LENGTH);
            }
          });
    }
    return new MerkleTree(nodes, leafCount);
  }

  Digest root() {
    return Digest.of(nodes, Digest.LENGTH);
  }

  /**
   * The sibling nodes a verifier needs for the leaves {@code sortedIndices} (ascending, unique).
   */
  List<Digest> open(int[] sortedIndices) {
    checkSorted(sortedIndices, leafCount);
    List<Digest> proof = new ArrayList<>();
    int[] level = new int[sortedIndices.length];
    for (int i = 0; i < level.length; i++) {
      level[i] = leafCount + sortedIndices[i];
    }
    int size = level.length;
    while (level[0] > 1) {
      int next = 0;
      int i = 0;
      while (i < size) {
        int node = level[i];
        if ((node & 1) == 0 && i + 1 < size && level[i + 1] == node + 1) {
          i += 2;
        } else {
          proof.add(Digest.of(nodes, (node ^ 1) * Digest.LENGTH));
          i += 1;
        }
        level[next++] = node >>> 1;
      }
      size = next;
    }
    return proof;
  }

  /**
   * Checks that {@code rows} are the leaves at {@code sortedIndices} of a tree of {@code leafCount}
   * leaves with root {@code root}, given the batch opening {@code proof}.
   *
   * @throws VerificationException when they are not, or when the proof has extra or missing nodes
   */
  static void verify(
      Digest root, int leafCount, int[] sortedIndices, long[][] rows, List<Digest> proof)
      throws VerificationException {
    if (sortedIndices.length == 0 || rows.length != sortedIndices.length) {
      throw new VerificationException("batch opening has the wrong number of rows");
    }
    checkSorted(sortedIndices, leafCount);
    MessageDigest md = Hashes.sha256();
    int size = sortedIndices.length;
    int[] index = new int[size];
    byte[][] hash = new byte[size][];
    for (int i = 0; i < size; i++) {
      index[i] = leafCount + sortedIndices[i];
      byte[] out = new byte[Digest.LENGTH];
      hashLeaf(md, rows[i], new byte[1 + 8 * rows[i].length], out, 0);
      hash[i] = out;
    }
    int used = 0;
    byte[] pair = new byte[2 * Digest.LENGTH];
    while (index[0] > 1) {
      int next = 0;
      int i = 0;
      while (i < size) {
        int node = index[i];
        byte[] left;
        byte[] right;
        if ((node & 1) == 0 && i + 1 < size && index[i + 1] == node + 1) {
          left = hash[i];
          right = hash[i + 1];
          i += 2;
        } else {
          if (used >= proof.size()) {
            throw new VerificationException("batch opening is missing nodes");
          }
          byte[] sibling = proof.get(used++).toByteArray();
          left = (node & 1) == 0 ? hash[i] : sibling;
          right = (node & 1) == 0 ? sibling : hash[i];
          i += 1;
        }
        System.arraycopy(left, 0, pair, 0, Digest.LENGTH);
        System.arraycopy(right, 0, pair, Digest.LENGTH, Digest.LENGTH);
        md.update((byte) 1);
        md.update(pair);
        hash[next] = md.digest();
        index[next] = node >>> 1;
        next++;
      }
      size = next;
    }
    if (used != proof.size()) {
      throw new VerificationException(
          "batch opening has " + (proof.size() - used) + " extra nodes");
    }
    if (!Arrays.equals(hash[0], root.toByteArray())) {
      throw new VerificationException("batch opening does not match the committed root");
    }
  }

  private static void hashLeaf(MessageDigest md, long[] row, byte[] buf, byte[] out, int offset) {
    buf[0] = 0;
    for (int c = 0; c < row.length; c++) {
      long v = row[c];
      int o = 1 + 8 * c;
      for (int b = 7; b >= 0; b--) {
        buf[o + b] = (byte) v;
        v >>>= 8;
      }
    }
    md.update(buf, 0, 1 + 8 * row.length);
    digestInto(md, out, offset);
  }

  private static void digestInto(MessageDigest md, byte[] out, int offset) {
    try {
      md.digest(out, offset, Digest.LENGTH);
    } catch (java.security.DigestException e) {
      throw new IllegalStateException("SHA-256 output does not fit", e);
    }
  }

  private static void checkSorted(int[] indices, int leafCount) {
    for (int i = 0; i < indices.length; i++) {
      if (indices[i] < 0 || indices[i] >= leafCount || (i > 0 && indices[i] <= indices[i - 1])) {
        throw new IllegalArgumentException("leaf indices must be ascending, unique and in range");
      }
    }
  }
}
