package dev.proofofcompute.cli;

import dev.proofofcompute.crypto.Bytes;
import dev.proofofcompute.crypto.Digest;
import dev.proofofcompute.crypto.merkle.ConsistencyProof;
import dev.proofofcompute.crypto.merkle.InclusionProof;
import dev.proofofcompute.storage.Storage;
import dev.proofofcompute.storage.TransactionalLogStore;
import dev.proofofcompute.translog.TransparencyLog;
import dev.proofofcompute.translog.audit.LocalLogSource;
import dev.proofofcompute.translog.audit.LogSource;
import dev.proofofcompute.translog.audit.LogSourceException;
import java.util.List;
import java.util.Optional;
import org.jspecify.annotations.Nullable;

/**
 * A {@link LogSource} over the log tables of a database ({@code poc audit --db}): the same
 * operations the coordinator serves, computed here from the stored entries and subtree hashes. A
 * database someone altered may fail in any way — a missing tree row, a row that does not decode, a
 * storage error — and every such failure becomes a {@link LogSourceException}, which the auditor
 * reports, never a crash.
 */
final class DatabaseLogSource implements LogSource {
  private final Storage storage;
  private @Nullable LocalLogSource local;

  DatabaseLogSource(Storage storage) {
    this.storage = storage;
  }

  private LocalLogSource local() throws LogSourceException {
    LocalLogSource l = local;
    if (l == null) {
      try {
        l = new LocalLogSource(TransparencyLog.open(new TransactionalLogStore(storage)));
      } catch (RuntimeException e) {
        throw new LogSourceException("opening the log: " + e.getMessage(), e);
      }
      local = l;
    }
    return l;
  }

  @Override
  public List<Bytes> entries(long start, long end) throws LogSourceException {
    try {
      return local().entries(start, end);
    } catch (RuntimeException e) {
      throw new LogSourceException("entries from " + start + ": " + e.getMessage(), e);
    }
  }

  @Override
  public InclusionProof inclusionProof(long leafIndex, long treeSize) throws LogSourceException {
    try {
      return local().inclusionProof(leafIndex, treeSize);
    } catch (RuntimeException e) {
      throw new LogSourceException("inclusion proof: " + e.getMessage(), e);
    }
  }

  @Override
  public Optional<InclusionProof> inclusionProofByHash(Digest leafHash, long treeSize)
      throws LogSourceException {
    try {
      return local().inclusionProofByHash(leafHash, treeSize);
    } catch (RuntimeException e) {
      throw new LogSourceException("inclusion proof by hash: " + e.getMessage(), e);
    }
  }

  @Override
  public ConsistencyProof consistencyProof(long oldSize, long newSize) throws LogSourceException {
    try {
      return local().consistencyProof(oldSize, newSize);
    } catch (RuntimeException e) {
      throw new LogSourceException("consistency proof: " + e.getMessage(), e);
    }
  }
}
