package dev.proofofcompute.schemes.replication;

/**
 * A message a {@link ReplicationRound} refuses: out of phase, duplicated, from a provider with no
 * commitment, or malformed. A refused message changes nothing in the round; the reason is fit to be
 * returned to the sender.
 */
public final class RoundRefusedException extends Exception {
  private static final long serialVersionUID = 1L;

  /** Why a message was refused. */
  public enum Reason {
    /** The round is not in the phase that accepts this message. */
    WRONG_PHASE,
    /** The provider has already committed in this round. */
    DUPLICATE_COMMITMENT,
    /** The provider never committed in this round, so it has nothing to reveal. */
    NOT_COMMITTED,
    /** The provider has already revealed. */
    DUPLICATE_REVEAL,
    /** The message is malformed (for example a salt of the wrong length). */
    MALFORMED_MESSAGE,
    /** An adaptive decision is asked for at a point of the round where none can be made. */
    NOT_DECIDABLE
  }

  private final Reason reason;

  public RoundRefusedException(Reason reason, String message) {
    super(message);
    this.reason = reason;
  }

  public Reason reason() {
    return reason;
  }
}
