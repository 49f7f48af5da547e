package dev.proofofcompute.translog.audit;

import dev.proofofcompute.crypto.VerificationException;
import dev.proofofcompute.crypto.identity.Ed25519Verifier;
import dev.proofofcompute.crypto.identity.NodePublicKey;
import dev.proofofcompute.translog.Authorisation;
import dev.proofofcompute.translog.LogEntry;
import java.util.Collection;
import java.util.List;
import java.util.function.Consumer;
import java.util.stream.Collectors;
import org.jspecify.annotations.Nullable;

/**
 * Re-verifies the signature that authorised each entry, from the entry alone: a node's Ed25519
 * signature over its request bytes, or the coordinator's over the entry's signing bytes (alone, or
 * as a leaf of a signed batch tree: {@link Authorisation.CoordinatorBatch}) — and then only if the
 * key is a pinned coordinator key, since any other key could sign anything. A batch's signature is
 * verified once for its consecutive entries (the inclusion of each entry is checked every time).
 * Several coordinators sharing one log each sign with their own key; every one of them is pinned.
 */
public final class SignatureCheck implements EntryCheck {
  private final List<NodePublicKey> coordinatorKeys;

  public SignatureCheck(NodePublicKey coordinatorKey) {
    this(List.of(coordinatorKey));
  }

  /** Trusts each of {@code coordinatorKeys} for coordinator entries. */
  public SignatureCheck(Collection<NodePublicKey> coordinatorKeys) {
    if (coordinatorKeys.isEmpty()) {
      throw new IllegalArgumentException("a signature check needs at least one coordinator key");
    }
    this.coordinatorKeys = List.copyOf(coordinatorKeys);
  }

  /** The batch whose signature was verified last (its entries follow one another in the log). */
  private Authorisation.@Nullable CoordinatorBatch lastVerified;

  private boolean isLastVerified(Authorisation.CoordinatorBatch batch) {
    Authorisation.CoordinatorBatch last = lastVerified;
    return last != null
        && last.signer().equals(batch.signer())
        && last.root().equals(batch.root())
        && last.proof().treeSize() == batch.proof().treeSize()
        && last.signature().equals(batch.signature());
  }

  /** Reports and returns false when {@code signer} is not a pinned coordinator key. */
  private boolean pinned(
      long index, LogEntry entry, NodePublicKey signer, Consumer<Discrepancy> report) {
    if (coordinatorKeys.contains(signer)) {
      return true;
    }
    report.accept(
        bad(
            index,
            entry,
            ": signed as the coordinator by key "
                + signer.nodeId().shortForm()
                + ", which is not a coordinator's ("
                + coordinatorKeys.stream()
                    .map(k -> k.nodeId().shortForm())
                    .collect(Collectors.joining(", "))
                + ")"));
    return false;
  }

  private static Discrepancy bad(long index, LogEntry entry, String detail) {
    return Discrepancy.atEntry(
        DiscrepancyKind.BAD_SIGNATURE, index, entry.kind().wireName() + detail);
  }

  @Override
  public void check(long index, LogEntry entry, Consumer<Discrepancy> report) {
    switch (entry.authorisation()) {
      case Authorisation.NodeRequest request -> {
        try {
          request.verify();
        } catch (VerificationException e) {
          report.accept(
              bad(
                  index,
                  entry,
                  ": the request signature of node "
                      + request.signerId().shortForm()
                      + " does not verify: "
                      + e.getMessage()));
        }
      }
      case Authorisation.CoordinatorSigned signed -> {
        if (!pinned(index, entry, signed.signer(), report)) {
          return;
        }
        try {
          Ed25519Verifier.create(signed.signer())
              .verify(entry.coordinatorSigningBytes(), signed.signature().bytes());
        } catch (VerificationException e) {
          report.accept(
              bad(
                  index,
                  entry,
                  ": the coordinator's signature does not verify: " + e.getMessage()));
        }
      }
      case Authorisation.CoordinatorBatch batch -> {
        if (!pinned(index, entry, batch.signer(), report)) {
          return;
        }
        try {
          // A batch's entries share signer, root, size and signature: verify the signature once.
          batch.verify(entry, isLastVerified(batch));
          lastVerified = batch;
        } catch (VerificationException e) {
          report.accept(
              bad(
                  index,
                  entry,
                  ": the coordinator's batch signature does not cover this entry: "
                      + e.getMessage()));
        }
      }
    }
  }
}
