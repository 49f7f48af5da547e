package dev.proofofcompute.schemes.spotcheck;

import dev.proofofcompute.crypto.Bytes;
import dev.proofofcompute.crypto.DecodingException;
import dev.proofofcompute.crypto.Digest;
import dev.proofofcompute.crypto.cbor.CborDecoder;
import dev.proofofcompute.crypto.cbor.CborMap;

/**
 * The provider's commitment to its per-item outputs: the RFC 9162 Merkle root over the canonical
 * output bytes of items {@code 0..itemCount-1} of its batch, in batch order (leaf {@code i} = the
 * output of item {@code i}). Sent before the validator reveals its challenge seed; in the network
 * layer it travels inside a message signed by the provider, which makes it binding.
 *
 * <p>Encoding: the deterministic CBOR map {@code {"items": uint, "root": bstr .size 32, "task":
 * bstr .size 32}} (docs/encoding.md).
 */
public record SpotCheckCommitment(Digest taskId, Digest root, int itemCount) {
  public SpotCheckCommitment {
    if (itemCount < 1) {
      throw new IllegalArgumentException("a commitment covers at least one item, got " + itemCount);
    }
  }

  public CborMap toCbor() {
    return CborMap.builder().put("task", taskId).put("root", root).put("items", itemCount).build();
  }

  /** The canonical encoding. */
  public Bytes toBytes() {
    return toCbor().encode();
  }

  /**
   * Reads {@link #toCbor()} output.
   *
   * @throws DecodingException on missing, unknown or mistyped fields or an item count out of range
   */
  public static SpotCheckCommitment fromCbor(CborMap map) throws DecodingException {
    map.requireOnlyKeys("task", "root", "items");
    long items = map.getLong("items");
    if (items < 1 || items > Integer.MAX_VALUE) {
      throw new DecodingException("spot-check commitment: item count " + items + " out of range");
    }
    return new SpotCheckCommitment(map.getDigest("task"), map.getDigest("root"), (int) items);
  }

  /**
   * Parses {@link #toBytes()} output.
   *
   * @throws DecodingException on anything but the canonical encoding of a commitment
   */
  public static SpotCheckCommitment parse(Bytes encoded) throws DecodingException {
    return fromCbor(CborDecoder.decodeCanonicalMap(encoded));
  }
}
