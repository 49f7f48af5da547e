package dev.proofofcompute.worker;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.proofofcompute.crypto.random.RandomSource;
import java.time.Duration;
import org.junit.jupiter.api.Test;

class BackoffTest {
  @Test
  void ceilingsDoubleUpToTheCap() {
    Backoff b = new Backoff(Duration.ofMillis(100), Duration.ofSeconds(1));
    assertThat(b.ceiling(0)).isEqualTo(Duration.ofMillis(100));
    assertThat(b.ceiling(1)).isEqualTo(Duration.ofMillis(200));
    assertThat(b.ceiling(3)).isEqualTo(Duration.ofMillis(800));
    assertThat(b.ceiling(4)).isEqualTo(Duration.ofSeconds(1));
    assertThat(b.ceiling(1000)).isEqualTo(Duration.ofSeconds(1));
  }

  @Test
  void delaysAreJitteredWithinTheCeiling() {
    long seed = 42;
    RandomSource r = RandomSource.seeded(seed);
    Backoff b = new Backoff(Duration.ofMillis(100), Duration.ofSeconds(5));
    java.util.Set<Duration> seen = new java.util.HashSet<>();
    for (int attempt = 0; attempt < 10; attempt++) {
      for (int i = 0; i < 50; i++) {
        Duration d = b.delay(attempt, r);
        assertThat(d).as("seed " + seed).isBetween(Duration.ZERO, b.ceiling(attempt));
        seen.add(d);
      }
    }
    assertThat(seen.size()).as("full jitter spreads the retries").isGreaterThan(100);
  }

  @Test
  void badBoundsAreRefused() {
    assertThatThrownBy(() -> new Backoff(Duration.ZERO, Duration.ofSeconds(1)))
        .hasMessageContaining("positive");
    assertThatThrownBy(() -> new Backoff(Duration.ofSeconds(2), Duration.ofSeconds(1)))
        .hasMessageContaining(">=");
    assertThatThrownBy(() -> Backoff.defaults().ceiling(-1)).hasMessageContaining("negative");
  }
}
