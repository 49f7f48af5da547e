package dev.proofofcompute.translog.audit;

import dev.proofofcompute.crypto.Digest;
import dev.proofofcompute.crypto.Hashes;
import dev.proofofcompute.translog.Authorisation;
import dev.proofofcompute.translog.LogEntry;
import java.security.MessageDigest;
import java.util.HashMap;
import java.util.Map;
import java.util.function.Consumer;

/**
 * Flags a node's signed request that authorises more than one entry: each request carries a fresh
 * nonce, so a second use means the coordinator replayed it (say, to deposit twice on one
 * signature). Remembers a 32-byte hash per node request.
 */
public final class ReplayCheck implements EntryCheck {
  private static final String TAG = "poc/translog/audit-request/v1";

  private final Map<Digest, Long> firstUse = new HashMap<>();

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
    Long earlier = firstUse.putIfAbsent(id, index);
    if (earlier != null) {
      report.accept(
          Discrepancy.atEntry(
              DiscrepancyKind.REPLAYED_REQUEST,
              index,
              entry.kind().wireName()
                  + ": the signed request of node "
                  + request.signerId().shortForm()
                  + " already authorised entry "
                  + earlier));
    }
  }
}
