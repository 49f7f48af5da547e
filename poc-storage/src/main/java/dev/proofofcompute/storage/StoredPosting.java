package dev.proofofcompute.storage;

import dev.proofofcompute.ledger.Posting;
import java.time.Instant;

/**
 * A ledger posting as stored: its sequence number in the ledger's history (increasing, the cursor
 * of {@link LedgerStore#postings}) and when it was applied.
 */
public record StoredPosting(long seq, Posting posting, Instant appliedAt) {}
