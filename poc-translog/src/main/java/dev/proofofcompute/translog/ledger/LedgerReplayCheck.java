package dev.proofofcompute.translog.ledger;

import dev.proofofcompute.crypto.DecodingException;
import dev.proofofcompute.crypto.money.Amount;
import dev.proofofcompute.ledger.AccountId;
import dev.proofofcompute.ledger.Ledger;
import dev.proofofcompute.ledger.LedgerException;
import dev.proofofcompute.translog.LogEntry;
import dev.proofofcompute.translog.audit.Discrepancy;
import dev.proofofcompute.translog.audit.DiscrepancyKind;
import dev.proofofcompute.translog.audit.EntryCheck;
import java.util.SortedMap;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.function.Consumer;
import org.jspecify.annotations.Nullable;

/**
 * Replays the money of the network from the log: every ledger operation the entries carry ({@link
 * LedgerEntries}) is applied, in log order, to a fresh in-memory {@link Ledger} (poc-ledger's
 * reference state machine, the same rules the coordinator's stored ledger uses), then the replayed
 * balances are compared, account by account, with the balances the operator reports (its database,
 * or its API) as of a given log size.
 *
 * <p>Findings: {@link #LEDGER_MALFORMED} (an entry whose {@code "ledger"} field is malformed, or
 * that carries an operation its kind may not, or lacks one its kind must have), {@link
 * #LEDGER_REFUSED} (the rules refuse an operation in the state the log's earlier operations left:
 * money out of nothing, a second settlement, a slash without a stake lock, an operation id reused
 * for another operation), {@link #BALANCE_MISMATCH} (an account whose reported balance is not the
 * replayed one — the operator's books and its log disagree) and {@link #BALANCES_UNVERIFIED}
 * (balances reported at a log size the audit did not reach: nothing signed to compare them with).
 */
public final class LedgerReplayCheck implements EntryCheck {
  public static final DiscrepancyKind LEDGER_MALFORMED = new DiscrepancyKind("LEDGER_MALFORMED");
  public static final DiscrepancyKind LEDGER_REFUSED = new DiscrepancyKind("LEDGER_REFUSED");
  public static final DiscrepancyKind BALANCE_MISMATCH = new DiscrepancyKind("BALANCE_MISMATCH");
  public static final DiscrepancyKind BALANCES_UNVERIFIED =
      new DiscrepancyKind("BALANCES_UNVERIFIED");

  /**
   * Balances as the operator reports them, read together with the log size they correspond to.
   *
   * @param treeSize the number of log entries whose operations the balances include
   * @param balances every non-zero balance in signed micro-units ({@code external} negative)
   */
  public record ReportedBalances(long treeSize, SortedMap<AccountId, Long> balances) {
    public ReportedBalances {
      if (treeSize < 0) {
        throw new IllegalArgumentException("tree size " + treeSize + " is negative");
      }
      balances = new TreeMap<>(balances);
    }
  }

  private final Ledger ledger = new Ledger();
  private final @Nullable ReportedBalances reported;
  private @Nullable SortedMap<AccountId, Long> replayedAtReport;
  private long seen;
  private long operations;

  private LedgerReplayCheck(@Nullable ReportedBalances reported) {
    this.reported = reported;
  }

  /** Replays and compares with {@code reported} at its size. */
  public static LedgerReplayCheck comparingWith(ReportedBalances reported) {
    return new LedgerReplayCheck(reported);
  }

  /** Replays only: reports malformed and refused operations, compares no balances. */
  public static LedgerReplayCheck replayOnly() {
    return new LedgerReplayCheck(null);
  }

  @Override
  public void check(long index, LogEntry entry, Consumer<Discrepancy> report) {
    snapshotIfAt(index);
    seen = Math.max(seen, index + 1);
    java.util.List<LedgerOp> ops;
    try {
      ops = LedgerEntries.read(entry);
    } catch (DecodingException e) {
      report.accept(Discrepancy.atEntry(LEDGER_MALFORMED, index, String.valueOf(e.getMessage())));
      return;
    }
    for (LedgerOp op : ops) {
      try {
        ledger.apply(op.id(), op.operation());
        operations++;
      } catch (LedgerException e) {
        report.accept(
            Discrepancy.atEntry(
                LEDGER_REFUSED,
                index,
                LedgerEntries.opName(op.operation())
                    + " "
                    + op.id()
                    + " is refused on replay: "
                    + e.getMessage()));
      }
    }
  }

  private void snapshotIfAt(long index) {
    if (reported != null && replayedAtReport == null && index == reported.treeSize()) {
      replayedAtReport = ledger.balances();
    }
  }

  @Override
  public void finish(Consumer<Discrepancy> report) {
    ReportedBalances r = reported;
    if (r == null) {
      return;
    }
    snapshotIfAt(seen);
    SortedMap<AccountId, Long> replayed = replayedAtReport;
    if (replayed == null) {
      report.accept(
          new Discrepancy(
              BALANCES_UNVERIFIED,
              "ledger",
              "the balances were reported at log size "
                  + r.treeSize()
                  + " but only "
                  + seen
                  + " entries were audited: nothing signed to compare them with"));
      return;
    }
    TreeSet<AccountId> accounts = new TreeSet<>(replayed.keySet());
    accounts.addAll(r.balances().keySet());
    for (AccountId account : accounts) {
      long want = replayed.getOrDefault(account, 0L);
      long got = r.balances().getOrDefault(account, 0L);
      if (want != got) {
        report.accept(
            new Discrepancy(
                BALANCE_MISMATCH,
                "account " + account,
                "the log's operations up to size "
                    + r.treeSize()
                    + " replay to "
                    + credits(want)
                    + ", the operator reports "
                    + credits(got)));
      }
    }
  }

  /** How many operations replayed so far (for the summary). */
  public long operationsReplayed() {
    return operations;
  }

  private static String credits(long micros) {
    return micros < 0 ? "-" + Amount.of(-micros) : Amount.of(micros).toString();
  }
}
