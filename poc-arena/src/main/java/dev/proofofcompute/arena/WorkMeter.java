package dev.proofofcompute.arena;

/**
 * A running count of deterministic work units (multiply-accumulates, cell updates), added to by
 * {@link CountingWorkload} and by the arena's counting wrappers around scheme internals. Not
 * thread-safe: the arena is single-threaded.
 */
public final class WorkMeter {
  private long units;

  /** Adds {@code n >= 0} units. */
  public void add(long n) {
    if (n < 0) {
      throw new IllegalArgumentException("work is >= 0, got " + n);
    }
    units = Math.addExact(units, n);
  }

  /** The units counted so far. */
  public long units() {
    return units;
  }

  /** Returns the count and sets it back to zero. */
  public long take() {
    long u = units;
    units = 0;
    return u;
  }
}
