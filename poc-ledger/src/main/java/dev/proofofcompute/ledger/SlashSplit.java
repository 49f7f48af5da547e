package dev.proofofcompute.ledger;

import dev.proofofcompute.crypto.money.Amount;
import java.util.List;

/**
 * How a slashed stake is divided, in basis points (1/10,000) that sum to exactly 10,000: a share to
 * the requester (compensation), a share to the treasury, and a share to the challenger whose
 * challenge exposed the fault (the validator or rival provider that disagreed).
 *
 * <p><b>Rounding.</b> Each share is {@code floor(amount * bps / 10_000)} micro-units; the few
 * micro-units the flooring leaves over (fewer than three) go to the <b>treasury</b>, so the three
 * shares always sum to the slashed amount exactly and no party can gain by the rounding. A slash
 * with no challenger sends the challenger's share to the treasury as well.
 */
public record SlashSplit(int requesterBps, int treasuryBps, int challengerBps) {
  /** Basis points in the whole. */
  public static final int TOTAL_BPS = 10_000;

  /**
   * @throws IllegalArgumentException if a share is negative or the shares do not sum to 10,000
   */
  public SlashSplit {
    if (requesterBps < 0 || treasuryBps < 0 || challengerBps < 0) {
      throw new IllegalArgumentException(
          "slash shares cannot be negative, got "
              + requesterBps
              + "/"
              + treasuryBps
              + "/"
              + challengerBps);
    }
    if ((long) requesterBps + treasuryBps + challengerBps != TOTAL_BPS) {
      throw new IllegalArgumentException(
          "slash shares must sum to "
              + TOTAL_BPS
              + " basis points, got "
              + requesterBps
              + " + "
              + treasuryBps
              + " + "
              + challengerBps);
    }
  }

  /** The three shares of {@code slashed}. */
  public record Shares(Amount requester, Amount treasury, Amount challenger) {}

  /** Divides {@code slashed} by the rounding rule above; the shares sum to it exactly. */
  public Shares divide(Amount slashed) {
    // Amount.split gives the flooring remainder to the first weight: the treasury.
    List<Amount> parts = slashed.split(treasuryBps, requesterBps, challengerBps);
    return new Shares(parts.get(1), parts.get(0), parts.get(2));
  }
}
