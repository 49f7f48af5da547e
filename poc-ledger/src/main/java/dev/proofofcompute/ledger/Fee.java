package dev.proofofcompute.ledger;

import dev.proofofcompute.crypto.identity.NodeId;
import dev.proofofcompute.crypto.money.Amount;

/** A validator's fee for checking one task, paid from the job's escrow by a {@code Reward}. */
public record Fee(NodeId validator, Amount amount) {}
