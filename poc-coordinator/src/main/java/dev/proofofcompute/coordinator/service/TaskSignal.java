package dev.proofofcompute.coordinator.service;

import java.time.Duration;

/**
 * Wakes long-polling lease requests in this process when work may have appeared (a job submitted, a
 * replica or a validation added, a lease released or lapsed). A waiter also wakes on its own after
 * a short interval, because work can appear through another coordinator on the same database; the
 * signal only shortens the wait. The only state the coordinator keeps in memory, and losing it on
 * restart loses nothing.
 */
final class TaskSignal {
  private long generation;

  synchronized long generation() {
    return generation;
  }

  synchronized void signal() {
    generation++;
    notifyAll();
  }

  /** Waits until the generation moves past {@code seen} or {@code max} passes. */
  synchronized void await(long seen, Duration max) throws InterruptedException {
    long deadline = System.nanoTime() + max.toNanos();
    while (generation == seen) {
      long left = deadline - System.nanoTime();
      if (left <= 0) {
        return;
      }
      long ms = Math.max(1, left / 1_000_000);
      wait(ms);
    }
  }
}
