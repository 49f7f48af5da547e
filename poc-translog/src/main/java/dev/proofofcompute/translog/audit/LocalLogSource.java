package dev.proofofcompute.translog.audit;

import dev.proofofcompute.crypto.Bytes;
import dev.proofofcompute.crypto.Digest;
import dev.proofofcompute.crypto.merkle.ConsistencyProof;
import dev.proofofcompute.crypto.merkle.InclusionProof;
import dev.proofofcompute.translog.TransparencyLog;
import java.util.List;
import java.util.Optional;

/**
 * A {@link LogSource} over a {@link TransparencyLog} in this process (an audit of a local database
 * file, or a test). Requests the log refuses (a range or size beyond it) become {@link
 * LogSourceException}s, as an HTTP 400 would.
 */
public final class LocalLogSource implements LogSource {
  private final TransparencyLog log;

  public LocalLogSource(TransparencyLog log) {
    this.log = log;
  }

  @Override
  public List<Bytes> entries(long start, long end) throws LogSourceException {
    if (start >= log.size()) {
      return List.of();
    }
    try {
      return log.entryBytes(start, Math.min(end, log.size()));
    } catch (IllegalArgumentException e) {
      throw new LogSourceException("entries [" + start + ", " + end + "): " + e.getMessage(), e);
    }
  }

  @Override
  public InclusionProof inclusionProof(long leafIndex, long treeSize) throws LogSourceException {
    try {
      return log.inclusionProof(leafIndex, treeSize);
    } catch (IllegalArgumentException e) {
      throw new LogSourceException("inclusion proof: " + e.getMessage(), e);
    }
  }

  @Override
  public Optional<InclusionProof> inclusionProofByHash(Digest leafHash, long treeSize)
      throws LogSourceException {
    try {
      return log.inclusionProofByHash(leafHash, treeSize);
    } catch (IllegalArgumentException e) {
      throw new LogSourceException("inclusion proof by hash: " + e.getMessage(), e);
    }
  }

  @Override
  public ConsistencyProof consistencyProof(long oldSize, long newSize) throws LogSourceException {
    try {
      return log.consistencyProof(oldSize, newSize);
    } catch (IllegalArgumentException e) {
      throw new LogSourceException("consistency proof: " + e.getMessage(), e);
    }
  }
}
