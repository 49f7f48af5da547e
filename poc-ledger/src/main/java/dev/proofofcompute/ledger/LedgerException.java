package dev.proofofcompute.ledger;

/**
 * An operation the ledger refuses, with the {@link Reason} (fit for an API error code) and a
 * message naming the accounts and amounts involved. A refused operation changes nothing.
 */
public final class LedgerException extends Exception {
  private static final long serialVersionUID = 1L;

  /** Why an operation was refused. */
  public enum Reason {
    /** A debit would take an account (other than external) below zero. */
    INSUFFICIENT_FUNDS,
    /** A credit would push the value held in the ledger beyond {@code Long.MAX_VALUE} units. */
    AMOUNT_OVERFLOW,
    /** The job was never escrowed. */
    UNKNOWN_JOB,
    /** A job with this id was already escrowed (ids are never reused). */
    JOB_EXISTS,
    /** The job is closed: no stake can be locked for it and nothing paid from it. */
    JOB_CLOSED,
    /** The operation names a requester other than the job's. */
    WRONG_REQUESTER,
    /** The operation's slash split differs from the job's terms. */
    TERMS_MISMATCH,
    /** A reward for this task was already paid. */
    TASK_ALREADY_SETTLED,
    /** Every task of the job is settled. */
    ALL_TASKS_SETTLED,
    /** A reward or the validator fees exceed what the job's terms allow per task. */
    EXCEEDS_TERMS,
    /** A stake lock below the job's minimum stake. */
    STAKE_BELOW_MINIMUM,
    /** The node already holds a stake lock for this task. */
    STAKE_ALREADY_LOCKED,
    /** The node holds no stake lock for this task. */
    NO_STAKE_LOCK,
    /** A release names an amount other than the lock's. */
    STAKE_LOCK_MISMATCH,
    /** A slash larger than the stake locked for the task. */
    SLASH_EXCEEDS_STAKE,
    /** An operation id already applied with a different operation. */
    CONFLICTING_REPLAY,
    /**
     * On replay: a posting whose transfers differ from what the rules produce, or a repeated id.
     */
    POSTING_MISMATCH,
  }

  private final Reason reason;

  public LedgerException(Reason reason, String message) {
    super(message);
    this.reason = reason;
  }

  public Reason reason() {
    return reason;
  }

  /** The message without the reason prefix. */
  public String detail() {
    return String.valueOf(super.getMessage());
  }

  @Override
  public String getMessage() {
    return reason + ": " + super.getMessage();
  }
}
