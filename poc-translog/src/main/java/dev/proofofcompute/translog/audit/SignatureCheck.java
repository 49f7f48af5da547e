package dev.proofofcompute.translog.audit;

import dev.proofofcompute.crypto.VerificationException;
import dev.proofofcompute.crypto.identity.Ed25519Verifier;
import dev.proofofcompute.crypto.identity.NodePublicKey;
import dev.proofofcompute.translog.Authorisation;
import dev.proofofcompute.translog.LogEntry;
import java.util.function.Consumer;

/**
 * Re-verifies the signature that authorised each entry, from the entry alone: a node's Ed25519
 * signature over its request bytes, or the coordinator's over the entry's signing bytes — and then
 * only if the key is the coordinator's, since any other key could sign anything.
 */
public final class SignatureCheck implements EntryCheck {
  private final NodePublicKey coordinatorKey;

  public SignatureCheck(NodePublicKey coordinatorKey) {
    this.coordinatorKey = coordinatorKey;
  }

  @Override
  public void check(long index, LogEntry entry, Consumer<Discrepancy> report) {
    switch (entry.authorisation()) {
      case Authorisation.NodeRequest request -> {
        try {
          request.verify();
        } catch (VerificationException e) {
          report.accept(
              Discrepancy.atEntry(
                  DiscrepancyKind.BAD_SIGNATURE,
                  index,
                  entry.kind().wireName()
                      + ": the request signature of node "
                      + request.signerId().shortForm()
                      + " does not verify: "
                      + e.getMessage()));
        }
      }
      case Authorisation.CoordinatorSigned signed -> {
        if (!signed.signer().equals(coordinatorKey)) {
          report.accept(
              Discrepancy.atEntry(
                  DiscrepancyKind.BAD_SIGNATURE,
                  index,
                  entry.kind().wireName()
                      + ": signed as the coordinator by key "
                      + signed.signerId().shortForm()
                      + ", which is not the coordinator's ("
                      + coordinatorKey.nodeId().shortForm()
                      + ")"));
          return;
        }
        try {
          Ed25519Verifier.create(coordinatorKey)
              .verify(entry.coordinatorSigningBytes(), signed.signature().bytes());
        } catch (VerificationException e) {
          report.accept(
              Discrepancy.atEntry(
                  DiscrepancyKind.BAD_SIGNATURE,
                  index,
                  entry.kind().wireName()
                      + ": the coordinator's signature does not verify: "
                      + e.getMessage()));
        }
      }
    }
  }
}
