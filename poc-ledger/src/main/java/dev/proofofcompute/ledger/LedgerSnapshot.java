package dev.proofofcompute.ledger;

import dev.proofofcompute.crypto.money.Amount;
import java.util.Collections;
import java.util.Map;
import java.util.SortedMap;
import java.util.SortedSet;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * The whole state of a ledger at one moment, as plain sorted maps: every non-zero balance in signed
 * micro-units (only {@link AccountId#external()} may be negative; zero balances are dropped so that
 * equal states compare equal), every job, the settled task ids of each job, and every stake lock.
 * {@link LedgerInvariants#check} reads it; two ledgers with equal snapshots are in the same state,
 * which is how replays and storage adapters are compared with the reference.
 */
public record LedgerSnapshot(
    SortedMap<AccountId, Long> balances,
    SortedMap<String, JobState> jobs,
    SortedMap<String, SortedSet<String>> settledTasks,
    SortedMap<StakeLock, Amount> stakeLocks) {
  public LedgerSnapshot {
    TreeMap<AccountId, Long> nonZero = new TreeMap<>();
    for (Map.Entry<AccountId, Long> e : balances.entrySet()) {
      if (e.getValue() != 0) {
        nonZero.put(e.getKey(), e.getValue());
      }
    }
    balances = Collections.unmodifiableSortedMap(nonZero);
    jobs = Collections.unmodifiableSortedMap(new TreeMap<>(jobs));
    TreeMap<String, SortedSet<String>> settled = new TreeMap<>();
    for (Map.Entry<String, SortedSet<String>> e : settledTasks.entrySet()) {
      if (!e.getValue().isEmpty()) {
        settled.put(e.getKey(), Collections.unmodifiableSortedSet(new TreeSet<>(e.getValue())));
      }
    }
    settledTasks = Collections.unmodifiableSortedMap(settled);
    stakeLocks = Collections.unmodifiableSortedMap(new TreeMap<>(stakeLocks));
  }

  /** The signed balance of {@code account}, zero if absent. */
  public long balance(AccountId account) {
    return balances.getOrDefault(account, 0L);
  }
}
