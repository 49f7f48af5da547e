package dev.proofofcompute.crypto.time;

import java.time.Duration;
import java.time.Instant;
import java.time.InstantSource;
import java.util.concurrent.atomic.AtomicReference;

/**
 * A clock that moves only when told to, for tests and simulations. Thread-safe: the instant is held
 * in an atomic reference, so a simulation thread may advance it while workers read it.
 */
public final class ManualClock implements InstantSource {
  private final AtomicReference<Instant> now;

  private ManualClock(Instant start) {
    this.now = new AtomicReference<>(start);
  }

  /** A clock that reads {@code start} until moved. */
  public static ManualClock at(Instant start) {
    return new ManualClock(start);
  }

  /** A clock that reads the epoch, 1970-01-01T00:00:00Z, until moved. */
  public static ManualClock atEpoch() {
    return new ManualClock(Instant.EPOCH);
  }

  @Override
  public Instant instant() {
    return now.get();
  }

  /** Sets the clock to {@code instant}, which may be earlier than now (to simulate clock skew). */
  public void set(Instant instant) {
    now.set(instant);
  }

  /**
   * Moves the clock forward by {@code step} and returns the new instant.
   *
   * @throws IllegalArgumentException if {@code step} is negative (use {@link #set} to go back)
   */
  public Instant advance(Duration step) {
    if (step.isNegative()) {
      throw new IllegalArgumentException("cannot advance a clock by a negative " + step);
    }
    return now.updateAndGet(t -> t.plus(step));
  }

  @Override
  public String toString() {
    return "ManualClock[" + now.get() + "]";
  }
}
