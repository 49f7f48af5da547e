package dev.proofofcompute.storage;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.proofofcompute.crypto.Bytes;
import dev.proofofcompute.crypto.DecodingException;
import dev.proofofcompute.crypto.Digest;
import dev.proofofcompute.crypto.VerificationException;
import dev.proofofcompute.crypto.cbor.CborMap;
import dev.proofofcompute.crypto.identity.Ed25519Signature;
import dev.proofofcompute.crypto.identity.NodeIdentity;
import dev.proofofcompute.crypto.merkle.MerkleHashes;
import dev.proofofcompute.crypto.merkle.MerkleTree;
import dev.proofofcompute.crypto.merkle.MerkleVerifier;
import dev.proofofcompute.crypto.money.Amount;
import dev.proofofcompute.crypto.random.RandomSource;
import dev.proofofcompute.crypto.time.ManualClock;
import dev.proofofcompute.ledger.AccountId;
import dev.proofofcompute.ledger.Operation;
import dev.proofofcompute.ledger.OperationId;
import dev.proofofcompute.translog.AppendConflictException;
import dev.proofofcompute.translog.Authorisation;
import dev.proofofcompute.translog.EntryKind;
import dev.proofofcompute.translog.LogEntry;
import dev.proofofcompute.translog.LogStorage;
import dev.proofofcompute.translog.NodeAddress;
import dev.proofofcompute.translog.SignedTreeHead;
import dev.proofofcompute.translog.TransparencyLog;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The transparency log's storage contract, written once and run against each backend ({@code
 * SqliteLogStoreIT}, {@code PostgresLogStoreIT}): poc-translog's {@code TransparencyLog} over
 * {@link Tx#log()} and {@link TransactionalLogStore}, its roots and proofs compared with a naive
 * full recompute (poc-crypto's {@link MerkleTree}), the append-conflict rule, atomicity with the
 * state change of the same transaction, and signed tree heads. Random sizes are seeded; the seed is
 * in the failure messages.
 */
abstract class LogStoreContract {
  static final Instant T0 = Instant.parse("2026-01-01T00:00:00Z");
  static final NodeIdentity COORDINATOR = identity(1000);
  static final NodeIdentity NODE = identity(7);

  private final List<Storage> opened = new ArrayList<>();
  protected Storage storage;

  /** A new storage over a new, empty database. */
  protected abstract Storage openFresh();

  /** Another storage over the database of the last {@link #openFresh} (a second coordinator). */
  protected abstract Storage openAnother();

  /** A plain JDBC connection to that database, to tamper with it behind the storage's back. */
  protected abstract Connection rawConnection() throws SQLException;

  protected void cleanUp() {}

  @BeforeEach
  final void openStorage() {
    storage = track(openFresh());
  }

  @AfterEach
  final void closeStorages() {
    for (Storage s : opened) {
      s.close();
    }
    opened.clear();
    cleanUp();
  }

  protected final Storage track(Storage s) {
    opened.add(s);
    return s;
  }

  static NodeIdentity identity(int seed) {
    try {
      return NodeIdentity.fromSeed(RandomSource.seeded(seed).nextBytes(32));
    } catch (DecodingException e) {
      throw new AssertionError(e);
    }
  }

  /** A structurally valid entry; the Merkle machinery never checks its (zero) signature. */
  static LogEntry entry(long seq) {
    try {
      return new LogEntry(
          seq % 3 == 0 ? EntryKind.LEASE : EntryKind.DEPOSIT,
          T0.plusMillis(seq),
          CborMap.builder().put("seq", seq).build(),
          new Authorisation.NodeRequest(
              NODE.publicKey(),
              Bytes.of(new byte[] {(byte) seq, (byte) (seq >> 8), (byte) (seq >> 16)}),
              Ed25519Signature.fromBytes(Bytes.of(new byte[64]))));
    } catch (DecodingException e) {
      throw new AssertionError(e);
    }
  }

  static List<LogEntry> entries(long from, long count) {
    List<LogEntry> out = new ArrayList<>();
    for (long i = from; i < from + count; i++) {
      out.add(entry(i));
    }
    return out;
  }

  static MerkleTree naive(List<Bytes> leaves) {
    return MerkleTree.ofLeaves(leaves);
  }

  List<Bytes> allEntries(LogStorage s) {
    List<Bytes> out = new ArrayList<>();
    long size = s.size();
    for (long at = 0; at < size; at += 1000) {
      out.addAll(s.entries(at, Math.min(size, at + 1000)));
    }
    return out;
  }

  // --- append, read back, proofs vs naive recompute ---

  @Test
  void batchedAppendsKeepTheRootsAndProofsOfANaiveRecompute() throws VerificationException {
    long seed = 6962;
    RandomSource random = RandomSource.seeded(seed);
    TransparencyLog log = TransparencyLog.open(new TransactionalLogStore(storage));
    List<Bytes> expected = new ArrayList<>();
    List<Long> sizes = new ArrayList<>();
    while (expected.size() < 300) {
      int batch = 1 + (int) random.nextLong(random.nextLong(2) == 0 ? 3 : 70);
      List<LogEntry> es = entries(expected.size(), batch);
      List<Long> indexes = log.appendAll(es);
      assertThat(indexes.get(0)).as("seed %d", seed).isEqualTo(expected.size());
      es.forEach(e -> expected.add(e.encode()));
      sizes.add((long) expected.size());
      assertThat(log.rootHash(expected.size()))
          .as("root at %d, seed %d", expected.size(), seed)
          .isEqualTo(naive(expected).root());
    }
    int n = expected.size();
    assertThat(log.size()).isEqualTo(n);
    assertThat(allEntries(new TransactionalLogStore(storage))).isEqualTo(expected);
    for (long size : sizes) {
      MerkleTree tree = naive(expected.subList(0, (int) size));
      assertThat(log.rootHash(size)).as("old root %d, seed %d", size, seed).isEqualTo(tree.root());
      for (int k = 0; k < 4; k++) {
        int index = (int) random.nextLong(size);
        var proof = log.inclusionProof(index, size);
        assertThat(proof)
            .as("inclusion %d in %d, seed %d", index, size, seed)
            .isEqualTo(tree.inclusionProof(index));
        MerkleVerifier.verifyInclusion(tree.leafHash(index), proof, tree.root());
      }
      long old = random.nextLong(size + 1);
      var consistency = log.consistencyProof(old, size);
      assertThat(consistency)
          .as("consistency %d -> %d, seed %d", old, size, seed)
          .isEqualTo(tree.consistencyProof((int) old));
      MerkleVerifier.verifyConsistency(tree.root((int) old), tree.root(), consistency);
    }
    Digest leaf = MerkleHashes.leafHash(expected.get(123));
    assertThat(log.inclusionProofByHash(leaf, n).orElseThrow().leafIndex()).isEqualTo(123);
    assertThat(log.inclusionProofByHash(leaf, 123)).isEmpty();
  }

  @Test
  void aReopenedLogHasTheSameRootAndGoesOn() {
    TransparencyLog first = TransparencyLog.open(new TransactionalLogStore(storage));
    first.appendAll(entries(0, 37));
    Digest root = first.rootHash(37);

    Storage again = track(openAnother());
    TransparencyLog second = TransparencyLog.open(new TransactionalLogStore(again));
    assertThat(second.size()).isEqualTo(37);
    assertThat(second.rootHash(37)).isEqualTo(root);
    second.appendAll(entries(37, 27));
    List<Bytes> all = new ArrayList<>();
    entries(0, 64).forEach(e -> all.add(e.encode()));
    assertThat(second.rootHash(64)).isEqualTo(naive(all).root());
  }

  @Test
  void readsReturnWhatWasStoredAndRefuseWhatWasNot() {
    TransparencyLog log = TransparencyLog.open(new TransactionalLogStore(storage));
    log.appendAll(entries(0, 5));
    log.append(entry(2)); // the same bytes again, at index 5
    LogStore s = new TransactionalLogStore(storage);
    assertThat(s.size()).isEqualTo(6);
    assertThat(s.entries(5, 6)).containsExactly(entry(2).encode());
    assertThat(s.leafHashes(0, 6)).element(5).isEqualTo(entry(2).leafHash());
    assertThat(s.indexOf(entry(2).leafHash())).hasValue(2);
    assertThat(s.indexOf(entry(99).leafHash())).isEmpty();
    assertThat(s.entries(3, 3)).isEmpty();
    assertThatThrownBy(() -> s.entries(4, 7)).isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> s.leafHashes(-1, 2)).isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> s.nodes(List.of(new NodeAddress(3, 0))))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("not complete");
    assertThat(s.nodes(List.of(new NodeAddress(2, 0), new NodeAddress(0, 4))))
        .containsExactly(naive(allEntries(s).subList(0, 4)).root(), entry(4).leafHash());
  }

  /**
   * Get-proof-by-hash across both levels of the leaf-hash index: a sealed epoch of 65,536 leaves
   * (its edges, a leaf in the middle) and the open epoch's 4,096-leaf segments, the first of two
   * equal leaves, and absent hashes.
   */
  @Test
  void leavesAreFoundByHashInSealedAndOpenEpochs() {
    TransparencyLog log = TransparencyLog.open(new TransactionalLogStore(storage));
    log.appendAll(entries(0, 65_535));
    log.appendAll(List.of(entry(65_535), entry(65_536), entry(65_537), entry(7)));
    log.appendAll(entries(65_539, 4_100));
    LogStore s = new TransactionalLogStore(storage);
    assertThat(s.size()).isEqualTo(69_639);
    for (long i : new long[] {0, 6, 40_000, 65_535, 65_536, 65_537, 69_631, 69_632, 69_638}) {
      assertThat(s.indexOf(entry(i).leafHash())).as("leaf %d", i).hasValue(i);
    }
    // entry(7) is at 7 and again at 65,538: the first one counts.
    assertThat(s.indexOf(entry(7).leafHash())).hasValue(7);
    assertThat(s.indexOf(entry(65_538).leafHash())).isEmpty();
    assertThat(s.indexOf(entry(69_639).leafHash())).isEmpty();
  }

  /** One append that completes an epoch seals it; a leaf first seen in the open epoch is found. */
  @Test
  void anAppendCompletingAnEpochSealsIt() {
    TransparencyLog log = TransparencyLog.open(new TransactionalLogStore(storage));
    log.appendAll(entries(0, 70_000));
    log.appendAll(List.of(entry(5), entry(90_000), entry(90_000)));
    LogStore s = new TransactionalLogStore(storage);
    for (long i : new long[] {0, 65_535, 65_536, 69_632, 69_999}) {
      assertThat(s.indexOf(entry(i).leafHash())).as("leaf %d", i).hasValue(i);
    }
    assertThat(s.indexOf(entry(5).leafHash())).as("sealed before open").hasValue(5);
    assertThat(s.indexOf(entry(90_000).leafHash())).as("first in the open epoch").hasValue(70_001);
    assertThat(s.indexOf(entry(90_001).leafHash())).isEmpty();
  }

  @Test
  void aBatchWhoseSubtreesDoNotMatchItsLeavesIsRefusedAndNothingChanges() {
    LogStore s = new TransactionalLogStore(storage);
    List<LogStorage.Leaf> two =
        List.of(
            new LogStorage.Leaf(entry(0).leafHash(), entry(0).encode()),
            new LogStorage.Leaf(entry(1).leafHash(), entry(1).encode()));
    assertThatThrownBy(() -> s.append(0, two, List.of()))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("lacks subtrees of level 1");
    assertThatThrownBy(() ->
            s.append(
                0, two, List.of(new LogStorage.Node(new NodeAddress(1, 1), entry(0).leafHash()))))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> s.append(0, List.of(), List.of()))
        .isInstanceOf(IllegalArgumentException.class);
    assertThat(s.size()).isZero();
    assertThat(s.indexOf(entry(0).leafHash())).isEmpty();
  }

  @Test
  void proofsReadThroughTheDatabaseVerifyWithAMinimalVerifierFromRfc6962Text() {
    TransparencyLog log = TransparencyLog.open(new TransactionalLogStore(storage));
    log.appendAll(entries(0, 1000));
    log.appendAll(entries(1000, 234));
    long n = log.size();
    List<Bytes> stored = allEntries(new TransactionalLogStore(storage));
    byte[] root = log.rootHash(n).toBytes().toByteArray();
    long seed = 91;
    RandomSource random = RandomSource.seeded(seed);
    for (int t = 0; t < 40; t++) {
      long m = random.nextLong(n);
      long size = m + 1 + random.nextLong(n - m);
      byte[] sizeRoot = log.rootHash(size).toBytes().toByteArray();
      byte[] leaf = Rfc6962Minimal.leafHash(stored.get((int) m).toByteArray());
      List<byte[]> path = raw(log.inclusionProof(m, size).path());
      assertThat(Rfc6962Minimal.inclusion(m, size, leaf, path, sizeRoot))
          .as("inclusion %d in %d, seed %d", m, size, seed)
          .isTrue();
      long old = 1 + random.nextLong(size);
      List<byte[]> proof = raw(log.consistencyProof(old, size).path());
      byte[] oldRoot = log.rootHash(old).toBytes().toByteArray();
      assertThat(Rfc6962Minimal.consistency(old, size, oldRoot, sizeRoot, proof))
          .as("consistency %d -> %d, seed %d", old, size, seed)
          .isTrue();
      // The verifier can fail: a wrong leaf, a flipped path hash, a wrong old root.
      assertThat(
              Rfc6962Minimal.inclusion(
                  m, size, Rfc6962Minimal.leafHash(new byte[] {9}), path, sizeRoot))
          .isFalse();
      if (!path.isEmpty()) {
        List<byte[]> bad = new ArrayList<>(path);
        byte[] flipped = bad.get(0).clone();
        flipped[0] ^= 1;
        bad.set(0, flipped);
        assertThat(Rfc6962Minimal.inclusion(m, size, leaf, bad, sizeRoot)).isFalse();
      }
      if (old < size) {
        assertThat(
                Rfc6962Minimal.consistency(old, size, root.clone(), sizeRoot, proof)
                    || java.util.Arrays.equals(root, oldRoot))
            .isFalse();
      }
    }
    // The whole-tree root, recomputed by the RFC's MTH from the stored entries.
    assertThat(mth(stored, 0, stored.size())).isEqualTo(root);
  }

  private static List<byte[]> raw(List<Digest> hashes) {
    return hashes.stream().map(d -> d.toBytes().toByteArray()).toList();
  }

  private static byte[] mth(List<Bytes> d, int from, int to) {
    if (to - from == 1) {
      return Rfc6962Minimal.leafHash(d.get(from).toByteArray());
    }
    int k = 1;
    while (k << 1 < to - from) {
      k <<= 1;
    }
    return Rfc6962Minimal.nodeHash(mth(d, from, from + k), mth(d, from + k, to));
  }

  // --- the conflict rule ---

  @Test
  void anAppendPreparedForAStaleSizeConflictsAndWritesNothing() {
    TransparencyLog log = TransparencyLog.open(new TransactionalLogStore(storage));
    log.appendAll(entries(0, 10));
    LogStore s = new TransactionalLogStore(storage);
    List<LogStorage.Leaf> one =
        List.of(new LogStorage.Leaf(entry(99).leafHash(), entry(99).encode()));
    assertThatThrownBy(() -> s.append(9, one, List.of()))
        .isInstanceOfSatisfying(
            AppendConflictException.class,
            e -> {
              assertThat(e.expectedSize()).isEqualTo(9);
              assertThat(e.actualSize()).isEqualTo(10);
            });
    assertThat(s.size()).isEqualTo(10);
    assertThat(s.indexOf(entry(99).leafHash())).isEmpty();
  }

  @Test
  void twoCoordinatorsOnOneDatabaseTakeTurnsWithoutLosingAnEntry() {
    TransparencyLog a = TransparencyLog.open(new TransactionalLogStore(storage));
    TransparencyLog b = TransparencyLog.open(new TransactionalLogStore(track(openAnother())));
    long seq = 0;
    for (int round = 0; round < 12; round++) {
      a.appendAll(entries(seq, 3));
      seq += 3;
      b.appendAll(entries(seq, 2)); // prepared on a stale size: conflicts, reloads, retries
      seq += 2;
    }
    List<Bytes> stored = allEntries(new TransactionalLogStore(storage));
    List<Bytes> expected = new ArrayList<>();
    entries(0, seq).forEach(e -> expected.add(e.encode()));
    assertThat(stored).isEqualTo(expected);
    assertThat(a.rootHash(seq)).isEqualTo(naive(expected).root());
    assertThat(b.rootHash(seq)).isEqualTo(naive(expected).root());
  }

  @Test
  void concurrentAppendersInTransactionsNeverInterleaveABatch() throws Exception {
    int threads = 4;
    int batchesEach = 8;
    int batch = 5;
    List<Storage> storages = List.of(storage, track(openAnother()));
    ExecutorService pool = Executors.newFixedThreadPool(threads);
    try {
      List<Future<?>> done = new ArrayList<>();
      for (int t = 0; t < threads; t++) {
        Storage s = storages.get(t % 2);
        int thread = t;
        done.add(
            pool.submit(() -> {
              for (int k = 0; k < batchesEach; k++) {
                long first = 1000L * thread + (long) batch * k;
                s.run(tx -> TransparencyLog.open(tx.log()).appendAll(entries(first, batch)));
              }
              return null;
            }));
      }
      for (Future<?> f : done) {
        f.get(120, TimeUnit.SECONDS);
      }
    } finally {
      pool.shutdownNow();
    }
    List<Bytes> stored = allEntries(new TransactionalLogStore(storage));
    assertThat(stored).hasSize(threads * batchesEach * batch);
    for (int at = 0; at < stored.size(); at += batch) {
      long first = seqOf(stored.get(at));
      for (int i = 1; i < batch; i++) {
        assertThat(seqOf(stored.get(at + i))).as("entry %d", at + i).isEqualTo(first + i);
      }
    }
    TransparencyLog log = TransparencyLog.open(new TransactionalLogStore(storage));
    assertThat(log.rootHash(stored.size())).isEqualTo(naive(stored).root());
  }

  private static long seqOf(Bytes encoded) throws DecodingException {
    return LogEntry.decode(encoded).body().getLong("seq");
  }

  // --- one transaction with the state change it records ---

  @Test
  void theLogEntryCommitsWithItsStateChangeOrNotAtAll() throws Exception {
    Operation deposit = new Operation.Deposit(NODE.nodeId(), Amount.ofCredits(5));
    storage.run(tx -> {
      tx.ledger().apply(OperationId.of("deposit:1"), deposit, T0);
      TransparencyLog.open(tx.log()).append(entry(0));
    });
    class Boom extends Exception {
      private static final long serialVersionUID = 1L;
    }
    assertThatThrownBy(() ->
            storage.run(tx -> {
              tx.ledger().apply(OperationId.of("deposit:2"), deposit, T0);
              TransparencyLog log = TransparencyLog.open(tx.log());
              log.appendAll(entries(1, 3));
              log.treeHead(COORDINATOR, ManualClock.at(T0));
              assertThat(tx.log().size()).isEqualTo(4);
              throw new Boom();
            }))
        .isInstanceOf(Boom.class);
    storage.run(tx -> {
      assertThat(tx.log().size()).isEqualTo(1);
      assertThat(tx.log().latestTreeHead()).isEmpty();
      assertThat(tx.ledger().balance(AccountId.available(NODE.nodeId())))
          .isEqualTo(Amount.ofCredits(5));
      assertThat(tx.log().indexOf(entry(1).leafHash())).isEmpty();
    });
    // The log goes on from the committed size.
    TransparencyLog log = TransparencyLog.open(new TransactionalLogStore(storage));
    log.appendAll(entries(1, 3));
    List<Bytes> expected = new ArrayList<>();
    entries(0, 4).forEach(e -> expected.add(e.encode()));
    assertThat(log.rootHash(4)).isEqualTo(naive(expected).root());
  }

  @Test
  void aFailedAppendCaughtInsideTheTransactionLeavesNoRowBehind() throws Exception {
    TransparencyLog.open(new TransactionalLogStore(storage)).appendAll(entries(0, 2));
    // A stray row beyond the size (the database was altered) makes the insert of index 3 fail.
    try (Connection c = rawConnection();
        PreparedStatement ps = c.prepareStatement("INSERT INTO log_entries VALUES (3, ?)")) {
      ps.setBytes(1, new byte[] {1});
      ps.executeUpdate();
    }
    List<LogStorage.Leaf> two =
        List.of(
            new LogStorage.Leaf(entry(2).leafHash(), entry(2).encode()),
            new LogStorage.Leaf(entry(3).leafHash(), entry(3).encode()));
    List<LogStorage.Node> nodes =
        List.of(
            new LogStorage.Node(
                new NodeAddress(1, 1),
                MerkleHashes.nodeHash(entry(2).leafHash(), entry(3).leafHash())),
            new LogStorage.Node(new NodeAddress(2, 0), Digest.sha256(new byte[] {2})));
    storage.run(tx -> {
      assertThatThrownBy(() -> tx.log().append(2, two, nodes)).isInstanceOf(StorageException.class);
      assertThat(tx.log().size()).isEqualTo(2);
      assertThat(tx.log().indexOf(entry(2).leafHash())).isEmpty();
    });
    assertThat(new TransactionalLogStore(storage).size()).isEqualTo(2);
  }

  // --- signed tree heads ---

  @Test
  void keepsAndListsSignedTreeHeads() throws VerificationException {
    TransparencyLog log = TransparencyLog.open(new TransactionalLogStore(storage));
    ManualClock clock = ManualClock.at(T0);
    List<SignedTreeHead> signed = new ArrayList<>();
    for (int i = 0; i < 5; i++) {
      log.appendAll(entries(3L * i, 3));
      clock.set(T0.plusSeconds(i));
      signed.add(log.treeHead(COORDINATOR, clock));
    }
    clock.set(T0.plusSeconds(10));
    SignedTreeHead sameSizeNewer = log.treeHead(COORDINATOR, clock);
    LogStore s = new TransactionalLogStore(storage);
    s.putTreeHead(signed.get(2)); // again: ignored
    assertThat(s.latestTreeHead()).hasValue(sameSizeNewer);
    sameSizeNewer.verify(COORDINATOR.publicKey());
    List<SignedTreeHead> expected = new ArrayList<>(signed);
    expected.add(sameSizeNewer);
    assertThat(s.treeHeads(0, 1000)).isEqualTo(expected);
    assertThat(s.treeHeads(9, 2)).containsExactly(signed.get(2), signed.get(3));
    assertThat(s.treeHeads(16, 10)).isEmpty();
    assertThatThrownBy(() -> s.treeHeads(0, 0)).isInstanceOf(IllegalArgumentException.class);
    for (SignedTreeHead h : expected) {
      assertThat(h.rootHash()).isEqualTo(log.rootHash(h.treeSize()));
    }
  }

  // --- tampering, as an auditor will meet it ---

  @Test
  void aDeletedEntryRowIsSkippedAndADeletedTreeRowIsRefused() throws Exception {
    TransparencyLog.open(new TransactionalLogStore(storage)).appendAll(entries(0, 8));
    try (Connection c = rawConnection();
        var st = c.createStatement()) {
      st.executeUpdate("DELETE FROM log_entries WHERE idx = 3");
      st.executeUpdate("DELETE FROM log_tree WHERE level = 1 AND idx = 3");
    }
    LogStore s = new TransactionalLogStore(storage);
    assertThat(s.entries(2, 5)).containsExactly(entry(2).encode(), entry(4).encode());
    assertThat(s.leafHashes(3, 4)).containsExactly(entry(3).leafHash());
    assertThatThrownBy(() -> s.nodes(List.of(new NodeAddress(1, 3))))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("missing from the database");
  }

  /** Opens a plain JDBC connection from a {@code jdbc:} URL. */
  static Connection connect(String jdbcUrl) throws SQLException {
    return DriverManager.getConnection(jdbcUrl);
  }
}
