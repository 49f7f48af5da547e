package dev.proofofcompute.ledger;

import static dev.proofofcompute.ledger.LedgerException.Reason.CONFLICTING_REPLAY;
import static dev.proofofcompute.ledger.LedgerException.Reason.POSTING_MISMATCH;

import dev.proofofcompute.crypto.money.Amount;
import dev.proofofcompute.ledger.Operation.CloseJob;
import dev.proofofcompute.ledger.Operation.EscrowJob;
import dev.proofofcompute.ledger.Operation.LockStake;
import dev.proofofcompute.ledger.Operation.ReleaseStake;
import dev.proofofcompute.ledger.Operation.Reward;
import dev.proofofcompute.ledger.Operation.Slash;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.SortedMap;
import java.util.SortedSet;
import java.util.TreeMap;
import java.util.TreeSet;
import org.jspecify.annotations.Nullable;

/**
 * The in-memory reference ledger: a double-entry state machine over {@link Operation}s, with {@link
 * LedgerRules} deciding each one. Storage adapters are tested against it, and {@link #replay}
 * audits a history of postings with it.
 *
 * <p><b>Idempotency.</b> Every operation carries a caller-chosen {@link OperationId}. Applying an
 * id that was already applied with an equal operation returns the original posting and changes
 * nothing, so a retried or replayed request pays exactly once; the same id with a different
 * operation is refused ({@code CONFLICTING_REPLAY}). Independently of ids, a task is settled at
 * most once ({@code TASK_ALREADY_SETTLED}), so even a settlement retried under a fresh id cannot
 * pay twice.
 *
 * <p><b>Atomicity.</b> {@link LedgerRules#plan} decides the whole operation before anything
 * changes; a refused operation leaves the ledger exactly as it was.
 *
 * <p>Not thread-safe: one owner applies operations in order (the pure modules start no threads; a
 * database adapter serialises through row locks instead).
 */
public final class Ledger implements BalanceView {
  private final Map<AccountId, Long> balances = new HashMap<>();
  private final Map<String, JobState> jobs = new HashMap<>();
  private final Map<String, SortedSet<String>> settled = new HashMap<>();
  private final Map<StakeLock, Amount> stakeLocks = new HashMap<>();
  private final Map<OperationId, Posting> byId = new HashMap<>();
  private final List<Posting> postings = new ArrayList<>();

  /** An empty ledger: every balance zero, no jobs, no postings. */
  public Ledger() {}

  /**
   * Applies {@code op} under idempotency key {@code id} and returns its posting; if {@code id} was
   * already applied with an equal operation, returns that posting and changes nothing.
   *
   * @throws LedgerException if the rules refuse {@code op} or {@code id} was applied with a
   *     different operation ({@code CONFLICTING_REPLAY}); the ledger is then unchanged
   */
  public Posting apply(OperationId id, Operation op) throws LedgerException {
    Posting earlier = byId.get(id);
    if (earlier != null) {
      if (earlier.operation().equals(op)) {
        return earlier;
      }
      throw new LedgerException(
          CONFLICTING_REPLAY,
          "operation id " + id + " was already applied to a different operation");
    }
    Posting posting = new Posting(id, op, LedgerRules.plan(op, this));
    commit(posting);
    return posting;
  }

  /**
   * Rebuilds a ledger from a history of postings, checking each against the rules: every posting
   * must be allowed in the state its predecessors left, and its transfers must be exactly those the
   * rules plan. Used to audit a stored history without trusting whoever stored it.
   *
   * @throws LedgerException {@code POSTING_MISMATCH} naming the first posting whose transfers
   *     differ from the rules' or whose id repeats an earlier one; or the rules' own reason for the
   *     first operation they refuse
   */
  public static Ledger replay(List<Posting> history) throws LedgerException {
    Ledger ledger = new Ledger();
    for (int i = 0; i < history.size(); i++) {
      Posting p = history.get(i);
      if (ledger.byId.containsKey(p.id())) {
        throw new LedgerException(
            POSTING_MISMATCH, "posting " + i + " repeats operation id " + p.id());
      }
      List<Transfer> expected;
      try {
        expected = LedgerRules.plan(p.operation(), ledger);
      } catch (LedgerException e) {
        throw new LedgerException(
            e.reason(),
            "posting " + i + " (" + p.id() + ") is refused by the rules: " + e.detail());
      }
      if (!expected.equals(p.transfers())) {
        throw new LedgerException(
            POSTING_MISMATCH,
            "posting "
                + i
                + " ("
                + p.id()
                + ") records transfers "
                + p.transfers()
                + " but the rules give "
                + expected);
      }
      ledger.commit(p);
    }
    return ledger;
  }

  private void commit(Posting posting) {
    for (Transfer t : posting.transfers()) {
      long units = t.amount().units();
      balances.merge(t.from(), -units, Ledger::sumOrDrop);
      balances.merge(t.to(), units, Ledger::sumOrDrop);
    }
    switch (posting.operation()) {
      case EscrowJob e -> jobs.put(e.jobId(), JobState.opened(e.jobId(), e.requester(), e.terms()));
      case LockStake l -> stakeLocks.put(l.lock(), l.amount());
      case ReleaseStake r -> stakeLocks.remove(r.lock());
      case Slash s -> stakeLocks.remove(s.lock());
      case Reward r -> {
        settled.computeIfAbsent(r.jobId(), k -> new TreeSet<>()).add(r.taskId());
        jobs.computeIfPresent(r.jobId(), (k, j) -> j.withOneMoreSettled());
      }
      case CloseJob c -> jobs.computeIfPresent(c.jobId(), (k, j) -> j.closed());
      default -> {}
    }
    byId.put(posting.id(), posting);
    postings.add(posting);
  }

  /** Adds two balances; a zero result drops the entry, so the map holds non-zero balances only. */
  private static @Nullable Long sumOrDrop(Long a, Long b) {
    long sum = Math.addExact(a, b);
    return sum == 0 ? null : sum;
  }

  /**
   * {@inheritDoc}
   *
   * @throws IllegalArgumentException for {@link AccountId#external()}; see {@link #outstanding()}
   */
  @Override
  public Amount balance(AccountId account) {
    if (account.kind() == AccountId.Kind.EXTERNAL) {
      throw new IllegalArgumentException(
          "the external account's balance is negative; use outstanding() or balances()");
    }
    return Amount.of(balances.getOrDefault(account, 0L));
  }

  @Override
  public Amount outstanding() {
    return Amount.of(-balances.getOrDefault(AccountId.external(), 0L));
  }

  @Override
  public Optional<JobState> job(String jobId) {
    return Optional.ofNullable(jobs.get(jobId));
  }

  @Override
  public boolean taskSettled(String jobId, String taskId) {
    SortedSet<String> tasks = settled.get(jobId);
    return tasks != null && tasks.contains(taskId);
  }

  @Override
  public Optional<Amount> stakeLock(StakeLock lock) {
    return Optional.ofNullable(stakeLocks.get(lock));
  }

  /** Every non-zero balance in signed micro-units, sorted by account; external is negative. */
  public SortedMap<AccountId, Long> balances() {
    return Collections.unmodifiableSortedMap(new TreeMap<>(balances));
  }

  /** Every posting, in the order applied. */
  public List<Posting> postings() {
    return List.copyOf(postings);
  }

  /** The posting applied under {@code id}, if any. */
  public Optional<Posting> posting(OperationId id) {
    return Optional.ofNullable(byId.get(id));
  }

  /** A copy of the whole state. */
  public LedgerSnapshot snapshot() {
    return new LedgerSnapshot(
        new TreeMap<>(balances),
        new TreeMap<>(jobs),
        new TreeMap<>(settled),
        new TreeMap<>(stakeLocks));
  }
}
