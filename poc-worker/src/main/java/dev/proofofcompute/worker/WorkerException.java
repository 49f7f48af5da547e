package dev.proofofcompute.worker;

/**
 * A worker could not start: the coordinator is unreachable, or refused to register the node, take
 * its deposit or bond its stake. The message is one line fit for a user.
 */
public final class WorkerException extends Exception {
  private static final long serialVersionUID = 1L;

  public WorkerException(String message) {
    super(message);
  }

  public WorkerException(String message, Throwable cause) {
    super(message, cause);
  }
}
