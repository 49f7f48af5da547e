package dev.proofofcompute.stark.workload;

import dev.proofofcompute.stark.field.Goldilocks;

/**
 * The input of {@link MimcChain}: the chain's start and its length.
 *
 * @param seed {@code x_0}, a canonical Goldilocks element (an unsigned 64-bit value below {@code
 *     p})
 * @param steps the number of MiMC-7 steps, in {@code [1, }{@value #MAX_STEPS}{@code ]}
 */
public record MimcChainInput(long seed, int steps) {
  /** The longest chain: the prover's trace then has 2^20 rows. */
  public static final int MAX_STEPS = (1 << 20) - 1;

  public MimcChainInput {
    if (!Goldilocks.isCanonical(seed)) {
      throw new IllegalArgumentException(
          "the seed must be below p = 2^64 - 2^32 + 1, got " + Long.toUnsignedString(seed));
    }
    if (steps < 1 || steps > MAX_STEPS) {
      throw new IllegalArgumentException("steps must be in [1, " + MAX_STEPS + "], got " + steps);
    }
  }
}
