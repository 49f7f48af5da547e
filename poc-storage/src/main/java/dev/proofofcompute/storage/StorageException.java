package dev.proofofcompute.storage;

import org.jspecify.annotations.Nullable;

/**
 * The database failed: it is unreachable, a statement failed, or a transaction kept conflicting
 * after its retries. Unchecked: no caller can do better than fail the request (HTTP 503) and log
 * it. The message names the operation; it never carries credentials.
 */
public class StorageException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  public StorageException(String message) {
    super(message);
  }

  public StorageException(String message, @Nullable Throwable cause) {
    super(message, cause);
  }
}
