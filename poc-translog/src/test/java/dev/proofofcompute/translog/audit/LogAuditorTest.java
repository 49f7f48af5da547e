package dev.proofofcompute.translog.audit;

import static dev.proofofcompute.translog.audit.AuditFixture.COORDINATOR;
import static org.assertj.core.api.Assertions.assertThat;

import dev.proofofcompute.crypto.Bytes;
import dev.proofofcompute.crypto.cbor.CborMap;
import dev.proofofcompute.crypto.random.RandomSource;
import dev.proofofcompute.translog.Authorisation;
import dev.proofofcompute.translog.EntryKind;
import dev.proofofcompute.translog.InMemoryLogStorage;
import dev.proofofcompute.translog.LogEntry;
import dev.proofofcompute.translog.SignedTreeHead;
import dev.proofofcompute.translog.TestEntries;
import dev.proofofcompute.translog.TransparencyLog;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The auditor on an honest log and on every tampering the issue names: an edited, a deleted and two
 * reordered entries, a rolled-back log (smaller, or with another history), a bad reveal — each
 * caught and named, several at once, never stopping at the first.
 */
class LogAuditorTest {

  private static List<String> kinds(AuditReport report) {
    return report.discrepancies().stream().map(d -> d.kind().name()).toList();
  }

  @Test
  void anHonestLogPasses() {
    AuditFixture f = AuditFixture.honest(20);
    AuditReport report = f.audit();
    assertThat(report.discrepancies()).as(report.summary()).isEmpty();
    assertThat(report.passed()).isTrue();
    assertThat(report.entriesAudited()).isEqualTo(f.log.size());
    assertThat(report.stateToSave().orElseThrow().head()).isEqualTo(f.heads.get(1));
    assertThat(report.summary()).startsWith("PASS");
  }

  @Test
  void aLaterAuditFromSavedStatePassesWhenTheLogOnlyGrew() {
    AuditFixture f = AuditFixture.honest(20);
    AuditState saved = f.audit().stateToSave().orElseThrow();
    f.add(TestEntries.signedDeposit(AuditFixture.REQUESTER, 500));
    SignedTreeHead later = f.head();
    AuditReport report = f.auditor().audit(new LocalLogSource(f.log), List.of(later), saved);
    assertThat(report.discrepancies()).as(report.summary()).isEmpty();
    assertThat(report.stateToSave().orElseThrow().head()).isEqualTo(later);
  }

  @Test
  void anEditedEntryIsNamed() {
    AuditFixture f = AuditFixture.honest(20);
    // The deposit of entry 7 rewritten with another amount, its node signature kept.
    LogEntry original = f.entries.get(7);
    LogEntry edited =
        new LogEntry(
            original.kind(),
            original.time(),
            CborMap.builder().put("seq", 7).put("amount", 1_000_000).build(),
            original.authorisation());
    f.storage.edit(7, edited.encode());
    AuditReport report = f.audit();
    assertThat(report.discrepancies())
        .as(report.summary())
        .anySatisfy(d -> {
          assertThat(d.kind()).isEqualTo(DiscrepancyKind.EDITED_ENTRY);
          assertThat(d.where()).isEqualTo("entry 7");
        });
    assertThat(kinds(report))
        .contains("ROOT_MISMATCH")
        .doesNotContain("MISSING_ENTRY", "REORDERED");
    assertThat(report.passed()).isFalse();
    assertThat(report.summary()).startsWith("FAIL").contains("EDITED_ENTRY at entry 7");
  }

  @Test
  void aDeletedEntryIsNamed() {
    AuditFixture f = AuditFixture.honest(20);
    f.storage.delete(5);
    AuditReport report = f.audit();
    assertThat(report.discrepancies())
        .as(report.summary())
        .anySatisfy(d -> {
          assertThat(d.kind()).isEqualTo(DiscrepancyKind.MISSING_ENTRY);
          assertThat(d.where()).isEqualTo("entry 5");
        });
    assertThat(kinds(report)).doesNotContain("REORDERED");
  }

  @Test
  void aTruncatedLogIsNamed() {
    AuditFixture f = AuditFixture.honest(20);
    long size = f.log.size();
    f.storage.delete(size - 1);
    f.storage.delete(size - 2);
    AuditReport report = f.audit();
    assertThat(report.discrepancies())
        .as(report.summary())
        .anySatisfy(d -> {
          assertThat(d.kind()).isEqualTo(DiscrepancyKind.MISSING_ENTRY);
          assertThat(d.where()).isEqualTo("entry " + (size - 2));
        });
  }

  @Test
  void twoReorderedEntriesAreNamed() {
    AuditFixture f = AuditFixture.honest(20);
    f.storage.swap(3, 11);
    AuditReport report = f.audit();
    assertThat(report.discrepancies())
        .as(report.summary())
        .anySatisfy(d -> {
          assertThat(d.kind()).isEqualTo(DiscrepancyKind.REORDERED);
          assertThat(d.where()).isEqualTo("entry 3");
          assertThat(d.detail()).contains("3 and 11");
        });
    assertThat(kinds(report)).doesNotContain("EDITED_ENTRY", "MISSING_ENTRY");
  }

  @Test
  void adjacentSwapIsNamedToo() {
    AuditFixture f = AuditFixture.honest(20);
    f.storage.swap(12, 13);
    AuditReport report = f.audit();
    assertThat(report.discrepancies())
        .as(report.summary())
        .anySatisfy(d -> assertThat(d.kind()).isEqualTo(DiscrepancyKind.REORDERED));
  }

  @Test
  void severalTamperingsAreAllNamed() {
    AuditFixture f = AuditFixture.honest(30);
    f.storage.edit(2, TestEntries.signedDeposit(AuditFixture.REQUESTER, 900).encode());
    f.storage.swap(9, 17);
    f.storage.edit(25, Bytes.of(new byte[] {1, 2, 3}));
    AuditReport report = f.audit();
    assertThat(report.discrepancies())
        .as(report.summary())
        .anySatisfy(d -> assertThat(d.toString()).startsWith("EDITED_ENTRY at entry 2:"))
        .anySatisfy(d -> assertThat(d.toString()).startsWith("REORDERED at entry 9:"))
        .anySatisfy(d -> assertThat(d.toString()).startsWith("EDITED_ENTRY at entry 25:"))
        .anySatisfy(d -> assertThat(d.toString()).startsWith("MALFORMED_ENTRY at entry 25:"));
  }

  @Test
  void aLogRolledBackToASmallerHeadIsNamed() {
    AuditFixture f = AuditFixture.honest(20);
    AuditState saved = f.audit().stateToSave().orElseThrow();
    // The database is restored from a backup taken at the first head.
    SignedTreeHead old = f.heads.get(0);
    TransparencyLog restored = TransparencyLog.open(new InMemoryLogStorage());
    restored.appendAll(f.entries.subList(0, (int) old.treeSize()));
    AuditReport report = f.auditor().audit(new LocalLogSource(restored), List.of(old), saved);
    assertThat(kinds(report)).as(report.summary()).contains("ROLLBACK");
    assertThat(report.stateToSave()).contains(saved);
  }

  @Test
  void aRewrittenHistoryIsNamedAgainstTheSavedHead() {
    AuditFixture f = AuditFixture.honest(20);
    AuditState saved = f.audit().stateToSave().orElseThrow();
    long savedSize = saved.head().treeSize();
    // Rolled back to the first head, then other entries appended: same and larger sizes.
    for (long extra : new long[] {savedSize - f.heads.get(0).treeSize(), savedSize}) {
      TransparencyLog rewritten = TransparencyLog.open(new InMemoryLogStorage());
      rewritten.appendAll(f.entries.subList(0, (int) f.heads.get(0).treeSize()));
      for (long i = 0; i < extra; i++) {
        rewritten.append(TestEntries.signedDeposit(AuditFixture.PROVIDER, 700 + i));
      }
      SignedTreeHead forged = rewritten.treeHead(COORDINATOR, f.clock);
      AuditReport report = f.auditor().audit(new LocalLogSource(rewritten), List.of(forged), saved);
      assertThat(kinds(report))
          .as("size %d: %s", forged.treeSize(), report.summary())
          .contains("INCONSISTENT_HEAD")
          .doesNotContain("ROLLBACK");
      assertThat(report.stateToSave()).contains(saved);
    }
  }

  @Test
  void headsThatShrinkOrForkWithinOneAuditAreNamed() {
    AuditFixture f = AuditFixture.honest(20);
    SignedTreeHead first = f.heads.get(0);
    SignedTreeHead second = f.heads.get(1);
    AuditReport shrinking = f.auditor().audit(new LocalLogSource(f.log), List.of(second, first));
    assertThat(kinds(shrinking)).contains("ROLLBACK");
    SignedTreeHead fork =
        SignedTreeHead.sign(
            COORDINATOR, first.treeSize(), second.rootHash(), first.timestamp().plusMillis(1));
    AuditReport forked = f.auditor().audit(new LocalLogSource(f.log), List.of(first, fork, second));
    assertThat(kinds(forked)).as(forked.summary()).contains("INCONSISTENT_HEAD");
  }

  @Test
  void aBadTreeHeadSignatureIsNamed() {
    AuditFixture f = AuditFixture.honest(10);
    SignedTreeHead real = f.heads.get(1);
    SignedTreeHead byOther =
        SignedTreeHead.sign(
            TestEntries.identity(66), real.treeSize(), real.rootHash(), real.timestamp());
    AuditReport report =
        f.auditor().audit(new LocalLogSource(f.log), List.of(f.heads.get(0), byOther));
    assertThat(kinds(report)).as(report.summary()).contains("BAD_TREE_HEAD");
    AuditReport none = f.auditor().audit(new LocalLogSource(f.log), List.of(byOther));
    assertThat(kinds(none)).containsExactly("BAD_TREE_HEAD", "NO_TREE_HEAD");
  }

  @Test
  void aBadRevealIsNamed() {
    AuditFixture f = AuditFixture.honest(4);
    f.beaconTask("task-3", 3, "reveal");
    f.head();
    AuditReport report = f.audit();
    assertThat(report.discrepancies())
        .as(report.summary())
        .singleElement()
        .satisfies(d -> {
          assertThat(d.kind()).isEqualTo(DiscrepancyKind.BAD_REVEAL);
          assertThat(d.detail()).contains("does not open");
        });
  }

  @Test
  void challengeRandomnessNotDerivedFromTheSecretIsNamed() {
    AuditFixture f = AuditFixture.honest(4);
    f.beaconTask("task-3", 3, "randomness");
    f.head();
    AuditReport report = f.audit();
    assertThat(kinds(report)).as(report.summary()).containsExactly("BAD_REVEAL");
  }

  @Test
  void randomnessCommittedAfterTheProviderIsNamed() {
    AuditFixture f = AuditFixture.honest(4);
    f.beaconTask("task-3", 3, "late-commit");
    f.head();
    AuditReport report = f.audit();
    assertThat(kinds(report)).as(report.summary()).contains("RANDOMNESS_ORDER");
  }

  @Test
  void badEntrySignaturesAndReplaysAreNamed() throws Exception {
    AuditFixture f = AuditFixture.honest(4);
    LogEntry deposit = TestEntries.signedDeposit(AuditFixture.PROVIDER, 300);
    Authorisation.NodeRequest request = (Authorisation.NodeRequest) deposit.authorisation();
    Authorisation.NodeRequest forged =
        new Authorisation.NodeRequest(
            request.signer(),
            request.request().concat(Bytes.of(new byte[] {0})),
            request.signature());
    f.add(
        LogEntry.ofNodeRequest(EntryKind.DEPOSIT, f.tick(), deposit.body(), forged),
        deposit,
        LogEntry.ofNodeRequest(EntryKind.DEPOSIT, f.tick(), deposit.body(), request),
        LogEntry.signedByCoordinator(
            EntryKind.SLASH, f.tick(), CborMap.EMPTY, TestEntries.identity(67)));
    f.head();
    AuditReport report = f.audit();
    assertThat(kinds(report))
        .as(report.summary())
        .containsExactlyInAnyOrder("BAD_SIGNATURE", "REPLAYED_REQUEST", "BAD_SIGNATURE");
  }

  @Test
  void pluggableChecksRunFreshAndTheirFailuresCount() {
    AuditFixture f = AuditFixture.honest(6);
    DiscrepancyKind custom = new DiscrepancyKind("LEDGER_MISMATCH");
    LogAuditor auditor =
        LogAuditor.builder(COORDINATOR.publicKey(), RandomSource.seeded(1))
            .addCheck(() ->
                new EntryCheck() {
                  private int deposits;

                  @Override
                  public void check(
                      long index, LogEntry entry, java.util.function.Consumer<Discrepancy> report) {
                    if (entry.kind() == EntryKind.DEPOSIT) {
                      deposits++;
                    }
                    if (entry.kind() == EntryKind.SETTLEMENT) {
                      throw new IllegalStateException("boom");
                    }
                  }

                  @Override
                  public void finish(java.util.function.Consumer<Discrepancy> report) {
                    report.accept(new Discrepancy(custom, "ledger", deposits + " deposits"));
                  }
                })
            .build();
    for (int run = 0; run < 2; run++) {
      AuditReport report = auditor.audit(new LocalLogSource(f.log), f.heads);
      assertThat(report.discrepancies())
          .extracting(Discrepancy::toString)
          .as(report.summary())
          .containsExactly(
              "CHECK_ERROR at entry 11: dev.proofofcompute.translog.audit.LogAuditorTest$1 failed:"
                  + " java.lang.IllegalStateException: boom",
              "LEDGER_MISMATCH at ledger: 6 deposits");
    }
  }

  /**
   * Two coordinators on one database keep one log, each signing its own entries and heads: the
   * audit passes when both keys are pinned, and names every head and entry of the unpinned one.
   */
  @Test
  void aLogSignedByTwoPinnedCoordinatorsPasses() {
    AuditFixture f = AuditFixture.honest(6);
    var second = TestEntries.identity(1001);
    long index = f.log.size();
    f.add(
        LogEntry.signedByCoordinator(
            EntryKind.SETTLEMENT, f.tick(), CborMap.builder().put("task", "t2").build(), second));
    SignedTreeHead byFirst = f.head();
    SignedTreeHead bySecond = f.log.treeHead(second, f.clock);
    List<SignedTreeHead> heads = new java.util.ArrayList<>(f.heads);
    heads.add(bySecond);
    AuditReport both =
        LogAuditor.builder(
                List.of(COORDINATOR.publicKey(), second.publicKey()), RandomSource.seeded(3))
            .build()
            .audit(new LocalLogSource(f.log), heads);
    assertThat(both.discrepancies()).as(both.summary()).isEmpty();
    assertThat(java.util.Objects.requireNonNull(both.auditedHead()).treeSize())
        .isEqualTo(byFirst.treeSize());

    AuditReport onlyFirst =
        LogAuditor.builder(COORDINATOR.publicKey(), RandomSource.seeded(3))
            .build()
            .audit(new LocalLogSource(f.log), heads);
    assertThat(onlyFirst.discrepancies())
        .extracting(d -> d.kind().name() + " at " + d.where())
        .as(onlyFirst.summary())
        .containsExactlyInAnyOrder(
            "BAD_TREE_HEAD at head of size " + bySecond.treeSize(),
            "BAD_SIGNATURE at entry " + index);
  }
}
