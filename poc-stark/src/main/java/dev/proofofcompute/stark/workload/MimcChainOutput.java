package dev.proofofcompute.stark.workload;

import dev.proofofcompute.stark.field.Goldilocks;

/**
 * The output of {@link MimcChain}.
 *
 * @param digest {@code x_T}, a canonical Goldilocks element
 */
public record MimcChainOutput(long digest) {
  public MimcChainOutput {
    if (!Goldilocks.isCanonical(digest)) {
      throw new IllegalArgumentException(
          "the digest must be below p = 2^64 - 2^32 + 1, got " + Long.toUnsignedString(digest));
    }
  }

  @Override
  public String toString() {
    return "MimcChainOutput[digest=" + Long.toUnsignedString(digest) + "]";
  }
}
