package dev.proofofcompute.translog.audit;

import dev.proofofcompute.crypto.Bytes;
import dev.proofofcompute.crypto.Digest;
import dev.proofofcompute.crypto.merkle.ConsistencyProof;
import dev.proofofcompute.crypto.merkle.InclusionProof;
import java.util.List;
import java.util.Optional;

/**
 * Where the auditor reads the log: the RFC 6962 §4 operations, served by a coordinator over HTTP or
 * read from a database file, and never trusted — everything it returns is checked against signed
 * tree heads.
 */
public interface LogSource {

  /**
   * The canonical bytes of entries from {@code start}, at most {@code end - start} of them, in
   * index order; fewer when the log caps the range, none when it has nothing at {@code start}.
   */
  List<Bytes> entries(long start, long end) throws LogSourceException;

  /** The inclusion proof of leaf {@code leafIndex} in the tree of {@code treeSize}. */
  InclusionProof inclusionProof(long leafIndex, long treeSize) throws LogSourceException;

  /** The inclusion proof of the leaf with hash {@code leafHash}, empty when the log has none. */
  Optional<InclusionProof> inclusionProofByHash(Digest leafHash, long treeSize)
      throws LogSourceException;

  /** The consistency proof between the trees of {@code oldSize} and {@code newSize}. */
  ConsistencyProof consistencyProof(long oldSize, long newSize) throws LogSourceException;
}
