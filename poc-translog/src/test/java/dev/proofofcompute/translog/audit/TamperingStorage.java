package dev.proofofcompute.translog.audit;

import dev.proofofcompute.crypto.Bytes;
import dev.proofofcompute.crypto.Digest;
import dev.proofofcompute.translog.LogStorage;
import dev.proofofcompute.translog.NodeAddress;
import dev.proofofcompute.translog.SignedTreeHead;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.Set;

/**
 * A storage whose entry rows someone edited behind the log's back, as one would in a database: a
 * row's bytes replaced, a row deleted (range reads skip it, as {@code WHERE idx BETWEEN} would), or
 * two rows' bytes swapped. Leaf hashes, subtrees and heads are left alone, so the log's proofs
 * still describe the history it signed.
 */
final class TamperingStorage implements LogStorage {
  private final LogStorage inner;
  private final Map<Long, Bytes> replaced = new HashMap<>();
  private final Set<Long> deleted = new HashSet<>();

  TamperingStorage(LogStorage inner) {
    this.inner = inner;
  }

  void edit(long index, Bytes bytes) {
    replaced.put(index, bytes);
  }

  void delete(long index) {
    deleted.add(index);
  }

  void swap(long i, long k) {
    Bytes a = inner.entries(i, i + 1).get(0);
    Bytes b = inner.entries(k, k + 1).get(0);
    replaced.put(i, b);
    replaced.put(k, a);
  }

  @Override
  public List<Bytes> entries(long start, long end) {
    List<Bytes> rows = inner.entries(start, end);
    List<Bytes> out = new ArrayList<>();
    for (int i = 0; i < rows.size(); i++) {
      long index = start + i;
      if (!deleted.contains(index)) {
        out.add(replaced.getOrDefault(index, rows.get(i)));
      }
    }
    return out;
  }

  @Override
  public long size() {
    return inner.size();
  }

  @Override
  public void append(long expectedSize, List<Leaf> leaves, List<Node> nodes) {
    inner.append(expectedSize, leaves, nodes);
  }

  @Override
  public List<Digest> leafHashes(long start, long end) {
    return inner.leafHashes(start, end);
  }

  @Override
  public OptionalLong indexOf(Digest leafHash) {
    return inner.indexOf(leafHash);
  }

  @Override
  public List<Digest> nodes(List<NodeAddress> addresses) {
    return inner.nodes(addresses);
  }

  @Override
  public void putTreeHead(SignedTreeHead head) {
    inner.putTreeHead(head);
  }

  @Override
  public Optional<SignedTreeHead> latestTreeHead() {
    return inner.latestTreeHead();
  }
}
