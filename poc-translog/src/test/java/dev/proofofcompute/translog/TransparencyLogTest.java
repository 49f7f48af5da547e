package dev.proofofcompute.translog;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.proofofcompute.crypto.Bytes;
import dev.proofofcompute.crypto.Digest;
import dev.proofofcompute.crypto.identity.NodeIdentity;
import dev.proofofcompute.crypto.merkle.ConsistencyProof;
import dev.proofofcompute.crypto.merkle.InclusionProof;
import dev.proofofcompute.crypto.merkle.MerkleHashes;
import dev.proofofcompute.crypto.merkle.MerkleTree;
import dev.proofofcompute.crypto.merkle.MerkleVerifier;
import dev.proofofcompute.crypto.random.RandomSource;
import dev.proofofcompute.crypto.time.ManualClock;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The log against a naive full recompute written from RFC 6962 §2.1 ({@link NaiveRfc6962}), its
 * proofs against that reference's independent verifiers and poc-crypto's, and the cost of a proof
 * in stored hashes read.
 */
class TransparencyLogTest {
  private static final NodeIdentity NODE = TestEntries.identity(7);

  /** Appends {@code count} entries in batches of random sizes; returns their leaf hashes. */
  private static List<byte[]> fill(TransparencyLog log, int count, long seed) {
    SplittableRandom rnd = new SplittableRandom(seed);
    List<byte[]> leafHashes = new ArrayList<>();
    int done = 0;
    while (done < count) {
      int batch = Math.min(count - done, 1 + rnd.nextInt(rnd.nextBoolean() ? 3 : 40));
      List<LogEntry> entries = TestEntries.unsignedEntries(NODE, done, batch);
      List<Long> indexes = log.appendAll(entries);
      for (int i = 0; i < batch; i++) {
        assertThat(indexes.get(i)).isEqualTo(done + i);
        leafHashes.add(NaiveRfc6962.leafHash(entries.get(i).encode().toByteArray()));
      }
      done += batch;
    }
    return leafHashes;
  }

  private static List<byte[]> raw(List<Digest> ds) {
    return ds.stream().map(Digest::toByteArray).toList();
  }

  private static boolean samePath(List<Digest> ours, List<byte[]> naive) {
    if (ours.size() != naive.size()) {
      return false;
    }
    for (int i = 0; i < ours.size(); i++) {
      if (!Arrays.equals(ours.get(i).toByteArray(), naive.get(i))) {
        return false;
      }
    }
    return true;
  }

  @Test
  void everySizeUpTo200MatchesTheNaiveReference() throws Exception {
    long seed = 20260101L;
    TransparencyLog log = TransparencyLog.open(new InMemoryLogStorage());
    List<byte[]> leaves = fill(log, 200, seed);
    List<String> wrong = new ArrayList<>();
    for (int n = 1; n <= 200; n++) {
      byte[] root = NaiveRfc6962.mth(leaves, 0, n);
      if (!Arrays.equals(log.rootHash(n).toByteArray(), root)) {
        wrong.add("root " + n);
      }
      for (int m = 0; m < n; m++) {
        InclusionProof p = log.inclusionProof(m, n);
        if (!samePath(p.path(), NaiveRfc6962.path(m, leaves, 0, n))) {
          wrong.add("inclusion path " + m + "/" + n);
        }
        if (!NaiveRfc6962.verifyInclusion(leaves.get(m), m, n, raw(p.path()), root)) {
          wrong.add("independent inclusion verifier " + m + "/" + n);
        }
        MerkleVerifier.verifyInclusion(
            Digest.of(leaves.get(m)), m, n, Digest.of(root), p); // throws if wrong
      }
      for (int m = 0; m <= n; m++) {
        ConsistencyProof c = log.consistencyProof(m, n);
        if (m > 0 && !samePath(c.path(), NaiveRfc6962.proof(m, leaves, n))) {
          wrong.add("consistency path " + m + "->" + n);
        }
        byte[] oldRoot = NaiveRfc6962.mth(leaves, 0, m);
        if (!NaiveRfc6962.verifyConsistency(m, oldRoot, n, root, raw(c.path()))) {
          wrong.add("independent consistency verifier " + m + "->" + n);
        }
        MerkleVerifier.verifyConsistency(m, Digest.of(oldRoot), n, Digest.of(root), c);
      }
    }
    NaiveRfc6962.forget(leaves);
    assertThat(wrong).as("seed %d", seed).isEmpty();
  }

  @ParameterizedTest
  @ValueSource(longs = {1L, 2L, 3L})
  void randomLargerSizesMatchTheReferenceAndPocCrypto(long seed) throws Exception {
    SplittableRandom rnd = new SplittableRandom(seed);
    int size = 1000 + rnd.nextInt(4000);
    TransparencyLog log = TransparencyLog.open(new InMemoryLogStorage());
    List<byte[]> leaves = fill(log, size, seed);
    MerkleTree reference = MerkleTree.ofLeafHashes(leaves.stream().map(Digest::of).toList());
    List<String> wrong = new ArrayList<>();
    for (int trial = 0; trial < 300; trial++) {
      int n = 1 + rnd.nextInt(size);
      int m = rnd.nextInt(n);
      byte[] root = reference.root(n).toByteArray();
      if (!Arrays.equals(log.rootHash(n).toByteArray(), root)) {
        wrong.add("root " + n);
      }
      InclusionProof p = log.inclusionProof(m, n);
      if (!NaiveRfc6962.verifyInclusion(leaves.get(m), m, n, raw(p.path()), root)) {
        wrong.add("inclusion " + m + "/" + n);
      }
      int old = rnd.nextInt(n + 1);
      ConsistencyProof c = log.consistencyProof(old, n);
      byte[] oldRoot = reference.root(old).toByteArray();
      if (!NaiveRfc6962.verifyConsistency(old, oldRoot, n, root, raw(c.path()))) {
        wrong.add("consistency " + old + "->" + n);
      }
      MerkleVerifier.verifyConsistency(old, Digest.of(oldRoot), n, Digest.of(root), c);
    }
    // The full tree's proofs are exactly poc-crypto's MerkleTree proofs.
    for (int trial = 0; trial < 50; trial++) {
      int m = rnd.nextInt(size);
      assertThat(log.inclusionProof(m, size)).isEqualTo(reference.inclusionProof(m));
      assertThat(log.consistencyProof(m, size)).isEqualTo(reference.consistencyProof(m));
    }
    assertThat(wrong).as("seed %d, size %d", seed, size).isEmpty();
  }

  @Test
  void independentVerifierRejectsTamperedProofs() {
    TransparencyLog log = TransparencyLog.open(new InMemoryLogStorage());
    List<byte[]> leaves = fill(log, 77, 5);
    byte[] root = log.rootHash(77).toByteArray();
    InclusionProof p = log.inclusionProof(40, 77);
    List<byte[]> path = new ArrayList<>(raw(p.path()));
    assertThat(NaiveRfc6962.verifyInclusion(leaves.get(40), 40, 77, path, root)).isTrue();
    assertThat(NaiveRfc6962.verifyInclusion(leaves.get(41), 40, 77, path, root)).isFalse();
    assertThat(NaiveRfc6962.verifyInclusion(leaves.get(40), 41, 77, path, root)).isFalse();
    for (int i = 0; i < path.size(); i++) {
      List<byte[]> bad = new ArrayList<>(path);
      byte[] flipped = bad.get(i).clone();
      flipped[i % 32] ^= 1;
      bad.set(i, flipped);
      assertThat(NaiveRfc6962.verifyInclusion(leaves.get(40), 40, 77, bad, root)).isFalse();
    }
    assertThat(
            NaiveRfc6962.verifyInclusion(
                leaves.get(40), 40, 77, path.subList(1, path.size()), root))
        .isFalse();
    ConsistencyProof c = log.consistencyProof(30, 77);
    byte[] oldRoot = log.rootHash(30).toByteArray();
    List<byte[]> cpath = raw(c.path());
    assertThat(NaiveRfc6962.verifyConsistency(30, oldRoot, 77, root, cpath)).isTrue();
    assertThat(NaiveRfc6962.verifyConsistency(31, oldRoot, 77, root, cpath)).isFalse();
    assertThat(NaiveRfc6962.verifyConsistency(30, root, 77, root, cpath)).isFalse();
    for (int i = 0; i < cpath.size(); i++) {
      List<byte[]> bad = new ArrayList<>(cpath);
      byte[] flipped = bad.get(i).clone();
      flipped[0] ^= (byte) 0x80;
      bad.set(i, flipped);
      assertThat(NaiveRfc6962.verifyConsistency(30, oldRoot, 77, root, bad)).isFalse();
    }
  }

  @Test
  void inclusionByHashFindsTheFirstIndexWithinTheTree() {
    TransparencyLog log = TransparencyLog.open(new InMemoryLogStorage());
    List<LogEntry> entries = TestEntries.unsignedEntries(NODE, 0, 10);
    log.appendAll(entries);
    log.append(entries.get(3)); // the same entry again, at index 10
    Digest h = entries.get(3).leafHash();
    assertThat(log.inclusionProofByHash(h, 11).orElseThrow().leafIndex()).isEqualTo(3);
    assertThat(log.inclusionProofByHash(h, 3)).isEmpty();
    assertThat(log.inclusionProofByHash(TestEntries.unsignedEntry(NODE, 99).leafHash(), 11))
        .isEmpty();
  }

  @Test
  void treeHeadSignsTheCurrentRootAndIsKept() throws Exception {
    NodeIdentity coordinator = TestEntries.coordinator();
    ManualClock clock = ManualClock.at(TestEntries.T0.plusNanos(1_234_567));
    TransparencyLog log = TransparencyLog.open(new InMemoryLogStorage());
    SignedTreeHead empty = log.treeHead(coordinator, clock);
    assertThat(empty.treeSize()).isZero();
    assertThat(empty.rootHash()).isEqualTo(MerkleHashes.EMPTY_ROOT);
    assertThat(empty.timestamp()).isEqualTo(TestEntries.T0.plusMillis(1));
    log.appendAll(TestEntries.unsignedEntries(NODE, 0, 5));
    SignedTreeHead head = log.treeHead(coordinator, clock);
    head.verify(coordinator.publicKey());
    assertThat(head.treeSize()).isEqualTo(5);
    assertThat(head.rootHash()).isEqualTo(log.rootHash(5));
    assertThat(log.latestTreeHead()).contains(head);
  }

  @Test
  void entriesComeBackAsAppendedAndCappedPerRead() {
    TransparencyLog log = TransparencyLog.open(new InMemoryLogStorage());
    List<LogEntry> entries = TestEntries.unsignedEntries(NODE, 0, 1500);
    log.appendAll(entries);
    assertThat(log.entries(10, 20)).isEqualTo(entries.subList(10, 20));
    assertThat(log.entryBytes(0, 1500)).hasSize(TransparencyLog.MAX_ENTRIES_PER_READ);
    assertThat(log.entryBytes(1499, 1500).get(0)).isEqualTo(entries.get(1499).encode());
  }

  @Test
  void badRequestsAreRefusedAndChangeNothing() {
    TransparencyLog log = TransparencyLog.open(new InMemoryLogStorage());
    log.appendAll(TestEntries.unsignedEntries(NODE, 0, 8));
    Digest root = log.rootHash(8);
    assertThatThrownBy(() -> log.appendAll(List.of()))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("batch");
    assertThatThrownBy(() -> log.inclusionProof(8, 8))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("leaf index 8");
    assertThatThrownBy(() -> log.inclusionProof(0, 9))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("tree size 9");
    assertThatThrownBy(() -> log.consistencyProof(5, 4))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> log.consistencyProof(-1, 4))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> log.entryBytes(8, 9)).isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> log.rootHash(-1)).isInstanceOf(IllegalArgumentException.class);
    assertThat(log.size()).isEqualTo(8);
    assertThat(log.rootHash(8)).isEqualTo(root);
  }

  @Test
  void reopeningRestoresTheRangeFromStorage() {
    InMemoryLogStorage storage = new InMemoryLogStorage();
    TransparencyLog first = TransparencyLog.open(storage);
    first.appendAll(TestEntries.unsignedEntries(NODE, 0, 1234));
    TransparencyLog second = TransparencyLog.open(storage);
    assertThat(second.rootHash(1234)).isEqualTo(first.rootHash(1234));
    second.appendAll(TestEntries.unsignedEntries(NODE, 1234, 7));
    TransparencyLog reference = TransparencyLog.open(new InMemoryLogStorage());
    reference.appendAll(TestEntries.unsignedEntries(NODE, 0, 1241));
    assertThat(second.rootHash(1241)).isEqualTo(reference.rootHash(1241));
  }

  @Test
  void twoWritersOnOneStorageInterleaveWithoutLosingEntries() {
    InMemoryLogStorage storage = new InMemoryLogStorage();
    TransparencyLog a = TransparencyLog.open(storage);
    TransparencyLog b = TransparencyLog.open(storage);
    List<LogEntry> all = TestEntries.unsignedEntries(NODE, 0, 60);
    List<LogEntry> expected = new ArrayList<>();
    for (int i = 0; i < 60; i += 3) {
      TransparencyLog writer = (i / 3) % 2 == 0 ? a : b;
      List<Long> idx = writer.appendAll(all.subList(i, i + 3));
      assertThat(idx).containsExactly((long) i, (long) i + 1, (long) i + 2);
      expected.addAll(all.subList(i, i + 3));
    }
    assertThat(a.entries(0, 60)).isEqualTo(expected);
    TransparencyLog reference = TransparencyLog.open(new InMemoryLogStorage());
    reference.appendAll(expected);
    assertThat(a.rootHash(60)).isEqualTo(reference.rootHash(60));
    assertThat(b.treeHead(TestEntries.coordinator(), ManualClock.atEpoch()).rootHash())
        .isEqualTo(reference.rootHash(60));
  }

  @Test
  void aProofReadsLogarithmicallyManyStoredHashes() {
    CountingStorage storage = new CountingStorage(new InMemoryLogStorage());
    TransparencyLog log = TransparencyLog.open(storage);
    int size = 50_000 + 1_234;
    for (int i = 0; i < size; i += 1000) {
      log.appendAll(TestEntries.unsignedEntries(NODE, i, Math.min(1000, size - i)));
    }
    int log2 = 64 - Long.numberOfLeadingZeros(size);
    SplittableRandom rnd = new SplittableRandom(11);
    int worst = 0;
    for (int trial = 0; trial < 200; trial++) {
      storage.hashesRead = 0;
      log.inclusionProof(rnd.nextInt(size), size);
      worst = Math.max(worst, storage.hashesRead);
      storage.hashesRead = 0;
      int n = 1 + rnd.nextInt(size);
      log.consistencyProof(rnd.nextInt(n + 1), n);
      worst = Math.max(worst, storage.hashesRead);
    }
    assertThat(worst).isLessThanOrEqualTo(2 * log2);
  }

  @Test
  void anAppendIsAmortisedConstantHashesStored() {
    CountingStorage storage = new CountingStorage(new InMemoryLogStorage());
    TransparencyLog log = TransparencyLog.open(storage);
    log.appendAll(TestEntries.unsignedEntries(NODE, 0, 4096));
    // n - popcount(n) internal perfect subtrees: 4095 for 4096 leaves.
    assertThat(storage.nodesStored).isEqualTo(4095);
    assertThat(storage.hashesRead).isZero();
  }

  /** Counts the hashes a log reads from and writes to its storage. */
  static final class CountingStorage implements LogStorage {
    private final LogStorage inner;
    int hashesRead;
    int nodesStored;

    CountingStorage(LogStorage inner) {
      this.inner = inner;
    }

    @Override
    public long size() {
      return inner.size();
    }

    @Override
    public void append(long expectedSize, List<Leaf> leaves, List<Node> nodes) {
      nodesStored += nodes.size();
      inner.append(expectedSize, leaves, nodes);
    }

    @Override
    public List<Digest> leafHashes(long start, long end) {
      hashesRead += (int) (end - start);
      return inner.leafHashes(start, end);
    }

    @Override
    public List<Bytes> entries(long start, long end) {
      return inner.entries(start, end);
    }

    @Override
    public java.util.OptionalLong indexOf(Digest leafHash) {
      return inner.indexOf(leafHash);
    }

    @Override
    public List<Digest> nodes(List<NodeAddress> addresses) {
      hashesRead += addresses.size();
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

  @Test
  void seededRandomSourceIsUsedOnlyForFixtures() {
    // The fixtures draw nonces from seeded sources: the same seed gives the same entry bytes.
    assertThat(TestEntries.signedDeposit(NODE, 3).encode())
        .isEqualTo(TestEntries.signedDeposit(NODE, 3).encode());
    assertThat(RandomSource.seeded(1).nextLong()).isEqualTo(RandomSource.seeded(1).nextLong());
  }
}
