/**
 * The ledger: accounts for requesters, providers, validators and the treasury, and the operations
 * that move value between them (deposit, escrow, stake, reward, slash) as a pure double-entry state
 * machine. {@link dev.proofofcompute.ledger.LedgerRules} decides what an operation does; {@link
 * dev.proofofcompute.ledger.Ledger} is the in-memory reference implementation that storage adapters
 * are tested against; {@link dev.proofofcompute.ledger.LedgerInvariants} states what must always
 * hold. See {@code docs/ledger.md}.
 */
@NullMarked
package dev.proofofcompute.ledger;

import org.jspecify.annotations.NullMarked;
