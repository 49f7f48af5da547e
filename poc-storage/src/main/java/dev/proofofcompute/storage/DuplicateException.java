package dev.proofofcompute.storage;

/**
 * An insert found a row with the same key (a node registered twice, a job id taken by another job).
 * The transaction can still commit: nothing was written by the failed insert.
 */
public final class DuplicateException extends StorageException {
  private static final long serialVersionUID = 1L;

  public DuplicateException(String message) {
    super(message);
  }
}
