package dev.proofofcompute.translog;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.proofofcompute.crypto.Bytes;
import dev.proofofcompute.crypto.Digest;
import dev.proofofcompute.crypto.merkle.MerkleHashes;
import dev.proofofcompute.crypto.time.ManualClock;
import java.util.ArrayList;
import java.util.List;
import java.util.OptionalLong;
import org.junit.jupiter.api.Test;

/** The {@link LogStorage} contract, on the in-memory implementation. */
class InMemoryLogStorageTest {

  private static LogStorage.Leaf leaf(int i) {
    Bytes entry = Bytes.of(new byte[] {(byte) i, (byte) (i >> 8), (byte) (i >> 16)});
    return new LogStorage.Leaf(MerkleHashes.leafHash(entry), entry);
  }

  /** The batch for leaves [from, to) with the nodes a compact range reports. */
  private static void appendRange(LogStorage storage, CompactRange range, int from, int to) {
    List<LogStorage.Leaf> leaves = new ArrayList<>();
    List<LogStorage.Node> nodes = new ArrayList<>();
    for (int i = from; i < to; i++) {
      leaves.add(leaf(i));
      range.append(leaf(i).leafHash(), (a, h) -> nodes.add(new LogStorage.Node(a, h)));
    }
    storage.append(from, leaves, nodes);
  }

  @Test
  void storesLeavesEntriesAndSubtreesAcrossChunks() {
    InMemoryLogStorage storage = new InMemoryLogStorage();
    CompactRange range = CompactRange.empty();
    int n = 40_000; // more than two chunks of leaf hashes
    for (int i = 0; i < n; i += 1000) {
      appendRange(storage, range, i, i + 1000);
    }
    assertThat(storage.size()).isEqualTo(n);
    assertThat(storage.entries(39_998, 40_000))
        .containsExactly(leaf(39_998).entry(), leaf(39_999).entry());
    assertThat(storage.leafHashes(17_000, 17_001)).containsExactly(leaf(17_000).leafHash());
    assertThat(CompactRange.of(n, storage.nodes(TreeRanges.prefix(n))).root())
        .isEqualTo(range.root());
    for (int i = 0; i < n; i += 997) {
      assertThat(storage.indexOf(leaf(i).leafHash())).hasValue(i);
    }
    assertThat(storage.indexOf(Digest.sha256(new byte[] {1}))).isEmpty();
  }

  @Test
  void aStaleOrMalformedBatchChangesNothing() {
    InMemoryLogStorage storage = new InMemoryLogStorage();
    CompactRange range = CompactRange.empty();
    appendRange(storage, range, 0, 5);
    assertThatThrownBy(() -> storage.append(4, List.of(leaf(5)), List.of()))
        .isInstanceOf(AppendConflictException.class)
        .hasMessageContaining("size is 5");
    // Leaf 5 completes the subtree (1, 2) over leaves 4 and 5: a batch without it is refused.
    assertThatThrownBy(() -> storage.append(5, List.of(leaf(5)), List.of()))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("lacks subtrees of level 1");
    assertThatThrownBy(() ->
            storage.append(
                5,
                List.of(leaf(5)),
                List.of(new LogStorage.Node(new NodeAddress(1, 3), leaf(0).leafHash()))))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("not the next subtree");
    assertThat(storage.size()).isEqualTo(5);
    assertThat(storage.indexOf(leaf(5).leafHash())).isEmpty();
    assertThatThrownBy(() -> storage.entries(0, 6)).isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> storage.nodes(List.of(new NodeAddress(1, 2))))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("not complete");
    appendRange(storage, range, 5, 8);
    assertThat(storage.nodes(List.of(new NodeAddress(3, 0)))).containsExactly(range.root());
  }

  @Test
  void repeatedLeafIsIndexedAtItsFirstPosition() {
    InMemoryLogStorage storage = new InMemoryLogStorage();
    storage.append(0, List.of(leaf(1), leaf(2)), List.of(nodeOf(leaf(1), leaf(2))));
    storage.append(2, List.of(leaf(1)), List.of());
    assertThat(storage.indexOf(leaf(1).leafHash())).isEqualTo(OptionalLong.of(0));
  }

  private static LogStorage.Node nodeOf(LogStorage.Leaf a, LogStorage.Leaf b) {
    return new LogStorage.Node(
        new NodeAddress(1, 0), MerkleHashes.nodeHash(a.leafHash(), b.leafHash()));
  }

  @Test
  void keepsTheLargestTreeHead() {
    InMemoryLogStorage storage = new InMemoryLogStorage();
    ManualClock clock = ManualClock.at(TestEntries.T0);
    TransparencyLog log = TransparencyLog.open(storage);
    log.appendAll(TestEntries.unsignedEntries(TestEntries.identity(3), 0, 4));
    SignedTreeHead four = log.treeHead(TestEntries.coordinator(), clock);
    SignedTreeHead two =
        SignedTreeHead.sign(TestEntries.coordinator(), 2, log.rootHash(2), TestEntries.T0);
    storage.putTreeHead(two);
    assertThat(storage.latestTreeHead()).contains(four);
  }
}
