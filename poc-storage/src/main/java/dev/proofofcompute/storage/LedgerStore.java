package dev.proofofcompute.storage;

import dev.proofofcompute.crypto.money.Amount;
import dev.proofofcompute.ledger.AccountId;
import dev.proofofcompute.ledger.LedgerException;
import dev.proofofcompute.ledger.LedgerSnapshot;
import dev.proofofcompute.ledger.Operation;
import dev.proofofcompute.ledger.OperationId;
import dev.proofofcompute.ledger.Posting;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.SortedMap;

/**
 * The ledger, stored: the same state machine as the in-memory reference {@code Ledger} (the rules
 * are {@code LedgerRules}, shared), applied inside the current transaction.
 *
 * <p>{@link #apply} locks the rows the operation reads (its accounts in their global order, its
 * job's row, its stake lock), so two coordinators applying operations that touch the same accounts
 * run one after the other and every plan sees the balances it changes. An operation id is applied
 * at most once, enforced by a unique key: the same id with an equal operation returns the stored
 * posting and changes nothing; with a different operation it is refused.
 */
public interface LedgerStore {
  /**
   * Applies {@code op} under idempotency key {@code id} at time {@code at} and returns its posting;
   * if {@code id} was already applied with an equal operation, returns that posting and changes
   * nothing.
   *
   * @throws LedgerException if the rules refuse {@code op}, or {@code id} was applied with a
   *     different operation ({@code CONFLICTING_REPLAY}); no balance, job or lock has changed. The
   *     caller decides whether the transaction still commits.
   */
  Posting apply(OperationId id, Operation op, Instant at) throws LedgerException;

  /**
   * The balance of an account (zero if never used).
   *
   * @throws IllegalArgumentException for the external account; see {@link #outstanding()}
   */
  Amount balance(AccountId account);

  /** The value held inside the ledger: minus the external account's balance. */
  Amount outstanding();

  /** Every non-zero balance in signed micro-units, sorted by account; external is negative. */
  SortedMap<AccountId, Long> balances();

  /** The posting applied under {@code id}. */
  Optional<StoredPosting> posting(OperationId id);

  /**
   * Postings with {@code seq > afterSeq}, in the order applied, at most {@code limit} (1 to 1000)
   * of them: the history {@code Ledger.replay} audits.
   */
  List<StoredPosting> postings(long afterSeq, int limit);

  /** The whole ledger state, comparable with the reference {@code Ledger.snapshot()}. */
  LedgerSnapshot snapshot();
}
