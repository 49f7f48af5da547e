package dev.proofofcompute.storage;

import dev.proofofcompute.crypto.Bytes;
import dev.proofofcompute.crypto.Digest;
import dev.proofofcompute.translog.NodeAddress;
import dev.proofofcompute.translog.SignedTreeHead;
import java.util.List;
import java.util.Optional;
import java.util.OptionalLong;

/**
 * A {@link LogStore} over a whole {@link Storage}: each call runs {@link Tx#log()} in a transaction
 * of its own. For a {@code TransparencyLog} that lives longer than a transaction — the log's
 * readers (proof endpoints, {@code poc audit}), benchmarks, and appenders whose entries need not
 * commit with another state change. An {@code AppendConflictException} leaves its transaction
 * rolled back (nothing was written) and reaches the caller unchanged.
 *
 * <p>Never call it from inside a transaction body of the same storage (transactions do not nest);
 * use {@link Tx#log()} there.
 */
public final class TransactionalLogStore implements LogStore {
  private final Storage storage;

  public TransactionalLogStore(Storage storage) {
    this.storage = storage;
  }

  @Override
  public long size() {
    return storage.transaction(tx -> tx.log().size());
  }

  @Override
  public long sizeHoldingAppends() {
    // The hold ends with the call's own transaction; only meaningful through Tx#log().
    return size();
  }

  @Override
  public void append(long expectedSize, List<Leaf> leaves, List<Node> nodes) {
    storage.run(tx -> tx.log().append(expectedSize, leaves, nodes));
  }

  @Override
  public List<Digest> leafHashes(long start, long end) {
    return storage.transaction(tx -> tx.log().leafHashes(start, end));
  }

  @Override
  public List<Bytes> entries(long start, long end) {
    return storage.transaction(tx -> tx.log().entries(start, end));
  }

  @Override
  public OptionalLong indexOf(Digest leafHash) {
    return storage.transaction(tx -> tx.log().indexOf(leafHash));
  }

  @Override
  public List<Digest> nodes(List<NodeAddress> addresses) {
    return storage.transaction(tx -> tx.log().nodes(addresses));
  }

  @Override
  public void putTreeHead(SignedTreeHead head) {
    storage.run(tx -> tx.log().putTreeHead(head));
  }

  @Override
  public Optional<SignedTreeHead> latestTreeHead() {
    return storage.transaction(tx -> tx.log().latestTreeHead());
  }

  @Override
  public List<SignedTreeHead> treeHeads(long fromSize, int limit) {
    return storage.transaction(tx -> tx.log().treeHeads(fromSize, limit));
  }

  @Override
  public String toString() {
    return "TransactionalLogStore[" + storage.location() + "]";
  }
}
