package dev.proofofcompute.translog.audit;

import dev.proofofcompute.crypto.Digest;
import dev.proofofcompute.crypto.Hashes;
import dev.proofofcompute.crypto.cbor.CborInteger;
import dev.proofofcompute.crypto.cbor.CborValue;
import dev.proofofcompute.translog.Authorisation;
import dev.proofofcompute.translog.LogEntry;
import java.security.MessageDigest;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Consumer;

/**
 * Flags a node's signed request that authorises more entries than it may: each request carries a
 * fresh nonce, so a second use means the coordinator replayed it (say, to deposit twice on one
 * signature). A single request authorises one entry. A batched request authorises one entry per
 * operation, each marked with the operation's index ({@link
 * Authorisation.NodeRequest#BATCH_OP_FIELD}, an unsigned integer): the same index twice, an entry
 * without the index next to one with it, or an index that is not an unsigned integer is a replay.
 * Whether each index names an operation the request's body really holds is the body check's
 * business, not this one's. Remembers a 32-byte hash and the indices seen per node request.
 */
public final class ReplayCheck implements EntryCheck {
  private static final String TAG = "poc/translog/audit-request/v1";

  /** Marks a request that authorised an entry without a batch index. */
  private static final long SINGLE = -1;

  private record Use(long firstIndex, Set<Long> ops) {}

  private final Map<Digest, Use> uses = new HashMap<>();

  @Override
  public void check(long index, LogEntry entry, Consumer<Discrepancy> report) {
    if (!(entry.authorisation() instanceof Authorisation.NodeRequest request)) {
      return;
    }
    MessageDigest md = Hashes.tagged(TAG);
    request.signer().raw().writeTo(md::update);
    request.signature().bytes().writeTo(md::update);
    request.request().writeTo(md::update);
    Digest id = Hashes.finish(md);
    Optional<CborValue> marked = entry.body().get(Authorisation.NodeRequest.BATCH_OP_FIELD);
    long op = SINGLE;
    if (marked.isPresent()) {
      if (!(marked.get() instanceof CborInteger i) || i.isNegative() || !i.fitsLong()) {
        report.accept(
            Discrepancy.atEntry(
                DiscrepancyKind.REPLAYED_REQUEST,
                index,
                entry.kind().wireName()
                    + ": the batch operation index of node "
                    + request.signerId().shortForm()
                    + "'s request is not an unsigned integer"));
        return;
      }
      op = i.argument();
    }
    Use use = uses.get(id);
    if (use == null) {
      Set<Long> ops = new HashSet<>();
      ops.add(op);
      uses.put(id, new Use(index, ops));
      return;
    }
    boolean fine = op != SINGLE && !use.ops().contains(SINGLE) && use.ops().add(op);
    if (!fine) {
      report.accept(
          Discrepancy.atEntry(
              DiscrepancyKind.REPLAYED_REQUEST,
              index,
              entry.kind().wireName()
                  + ": the signed request of node "
                  + request.signerId().shortForm()
                  + " already authorised entry "
                  + use.firstIndex()
                  + (op == SINGLE ? "" : " (batch operation " + op + " again or unmarked)")));
    }
  }
}
