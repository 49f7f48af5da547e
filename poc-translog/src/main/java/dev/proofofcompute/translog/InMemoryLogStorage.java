package dev.proofofcompute.translog;

import dev.proofofcompute.crypto.Bytes;
import dev.proofofcompute.crypto.Digest;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.concurrent.locks.ReadWriteLock;
import java.util.concurrent.locks.ReentrantReadWriteLock;
import org.jspecify.annotations.Nullable;

/**
 * {@link LogStorage} in memory, for tests, the embedded demo and benchmarks.
 *
 * <p>Layout: one packed column of 32-byte hashes per level (level 0 the leaf hashes), in chunks of
 * 2^14 hashes so that growing never copies; the entries as a list; the leaf-hash index as an
 * open-addressing table of {@code long}s (index + 1, linear probing on the first 8 bytes of the
 * hash, confirmed against the column), about 16 bytes per leaf instead of a {@code HashMap}'s
 * hundred. A million entries of 300 bytes take about 400 MB, mostly the entries themselves.
 * Thread-safe through a read-write lock. Holds at most 2^31 - 9 leaves.
 */
public final class InMemoryLogStorage implements LogStorage {
  private static final long MAX_LEAVES = Integer.MAX_VALUE - 8;

  private final ReadWriteLock lock = new ReentrantReadWriteLock();
  private final List<HashColumn> levels = new ArrayList<>();
  private final ArrayList<Bytes> entries = new ArrayList<>();
  private long[] index = new long[1024];
  private long indexed;
  private @Nullable SignedTreeHead latestHead;

  public InMemoryLogStorage() {
    levels.add(new HashColumn());
  }

  @Override
  public long size() {
    lock.readLock().lock();
    try {
      return entries.size();
    } finally {
      lock.readLock().unlock();
    }
  }

  @Override
  public void append(long expectedSize, List<Leaf> leaves, List<Node> nodes) {
    lock.writeLock().lock();
    try {
      long size = entries.size();
      if (size != expectedSize) {
        throw new AppendConflictException(expectedSize, size);
      }
      if (size + leaves.size() > MAX_LEAVES) {
        throw new IllegalArgumentException("the in-memory log holds at most " + MAX_LEAVES);
      }
      LogStorage.checkCompletedNodes(size, size + leaves.size(), nodes);
      for (Leaf leaf : leaves) {
        long i = entries.size();
        entries.add(leaf.entry());
        levels.get(0).add(leaf.leafHash());
        indexLeaf(leaf.leafHash(), i);
      }
      for (Node node : nodes) {
        int level = node.address().level();
        while (levels.size() <= level) {
          levels.add(new HashColumn());
        }
        levels.get(level).add(node.hash());
      }
    } finally {
      lock.writeLock().unlock();
    }
  }

  @Override
  public List<Digest> leafHashes(long start, long end) {
    lock.readLock().lock();
    try {
      checkRange(start, end);
      HashColumn leaves = levels.get(0);
      List<Digest> out = new ArrayList<>((int) (end - start));
      for (long i = start; i < end; i++) {
        out.add(leaves.get(i));
      }
      return out;
    } finally {
      lock.readLock().unlock();
    }
  }

  @Override
  public List<Bytes> entries(long start, long end) {
    lock.readLock().lock();
    try {
      checkRange(start, end);
      return List.copyOf(entries.subList((int) start, (int) end));
    } finally {
      lock.readLock().unlock();
    }
  }

  @Override
  public OptionalLong indexOf(Digest leafHash) {
    lock.readLock().lock();
    try {
      long found = find(leafHash);
      return found < 0 ? OptionalLong.empty() : OptionalLong.of(found);
    } finally {
      lock.readLock().unlock();
    }
  }

  @Override
  public List<Digest> nodes(List<NodeAddress> addresses) {
    lock.readLock().lock();
    try {
      List<Digest> out = new ArrayList<>(addresses.size());
      for (NodeAddress a : addresses) {
        if (a.level() >= levels.size() || a.index() >= levels.get(a.level()).count()) {
          throw new IllegalArgumentException(
              "node " + a + " is not complete in a log of " + entries.size() + " leaves");
        }
        out.add(levels.get(a.level()).get(a.index()));
      }
      return out;
    } finally {
      lock.readLock().unlock();
    }
  }

  @Override
  public void putTreeHead(SignedTreeHead head) {
    lock.writeLock().lock();
    try {
      SignedTreeHead current = latestHead;
      if (current == null
          || head.treeSize() > current.treeSize()
          || (head.treeSize() == current.treeSize()
              && !head.timestamp().isBefore(current.timestamp()))) {
        latestHead = head;
      }
    } finally {
      lock.writeLock().unlock();
    }
  }

  @Override
  public Optional<SignedTreeHead> latestTreeHead() {
    lock.readLock().lock();
    try {
      return Optional.ofNullable(latestHead);
    } finally {
      lock.readLock().unlock();
    }
  }

  private void checkRange(long start, long end) {
    if (start < 0 || start > end || end > entries.size()) {
      throw new IllegalArgumentException(
          "range [" + start + ", " + end + ") outside a log of " + entries.size() + " leaves");
    }
  }

  // --- leaf hash index: open addressing over long slots holding index + 1 (0 = free) ---

  private long find(Digest leafHash) {
    int mask = index.length - 1;
    HashColumn leaves = levels.get(0);
    for (int slot = slotOf(leafHash, mask); ; slot = (slot + 1) & mask) {
      long v = index[slot];
      if (v == 0) {
        return -1;
      }
      if (leaves.equalsAt(v - 1, leafHash)) {
        return v - 1;
      }
    }
  }

  private void indexLeaf(Digest leafHash, long leafIndex) {
    if (find(leafHash) >= 0) {
      return; // keep the smallest index of a repeated leaf
    }
    if (2 * (indexed + 1) > index.length) {
      rehash();
    }
    insert(index, leafHash, leafIndex);
    indexed++;
  }

  private void rehash() {
    long[] bigger = new long[index.length * 2];
    HashColumn leaves = levels.get(0);
    for (long v : index) {
      if (v != 0) {
        insert(bigger, leaves.get(v - 1), v - 1);
      }
    }
    index = bigger;
  }

  private static void insert(long[] table, Digest leafHash, long leafIndex) {
    int mask = table.length - 1;
    int slot = slotOf(leafHash, mask);
    while (table[slot] != 0) {
      slot = (slot + 1) & mask;
    }
    table[slot] = leafIndex + 1;
  }

  private static int slotOf(Digest d, int mask) {
    long h = 0;
    for (int i = 0; i < 8; i++) {
      h = (h << 8) | (d.get(i) & 0xff);
    }
    return (int) (h ^ (h >>> 32)) & mask;
  }

  /** A growable column of 32-byte hashes in fixed chunks. */
  private static final class HashColumn {
    private static final int CHUNK_BITS = 14;
    private static final int CHUNK_HASHES = 1 << CHUNK_BITS;
    private final List<byte[]> chunks = new ArrayList<>();
    private long count;

    long count() {
      return count;
    }

    void add(Digest hash) {
      int offset = (int) (count & (CHUNK_HASHES - 1));
      if (offset == 0) {
        chunks.add(new byte[CHUNK_HASHES * Digest.LENGTH]);
      }
      hash.copyTo(chunks.get(chunks.size() - 1), offset * Digest.LENGTH);
      count++;
    }

    Digest get(long i) {
      return Digest.of(chunks.get((int) (i >>> CHUNK_BITS)), offset(i));
    }

    boolean equalsAt(long i, Digest d) {
      byte[] chunk = chunks.get((int) (i >>> CHUNK_BITS));
      int off = offset(i);
      for (int b = 0; b < Digest.LENGTH; b++) {
        if (chunk[off + b] != d.get(b)) {
          return false;
        }
      }
      return true;
    }

    private static int offset(long i) {
      return (int) (i & (CHUNK_HASHES - 1)) * Digest.LENGTH;
    }
  }

  @Override
  public String toString() {
    return "InMemoryLogStorage[" + size() + " leaves]";
  }
}
