package dev.proofofcompute.ledger;

import dev.proofofcompute.crypto.money.Amount;
import java.util.Optional;

/**
 * The read-only ledger state that {@link LedgerRules#plan} decides against. The in-memory {@link
 * Ledger} implements it; a database adapter implements it over rows it has locked in the current
 * transaction (the operation's {@link Operation#accounts()}, its {@link Operation#affectedJob()}
 * row, and the stake-lock row it names).
 *
 * <p>After a plan succeeds, an implementation applies its transfers and records the state changes
 * the operation implies: {@code EscrowJob} opens its job ({@link JobState#opened}); {@code
 * LockStake} adds its {@link StakeLock}; {@code ReleaseStake} and {@code Slash} remove theirs;
 * {@code Reward} marks its task settled and adds one to the job's settled tasks; {@code CloseJob}
 * closes its job. Nothing else changes job or lock state.
 */
public interface BalanceView {
  /**
   * The balance of {@code account}, which is never {@link AccountId#external()} (its balance is
   * negative; see {@link #outstanding()}). Zero for an account never used.
   *
   * @throws IllegalArgumentException if {@code account} is the external account
   */
  Amount balance(AccountId account);

  /**
   * The value held inside the ledger: the sum of every balance but the external account's, which is
   * its negation. Deposits raise it and may not push it beyond {@code Long.MAX_VALUE} units.
   */
  Amount outstanding();

  /** The job with this id, open or closed; empty if it was never escrowed. */
  Optional<JobState> job(String jobId);

  /** Whether a {@code Reward} has settled task {@code taskId} of job {@code jobId}. */
  boolean taskSettled(String jobId, String taskId);

  /** The stake locked under {@code lock}; empty when there is no such lock. */
  Optional<Amount> stakeLock(StakeLock lock);
}
