package dev.proofofcompute.crypto.cbor;

/**
 * Bounds on what {@link CborDecoder} accepts, checked before any allocation they govern.
 *
 * @param maxInputBytes the longest input, in bytes
 * @param maxDepth the most arrays, maps and tags that may be nested inside one another (at most
 *     {@value #DEPTH_CEILING}, which keeps the recursive decoder far from a stack overflow)
 * @param maxItems the most data items in one input, counting every key, value, element and tag
 *     content
 */
public record CborLimits(int maxInputBytes, int maxDepth, int maxItems) {
  public static final int DEPTH_CEILING = 1024;

  /** 16 MiB, depth 64, 1,048,576 items: enough for proofs and attestation documents. */
  public static final CborLimits DEFAULT = new CborLimits(16 << 20, 64, 1 << 20);

  /**
   * Checks the bounds.
   *
   * @throws IllegalArgumentException when a bound is not positive or the depth exceeds {@value
   *     #DEPTH_CEILING}
   */
  public CborLimits {
    if (maxInputBytes <= 0 || maxDepth <= 0 || maxItems <= 0) {
      throw new IllegalArgumentException(
          "CBOR limits must be positive: " + maxInputBytes + ", " + maxDepth + ", " + maxItems);
    }
    if (maxDepth > DEPTH_CEILING) {
      throw new IllegalArgumentException(
          "CBOR depth limit " + maxDepth + " exceeds the ceiling " + DEPTH_CEILING);
    }
  }
}
