package dev.proofofcompute.translog;

import dev.proofofcompute.crypto.Bytes;
import dev.proofofcompute.crypto.Digest;
import java.util.List;
import java.util.Optional;
import java.util.OptionalLong;

/**
 * The port through which {@link TransparencyLog} keeps its entries, leaf hashes, perfect-subtree
 * hashes and signed tree heads. Implemented in memory by {@link InMemoryLogStorage} and by the SQL
 * adapters of the storage module; every implementation must pass the same contract (the tests of
 * {@code InMemoryLogStorage} state it).
 *
 * <p>Contract:
 *
 * <ul>
 *   <li>The log is append-only. {@link #append} is atomic: either every leaf and node of the batch
 *       is stored and the size grows by the number of leaves, or nothing changes. It first checks
 *       that the size is still {@code expectedSize} and otherwise throws {@link
 *       AppendConflictException} (another writer appended first; optimistic concurrency for several
 *       coordinators sharing one database).
 *   <li>A batch brings exactly the perfect subtrees of level 1 and above that its leaves complete
 *       (those reported by {@link CompactRange#append}); an implementation may reject a batch whose
 *       nodes do not match its leaves with {@link IllegalArgumentException}.
 *   <li>Reads are of stored data only: ranges and addresses outside what is stored are an {@link
 *       IllegalArgumentException}, never a made-up value. Level-0 nodes are the leaf hashes.
 *   <li>Implementations are safe for concurrent use by several threads.
 * </ul>
 */
public interface LogStorage {

  /** One appended leaf: its RFC 6962 leaf hash and the canonical entry bytes it hashes. */
  record Leaf(Digest leafHash, Bytes entry) {}

  /** One completed perfect subtree, level 1 or above. */
  record Node(NodeAddress address, Digest hash) {}

  /** The number of leaves stored. */
  long size();

  /**
   * Appends {@code leaves} at index {@code expectedSize} together with the subtree hashes they
   * complete.
   *
   * @throws AppendConflictException when the size is no longer {@code expectedSize}
   * @throws IllegalArgumentException when {@code nodes} are not those {@code leaves} complete
   */
  void append(long expectedSize, List<Leaf> leaves, List<Node> nodes);

  /** The leaf hashes of {@code [start, end)}, {@code 0 <= start <= end <= size()}. */
  List<Digest> leafHashes(long start, long end);

  /** The entry bytes of {@code [start, end)}, {@code 0 <= start <= end <= size()}. */
  List<Bytes> entries(long start, long end);

  /** The smallest index whose leaf hash is {@code leafHash}, if any. */
  OptionalLong indexOf(Digest leafHash);

  /**
   * The hashes of the stored perfect subtrees at {@code addresses}, in the same order (one batched
   * read, so that an adapter can answer a proof in one query).
   *
   * @throws IllegalArgumentException when one of them is not complete in the stored log
   */
  List<Digest> nodes(List<NodeAddress> addresses);

  /** Keeps {@code head} if it is larger than the latest kept (or as large and newer). */
  void putTreeHead(SignedTreeHead head);

  /** The head of the largest tree kept, the newest among equals. */
  Optional<SignedTreeHead> latestTreeHead();

  /**
   * Checks that {@code nodes} are exactly the perfect subtrees of level 1 and above completed by
   * growing the tree from {@code oldSize} to {@code newSize}, in order of completion or not; for
   * adapters to call in {@link #append} before writing anything.
   */
  static void checkCompletedNodes(long oldSize, long newSize, List<Node> nodes) {
    long[] next = new long[NodeAddress.MAX_LEVEL + 1];
    for (int level = 1; level <= NodeAddress.MAX_LEVEL; level++) {
      next[level] = oldSize >> level;
    }
    for (Node node : nodes) {
      NodeAddress a = node.address();
      if (a.level() == 0 || a.index() != next[a.level()] || a.endLeaf() > newSize) {
        throw new IllegalArgumentException(
            "node "
                + a
                + " is not the next subtree completed by growing the log from "
                + oldSize
                + " to "
                + newSize
                + " leaves");
      }
      next[a.level()]++;
    }
    for (int level = 1; level <= NodeAddress.MAX_LEVEL; level++) {
      if (next[level] != newSize >> level) {
        throw new IllegalArgumentException(
            "the batch lacks subtrees of level "
                + level
                + " completed by growing the log from "
                + oldSize
                + " to "
                + newSize
                + " leaves");
      }
    }
  }
}
