package dev.proofofcompute.schemes.spotcheck;

import dev.proofofcompute.crypto.Bytes;
import dev.proofofcompute.crypto.DecodingException;
import dev.proofofcompute.crypto.Digest;
import dev.proofofcompute.crypto.cbor.CborArray;
import dev.proofofcompute.crypto.cbor.CborDecoder;
import dev.proofofcompute.crypto.cbor.CborInteger;
import dev.proofofcompute.crypto.cbor.CborMap;
import dev.proofofcompute.crypto.cbor.CborValue;
import java.util.ArrayList;
import java.util.List;
import org.jspecify.annotations.Nullable;

/**
 * The validator's challenge, sent after it received the provider's commitment: the positions of the
 * batch to open (every canary and the sampled requester items, ascending and mixed so that the
 * provider cannot tell which is which) and the now revealed seed the samples were derived from (see
 * {@link ChallengeDerivation}).
 *
 * <p>Encoding: the deterministic CBOR map {@code {"seed": bstr .size 32, "task": bstr .size 32,
 * "indices": [+ uint]}}.
 */
public record SpotCheckChallenge(Digest taskId, Bytes seed, List<Long> indices) {
  public SpotCheckChallenge {
    if (seed.length() != ChallengeDerivation.SEED_LENGTH) {
      throw new IllegalArgumentException(
          "a challenge seed is "
              + ChallengeDerivation.SEED_LENGTH
              + " bytes, got "
              + seed.length());
    }
    indices = List.copyOf(indices);
    String problem = checkIndices(indices);
    if (problem != null) {
      throw new IllegalArgumentException(problem);
    }
  }

  public CborMap toCbor() {
    List<CborValue> items = new ArrayList<>(indices.size());
    for (long index : indices) {
      items.add(CborInteger.of(index));
    }
    return CborMap.builder()
        .put("task", taskId)
        .put("seed", seed)
        .put("indices", new CborArray(items))
        .build();
  }

  /** The canonical encoding. */
  public Bytes toBytes() {
    return toCbor().encode();
  }

  /**
   * Reads {@link #toCbor()} output.
   *
   * @throws DecodingException on missing, unknown or mistyped fields, or indices that are empty,
   *     too many, negative or not strictly increasing
   */
  public static SpotCheckChallenge fromCbor(CborMap map) throws DecodingException {
    map.requireOnlyKeys("task", "seed", "indices");
    Bytes seed = map.getBytes("seed");
    if (seed.length() != ChallengeDerivation.SEED_LENGTH) {
      throw new DecodingException("spot-check challenge: seed of " + seed.length() + " bytes");
    }
    CborArray array = map.getArray("indices");
    List<Long> indices = new ArrayList<>(array.size());
    for (CborValue v : array.items()) {
      if (!(v instanceof CborInteger i) || i.isNegative() || !i.fitsLong()) {
        throw new DecodingException("spot-check challenge: an index is not a uint63: " + v);
      }
      indices.add(i.longValueExact());
    }
    String problem = checkIndices(indices);
    if (problem != null) {
      throw new DecodingException("spot-check challenge: " + problem);
    }
    return new SpotCheckChallenge(map.getDigest("task"), seed, indices);
  }

  /**
   * Parses {@link #toBytes()} output.
   *
   * @throws DecodingException on anything but the canonical encoding of a challenge
   */
  public static SpotCheckChallenge parse(Bytes encoded) throws DecodingException {
    return fromCbor(CborDecoder.decodeCanonicalMap(encoded));
  }

  private static @Nullable String checkIndices(List<Long> indices) {
    if (indices.isEmpty() || indices.size() > SpotCheckParameters.MAX_OPENED) {
      return "a challenge opens 1.." + SpotCheckParameters.MAX_OPENED + " items";
    }
    long previous = -1;
    for (long index : indices) {
      if (index <= previous) {
        return "challenge indices must be non-negative and strictly increasing at " + index;
      }
      previous = index;
    }
    return null;
  }
}
