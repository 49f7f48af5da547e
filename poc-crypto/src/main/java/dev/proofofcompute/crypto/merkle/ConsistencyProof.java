package dev.proofofcompute.crypto.merkle;

import dev.proofofcompute.crypto.Bytes;
import dev.proofofcompute.crypto.DecodingException;
import dev.proofofcompute.crypto.Digest;
import java.util.List;

/**
 * An RFC 9162 §2.1.4 consistency proof that the tree of {@code oldSize} leaves is a prefix of the
 * tree of {@code newSize} leaves, in the RFC's order (deepest node first).
 *
 * <p>Encoding: {@code 0x02 || u64 oldSize || u64 newSize || u8 count || count × 32-byte hash},
 * big-endian, at most 64 hashes, nothing after.
 */
public record ConsistencyProof(long oldSize, long newSize, List<Digest> path) {

  public ConsistencyProof {
    if (oldSize < 0 || newSize < 0) {
      throw new IllegalArgumentException("negative tree size: " + oldSize + ", " + newSize);
    }
    if (path.size() > ProofCodec.MAX_PATH) {
      throw new IllegalArgumentException(
          "a consistency path has at most " + ProofCodec.MAX_PATH + " hashes, got " + path.size());
    }
    path = List.copyOf(path);
  }

  /** The canonical encoding. */
  public Bytes toBytes() {
    return new ProofCodec.Writer(1 + 8 + 8 + 1 + path.size() * Digest.LENGTH)
        .u8(ProofCodec.TAG_CONSISTENCY)
        .u64(oldSize)
        .u64(newSize)
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
  public static ConsistencyProof parse(Bytes encoded) throws DecodingException {
    ProofCodec.Reader r = new ProofCodec.Reader(encoded, "consistency proof");
    r.expectTag(ProofCodec.TAG_CONSISTENCY);
    long oldSize = r.size("old size");
    long newSize = r.size("new size");
    int count = r.u8("path length");
    if (count > ProofCodec.MAX_PATH) {
      throw new DecodingException(
          "consistency proof: path length " + count + " exceeds " + ProofCodec.MAX_PATH);
    }
    List<Digest> path = r.digests(count, "path");
    r.end();
    return new ConsistencyProof(oldSize, newSize, path);
  }
}
