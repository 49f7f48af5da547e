package dev.proofofcompute.translog.audit;

import dev.proofofcompute.translog.LogEntry;
import java.util.function.Consumer;

/**
 * A check the auditor runs over every entry of the log, in log order: the extension point for
 * ledger replay, verdict re-verification and any other rule about what the log says.
 *
 * <p>Contract: a check is created fresh for each audit (the auditor takes a factory), sees every
 * entry that decodes, exactly once and in index order, then {@link #finish} once. It reports what
 * it finds to {@code report} and carries on; it never stops the audit. An exception thrown by a
 * check is reported by the auditor as {@link DiscrepancyKind#CHECK_ERROR}, never ignored.
 */
public interface EntryCheck {

  /** Checks entry {@code index}. */
  void check(long index, LogEntry entry, Consumer<Discrepancy> report);

  /** Called after the last entry, for checks that compare totals or look for what never came. */
  default void finish(Consumer<Discrepancy> report) {}
}
