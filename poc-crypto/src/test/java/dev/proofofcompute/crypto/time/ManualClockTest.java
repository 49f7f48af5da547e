package dev.proofofcompute.crypto.time;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class ManualClockTest {
  private static final Instant START = Instant.parse("2026-01-01T00:00:00Z");

  @Test
  void readsOnlyWhatItIsTold() {
    ManualClock clock = ManualClock.at(START);
    assertThat(clock.instant()).isEqualTo(START);
    assertThat(clock.millis()).isEqualTo(START.toEpochMilli());
    assertThat(clock.advance(Duration.ofSeconds(90))).isEqualTo(START.plusSeconds(90));
    assertThat(clock.instant()).isEqualTo(START.plusSeconds(90));
    clock.set(START.minusSeconds(5));
    assertThat(clock.instant()).isEqualTo(START.minusSeconds(5));
    assertThat(ManualClock.atEpoch().instant()).isEqualTo(Instant.EPOCH);
    assertThat(clock.advance(Duration.ZERO)).isEqualTo(START.minusSeconds(5));
  }

  @Test
  void rejectsNegativeAdvance() {
    ManualClock clock = ManualClock.at(START);
    assertThatThrownBy(() -> clock.advance(Duration.ofMillis(-1)))
        .isInstanceOf(IllegalArgumentException.class);
    assertThat(clock.instant()).isEqualTo(START);
  }

  @Test
  void concurrentAdvancesAreNotLost() throws InterruptedException {
    ManualClock clock = ManualClock.at(START);
    List<Thread> threads = new ArrayList<>();
    for (int i = 0; i < 4; i++) {
      threads.add(
          Thread.ofPlatform()
              .start(() -> {
                for (int j = 0; j < 10_000; j++) {
                  clock.advance(Duration.ofNanos(1));
                }
              }));
    }
    for (Thread t : threads) {
      t.join();
    }
    assertThat(clock.instant()).isEqualTo(START.plusNanos(40_000));
  }
}
