package dev.proofofcompute.ledger;

import dev.proofofcompute.crypto.identity.NodeId;
import dev.proofofcompute.crypto.money.Amount;
import java.math.BigInteger;
import java.util.HashMap;
import java.util.Map;
import java.util.SortedSet;

/**
 * The invariants every ledger state must satisfy, stated once. Tests check them after every ledger
 * test and after every step of the randomised model test; {@code poc audit} checks a replayed
 * history with them; a database adapter can check its own state with {@link
 * #check(LedgerSnapshot)}.
 *
 * <ol>
 *   <li><b>Conservation.</b> The balances sum to exactly zero: value only moves, and what entered
 *       from outside shows as the external account's negative balance.
 *   <li><b>No negative balance</b> except the external account's.
 *   <li><b>Escrow covers every open job:</b> its escrow holds at least its unsettled tasks times
 *       (reward + fee) per task; a closed job's escrow is empty; no escrow exists without its job.
 *   <li><b>Jobs agree with their settled tasks:</b> each job's settled count equals the number of
 *       task ids recorded settled for it, and settled tasks belong to known jobs.
 *   <li><b>Locked stake is accounted for:</b> each node's locked balance equals the sum of its
 *       stake locks; every lock is positive.
 * </ol>
 */
public final class LedgerInvariants {
  private LedgerInvariants() {}

  /**
   * Checks {@code ledger}'s current state.
   *
   * @throws IllegalStateException naming the first violated invariant
   */
  public static void check(Ledger ledger) {
    check(ledger.snapshot());
  }

  /**
   * Checks a state.
   *
   * @throws IllegalStateException naming the first violated invariant, the account and the amounts
   */
  public static void check(LedgerSnapshot state) {
    BigInteger sum = BigInteger.ZERO;
    for (Map.Entry<AccountId, Long> e : state.balances().entrySet()) {
      sum = sum.add(BigInteger.valueOf(e.getValue()));
      if (e.getValue() < 0 && e.getKey().kind() != AccountId.Kind.EXTERNAL) {
        throw violated("no negative balance", e.getKey() + " holds " + e.getValue() + " units");
      }
    }
    if (sum.signum() != 0) {
      throw violated("conservation", "the balances sum to " + sum + " units, not 0");
    }

    for (Map.Entry<AccountId, Long> e : state.balances().entrySet()) {
      if (e.getKey().kind() == AccountId.Kind.ESCROW) {
        String job = e.getKey().jobId().orElseThrow();
        if (!state.jobs().containsKey(job)) {
          throw violated(
              "escrow",
              e.getKey()
                  + " holds "
                  + e.getValue()
                  + " units but job "
                  + job
                  + " was never escrowed");
        }
      }
    }
    for (JobState job : state.jobs().values()) {
      long escrow = state.balance(AccountId.escrow(job.jobId()));
      if (job.open()) {
        Amount owed = job.remainingObligation();
        if (escrow < owed.units()) {
          throw violated(
              "escrow covers every open job",
              "job "
                  + job.jobId()
                  + " owes "
                  + owed
                  + " for "
                  + job.unsettledTasks()
                  + " unsettled tasks but its escrow holds "
                  + Amount.of(escrow));
        }
      } else if (escrow != 0) {
        throw violated("escrow", "closed job " + job.jobId() + " still holds " + escrow + " units");
      }
      SortedSet<String> tasks = state.settledTasks().get(job.jobId());
      int recorded = tasks == null ? 0 : tasks.size();
      if (recorded != job.settledTasks()) {
        throw violated(
            "settled tasks",
            "job "
                + job.jobId()
                + " counts "
                + job.settledTasks()
                + " settled tasks but "
                + recorded
                + " are recorded");
      }
    }
    for (String job : state.settledTasks().keySet()) {
      if (!state.jobs().containsKey(job)) {
        throw violated("settled tasks", "tasks are recorded settled for unknown job " + job);
      }
    }

    Map<NodeId, Long> lockedByNode = new HashMap<>();
    for (Map.Entry<StakeLock, Amount> e : state.stakeLocks().entrySet()) {
      if (e.getValue().isZero()) {
        throw violated("stake locks", "the lock " + e.getKey() + " is empty");
      }
      lockedByNode.merge(e.getKey().node(), e.getValue().units(), Math::addExact);
    }
    for (Map.Entry<AccountId, Long> e : state.balances().entrySet()) {
      if (e.getKey().kind() == AccountId.Kind.LOCKED) {
        NodeId node = e.getKey().node().orElseThrow();
        long locks = lockedByNode.getOrDefault(node, 0L);
        if (locks != e.getValue()) {
          throw violated(
              "locked stake is accounted for",
              e.getKey() + " holds " + e.getValue() + " units but its locks sum to " + locks);
        }
      }
    }
    for (Map.Entry<NodeId, Long> e : lockedByNode.entrySet()) {
      long balance = state.balance(AccountId.locked(e.getKey()));
      if (balance != e.getValue()) {
        throw violated(
            "locked stake is accounted for",
            AccountId.locked(e.getKey())
                + " holds "
                + balance
                + " units but its locks sum to "
                + e.getValue());
      }
    }
  }

  private static IllegalStateException violated(String invariant, String detail) {
    return new IllegalStateException("ledger invariant violated (" + invariant + "): " + detail);
  }
}
