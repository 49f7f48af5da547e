package dev.proofofcompute.crypto.random;

import dev.proofofcompute.crypto.Bytes;
import java.security.SecureRandom;

/**
 * A source of random bytes and integers, injected wherever a component draws random values
 * (challenge seeds, canary placement, nonces) so that tests and simulations can replace it.
 *
 * <p>Contract: {@link #nextLong()} returns 64 uniformly random bits; {@link #nextLong(long)} is
 * uniform in {@code [0, bound)} with no modulo bias. Production code uses {@link #secure()}; tests
 * and simulations use {@link #seeded(long)} and log its seed.
 */
public interface RandomSource {

  /** {@code n} random bytes; {@code n >= 0}. */
  Bytes nextBytes(int n);

  /** 64 uniformly random bits. */
  long nextLong();

  /**
   * A uniform value in {@code [0, bound)}: rejection sampling on the smallest power-of-two mask
   * covering {@code bound - 1}, so fewer than 2 draws are needed on average.
   *
   * @throws IllegalArgumentException if {@code bound <= 0}
   */
  default long nextLong(long bound) {
    if (bound <= 0) {
      throw new IllegalArgumentException("the bound must be positive, got " + bound);
    }
    if (bound == 1) {
      return 0;
    }
    long mask = -1L >>> Long.numberOfLeadingZeros(bound - 1);
    while (true) {
      long candidate = nextLong() & mask;
      if (candidate < bound) {
        return candidate;
      }
    }
  }

  /** A source backed by a fresh {@link SecureRandom}; thread-safe. */
  static RandomSource secure() {
    return new SecureRandomSource(new SecureRandom());
  }

  /** A deterministic source: the same seed gives the same values on every JDK and platform. */
  static SeededRandomSource seeded(long seed) {
    return SeededRandomSource.create(seed);
  }
}
