/**
 * Ledger operations carried by log entries, and their replay as an audit check: the {@code
 * "ledger"} body field of deposit, stake, job, lease, settlement and slash entries ({@link
 * dev.proofofcompute.translog.ledger.LedgerEntries}) and {@link
 * dev.proofofcompute.translog.ledger.LedgerReplayCheck}, which replays them through poc-ledger's
 * {@code Ledger} and compares the result with the balances the operator reports.
 */
@NullMarked
package dev.proofofcompute.translog.ledger;

import org.jspecify.annotations.NullMarked;
