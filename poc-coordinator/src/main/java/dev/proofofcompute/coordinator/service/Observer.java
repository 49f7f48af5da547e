package dev.proofofcompute.coordinator.service;

/**
 * What the services report as it happens, for metrics and logs. Called after the transaction that
 * made the event committed... or, when the transaction is retried, possibly once per attempt; the
 * counts are for monitoring, never for money. Implementations must be fast and thread-safe.
 */
public interface Observer {
  /** A task was leased; {@code kind} is {@code execute} or {@code validate}. */
  default void leased(String kind) {}

  /** Leases lapsed and their tasks went back to PENDING. */
  default void leasesExpired(int count) {}

  /** A task got its final verdict: {@code accepted}, {@code rejected} or {@code inconclusive}. */
  default void verdict(String scheme, String kind) {}

  /** A job reached a terminal status: {@code decided} or {@code failed}. */
  default void jobEnded(String scheme, String status) {}

  /** Nothing is reported. */
  Observer NONE = new Observer() {};
}
