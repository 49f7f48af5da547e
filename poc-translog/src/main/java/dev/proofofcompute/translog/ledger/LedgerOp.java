package dev.proofofcompute.translog.ledger;

import dev.proofofcompute.ledger.Operation;
import dev.proofofcompute.ledger.OperationId;

/** One ledger operation a log entry records, under its idempotency key. */
public record LedgerOp(OperationId id, Operation operation) {}
