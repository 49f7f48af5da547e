package dev.proofofcompute.ledger;

import static dev.proofofcompute.ledger.Fixtures.PROVIDER;
import static dev.proofofcompute.ledger.Fixtures.REQUESTER;
import static dev.proofofcompute.ledger.Fixtures.TERMS;
import static dev.proofofcompute.ledger.Fixtures.credits;
import static dev.proofofcompute.ledger.Fixtures.id;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.proofofcompute.crypto.money.Amount;
import dev.proofofcompute.ledger.Operation.Bond;
import dev.proofofcompute.ledger.Operation.Deposit;
import dev.proofofcompute.ledger.Operation.EscrowJob;
import dev.proofofcompute.ledger.Operation.LockStake;
import dev.proofofcompute.ledger.Operation.Reward;
import java.util.List;
import java.util.SortedMap;
import java.util.SortedSet;
import java.util.TreeMap;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/** Each invariant must hold on a real ledger and fail, by name, on a state that breaks it. */
@ExtendWith(LedgerInvariantsExtension.class)
class LedgerInvariantsTest {
  private static LedgerSnapshot valid(Ledger ledger) throws LedgerException {
    ledger.apply(id("d"), new Deposit(REQUESTER, credits(100)));
    ledger.apply(id("dp"), new Deposit(PROVIDER, credits(60)));
    ledger.apply(id("b"), new Bond(PROVIDER, credits(60)));
    ledger.apply(id("e"), new EscrowJob("job-1", REQUESTER, TERMS));
    ledger.apply(id("l"), new LockStake(PROVIDER, "job-1", "t0", credits(50)));
    ledger.apply(id("r"), new Reward("job-1", "t0", PROVIDER, credits(10), List.of()));
    return ledger.snapshot();
  }

  private static LedgerSnapshot withBalances(LedgerSnapshot s, SortedMap<AccountId, Long> b) {
    return new LedgerSnapshot(b, s.jobs(), s.settledTasks(), s.stakeLocks());
  }

  private static SortedMap<AccountId, Long> move(
      LedgerSnapshot s, AccountId from, AccountId to, long units) {
    TreeMap<AccountId, Long> b = new TreeMap<>(s.balances());
    b.merge(from, -units, Long::sum);
    b.merge(to, units, Long::sum);
    return b;
  }

  @Test
  void aRealLedgerSatisfiesThem(Ledger ledger) throws LedgerException {
    LedgerSnapshot s = valid(ledger);
    assertThatCode(() -> LedgerInvariants.check(s)).doesNotThrowAnyException();
  }

  @Test
  void conservation(Ledger ledger) throws LedgerException {
    LedgerSnapshot s = valid(ledger);
    TreeMap<AccountId, Long> b = new TreeMap<>(s.balances());
    b.merge(AccountId.treasury(), 1L, Long::sum);
    assertThatThrownBy(() -> LedgerInvariants.check(withBalances(s, b)))
        .isInstanceOf(IllegalStateException.class)
        .hasMessageContaining("(conservation)")
        .hasMessageContaining("sum to 1 units");
  }

  @Test
  void noNegativeBalance(Ledger ledger) throws LedgerException {
    LedgerSnapshot s = valid(ledger);
    SortedMap<AccountId, Long> b = move(s, AccountId.treasury(), AccountId.available(REQUESTER), 5);
    assertThatThrownBy(() -> LedgerInvariants.check(withBalances(s, b)))
        .hasMessageContaining("(no negative balance)")
        .hasMessageContaining("treasury");
  }

  @Test
  void escrowCoversOpenJobs(Ledger ledger) throws LedgerException {
    LedgerSnapshot s = valid(ledger);
    SortedMap<AccountId, Long> b =
        move(s, AccountId.escrow("job-1"), AccountId.available(REQUESTER), credits(3).units());
    // The reward paid no fee, so 26 are left for 24 owed: taking 3 breaks the cover.
    assertThatThrownBy(() -> LedgerInvariants.check(withBalances(s, b)))
        .hasMessageContaining("(escrow covers every open job)")
        .hasMessageContaining("job-1 owes 24");
  }

  @Test
  void closedJobsHoldNothingAndEscrowNeedsAJob(Ledger ledger) throws LedgerException {
    LedgerSnapshot s = valid(ledger);
    TreeMap<String, JobState> jobs = new TreeMap<>(s.jobs());
    jobs.put("job-1", ledger.job("job-1").orElseThrow().closed());
    LedgerSnapshot closed =
        new LedgerSnapshot(s.balances(), jobs, s.settledTasks(), s.stakeLocks());
    assertThatThrownBy(() -> LedgerInvariants.check(closed))
        .hasMessageContaining("closed job job-1 still holds");
    SortedMap<AccountId, Long> b =
        move(s, AccountId.available(REQUESTER), AccountId.escrow("ghost"), 1);
    assertThatThrownBy(() -> LedgerInvariants.check(withBalances(s, b)))
        .hasMessageContaining("job ghost was never escrowed");
  }

  @Test
  void settledTasksAgreeWithJobs(Ledger ledger) throws LedgerException {
    LedgerSnapshot s = valid(ledger);
    TreeMap<String, SortedSet<String>> settled = new TreeMap<>(s.settledTasks());
    settled.put("job-1", new TreeSet<>(List.of("t0", "t1")));
    LedgerSnapshot extra = new LedgerSnapshot(s.balances(), s.jobs(), settled, s.stakeLocks());
    assertThatThrownBy(() -> LedgerInvariants.check(extra))
        .hasMessageContaining("counts 1 settled tasks but 2 are recorded");
    settled.put("job-9", new TreeSet<>(List.of("t0")));
    settled.put("job-1", new TreeSet<>(List.of("t0")));
    LedgerSnapshot unknown = new LedgerSnapshot(s.balances(), s.jobs(), settled, s.stakeLocks());
    assertThatThrownBy(() -> LedgerInvariants.check(unknown))
        .hasMessageContaining("unknown job job-9");
  }

  @Test
  void lockedStakeIsAccountedFor(Ledger ledger) throws LedgerException {
    LedgerSnapshot s = valid(ledger);
    SortedMap<AccountId, Long> b =
        move(s, AccountId.bonded(PROVIDER), AccountId.locked(PROVIDER), 1);
    assertThatThrownBy(() -> LedgerInvariants.check(withBalances(s, b)))
        .hasMessageContaining("(locked stake is accounted for)");
    TreeMap<StakeLock, Amount> locks = new TreeMap<>(s.stakeLocks());
    locks.put(new StakeLock(REQUESTER, "job-1", "t1"), credits(1));
    LedgerSnapshot phantom = new LedgerSnapshot(s.balances(), s.jobs(), s.settledTasks(), locks);
    assertThatThrownBy(() -> LedgerInvariants.check(phantom))
        .hasMessageContaining("its locks sum to");
    locks.put(new StakeLock(REQUESTER, "job-1", "t1"), Amount.ZERO);
    LedgerSnapshot empty = new LedgerSnapshot(s.balances(), s.jobs(), s.settledTasks(), locks);
    assertThatThrownBy(() -> LedgerInvariants.check(empty)).hasMessageContaining("is empty");
  }
}
