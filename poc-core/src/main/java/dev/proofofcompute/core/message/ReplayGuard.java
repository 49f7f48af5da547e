package dev.proofofcompute.core.message;

import dev.proofofcompute.crypto.Bytes;
import dev.proofofcompute.crypto.identity.NodeId;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.HashSet;
import java.util.Set;

/**
 * Remembers the (signer, nonce) pairs of accepted messages for as long as their timestamps are
 * inside the freshness window, so that a replayed message is refused; older entries are forgotten,
 * because the freshness check refuses such messages anyway. Bounded: when {@code capacity} entries
 * are live, new messages are refused (fail closed) until old ones age out. Thread-safe.
 */
public final class ReplayGuard {
  private record Seen(NodeId signer, Bytes nonce) {}

  private record Expiry(Instant forgetAfter, Seen seen) {}

  private final int capacity;
  private final Set<Seen> live = new HashSet<>();
  private final ArrayDeque<Expiry> order = new ArrayDeque<>();

  private ReplayGuard(int capacity) {
    this.capacity = capacity;
  }

  public static ReplayGuard withCapacity(int capacity) {
    if (capacity < 1) {
      throw new IllegalArgumentException("capacity must be >= 1, got " + capacity);
    }
    return new ReplayGuard(capacity);
  }

  /** Outcome of {@link #record}. */
  public enum Outcome {
    FRESH,
    REPLAYED,
    FULL
  }

  /**
   * Records a nonce that is good until {@code forgetAfter}, unless it was seen before or the guard
   * is full; entries whose time has passed at {@code now} are dropped first.
   */
  public synchronized Outcome record(NodeId signer, Bytes nonce, Instant forgetAfter, Instant now) {
    while (!order.isEmpty() && order.peekFirst().forgetAfter().isBefore(now)) {
      live.remove(order.removeFirst().seen());
    }
    Seen seen = new Seen(signer, nonce);
    if (live.contains(seen)) {
      return Outcome.REPLAYED;
    }
    if (live.size() >= capacity) {
      return Outcome.FULL;
    }
    live.add(seen);
    insertInOrder(new Expiry(forgetAfter, seen));
    return Outcome.FRESH;
  }

  /** Live entries, for metrics. */
  public synchronized int size() {
    return live.size();
  }

  private void insertInOrder(Expiry e) {
    // Timestamps arrive nearly in order: scan from the back.
    if (order.isEmpty() || !order.peekLast().forgetAfter().isAfter(e.forgetAfter())) {
      order.addLast(e);
      return;
    }
    ArrayDeque<Expiry> tail = new ArrayDeque<>();
    while (!order.isEmpty() && order.peekLast().forgetAfter().isAfter(e.forgetAfter())) {
      tail.addFirst(order.removeLast());
    }
    order.addLast(e);
    order.addAll(tail);
  }
}
