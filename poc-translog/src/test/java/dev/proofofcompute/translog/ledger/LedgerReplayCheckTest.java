package dev.proofofcompute.translog.ledger;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.proofofcompute.crypto.DecodingException;
import dev.proofofcompute.crypto.cbor.CborMap;
import dev.proofofcompute.crypto.identity.NodeId;
import dev.proofofcompute.crypto.identity.NodeIdentity;
import dev.proofofcompute.crypto.money.Amount;
import dev.proofofcompute.ledger.AccountId;
import dev.proofofcompute.ledger.Ledger;
import dev.proofofcompute.ledger.Operation;
import dev.proofofcompute.ledger.OperationId;
import dev.proofofcompute.translog.EntryKind;
import dev.proofofcompute.translog.LogEntry;
import dev.proofofcompute.translog.TestEntries;
import dev.proofofcompute.translog.audit.Discrepancy;
import java.util.ArrayList;
import java.util.List;
import java.util.SortedMap;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;

class LedgerReplayCheckTest {
  static final NodeIdentity COORDINATOR = TestEntries.coordinator();
  static final NodeId ALICE = TestEntries.identity(1).nodeId();
  static final NodeId BOB = TestEntries.identity(2).nodeId();

  static LogEntry entry(EntryKind kind, long seq, String id, Operation op) {
    return LogEntry.signedByCoordinator(
        kind,
        TestEntries.T0.plusMillis(seq),
        LedgerEntries.body(
            kind,
            CborMap.builder().put("seq", seq).build(),
            List.of(new LedgerOp(OperationId.of(id), op))),
        COORDINATOR);
  }

  static List<LogEntry> history() {
    return List.of(
        entry(EntryKind.DEPOSIT, 0, "deposit:a", new Operation.Deposit(ALICE, Amount.ofCredits(9))),
        entry(EntryKind.DEPOSIT, 1, "deposit:b", new Operation.Deposit(BOB, Amount.ofCredits(4))),
        entry(EntryKind.STAKE, 2, "bond:b", new Operation.Bond(BOB, Amount.ofCredits(3))));
  }

  static SortedMap<AccountId, Long> replayed(List<LogEntry> entries) throws Exception {
    Ledger l = new Ledger();
    for (LogEntry e : entries) {
      for (LedgerOp op : LedgerEntries.read(e)) {
        l.apply(op.id(), op.operation());
      }
    }
    return l.balances();
  }

  static List<Discrepancy> run(LedgerReplayCheck check, List<LogEntry> entries)
      throws DecodingException {
    List<Discrepancy> found = new ArrayList<>();
    for (int i = 0; i < entries.size(); i++) {
      check.check(i, LogEntry.decode(entries.get(i).encode()), found::add);
    }
    check.finish(found::add);
    return found;
  }

  @Test
  void aFaithfulHistoryAndItsBalancesPass() throws Exception {
    var balances = replayed(history());
    var check =
        LedgerReplayCheck.comparingWith(new LedgerReplayCheck.ReportedBalances(3, balances));
    assertThat(run(check, history())).isEmpty();
    assertThat(check.operationsReplayed()).isEqualTo(3);
  }

  @Test
  void balancesAreComparedAtTheSizeTheyWereReportedFor() throws Exception {
    var atTwo = replayed(history().subList(0, 2));
    var check = LedgerReplayCheck.comparingWith(new LedgerReplayCheck.ReportedBalances(2, atTwo));
    assertThat(run(check, history())).isEmpty();
  }

  @Test
  void anAccountThatDiffersIsNamed() throws Exception {
    SortedMap<AccountId, Long> balances = new TreeMap<>(replayed(history()));
    balances.merge(AccountId.available(ALICE), 1L, Long::sum);
    var found =
        run(
            LedgerReplayCheck.comparingWith(new LedgerReplayCheck.ReportedBalances(3, balances)),
            history());
    assertThat(found)
        .singleElement()
        .satisfies(d -> {
          assertThat(d.kind()).isEqualTo(LedgerReplayCheck.BALANCE_MISMATCH);
          assertThat(d.where()).isEqualTo("account " + AccountId.available(ALICE));
          assertThat(d.detail()).contains("replay to 9", "reports 9.000001");
        });
  }

  @Test
  void anOperationTheRulesRefuseOnReplayIsNamed() throws Exception {
    List<LogEntry> h = new ArrayList<>(history());
    h.add(entry(EntryKind.STAKE, 3, "bond:a", new Operation.Bond(ALICE, Amount.ofCredits(10))));
    var found = run(LedgerReplayCheck.replayOnly(), h);
    assertThat(found)
        .singleElement()
        .satisfies(d -> {
          assertThat(d.kind()).isEqualTo(LedgerReplayCheck.LEDGER_REFUSED);
          assertThat(d.where()).isEqualTo("entry 3");
          assertThat(d.detail()).contains("bond:a", "INSUFFICIENT_FUNDS");
        });
  }

  @Test
  void anEntryWithoutTheOperationsItsKindRequiresOrWithOnesItMayNotCarryIsMalformed()
      throws DecodingException {
    LogEntry bare =
        LogEntry.signedByCoordinator(
            EntryKind.SETTLEMENT,
            TestEntries.T0,
            CborMap.builder().put("task", "t").build(),
            COORDINATOR);
    LogEntry smuggled =
        LogEntry.signedByCoordinator(
            EntryKind.LEASE,
            TestEntries.T0,
            CborMap.builder()
                .put(
                    LedgerEntries.FIELD,
                    LedgerEntries.toCbor(
                        List.of(
                            new LedgerOp(
                                OperationId.of("x"),
                                new Operation.Deposit(ALICE, Amount.ofCredits(1))))))
                .build(),
            COORDINATOR);
    var found = run(LedgerReplayCheck.replayOnly(), List.of(bare, smuggled));
    assertThat(found)
        .extracting(Discrepancy::kind)
        .containsOnly(LedgerReplayCheck.LEDGER_MALFORMED);
    assertThat(found)
        .extracting(Discrepancy::detail)
        .anySatisfy(d -> assertThat(d).contains("must carry"))
        .anySatisfy(d -> assertThat(d).contains("cannot carry a deposit"));
    assertThatThrownBy(() ->
            LedgerEntries.body(
                EntryKind.LEASE,
                CborMap.EMPTY,
                List.of(
                    new LedgerOp(
                        OperationId.of("x"), new Operation.Deposit(ALICE, Amount.ofCredits(1))))))
        .isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void balancesReportedBeyondTheAuditedEntriesAreUnverified() throws Exception {
    var check =
        LedgerReplayCheck.comparingWith(
            new LedgerReplayCheck.ReportedBalances(5, replayed(history())));
    assertThat(run(check, history()))
        .extracting(Discrepancy::kind)
        .containsExactly(LedgerReplayCheck.BALANCES_UNVERIFIED);
  }
}
