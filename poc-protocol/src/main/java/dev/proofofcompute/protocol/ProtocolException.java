package dev.proofofcompute.protocol;

/**
 * A message that breaks the protocol before any verdict can be reached: unparseable parameters, a
 * commitment of the wrong shape, a workload the scheme cannot serve. The message names what is
 * wrong and never echoes secrets.
 */
public final class ProtocolException extends Exception {
  private static final long serialVersionUID = 1L;

  public ProtocolException(String message) {
    super(message);
  }

  public ProtocolException(String message, Throwable cause) {
    super(message, cause);
  }
}
