package dev.proofofcompute.translog;

import dev.proofofcompute.crypto.Bytes;
import dev.proofofcompute.crypto.DecodingException;
import dev.proofofcompute.crypto.Digest;
import dev.proofofcompute.crypto.identity.NodeIdentity;
import dev.proofofcompute.crypto.merkle.ConsistencyProof;
import dev.proofofcompute.crypto.merkle.InclusionProof;
import dev.proofofcompute.crypto.merkle.MerkleHashes;
import java.time.Instant;
import java.time.InstantSource;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.OptionalLong;

/**
 * An append-only RFC 6962 / RFC 9162 Merkle log of {@link LogEntry} values over a {@link
 * LogStorage}: batched appends, signed tree heads, inclusion proofs (by index or by leaf hash),
 * consistency proofs and entries by range — the operations behind the RFC 6962 §4 endpoints.
 *
 * <p>Design. The log keeps the compact range of its current size in memory ({@link CompactRange},
 * O(log n) hashes). Appending a batch hashes each entry into the range and collects the perfect
 * subtrees the appends complete; the leaves and those subtree hashes are stored in one atomic
 * {@link LogStorage#append}. An append is O(1) hashes amortised, O(log n) at worst, and reads
 * nothing. A proof for any tree size up to the current one is a list of RFC tree nodes ({@link
 * TreeRanges}); each is a stored perfect subtree, or one right-edge node folded from O(log n)
 * stored subtrees, so a proof costs one batched read of O(log n) hashes and O(log n) hashing,
 * whatever the size of the log. The root of an older size is computed the same way.
 *
 * <p>Several coordinators may share one storage: each append is prepared on the size this instance
 * last saw and stored only if the storage is still at that size; on {@link AppendConflictException}
 * the compact range is reloaded from storage and the batch prepared again.
 *
 * <p>Thread-safe: appends and tree-head signing are serialised on this object; proofs and reads go
 * to the storage, which is append-only, so any size up to {@link #size()} stays valid.
 */
public final class TransparencyLog {
  /** Most entries in one batch. */
  public static final int MAX_BATCH = 100_000;

  /** Most entries {@link #entries} returns in one call (RFC 6962 §4.6 lets a log return fewer). */
  public static final int MAX_ENTRIES_PER_READ = 1_000;

  private static final int MAX_APPEND_ATTEMPTS = 16;

  private final LogStorage storage;
  private CompactRange range;

  private TransparencyLog(LogStorage storage, CompactRange range) {
    this.storage = storage;
    this.range = range;
  }

  /** Opens the log kept in {@code storage}, reading O(log n) hashes to restore the range. */
  public static TransparencyLog open(LogStorage storage) {
    return new TransparencyLog(storage, loadRange(storage));
  }

  private static CompactRange loadRange(LogStorage storage) {
    long size = storage.size();
    return CompactRange.of(size, storage.nodes(TreeRanges.prefix(size)));
  }

  /**
   * Appends {@code entries} in order, atomically.
   *
   * @return the index of each entry
   * @throws IllegalArgumentException when the batch is empty or larger than {@link #MAX_BATCH}
   * @throws AppendConflictException when other writers kept winning the race ({@value
   *     #MAX_APPEND_ATTEMPTS} attempts)
   */
  public synchronized List<Long> appendAll(List<LogEntry> entries) {
    if (entries.isEmpty() || entries.size() > MAX_BATCH) {
      throw new IllegalArgumentException(
          "a batch holds 1.." + MAX_BATCH + " entries, got " + entries.size());
    }
    List<LogStorage.Leaf> leaves = new ArrayList<>(entries.size());
    for (LogEntry e : entries) {
      Bytes encoded = e.encode();
      leaves.add(new LogStorage.Leaf(MerkleHashes.leafHash(encoded), encoded));
    }
    AppendConflictException last = null;
    for (int attempt = 0; attempt < MAX_APPEND_ATTEMPTS; attempt++) {
      if (storage.size() != range.size()) {
        range = loadRange(storage);
      }
      CompactRange next = range.copy();
      List<LogStorage.Node> nodes = new ArrayList<>(entries.size() + 64);
      for (LogStorage.Leaf leaf : leaves) {
        next.append(
            leaf.leafHash(), (address, hash) -> nodes.add(new LogStorage.Node(address, hash)));
      }
      long first = range.size();
      try {
        storage.append(first, leaves, nodes);
      } catch (AppendConflictException e) {
        last = e;
        continue;
      }
      range = next;
      List<Long> indexes = new ArrayList<>(entries.size());
      for (int i = 0; i < entries.size(); i++) {
        indexes.add(first + i);
      }
      return indexes;
    }
    throw last != null ? last : new AppendConflictException(range.size(), storage.size());
  }

  /** Appends one entry; returns its index. */
  public long append(LogEntry entry) {
    return appendAll(List.of(entry)).get(0);
  }

  /** The number of entries in the log. */
  public long size() {
    return storage.size();
  }

  /** The Merkle Tree Hash of the first {@code treeSize} entries. */
  public Digest rootHash(long treeSize) {
    checkSize(treeSize);
    synchronized (this) {
      if (treeSize == range.size()) {
        return range.root();
      }
    }
    return treeSize == 0
        ? MerkleHashes.EMPTY_ROOT
        : nodeHashes(List.of(new TreeRanges.Range(0, treeSize))).get(0);
  }

  /**
   * Signs a tree head for the log as it is now, timestamped from {@code clock} (whole
   * milliseconds), and keeps it in storage as the latest head.
   */
  public synchronized SignedTreeHead treeHead(NodeIdentity signer, InstantSource clock) {
    if (storage.size() != range.size()) {
      range = loadRange(storage);
    }
    Instant now = clock.instant().truncatedTo(ChronoUnit.MILLIS);
    SignedTreeHead head = SignedTreeHead.sign(signer, range.size(), range.root(), now);
    storage.putTreeHead(head);
    return head;
  }

  /** The latest head kept in storage, if any head was signed. */
  public Optional<SignedTreeHead> latestTreeHead() {
    return storage.latestTreeHead();
  }

  /**
   * The RFC 9162 §2.1.3.1 proof that leaf {@code leafIndex} is in the tree of {@code treeSize}.
   *
   * @throws IllegalArgumentException unless {@code 0 <= leafIndex < treeSize <= size()}
   */
  public InclusionProof inclusionProof(long leafIndex, long treeSize) {
    checkSize(treeSize);
    List<TreeRanges.Range> path = TreeRanges.inclusionPath(leafIndex, treeSize);
    return new InclusionProof(leafIndex, treeSize, nodeHashes(path));
  }

  /**
   * The inclusion proof of the first leaf whose hash is {@code leafHash}, in the tree of {@code
   * treeSize} (RFC 6962 §4.5); empty when no leaf of that tree has that hash.
   */
  public Optional<InclusionProof> inclusionProofByHash(Digest leafHash, long treeSize) {
    checkSize(treeSize);
    OptionalLong index = storage.indexOf(leafHash);
    if (index.isEmpty() || index.getAsLong() >= treeSize) {
      return Optional.empty();
    }
    return Optional.of(inclusionProof(index.getAsLong(), treeSize));
  }

  /**
   * The RFC 9162 §2.1.4.1 proof that the tree of {@code oldSize} is a prefix of the tree of {@code
   * newSize}.
   *
   * @throws IllegalArgumentException unless {@code 0 <= oldSize <= newSize <= size()}
   */
  public ConsistencyProof consistencyProof(long oldSize, long newSize) {
    checkSize(newSize);
    if (oldSize < 0 || oldSize > newSize) {
      throw new IllegalArgumentException("old size " + oldSize + " outside 0.." + newSize);
    }
    return new ConsistencyProof(
        oldSize, newSize, nodeHashes(TreeRanges.consistencyPath(oldSize, newSize)));
  }

  /**
   * The canonical bytes of entries {@code [start, min(end, start + MAX_ENTRIES_PER_READ))}, as
   * stored (RFC 6962 §4.6 get-entries).
   *
   * @throws IllegalArgumentException unless {@code 0 <= start < end <= size()}
   */
  public List<Bytes> entryBytes(long start, long end) {
    long size = storage.size();
    if (start < 0 || start >= end || end > size) {
      throw new IllegalArgumentException(
          "entry range [" + start + ", " + end + ") outside a log of " + size + " entries");
    }
    return storage.entries(start, Math.min(end, start + MAX_ENTRIES_PER_READ));
  }

  /**
   * The entries of {@link #entryBytes}, decoded.
   *
   * @throws IllegalStateException when a stored entry no longer decodes (storage corrupted)
   */
  public List<LogEntry> entries(long start, long end) {
    List<Bytes> raw = entryBytes(start, end);
    List<LogEntry> out = new ArrayList<>(raw.size());
    for (int i = 0; i < raw.size(); i++) {
      try {
        out.add(LogEntry.decode(raw.get(i)));
      } catch (DecodingException e) {
        throw new IllegalStateException("stored entry " + (start + i) + " is corrupt", e);
      }
    }
    return out;
  }

  /** The hashes of RFC tree nodes, with one batched storage read. */
  private List<Digest> nodeHashes(List<TreeRanges.Range> nodes) {
    List<NodeAddress> addresses = new ArrayList<>();
    int[] counts = new int[nodes.size()];
    for (int i = 0; i < nodes.size(); i++) {
      List<NodeAddress> pieces = TreeRanges.pieces(nodes.get(i));
      counts[i] = pieces.size();
      addresses.addAll(pieces);
    }
    List<Digest> stored = storage.nodes(addresses);
    List<Digest> out = new ArrayList<>(nodes.size());
    int at = 0;
    for (int count : counts) {
      out.add(CompactRange.fold(stored.subList(at, at + count)));
      at += count;
    }
    return out;
  }

  private void checkSize(long treeSize) {
    long size = storage.size();
    if (treeSize < 0 || treeSize > size) {
      throw new IllegalArgumentException(
          "tree size " + treeSize + " outside 0.." + size + " (the log's size)");
    }
  }
}
