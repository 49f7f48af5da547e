package dev.proofofcompute.translog.audit;

import dev.proofofcompute.crypto.Bytes;
import dev.proofofcompute.crypto.Digest;
import dev.proofofcompute.crypto.cbor.CborMap;
import dev.proofofcompute.crypto.identity.NodeIdentity;
import dev.proofofcompute.crypto.random.RandomSource;
import dev.proofofcompute.crypto.time.ManualClock;
import dev.proofofcompute.translog.Authorisation;
import dev.proofofcompute.translog.EntryKind;
import dev.proofofcompute.translog.InMemoryLogStorage;
import dev.proofofcompute.translog.LogEntry;
import dev.proofofcompute.translog.RandomnessBeacon;
import dev.proofofcompute.translog.SignedTreeHead;
import dev.proofofcompute.translog.TestEntries;
import dev.proofofcompute.translog.TransparencyLog;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * A small, realistic log: node-signed deposits, coordinator-signed leases and settlements, and the
 * beacon flow of two tasks (randomness committed, provider commits, challenge, reveal).
 */
final class AuditFixture {
  static final NodeIdentity COORDINATOR = TestEntries.coordinator();
  static final NodeIdentity PROVIDER = TestEntries.identity(21);
  static final NodeIdentity REQUESTER = TestEntries.identity(22);

  final TamperingStorage storage = new TamperingStorage(new InMemoryLogStorage());
  final TransparencyLog log = TransparencyLog.open(storage);
  final ManualClock clock = ManualClock.at(TestEntries.T0);
  final List<LogEntry> entries = new ArrayList<>();
  final List<SignedTreeHead> heads = new ArrayList<>();

  Instant tick() {
    return clock.advance(Duration.ofMillis(5));
  }

  LogEntry coordinatorEntry(EntryKind kind, CborMap body) {
    return LogEntry.signedByCoordinator(kind, tick(), body, COORDINATOR);
  }

  LogEntry providerEntry(EntryKind kind, CborMap body, long seq) {
    LogEntry signed = TestEntries.signedDeposit(PROVIDER, 1000 + seq);
    return LogEntry.ofNodeRequest(
        kind, tick(), body, (Authorisation.NodeRequest) signed.authorisation());
  }

  void add(LogEntry... batch) {
    log.appendAll(List.of(batch));
    entries.addAll(List.of(batch));
  }

  SignedTreeHead head() {
    SignedTreeHead head = log.treeHead(COORDINATOR, clock);
    heads.add(head);
    return head;
  }

  /** One task's beacon flow; {@code tamper} picks what goes wrong (or "none"). */
  void beaconTask(String task, long seq, String tamper) {
    RandomnessBeacon.Secret secret = RandomnessBeacon.draw(task, RandomSource.seeded(seq));
    Bytes providerCommitment = Digest.sha256(new byte[] {(byte) seq}).toBytes();
    LogEntry commit =
        coordinatorEntry(
            EntryKind.RANDOMNESS_COMMITTED, RandomnessBeacon.commitBody(task, secret.commitment()));
    LogEntry provider =
        providerEntry(
            EntryKind.COMMITMENT,
            RandomnessBeacon.providerCommitmentBody(task, providerCommitment),
            seq);
    Digest randomness =
        tamper.equals("randomness")
            ? Digest.sha256(new byte[] {9})
            : secret.randomness(providerCommitment);
    LogEntry challenge =
        coordinatorEntry(
            EntryKind.CHALLENGE,
            RandomnessBeacon.challengeBody(task, providerCommitment, randomness));
    RandomnessBeacon.Secret revealed =
        tamper.equals("reveal")
            ? RandomnessBeacon.draw(task, RandomSource.seeded(seq + 1))
            : secret;
    LogEntry reveal =
        coordinatorEntry(EntryKind.RANDOMNESS_REVEALED, RandomnessBeacon.revealBody(revealed));
    if (tamper.equals("late-commit")) {
      add(provider, commit, challenge, reveal);
    } else {
      add(commit, provider, challenge, reveal);
    }
  }

  /** The standard honest log of {@code deposits} deposits, two beacon tasks, and two heads. */
  static AuditFixture honest(int deposits) {
    AuditFixture f = new AuditFixture();
    for (int i = 0; i < deposits; i++) {
      f.add(TestEntries.signedDeposit(i % 2 == 0 ? REQUESTER : PROVIDER, i));
    }
    f.head();
    f.beaconTask("task-1", 1, "none");
    f.add(
        f.coordinatorEntry(EntryKind.LEASE, CborMap.builder().put("task", "task-2").build()),
        f.coordinatorEntry(EntryKind.SETTLEMENT, CborMap.builder().put("task", "task-1").build()));
    f.beaconTask("task-2", 2, "none");
    f.head();
    return f;
  }

  LogAuditor auditor() {
    return LogAuditor.builder(COORDINATOR.publicKey(), RandomSource.seeded(99))
        .sampleCount(8)
        .fetchBatch(7)
        .build();
  }

  AuditReport audit() {
    return auditor().audit(new LocalLogSource(log), heads);
  }
}
