package dev.proofofcompute.core.scheme;

/** A verification policy cannot work for a workload; the message says why. */
public final class PolicyException extends Exception {
  private static final long serialVersionUID = 1L;

  public PolicyException(String reason) {
    super(reason);
  }
}
