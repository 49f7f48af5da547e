package dev.proofofcompute.coordinator.service;

import dev.proofofcompute.crypto.Bytes;
import dev.proofofcompute.crypto.Digest;
import dev.proofofcompute.crypto.merkle.ConsistencyProof;
import dev.proofofcompute.crypto.merkle.InclusionProof;
import dev.proofofcompute.ledger.AccountId;
import dev.proofofcompute.storage.Storage;
import dev.proofofcompute.storage.TransactionalLogStore;
import dev.proofofcompute.translog.SignedTreeHead;
import dev.proofofcompute.translog.TransparencyLog;
import java.util.List;
import java.util.Optional;
import java.util.SortedMap;

/**
 * The read side of the transparency log, behind the RFC 6962 §4-shaped endpoints under {@code
 * /v1/log} (docs/coordinator.md, "Transparency log endpoints"): the latest signed tree head,
 * entries by range, inclusion proofs by index or leaf hash, consistency proofs, and the ledger
 * balances together with the log size they include. Public and unauthenticated: nothing here is
 * secret (the log is meant to be read by anyone) and nothing is trusted by its readers, who check
 * every answer against a signed head.
 *
 * <p>Every argument is checked against the log as it is now; a range or size outside it is a {@link
 * CoordinatorException} of kind BAD_REQUEST whose reason names the bound. Reads go to storage
 * (append-only), so answers for any size up to the current one stay valid while others append.
 */
public final class LogService {
  /** Most entries one {@link #entries} call returns (RFC 6962 §4.6 lets a log return fewer). */
  public static final int MAX_ENTRIES = TransparencyLog.MAX_ENTRIES_PER_READ;

  private final Storage storage;
  private final TransparencyLog log;

  private LogService(Storage storage) {
    this.storage = storage;
    this.log = TransparencyLog.open(new TransactionalLogStore(storage));
  }

  /** The log kept in {@code storage}. */
  public static LogService over(Storage storage) {
    return new LogService(storage);
  }

  /** The latest signed tree head; empty before anything was logged. */
  public Optional<SignedTreeHead> head() {
    return log.latestTreeHead();
  }

  /**
   * Entries {@code start} to {@code last} inclusive (RFC 6962 §4.6), at most {@value #MAX_ENTRIES}
   * from {@code start}, as their stored canonical bytes.
   */
  public List<Bytes> entries(long start, long last) throws CoordinatorException {
    long size = log.size();
    if (start < 0 || last < start) {
      throw CoordinatorException.badRequest(
          "an entry range needs 0 <= start <= end, got start=" + start + " end=" + last);
    }
    if (last >= size) {
      throw CoordinatorException.badRequest(
          "entry " + last + " is beyond the log of " + size + " entries (end is inclusive)");
    }
    return log.entryBytes(start, last + 1);
  }

  /** The audit path of leaf {@code index} in the tree of {@code treeSize} (RFC 9162 §2.1.3.1). */
  public InclusionProof inclusion(long index, long treeSize) throws CoordinatorException {
    checkSize(treeSize);
    if (index < 0 || index >= treeSize) {
      throw CoordinatorException.badRequest(
          "leaf index " + index + " is outside a tree of " + treeSize + " entries");
    }
    return log.inclusionProof(index, treeSize);
  }

  /**
   * The audit path of the first leaf whose RFC 6962 leaf hash is {@code leafHash}, in the tree of
   * {@code treeSize} (RFC 6962 §4.5); empty when no leaf of that tree has it.
   */
  public Optional<InclusionProof> inclusionByHash(Digest leafHash, long treeSize)
      throws CoordinatorException {
    checkSize(treeSize);
    if (treeSize == 0) {
      throw CoordinatorException.badRequest("an empty tree has no leaves to prove");
    }
    return log.inclusionProofByHash(leafHash, treeSize);
  }

  /** The proof that the tree of {@code first} is a prefix of that of {@code second} (§2.1.4.1). */
  public ConsistencyProof consistency(long first, long second) throws CoordinatorException {
    checkSize(second);
    if (first < 0 || first > second) {
      throw CoordinatorException.badRequest(
          "a consistency proof needs 0 <= first <= second, got first="
              + first
              + " second="
              + second);
    }
    return log.consistencyProof(first, second);
  }

  /** Every non-zero ledger balance and the log size whose entries they include. */
  public record LoggedBalances(long treeSize, SortedMap<AccountId, Long> balances) {}

  /**
   * The balances, read in one transaction that holds appends off ({@code sizeHoldingAppends}), so
   * they include exactly the ledger operations of the first {@code treeSize} entries: every state
   * change commits with its entries.
   */
  public LoggedBalances balances() {
    return storage.transaction(
        tx -> new LoggedBalances(tx.log().sizeHoldingAppends(), tx.ledger().balances()));
  }

  private void checkSize(long treeSize) throws CoordinatorException {
    long size = log.size();
    if (treeSize < 0 || treeSize > size) {
      throw CoordinatorException.badRequest(
          "tree size " + treeSize + " is outside 0.." + size + " (the log's size)");
    }
  }

  @Override
  public String toString() {
    return "LogService[" + storage.location() + "]";
  }
}
