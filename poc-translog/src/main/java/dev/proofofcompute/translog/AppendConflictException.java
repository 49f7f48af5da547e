package dev.proofofcompute.translog;

/**
 * Another writer appended to the log between the moment a batch was prepared and the moment it was
 * stored: the batch was not stored and can be prepared again on the new size.
 */
public final class AppendConflictException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  private final long expectedSize;
  private final long actualSize;

  public AppendConflictException(long expectedSize, long actualSize) {
    super("log size is " + actualSize + ", the batch was prepared for size " + expectedSize);
    this.expectedSize = expectedSize;
    this.actualSize = actualSize;
  }

  public long expectedSize() {
    return expectedSize;
  }

  public long actualSize() {
    return actualSize;
  }
}
