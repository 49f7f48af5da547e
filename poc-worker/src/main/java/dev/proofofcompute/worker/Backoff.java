package dev.proofofcompute.worker;

import dev.proofofcompute.crypto.random.RandomSource;
import java.time.Duration;

/**
 * Exponential back-off with "full jitter" (AWS Architecture Blog, "Exponential Backoff And Jitter",
 * 2015): the {@code n}-th consecutive retry waits a uniform time in {@code [0, min(max, initial *
 * 2^n)]}, so that many workers that lost the coordinator at once do not come back in lock-step.
 * Immutable; the randomness is injected.
 */
public record Backoff(Duration initial, Duration max) {
  public Backoff {
    if (initial.isNegative() || initial.isZero()) {
      throw new IllegalArgumentException("the initial back-off must be positive");
    }
    if (max.compareTo(initial) < 0) {
      throw new IllegalArgumentException("the longest back-off must be >= the initial one");
    }
  }

  /** 200 ms doubling to 10 s. */
  public static Backoff defaults() {
    return new Backoff(Duration.ofMillis(200), Duration.ofSeconds(10));
  }

  /** The cap on the {@code attempt}-th retry (0-based): {@code min(max, initial * 2^attempt)}. */
  public Duration ceiling(int attempt) {
    if (attempt < 0) {
      throw new IllegalArgumentException("negative attempt " + attempt);
    }
    long initialMs = initial.toMillis();
    int shift = Math.min(attempt, 30);
    long ms = initialMs > (Long.MAX_VALUE >> shift) ? Long.MAX_VALUE : initialMs << shift;
    return ms >= max.toMillis() ? max : Duration.ofMillis(ms);
  }

  /** The wait before the {@code attempt}-th retry: uniform in {@code [0, ceiling(attempt)]}. */
  public Duration delay(int attempt, RandomSource random) {
    long cap = ceiling(attempt).toMillis();
    return Duration.ofMillis(random.nextLong(cap + 1));
  }
}
