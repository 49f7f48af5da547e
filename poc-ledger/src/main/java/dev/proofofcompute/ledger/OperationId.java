package dev.proofofcompute.ledger;

/**
 * The idempotency key of a ledger operation, chosen by the caller so that a retry or replay of the
 * same business event carries the same id: {@code "settle:<taskId>"}, {@code "escrow:<jobId>"},
 * {@code "deposit:<request nonce>"}. 1 to {@value #MAX_LENGTH} visible ASCII characters (no space,
 * no control characters).
 */
public record OperationId(String value) implements Comparable<OperationId> {
  /** Longest operation id. */
  public static final int MAX_LENGTH = 200;

  /**
   * @throws IllegalArgumentException if {@code value} is blank, too long or not visible ASCII
   */
  public OperationId {
    if (value.isEmpty() || value.length() > MAX_LENGTH) {
      throw new IllegalArgumentException(
          "an operation id has 1 to " + MAX_LENGTH + " characters, got " + value.length());
    }
    for (int i = 0; i < value.length(); i++) {
      char c = value.charAt(i);
      if (c < 0x21 || c > 0x7e) {
        throw new IllegalArgumentException(
            "an operation id is visible ASCII, got "
                + String.format("U+%04X", (int) c)
                + " at index "
                + i);
      }
    }
  }

  public static OperationId of(String value) {
    return new OperationId(value);
  }

  @Override
  public int compareTo(OperationId other) {
    return value.compareTo(other.value);
  }

  @Override
  public String toString() {
    return value;
  }
}
