package dev.proofofcompute.ledger;

import static dev.proofofcompute.ledger.LedgerException.Reason.ALL_TASKS_SETTLED;
import static dev.proofofcompute.ledger.LedgerException.Reason.AMOUNT_OVERFLOW;
import static dev.proofofcompute.ledger.LedgerException.Reason.EXCEEDS_TERMS;
import static dev.proofofcompute.ledger.LedgerException.Reason.INSUFFICIENT_FUNDS;
import static dev.proofofcompute.ledger.LedgerException.Reason.JOB_CLOSED;
import static dev.proofofcompute.ledger.LedgerException.Reason.JOB_EXISTS;
import static dev.proofofcompute.ledger.LedgerException.Reason.NO_STAKE_LOCK;
import static dev.proofofcompute.ledger.LedgerException.Reason.SLASH_EXCEEDS_STAKE;
import static dev.proofofcompute.ledger.LedgerException.Reason.STAKE_ALREADY_LOCKED;
import static dev.proofofcompute.ledger.LedgerException.Reason.STAKE_BELOW_MINIMUM;
import static dev.proofofcompute.ledger.LedgerException.Reason.STAKE_LOCK_MISMATCH;
import static dev.proofofcompute.ledger.LedgerException.Reason.TASK_ALREADY_SETTLED;
import static dev.proofofcompute.ledger.LedgerException.Reason.TERMS_MISMATCH;
import static dev.proofofcompute.ledger.LedgerException.Reason.UNKNOWN_JOB;
import static dev.proofofcompute.ledger.LedgerException.Reason.WRONG_REQUESTER;

import dev.proofofcompute.crypto.identity.NodeId;
import dev.proofofcompute.crypto.money.Amount;
import dev.proofofcompute.ledger.Operation.Bond;
import dev.proofofcompute.ledger.Operation.CloseJob;
import dev.proofofcompute.ledger.Operation.Deposit;
import dev.proofofcompute.ledger.Operation.EscrowJob;
import dev.proofofcompute.ledger.Operation.LockStake;
import dev.proofofcompute.ledger.Operation.ReleaseStake;
import dev.proofofcompute.ledger.Operation.Reward;
import dev.proofofcompute.ledger.Operation.Slash;
import dev.proofofcompute.ledger.Operation.Unbond;
import dev.proofofcompute.ledger.Operation.Withdraw;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The rules of the ledger as one pure function: {@link #plan} turns an operation and the current
 * state into the list of double-entry {@link Transfer}s that carry it out, or refuses it with a
 * {@link LedgerException}. It reads the state and changes nothing, so a refusal never leaves a
 * partial effect; a storage adapter calls it inside its transaction, after locking the rows the
 * operation names, and applies the result.
 *
 * <p>Checks run in a fixed order, and the first that fails gives the reason (adapters and the
 * reference model rely on this order):
 *
 * <ol>
 *   <li>{@code Deposit}: {@code AMOUNT_OVERFLOW} if the ledger would hold more than {@code
 *       Long.MAX_VALUE} units.
 *   <li>{@code EscrowJob}: {@code JOB_EXISTS}.
 *   <li>{@code LockStake}: {@code UNKNOWN_JOB}, {@code JOB_CLOSED}, {@code TASK_ALREADY_SETTLED},
 *       {@code STAKE_BELOW_MINIMUM}, {@code STAKE_ALREADY_LOCKED}.
 *   <li>{@code ReleaseStake}: {@code NO_STAKE_LOCK}, {@code STAKE_LOCK_MISMATCH}.
 *   <li>{@code Reward}: {@code UNKNOWN_JOB}, {@code JOB_CLOSED}, {@code TASK_ALREADY_SETTLED},
 *       {@code ALL_TASKS_SETTLED}, {@code EXCEEDS_TERMS} (reward, then fees).
 *   <li>{@code Slash}: {@code UNKNOWN_JOB}, {@code WRONG_REQUESTER}, {@code TERMS_MISMATCH}, {@code
 *       NO_STAKE_LOCK}, {@code SLASH_EXCEEDS_STAKE}.
 *   <li>{@code CloseJob}: {@code UNKNOWN_JOB}, {@code WRONG_REQUESTER}, {@code JOB_CLOSED}.
 *   <li>Then, for every operation: {@code INSUFFICIENT_FUNDS} if the transfers' net effect would
 *       take any account but external below zero.
 * </ol>
 *
 * <p>Transfers come out in a fixed order (the order each operation's Javadoc lists them) and
 * zero-amount legs are left out, so the same operation on the same state always plans the same
 * list; {@link Ledger#replay} relies on it to detect a tampered posting.
 */
public final class LedgerRules {
  private LedgerRules() {}

  /**
   * The transfers that carry out {@code op} on {@code state}.
   *
   * @throws LedgerException with the first failing check's reason if {@code op} may not happen
   */
  public static List<Transfer> plan(Operation op, BalanceView state) throws LedgerException {
    List<Transfer> transfers =
        switch (op) {
          case Deposit d -> deposit(d, state);
          case Withdraw w ->
              legs(leg(AccountId.available(w.node()), AccountId.external(), w.amount()));
          case Bond b ->
              legs(leg(AccountId.available(b.node()), AccountId.bonded(b.node()), b.amount()));
          case Unbond u ->
              legs(leg(AccountId.bonded(u.node()), AccountId.available(u.node()), u.amount()));
          case EscrowJob e -> escrowJob(e, state);
          case LockStake l -> lockStake(l, state);
          case ReleaseStake r -> releaseStake(r, state);
          case Reward r -> reward(r, state);
          case Slash s -> slash(s, state);
          case CloseJob c -> closeJob(c, state);
        };
    requireFunds(transfers, state);
    return transfers;
  }

  private static List<Transfer> deposit(Deposit d, BalanceView state) throws LedgerException {
    if (Long.MAX_VALUE - state.outstanding().units() < d.amount().units()) {
      throw new LedgerException(
          AMOUNT_OVERFLOW,
          "a deposit of "
              + d.amount()
              + " would raise the value held in the ledger ("
              + state.outstanding()
              + ") beyond the largest amount");
    }
    return legs(leg(AccountId.external(), AccountId.available(d.node()), d.amount()));
  }

  private static List<Transfer> escrowJob(EscrowJob e, BalanceView state) throws LedgerException {
    if (state.job(e.jobId()).isPresent()) {
      throw new LedgerException(JOB_EXISTS, "job " + e.jobId() + " was already escrowed");
    }
    List<Transfer> out = new ArrayList<>();
    add(out, AccountId.available(e.requester()), AccountId.escrow(e.jobId()), e.terms().budget());
    return List.copyOf(out);
  }

  private static List<Transfer> lockStake(LockStake l, BalanceView state) throws LedgerException {
    JobState job = openJob(l.jobId(), state);
    if (state.taskSettled(l.jobId(), l.taskId())) {
      throw new LedgerException(
          TASK_ALREADY_SETTLED, "task " + l.taskId() + " of job " + l.jobId() + " is settled");
    }
    if (l.amount().compareTo(job.terms().minStake()) < 0) {
      throw new LedgerException(
          STAKE_BELOW_MINIMUM,
          "job "
              + l.jobId()
              + " needs a stake of at least "
              + job.terms().minStake()
              + ", got "
              + l.amount());
    }
    if (state.stakeLock(l.lock()).isPresent()) {
      throw new LedgerException(
          STAKE_ALREADY_LOCKED,
          "node "
              + l.node().shortForm()
              + " already holds a lock for task "
              + l.taskId()
              + " of job "
              + l.jobId());
    }
    return legs(leg(AccountId.bonded(l.node()), AccountId.locked(l.node()), l.amount()));
  }

  private static List<Transfer> releaseStake(ReleaseStake r, BalanceView state)
      throws LedgerException {
    Amount locked = lockOf(r.lock(), state);
    if (!locked.equals(r.amount())) {
      throw new LedgerException(
          STAKE_LOCK_MISMATCH,
          "the lock for task "
              + r.taskId()
              + " of job "
              + r.jobId()
              + " holds "
              + locked
              + ", not "
              + r.amount());
    }
    return legs(leg(AccountId.locked(r.node()), AccountId.bonded(r.node()), r.amount()));
  }

  private static List<Transfer> reward(Reward r, BalanceView state) throws LedgerException {
    JobState job = openJob(r.jobId(), state);
    if (state.taskSettled(r.jobId(), r.taskId())) {
      throw new LedgerException(
          TASK_ALREADY_SETTLED,
          "task " + r.taskId() + " of job " + r.jobId() + " was already settled");
    }
    if (job.unsettledTasks() == 0) {
      throw new LedgerException(
          ALL_TASKS_SETTLED,
          "all " + job.terms().tasks() + " tasks of job " + r.jobId() + " are settled");
    }
    if (r.amount().compareTo(job.terms().rewardPerTask()) > 0) {
      throw new LedgerException(
          EXCEEDS_TERMS,
          "a reward of "
              + r.amount()
              + " exceeds the job's reward per task "
              + job.terms().rewardPerTask());
    }
    Amount fees;
    try {
      fees = r.totalFees();
    } catch (ArithmeticException e) {
      throw new LedgerException(EXCEEDS_TERMS, "the validator fees overflow an amount");
    }
    if (fees.compareTo(job.terms().validatorFeePerTask()) > 0) {
      throw new LedgerException(
          EXCEEDS_TERMS,
          "validator fees of "
              + fees
              + " exceed the job's fee per task "
              + job.terms().validatorFeePerTask());
    }
    AccountId escrow = AccountId.escrow(r.jobId());
    List<Transfer> out = new ArrayList<>();
    add(out, escrow, AccountId.available(r.provider()), r.amount());
    for (Fee fee : r.validatorFees()) {
      add(out, escrow, AccountId.available(fee.validator()), fee.amount());
    }
    return List.copyOf(out);
  }

  private static List<Transfer> slash(Slash s, BalanceView state) throws LedgerException {
    JobState job = knownJob(s.jobId(), state);
    requireRequester(job, s.requester());
    if (!job.terms().split().equals(s.split())) {
      throw new LedgerException(
          TERMS_MISMATCH,
          "the slash split "
              + s.split()
              + " differs from job "
              + s.jobId()
              + "'s "
              + job.terms().split());
    }
    Amount locked = lockOf(s.lock(), state);
    if (s.amount().compareTo(locked) > 0) {
      throw new LedgerException(
          SLASH_EXCEEDS_STAKE,
          "a slash of " + s.amount() + " exceeds the " + locked + " locked for task " + s.taskId());
    }
    SlashSplit.Shares shares = s.split().divide(s.amount());
    AccountId from = AccountId.locked(s.provider());
    Amount toTreasury = shares.treasury();
    List<Transfer> out = new ArrayList<>();
    add(out, from, AccountId.available(s.requester()), shares.requester());
    if (s.challenger() != null) {
      add(out, from, AccountId.available(s.challenger()), shares.challenger());
    } else {
      toTreasury = toTreasury.plus(shares.challenger());
    }
    add(out, from, AccountId.treasury(), toTreasury);
    add(out, from, AccountId.bonded(s.provider()), locked.minus(s.amount()));
    return List.copyOf(out);
  }

  private static List<Transfer> closeJob(CloseJob c, BalanceView state) throws LedgerException {
    JobState job = knownJob(c.jobId(), state);
    requireRequester(job, c.requester());
    if (!job.open()) {
      throw new LedgerException(JOB_CLOSED, "job " + c.jobId() + " is already closed");
    }
    AccountId escrow = AccountId.escrow(c.jobId());
    List<Transfer> out = new ArrayList<>();
    add(out, escrow, AccountId.available(c.requester()), state.balance(escrow));
    return List.copyOf(out);
  }

  private static JobState knownJob(String jobId, BalanceView state) throws LedgerException {
    return state
        .job(jobId)
        .orElseThrow(() -> new LedgerException(UNKNOWN_JOB, "no job " + jobId + " was escrowed"));
  }

  private static JobState openJob(String jobId, BalanceView state) throws LedgerException {
    JobState job = knownJob(jobId, state);
    if (!job.open()) {
      throw new LedgerException(JOB_CLOSED, "job " + jobId + " is closed");
    }
    return job;
  }

  private static void requireRequester(JobState job, NodeId requester) throws LedgerException {
    if (!job.requester().equals(requester)) {
      throw new LedgerException(
          WRONG_REQUESTER,
          "job "
              + job.jobId()
              + " belongs to requester "
              + job.requester().shortForm()
              + ", not "
              + requester.shortForm());
    }
  }

  private static Amount lockOf(StakeLock lock, BalanceView state) throws LedgerException {
    return state
        .stakeLock(lock)
        .orElseThrow(() ->
            new LedgerException(
                NO_STAKE_LOCK,
                "node "
                    + lock.node().shortForm()
                    + " holds no stake lock for task "
                    + lock.taskId()
                    + " of job "
                    + lock.jobId()));
  }

  /** Refuses the plan if its net effect would take any account but external below zero. */
  private static void requireFunds(List<Transfer> transfers, BalanceView state)
      throws LedgerException {
    Map<AccountId, Long> net = new LinkedHashMap<>();
    for (Transfer t : transfers) {
      net.merge(t.from(), -t.amount().units(), Math::addExact);
      net.merge(t.to(), t.amount().units(), Math::addExact);
    }
    for (Map.Entry<AccountId, Long> e : net.entrySet()) {
      AccountId account = e.getKey();
      if (account.kind() == AccountId.Kind.EXTERNAL || e.getValue() >= 0) {
        continue;
      }
      Amount have = state.balance(account);
      if (have.units() + e.getValue() < 0) {
        throw new LedgerException(
            INSUFFICIENT_FUNDS, account + " holds " + have + ", needs " + Amount.of(-e.getValue()));
      }
    }
  }

  private static Transfer leg(AccountId from, AccountId to, Amount amount) {
    return new Transfer(from, to, amount);
  }

  private static List<Transfer> legs(Transfer t) {
    return List.of(t);
  }

  private static void add(List<Transfer> out, AccountId from, AccountId to, Amount amount) {
    if (!amount.isZero()) {
      out.add(new Transfer(from, to, amount));
    }
  }
}
