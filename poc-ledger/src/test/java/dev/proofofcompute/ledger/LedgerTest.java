package dev.proofofcompute.ledger;

import static dev.proofofcompute.ledger.Fixtures.CHALLENGER;
import static dev.proofofcompute.ledger.Fixtures.PROVIDER;
import static dev.proofofcompute.ledger.Fixtures.PROVIDER2;
import static dev.proofofcompute.ledger.Fixtures.REQUESTER;
import static dev.proofofcompute.ledger.Fixtures.SPLIT;
import static dev.proofofcompute.ledger.Fixtures.TERMS;
import static dev.proofofcompute.ledger.Fixtures.VALIDATOR;
import static dev.proofofcompute.ledger.Fixtures.VALIDATOR2;
import static dev.proofofcompute.ledger.Fixtures.assertRefused;
import static dev.proofofcompute.ledger.Fixtures.credits;
import static dev.proofofcompute.ledger.Fixtures.id;
import static dev.proofofcompute.ledger.LedgerException.Reason.ALL_TASKS_SETTLED;
import static dev.proofofcompute.ledger.LedgerException.Reason.AMOUNT_OVERFLOW;
import static dev.proofofcompute.ledger.LedgerException.Reason.CONFLICTING_REPLAY;
import static dev.proofofcompute.ledger.LedgerException.Reason.EXCEEDS_TERMS;
import static dev.proofofcompute.ledger.LedgerException.Reason.INSUFFICIENT_FUNDS;
import static dev.proofofcompute.ledger.LedgerException.Reason.JOB_CLOSED;
import static dev.proofofcompute.ledger.LedgerException.Reason.JOB_EXISTS;
import static dev.proofofcompute.ledger.LedgerException.Reason.NO_STAKE_LOCK;
import static dev.proofofcompute.ledger.LedgerException.Reason.POSTING_MISMATCH;
import static dev.proofofcompute.ledger.LedgerException.Reason.SLASH_EXCEEDS_STAKE;
import static dev.proofofcompute.ledger.LedgerException.Reason.STAKE_ALREADY_LOCKED;
import static dev.proofofcompute.ledger.LedgerException.Reason.STAKE_BELOW_MINIMUM;
import static dev.proofofcompute.ledger.LedgerException.Reason.STAKE_LOCK_MISMATCH;
import static dev.proofofcompute.ledger.LedgerException.Reason.TASK_ALREADY_SETTLED;
import static dev.proofofcompute.ledger.LedgerException.Reason.TERMS_MISMATCH;
import static dev.proofofcompute.ledger.LedgerException.Reason.UNKNOWN_JOB;
import static dev.proofofcompute.ledger.LedgerException.Reason.WRONG_REQUESTER;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

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
import java.util.List;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

@ExtendWith(LedgerInvariantsExtension.class)
class LedgerTest {
  private static final List<Fee> FEES =
      List.of(new Fee(VALIDATOR, credits(1)), new Fee(VALIDATOR2, credits(1)));

  /** Requester with 100 available; provider with 20 available and 60 bonded; job-1 escrowed. */
  static void fundedJob(Ledger ledger) throws LedgerException {
    ledger.apply(id("deposit:r"), new Deposit(REQUESTER, credits(100)));
    ledger.apply(id("deposit:p"), new Deposit(PROVIDER, credits(80)));
    ledger.apply(id("bond:p"), new Bond(PROVIDER, credits(60)));
    ledger.apply(id("escrow:job-1"), new EscrowJob("job-1", REQUESTER, TERMS));
  }

  static Amount bal(Ledger ledger, AccountId account) {
    return ledger.balance(account);
  }

  @Nested
  class Funds {
    @Test
    void depositAndWithdrawMoveValueAcrossTheBoundary(Ledger ledger) throws LedgerException {
      Posting p = ledger.apply(id("d"), new Deposit(REQUESTER, credits(5)));
      assertThat(p.transfers())
          .containsExactly(
              new Transfer(AccountId.external(), AccountId.available(REQUESTER), credits(5)));
      ledger.apply(id("w"), new Withdraw(REQUESTER, credits(2)));
      assertThat(bal(ledger, AccountId.available(REQUESTER))).isEqualTo(credits(3));
      assertThat(ledger.outstanding()).isEqualTo(credits(3));
      assertThat(ledger.balances())
          .containsEntry(AccountId.external(), -credits(3).units())
          .containsEntry(AccountId.available(REQUESTER), credits(3).units())
          .hasSize(2);
      assertThatThrownBy(() -> ledger.balance(AccountId.external()))
          .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void withdrawingMoreThanAvailableIsRefused(Ledger ledger) throws LedgerException {
      ledger.apply(id("d"), new Deposit(REQUESTER, credits(5)));
      assertRefused(ledger, "w", new Withdraw(REQUESTER, Amount.of(5_000_001)), INSUFFICIENT_FUNDS);
      assertRefused(ledger, "w", new Withdraw(PROVIDER, Amount.of(1)), INSUFFICIENT_FUNDS);
    }

    @Test
    void depositsCannotOverflowTheLedger(Ledger ledger) throws LedgerException {
      ledger.apply(id("d1"), new Deposit(REQUESTER, Amount.of(Long.MAX_VALUE - 1)));
      ledger.apply(id("d2"), new Deposit(PROVIDER, Amount.of(1)));
      assertRefused(ledger, "d3", new Deposit(VALIDATOR, Amount.of(1)), AMOUNT_OVERFLOW);
    }

    @Test
    void bondAndUnbond(Ledger ledger) throws LedgerException {
      ledger.apply(id("d"), new Deposit(PROVIDER, credits(10)));
      ledger.apply(id("b"), new Bond(PROVIDER, credits(7)));
      assertThat(bal(ledger, AccountId.bonded(PROVIDER))).isEqualTo(credits(7));
      assertRefused(ledger, "b2", new Bond(PROVIDER, credits(4)), INSUFFICIENT_FUNDS);
      ledger.apply(id("u"), new Unbond(PROVIDER, credits(2)));
      assertThat(bal(ledger, AccountId.available(PROVIDER))).isEqualTo(credits(5));
      assertRefused(ledger, "u2", new Unbond(PROVIDER, credits(6)), INSUFFICIENT_FUNDS);
    }
  }

  @Nested
  class Jobs {
    @Test
    void escrowTakesTheWholeBudget(Ledger ledger) throws LedgerException {
      fundedJob(ledger);
      assertThat(bal(ledger, AccountId.escrow("job-1"))).isEqualTo(credits(36));
      assertThat(bal(ledger, AccountId.available(REQUESTER))).isEqualTo(credits(64));
      JobState job = ledger.job("job-1").orElseThrow();
      assertThat(job.open()).isTrue();
      assertThat(job.requester()).isEqualTo(REQUESTER);
      assertThat(job.remainingObligation()).isEqualTo(credits(36));
    }

    @Test
    void escrowRefusals(Ledger ledger) throws LedgerException {
      fundedJob(ledger);
      assertRefused(ledger, "e2", new EscrowJob("job-1", REQUESTER, TERMS), JOB_EXISTS);
      JobTerms big = new JobTerms(credits(30), credits(1), 3, credits(1), SPLIT);
      assertRefused(ledger, "e3", new EscrowJob("job-2", REQUESTER, big), INSUFFICIENT_FUNDS);
      ledger.apply(id("close"), new CloseJob("job-1", REQUESTER));
      assertRefused(ledger, "e4", new EscrowJob("job-1", REQUESTER, TERMS), JOB_EXISTS);
    }

    @Test
    void aZeroBudgetJobMovesNothing(Ledger ledger) throws LedgerException {
      JobTerms free = new JobTerms(Amount.ZERO, Amount.ZERO, 2, Amount.ZERO, SPLIT);
      Posting p = ledger.apply(id("e"), new EscrowJob("free", REQUESTER, free));
      assertThat(p.transfers()).isEmpty();
      assertThat(ledger.job("free")).isPresent();
      ledger.apply(id("r"), new Reward("free", "t", PROVIDER, Amount.ZERO, List.of()));
      assertThat(ledger.job("free").orElseThrow().settledTasks()).isEqualTo(1);
    }

    @Test
    void closeRefundsWhatIsLeftAndFreezesTheJob(Ledger ledger) throws LedgerException {
      fundedJob(ledger);
      ledger.apply(id("settle:t0"), new Reward("job-1", "t0", PROVIDER, credits(10), FEES));
      Posting close = ledger.apply(id("close"), new CloseJob("job-1", REQUESTER));
      assertThat(close.transfers())
          .containsExactly(
              new Transfer(AccountId.escrow("job-1"), AccountId.available(REQUESTER), credits(24)));
      assertThat(bal(ledger, AccountId.escrow("job-1"))).isEqualTo(Amount.ZERO);
      assertThat(bal(ledger, AccountId.available(REQUESTER))).isEqualTo(credits(88));
      assertThat(ledger.job("job-1").orElseThrow().open()).isFalse();
      assertRefused(
          ledger, "settle:t1", new Reward("job-1", "t1", PROVIDER, credits(10), FEES), JOB_CLOSED);
      assertRefused(
          ledger, "lock", new LockStake(PROVIDER, "job-1", "t1", credits(50)), JOB_CLOSED);
      assertRefused(ledger, "close2", new CloseJob("job-1", REQUESTER), JOB_CLOSED);
    }

    @Test
    void closeRefusals(Ledger ledger) throws LedgerException {
      fundedJob(ledger);
      assertRefused(ledger, "c", new CloseJob("job-9", REQUESTER), UNKNOWN_JOB);
      assertRefused(ledger, "c", new CloseJob("job-1", PROVIDER), WRONG_REQUESTER);
    }
  }

  @Nested
  class Stake {
    @Test
    void lockAndReleaseReturnTheWholeStake(Ledger ledger) throws LedgerException {
      fundedJob(ledger);
      ledger.apply(id("lock:t0"), new LockStake(PROVIDER, "job-1", "t0", credits(50)));
      assertThat(bal(ledger, AccountId.locked(PROVIDER))).isEqualTo(credits(50));
      assertThat(bal(ledger, AccountId.bonded(PROVIDER))).isEqualTo(credits(10));
      assertThat(ledger.stakeLock(new StakeLock(PROVIDER, "job-1", "t0"))).contains(credits(50));
      ledger.apply(id("release:t0"), new ReleaseStake(PROVIDER, "job-1", "t0", credits(50)));
      assertThat(bal(ledger, AccountId.locked(PROVIDER))).isEqualTo(Amount.ZERO);
      assertThat(bal(ledger, AccountId.bonded(PROVIDER))).isEqualTo(credits(60));
      assertThat(ledger.stakeLock(new StakeLock(PROVIDER, "job-1", "t0"))).isEmpty();
    }

    @Test
    void lockRefusals(Ledger ledger) throws LedgerException {
      fundedJob(ledger);
      assertRefused(ledger, "l", new LockStake(PROVIDER, "job-9", "t0", credits(50)), UNKNOWN_JOB);
      assertRefused(
          ledger, "l", new LockStake(PROVIDER, "job-1", "t0", credits(49)), STAKE_BELOW_MINIMUM);
      assertRefused(
          ledger, "l", new LockStake(PROVIDER, "job-1", "t0", credits(61)), INSUFFICIENT_FUNDS);
      ledger.apply(id("lock:t0"), new LockStake(PROVIDER, "job-1", "t0", credits(50)));
      assertRefused(
          ledger, "l", new LockStake(PROVIDER, "job-1", "t0", credits(50)), STAKE_ALREADY_LOCKED);
      assertRefused(
          ledger, "l", new LockStake(PROVIDER, "job-1", "t1", credits(50)), INSUFFICIENT_FUNDS);
      ledger.apply(id("settle:t2"), new Reward("job-1", "t2", PROVIDER2, credits(10), FEES));
      assertRefused(
          ledger, "l", new LockStake(PROVIDER, "job-1", "t2", credits(50)), TASK_ALREADY_SETTLED);
    }

    @Test
    void releaseRefusals(Ledger ledger) throws LedgerException {
      fundedJob(ledger);
      assertRefused(
          ledger, "r", new ReleaseStake(PROVIDER, "job-1", "t0", credits(50)), NO_STAKE_LOCK);
      ledger.apply(id("lock:t0"), new LockStake(PROVIDER, "job-1", "t0", credits(55)));
      assertRefused(
          ledger, "r", new ReleaseStake(PROVIDER, "job-1", "t0", credits(50)), STAKE_LOCK_MISMATCH);
      assertRefused(
          ledger, "r", new ReleaseStake(PROVIDER2, "job-1", "t0", credits(55)), NO_STAKE_LOCK);
    }

    @Test
    void aSlowOrCrashedProviderLosesItsLeaseNeverItsStake(Ledger ledger) throws LedgerException {
      fundedJob(ledger);
      // The provider takes t0, then goes silent: its lease expires and the task is re-leased.
      ledger.apply(id("lock:p:t0"), new LockStake(PROVIDER, "job-1", "t0", credits(50)));
      ledger.apply(id("expire:p:t0"), new ReleaseStake(PROVIDER, "job-1", "t0", credits(50)));
      ledger.apply(id("d2"), new Deposit(PROVIDER2, credits(50)));
      ledger.apply(id("b2"), new Bond(PROVIDER2, credits(50)));
      ledger.apply(id("lock:p2:t0"), new LockStake(PROVIDER2, "job-1", "t0", credits(50)));
      ledger.apply(id("settle:t0"), new Reward("job-1", "t0", PROVIDER2, credits(10), FEES));
      ledger.apply(id("release:p2:t0"), new ReleaseStake(PROVIDER2, "job-1", "t0", credits(50)));
      // The crashed provider comes back: its stake is whole and it can take the next task.
      assertThat(bal(ledger, AccountId.bonded(PROVIDER))).isEqualTo(credits(60));
      assertThat(bal(ledger, AccountId.available(PROVIDER))).isEqualTo(credits(20));
      ledger.apply(id("lock:p:t1"), new LockStake(PROVIDER, "job-1", "t1", credits(50)));
      // Even after the job closes, a held stake is released, never lost.
      ledger.apply(id("close"), new CloseJob("job-1", REQUESTER));
      ledger.apply(id("release:p:t1"), new ReleaseStake(PROVIDER, "job-1", "t1", credits(50)));
      assertThat(bal(ledger, AccountId.bonded(PROVIDER))).isEqualTo(credits(60));
      assertThat(ledger.postings())
          .flatMap(Posting::transfers)
          .noneMatch(t ->
              t.from().equals(AccountId.locked(PROVIDER))
                  && !t.to().equals(AccountId.bonded(PROVIDER)));
    }
  }

  @Nested
  class Settlement {
    @Test
    void rewardPaysTheProviderAndTheValidatorsFromEscrow(Ledger ledger) throws LedgerException {
      fundedJob(ledger);
      Posting p =
          ledger.apply(id("settle:t0"), new Reward("job-1", "t0", PROVIDER, credits(10), FEES));
      AccountId escrow = AccountId.escrow("job-1");
      assertThat(p.transfers())
          .containsExactly(
              new Transfer(escrow, AccountId.available(PROVIDER), credits(10)),
              new Transfer(escrow, AccountId.available(VALIDATOR), credits(1)),
              new Transfer(escrow, AccountId.available(VALIDATOR2), credits(1)));
      assertThat(bal(ledger, escrow)).isEqualTo(credits(24));
      assertThat(bal(ledger, AccountId.available(PROVIDER))).isEqualTo(credits(30));
      assertThat(ledger.taskSettled("job-1", "t0")).isTrue();
      assertThat(ledger.job("job-1").orElseThrow().remainingObligation()).isEqualTo(credits(24));
    }

    @Test
    void aPartialRewardLeavesTheRestForTheRequester(Ledger ledger) throws LedgerException {
      fundedJob(ledger);
      ledger.apply(
          id("settle:t0"),
          new Reward("job-1", "t0", PROVIDER, credits(7), List.of(new Fee(VALIDATOR, credits(1)))));
      ledger.apply(id("close"), new CloseJob("job-1", REQUESTER));
      assertThat(bal(ledger, AccountId.available(REQUESTER))).isEqualTo(credits(100 - 8));
    }

    @Test
    void rewardRefusals(Ledger ledger) throws LedgerException {
      fundedJob(ledger);
      assertRefused(
          ledger, "s", new Reward("job-9", "t0", PROVIDER, credits(10), FEES), UNKNOWN_JOB);
      assertRefused(
          ledger, "s", new Reward("job-1", "t0", PROVIDER, credits(11), FEES), EXCEEDS_TERMS);
      List<Fee> greedy = List.of(new Fee(VALIDATOR, credits(2)), new Fee(VALIDATOR2, Amount.of(1)));
      assertRefused(
          ledger, "s", new Reward("job-1", "t0", PROVIDER, credits(10), greedy), EXCEEDS_TERMS);
      for (int t = 0; t < 3; t++) {
        ledger.apply(id("settle:t" + t), new Reward("job-1", "t" + t, PROVIDER, credits(10), FEES));
      }
      assertRefused(
          ledger,
          "s",
          new Reward("job-1", "t1", PROVIDER, credits(10), FEES),
          TASK_ALREADY_SETTLED);
      assertRefused(
          ledger, "s", new Reward("job-1", "t3", PROVIDER, credits(10), FEES), ALL_TASKS_SETTLED);
      assertThat(bal(ledger, AccountId.escrow("job-1"))).isEqualTo(Amount.ZERO);
    }

    @Test
    void slashSplitsTheTaskLockAndReturnsTheRest(Ledger ledger) throws LedgerException {
      fundedJob(ledger);
      ledger.apply(id("lock:t0"), new LockStake(PROVIDER, "job-1", "t0", credits(55)));
      Posting p =
          ledger.apply(
              id("slash:t0:p"),
              new Slash("job-1", "t0", PROVIDER, credits(50), REQUESTER, CHALLENGER, SPLIT));
      AccountId locked = AccountId.locked(PROVIDER);
      assertThat(p.transfers())
          .containsExactly(
              new Transfer(locked, AccountId.available(REQUESTER), credits(35)),
              new Transfer(locked, AccountId.available(CHALLENGER), credits(10)),
              new Transfer(locked, AccountId.treasury(), credits(5)),
              new Transfer(locked, AccountId.bonded(PROVIDER), credits(5)));
      assertThat(bal(ledger, locked)).isEqualTo(Amount.ZERO);
      assertThat(bal(ledger, AccountId.bonded(PROVIDER))).isEqualTo(credits(10));
      assertThat(ledger.stakeLock(new StakeLock(PROVIDER, "job-1", "t0"))).isEmpty();
      // A slash settles nothing and leaves the escrow alone.
      assertThat(ledger.taskSettled("job-1", "t0")).isFalse();
      assertThat(bal(ledger, AccountId.escrow("job-1"))).isEqualTo(credits(36));
    }

    @Test
    void withoutAChallengerItsShareGoesToTheTreasury(Ledger ledger) throws LedgerException {
      fundedJob(ledger);
      ledger.apply(id("lock:t0"), new LockStake(PROVIDER, "job-1", "t0", credits(50)));
      Posting p =
          ledger.apply(
              id("slash:t0:p"),
              new Slash("job-1", "t0", PROVIDER, credits(50), REQUESTER, null, SPLIT));
      assertThat(p.transfers())
          .containsExactly(
              new Transfer(AccountId.locked(PROVIDER), AccountId.available(REQUESTER), credits(35)),
              new Transfer(AccountId.locked(PROVIDER), AccountId.treasury(), credits(15)));
    }

    @Test
    void aSlashedTaskIsRedoneByAnHonestProviderOrRefunded(Ledger ledger) throws LedgerException {
      fundedJob(ledger);
      ledger.apply(id("lock:t0"), new LockStake(PROVIDER, "job-1", "t0", credits(50)));
      ledger.apply(
          id("slash:t0:p"),
          new Slash("job-1", "t0", PROVIDER, credits(50), REQUESTER, CHALLENGER, SPLIT));
      // t0 is re-leased to an honest provider and paid from the untouched escrow.
      ledger.apply(id("settle:t0"), new Reward("job-1", "t0", PROVIDER2, credits(10), FEES));
      assertThat(bal(ledger, AccountId.available(PROVIDER2))).isEqualTo(credits(10));
      // t1 is slashed and never redone: its budget comes back at close.
      ledger.apply(id("d2"), new Deposit(PROVIDER2, credits(50)));
      ledger.apply(id("b2"), new Bond(PROVIDER2, credits(50)));
      ledger.apply(id("lock:t1"), new LockStake(PROVIDER2, "job-1", "t1", credits(50)));
      ledger.apply(
          id("slash:t1:p2"),
          new Slash("job-1", "t1", PROVIDER2, credits(25), REQUESTER, CHALLENGER, SPLIT));
      assertThat(bal(ledger, AccountId.bonded(PROVIDER2))).isEqualTo(credits(25));
      Posting close = ledger.apply(id("close"), new CloseJob("job-1", REQUESTER));
      assertThat(close.transfers())
          .singleElement()
          .extracting(Transfer::amount)
          .isEqualTo(credits(24));
      // 64 left after escrow + 35 and 17.5 from the two slashes + the 24 refund.
      assertThat(bal(ledger, AccountId.available(REQUESTER))).isEqualTo(Amount.parse("140.5"));
      assertThat(bal(ledger, AccountId.available(CHALLENGER))).isEqualTo(credits(15));
      assertThat(bal(ledger, AccountId.treasury())).isEqualTo(Amount.parse("7.5"));
    }

    @Test
    void theExampleSettlementOfTheDocs(Ledger ledger) throws LedgerException {
      // docs/ledger.md, "An example settlement": keep the two in step.
      fundedJob(ledger);
      ledger.apply(id("lock:t0"), new LockStake(PROVIDER, "job-1", "t0", credits(50)));
      ledger.apply(id("settle:t0"), new Reward("job-1", "t0", PROVIDER, credits(10), FEES));
      ledger.apply(id("release:t0"), new ReleaseStake(PROVIDER, "job-1", "t0", credits(50)));
      ledger.apply(id("lock:t1"), new LockStake(PROVIDER, "job-1", "t1", credits(55)));
      ledger.apply(
          id("slash:t1"),
          new Slash("job-1", "t1", PROVIDER, credits(50), REQUESTER, CHALLENGER, SPLIT));
      Posting close = ledger.apply(id("close"), new CloseJob("job-1", REQUESTER));
      assertThat(close.transfers())
          .singleElement()
          .extracting(Transfer::amount)
          .isEqualTo(credits(24));
      assertThat(ledger.balances())
          .containsExactlyEntriesOf(
              new java.util.TreeMap<>(
                  java.util.Map.of(
                      AccountId.available(REQUESTER), credits(123).units(),
                      AccountId.available(PROVIDER), credits(30).units(),
                      AccountId.bonded(PROVIDER), credits(10).units(),
                      AccountId.available(CHALLENGER), credits(10).units(),
                      AccountId.treasury(), credits(5).units(),
                      AccountId.available(VALIDATOR), credits(1).units(),
                      AccountId.available(VALIDATOR2), credits(1).units(),
                      AccountId.external(), -credits(180).units())));
      assertRefused(
          ledger,
          "settle:t0:again",
          new Reward("job-1", "t0", PROVIDER, credits(10), FEES),
          JOB_CLOSED);
    }

    @Test
    void slashRefusals(Ledger ledger) throws LedgerException {
      fundedJob(ledger);
      assertRefused(
          ledger,
          "s",
          new Slash("job-9", "t0", PROVIDER, credits(1), REQUESTER, null, SPLIT),
          UNKNOWN_JOB);
      assertRefused(
          ledger,
          "s",
          new Slash("job-1", "t0", PROVIDER, credits(1), VALIDATOR, null, SPLIT),
          WRONG_REQUESTER);
      assertRefused(
          ledger,
          "s",
          new Slash(
              "job-1", "t0", PROVIDER, credits(1), REQUESTER, null, new SlashSplit(10_000, 0, 0)),
          TERMS_MISMATCH);
      assertRefused(
          ledger,
          "s",
          new Slash("job-1", "t0", PROVIDER, credits(1), REQUESTER, null, SPLIT),
          NO_STAKE_LOCK);
      ledger.apply(id("lock:t0"), new LockStake(PROVIDER, "job-1", "t0", credits(50)));
      assertRefused(
          ledger,
          "s",
          new Slash("job-1", "t0", PROVIDER, credits(51), REQUESTER, null, SPLIT),
          SLASH_EXCEEDS_STAKE);
    }
  }

  @Nested
  class Idempotency {
    @Test
    void aRetriedSettlementPaysOnce(Ledger ledger) throws LedgerException {
      fundedJob(ledger);
      Reward reward = new Reward("job-1", "t0", PROVIDER, credits(10), FEES);
      Posting first = ledger.apply(id("settle:t0"), reward);
      LedgerSnapshot after = ledger.snapshot();
      for (int i = 0; i < 3; i++) {
        Posting again = ledger.apply(id("settle:t0"), reward);
        assertThat(again).isSameAs(first);
      }
      assertThat(ledger.snapshot()).isEqualTo(after);
      assertThat(ledger.postings()).hasSize(5);
      assertThat(bal(ledger, AccountId.available(PROVIDER))).isEqualTo(credits(30));
    }

    @Test
    void aReplayedSettlementUnderAFreshIdStillPaysOnce(Ledger ledger) throws LedgerException {
      fundedJob(ledger);
      Reward reward = new Reward("job-1", "t0", PROVIDER, credits(10), FEES);
      ledger.apply(id("settle:t0"), reward);
      assertRefused(ledger, "settle:t0:retry", reward, TASK_ALREADY_SETTLED);
      assertThat(bal(ledger, AccountId.available(PROVIDER))).isEqualTo(credits(30));
    }

    @Test
    void aRetriedSlashPaysOnce(Ledger ledger) throws LedgerException {
      fundedJob(ledger);
      ledger.apply(id("lock:t0"), new LockStake(PROVIDER, "job-1", "t0", credits(50)));
      Slash slash = new Slash("job-1", "t0", PROVIDER, credits(50), REQUESTER, null, SPLIT);
      Posting first = ledger.apply(id("slash:t0"), slash);
      assertThat(ledger.apply(id("slash:t0"), slash)).isSameAs(first);
      assertRefused(ledger, "slash:t0:again", slash, NO_STAKE_LOCK);
      assertThat(bal(ledger, AccountId.treasury())).isEqualTo(credits(15));
    }

    @Test
    void theSameIdWithADifferentOperationIsAConflict(Ledger ledger) throws LedgerException {
      fundedJob(ledger);
      ledger.apply(id("settle:t0"), new Reward("job-1", "t0", PROVIDER, credits(10), FEES));
      LedgerException e =
          assertRefused(
              ledger,
              "settle:t0",
              new Reward("job-1", "t0", PROVIDER, credits(9), FEES),
              CONFLICTING_REPLAY);
      assertThat(e).hasMessageContaining("settle:t0");
      assertRefused(ledger, "deposit:r", new Deposit(REQUESTER, credits(101)), CONFLICTING_REPLAY);
    }

    @Test
    void aRefusedIdCanBeUsedOnceTheOperationIsAllowed(Ledger ledger) throws LedgerException {
      assertRefused(ledger, "w", new Withdraw(REQUESTER, credits(1)), INSUFFICIENT_FUNDS);
      ledger.apply(id("d"), new Deposit(REQUESTER, credits(1)));
      ledger.apply(id("w"), new Withdraw(REQUESTER, credits(1)));
      assertThat(ledger.outstanding()).isEqualTo(Amount.ZERO);
    }
  }

  @Nested
  class Replay {
    private List<Posting> history(Ledger ledger) throws LedgerException {
      fundedJob(ledger);
      ledger.apply(id("lock:t0"), new LockStake(PROVIDER, "job-1", "t0", credits(50)));
      ledger.apply(id("settle:t0"), new Reward("job-1", "t0", PROVIDER, credits(10), FEES));
      ledger.apply(id("release:t0"), new ReleaseStake(PROVIDER, "job-1", "t0", credits(50)));
      ledger.apply(id("lock:t1"), new LockStake(PROVIDER, "job-1", "t1", credits(60)));
      ledger.apply(
          id("slash:t1"),
          new Slash("job-1", "t1", PROVIDER, credits(50), REQUESTER, CHALLENGER, SPLIT));
      ledger.apply(id("close"), new CloseJob("job-1", REQUESTER));
      return ledger.postings();
    }

    @Test
    void reproducesTheBalances(Ledger ledger, LedgerInvariantsExtension.TrackedLedgers tracked)
        throws LedgerException {
      Ledger replayed = tracked.track(Ledger.replay(history(ledger)));
      assertThat(replayed.balances()).isEqualTo(ledger.balances());
      assertThat(replayed.snapshot()).isEqualTo(ledger.snapshot());
    }

    @Test
    void detectsATamperedAmount(Ledger ledger) throws LedgerException {
      List<Posting> h = new ArrayList<>(history(ledger));
      Posting settle = h.get(5);
      List<Transfer> legs = new ArrayList<>(settle.transfers());
      Transfer first = legs.get(0);
      legs.set(0, new Transfer(first.from(), first.to(), first.amount().plus(Amount.of(1))));
      h.set(5, new Posting(settle.id(), settle.operation(), legs));
      assertReplayRefused(h, POSTING_MISMATCH, "posting 5");
    }

    @Test
    void detectsARedirectedTransfer(Ledger ledger) throws LedgerException {
      List<Posting> h = new ArrayList<>(history(ledger));
      Posting slash = h.get(8);
      List<Transfer> legs = new ArrayList<>(slash.transfers());
      Transfer toChallenger = legs.get(1);
      legs.set(
          1,
          new Transfer(toChallenger.from(), AccountId.available(VALIDATOR), toChallenger.amount()));
      h.set(8, new Posting(slash.id(), slash.operation(), legs));
      assertReplayRefused(h, POSTING_MISMATCH, "posting 8");
    }

    @Test
    void detectsADroppedOrAddedTransfer(Ledger ledger) throws LedgerException {
      List<Posting> h = history(ledger);
      List<Posting> dropped = new ArrayList<>(h);
      Posting close = h.get(9);
      dropped.set(9, new Posting(close.id(), close.operation(), List.of()));
      assertReplayRefused(dropped, POSTING_MISMATCH, "posting 9");
      List<Posting> added = new ArrayList<>(h);
      Posting bond = h.get(2);
      List<Transfer> legs = new ArrayList<>(bond.transfers());
      legs.add(new Transfer(AccountId.treasury(), AccountId.available(PROVIDER), Amount.of(1)));
      added.set(2, new Posting(bond.id(), bond.operation(), legs));
      assertReplayRefused(added, POSTING_MISMATCH, "posting 2");
    }

    @Test
    void detectsASwappedOperation(Ledger ledger) throws LedgerException {
      List<Posting> h = new ArrayList<>(history(ledger));
      Posting settle = h.get(5);
      h.set(
          5,
          new Posting(
              settle.id(),
              new Reward("job-1", "t0", CHALLENGER, credits(10), FEES),
              settle.transfers()));
      assertReplayRefused(h, POSTING_MISMATCH, "posting 5");
    }

    @Test
    void detectsRepeatedOrReorderedPostings(Ledger ledger) throws LedgerException {
      List<Posting> h = history(ledger);
      List<Posting> repeated = new ArrayList<>(h);
      repeated.add(6, h.get(5));
      assertReplayRefused(repeated, POSTING_MISMATCH, "repeats operation id settle:t0");
      List<Posting> reordered = new ArrayList<>(h);
      reordered.add(0, reordered.remove(5));
      assertReplayRefused(reordered, UNKNOWN_JOB, "posting 0");
    }

    private void assertReplayRefused(
        List<Posting> history, LedgerException.Reason reason, String message) {
      LedgerException e = catchThrowableOfType(LedgerException.class, () -> Ledger.replay(history));
      assertThat(e).isNotNull();
      assertThat(e.reason()).as(e.getMessage()).isEqualTo(reason);
      assertThat(e).hasMessageContaining(message);
    }
  }
}
