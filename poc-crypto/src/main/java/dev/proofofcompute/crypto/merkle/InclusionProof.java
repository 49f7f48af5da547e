package dev.proofofcompute.crypto.merkle;

import dev.proofofcompute.crypto.Bytes;
import dev.proofofcompute.crypto.DecodingException;
import dev.proofofcompute.crypto.Digest;
import java.util.List;

/**
 * An RFC 9162 §2.1.3 inclusion proof: the audit path of leaf {@code leafIndex} in a tree of {@code
 * treeSize} leaves, ordered from the leaf's sibling up to the child of the root.
 *
 * <p>Encoding: {@code 0x01 || u64 leafIndex || u64 treeSize || u8 count || count × 32-byte hash},
 * big-endian, at most 64 hashes, nothing after. Whether the path has the right length for the index
 * and size is the verifier's question, not the parser's.
 */
public record InclusionProof(long leafIndex, long treeSize, List<Digest> path) {

  public InclusionProof {
    if (leafIndex < 0 || treeSize < 0) {
      throw new IllegalArgumentException(
          "negative leaf index or tree size: " + leafIndex + ", " + treeSize);
    }
    if (path.size() > ProofCodec.MAX_PATH) {
      throw new IllegalArgumentException(
          "an inclusion path has at most " + ProofCodec.MAX_PATH + " hashes, got " + path.size());
    }
    path = List.copyOf(path);
  }

  /** The canonical encoding. */
  public Bytes toBytes() {
    return new ProofCodec.Writer(1 + 8 + 8 + 1 + path.size() * Digest.LENGTH)
        .u8(ProofCodec.TAG_INCLUSION)
        .u64(leafIndex)
        .u64(treeSize)
        .u8(path.size())
        .digests(path)
        .finish();
  }

  /**
   * Parses {@link #toBytes()} output.
   *
   * @throws DecodingException on a wrong tag, a size above 2^63 - 1, more than 64 hashes, short
   *     input or trailing bytes
   */
  public static InclusionProof parse(Bytes encoded) throws DecodingException {
    ProofCodec.Reader r = new ProofCodec.Reader(encoded, "inclusion proof");
    r.expectTag(ProofCodec.TAG_INCLUSION);
    long leafIndex = r.size("leaf index");
    long treeSize = r.size("tree size");
    int count = r.u8("path length");
    if (count > ProofCodec.MAX_PATH) {
      throw new DecodingException(
          "inclusion proof: path length " + count + " exceeds " + ProofCodec.MAX_PATH);
    }
    List<Digest> path = r.digests(count, "path");
    r.end();
    return new InclusionProof(leafIndex, treeSize, path);
  }
}
