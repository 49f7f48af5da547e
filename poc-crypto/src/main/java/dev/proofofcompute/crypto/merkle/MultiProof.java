package dev.proofofcompute.crypto.merkle;

import dev.proofofcompute.crypto.Bytes;
import dev.proofofcompute.crypto.DecodingException;
import dev.proofofcompute.crypto.Digest;
import java.util.ArrayList;
import java.util.List;
import org.jspecify.annotations.Nullable;

/**
 * A batch inclusion proof for several leaves of one tree, sharing the nodes their paths have in
 * common.
 *
 * <p>Layout of {@code hashes}: walk the RFC 9162 tree from the root, left child before right child,
 * descending only into subtrees that contain at least one proven index; every maximal subtree that
 * contains none is emitted once, as its hash, where the walk meets it. The result is the minimal
 * set of hashes from which the root follows, listed left to right by leaf position. A single-leaf
 * multi-proof holds exactly the hashes of the RFC inclusion path, in position order instead of
 * bottom-up order.
 *
 * <p>Encoding: {@code 0x03 || u64 treeSize || u32 k || k × u64 index || u32 m || m × 32-byte hash},
 * big-endian, indices strictly increasing, {@code 1 <= k <= 2^20}, {@code m <= 64 k}, nothing
 * after.
 */
public record MultiProof(long treeSize, List<Long> indices, List<Digest> hashes) {
  /** The most leaves one batch proof may open. */
  public static final int MAX_INDICES = 1 << 20;

  public MultiProof {
    if (treeSize < 0) {
      throw new IllegalArgumentException("negative tree size " + treeSize);
    }
    indices = List.copyOf(indices);
    hashes = List.copyOf(hashes);
    String problem = checkShape(indices, hashes.size());
    if (problem != null) {
      throw new IllegalArgumentException(problem);
    }
  }

  /** The canonical encoding. */
  public Bytes toBytes() {
    ProofCodec.Writer w =
        new ProofCodec.Writer(1 + 8 + 4 + indices.size() * 8 + 4 + hashes.size() * Digest.LENGTH);
    w.u8(ProofCodec.TAG_MULTI).u64(treeSize).u32(indices.size());
    for (long index : indices) {
      w.u64(index);
    }
    return w.u32(hashes.size()).digests(hashes).finish();
  }

  /**
   * Parses {@link #toBytes()} output.
   *
   * @throws DecodingException on a wrong tag, no indices or more than {@link #MAX_INDICES}, indices
   *     not strictly increasing, more than 64 hashes per index, short input or trailing bytes
   */
  public static MultiProof parse(Bytes encoded) throws DecodingException {
    ProofCodec.Reader r = new ProofCodec.Reader(encoded, "multi-proof");
    r.expectTag(ProofCodec.TAG_MULTI);
    long treeSize = r.size("tree size");
    int k = r.u32("index count");
    if (k < 1 || k > MAX_INDICES) {
      throw new DecodingException(
          "multi-proof: index count " + Integer.toUnsignedString(k) + " not in 1.." + MAX_INDICES);
    }
    List<Long> indices = new ArrayList<>(k);
    for (int i = 0; i < k; i++) {
      indices.add(r.size("index " + i));
    }
    int m = r.u32("hash count");
    if (m < 0 || m > ProofCodec.MAX_PATH * k) {
      throw new DecodingException(
          "multi-proof: hash count "
              + Integer.toUnsignedString(m)
              + " exceeds "
              + ProofCodec.MAX_PATH
              + " per index");
    }
    String problem = checkShape(indices, m);
    if (problem != null) {
      throw new DecodingException("multi-proof: " + problem);
    }
    List<Digest> hashes = r.digests(m, "hashes");
    r.end();
    return new MultiProof(treeSize, indices, hashes);
  }

  private static @Nullable String checkShape(List<Long> indices, int hashCount) {
    if (indices.isEmpty() || indices.size() > MAX_INDICES) {
      return "index count " + indices.size() + " not in 1.." + MAX_INDICES;
    }
    long previous = -1;
    for (long index : indices) {
      if (index <= previous) {
        return "indices are not strictly increasing at " + index;
      }
      previous = index;
    }
    if ((long) hashCount > (long) ProofCodec.MAX_PATH * indices.size()) {
      return "hash count " + hashCount + " exceeds " + ProofCodec.MAX_PATH + " per index";
    }
    return null;
  }
}
