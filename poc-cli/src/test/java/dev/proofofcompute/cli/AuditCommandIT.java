package dev.proofofcompute.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.proofofcompute.cli.TourCommandTest.Run;
import dev.proofofcompute.crypto.Bytes;
import dev.proofofcompute.crypto.cbor.CborMap;
import dev.proofofcompute.ledger.AccountId;
import dev.proofofcompute.translog.LogEntry;
import dev.proofofcompute.translog.audit.AuditState;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code poc audit --db} on a coordinator database ({@link AuditedLog}): it passes on the honest
 * database and, after each kind of tampering done with plain SQL, exits 1 and names what was done.
 */
class AuditCommandIT {
  @TempDir Path dir;
  AuditedLog log;

  @BeforeEach
  void build() throws Exception {
    log = AuditedLog.build(dir);
  }

  static Run audit(AuditedLog log, String... more) {
    return TourCommandTest.run(log.args(more).toArray(String[]::new));
  }

  @Test
  void anHonestDatabasePasses() {
    Run r = audit(log);
    assertThat(r.exit()).as(r.out() + r.err()).isZero();
    assertThat(r.out())
        .contains("PASS: " + AuditedLog.SIZE + " entries audited")
        .contains(AuditedLog.SIZE + " signed head(s)")
        .contains("0 discrepancies");
  }

  @Test
  void anHonestDatabaseHasEveryRequestBodyMatched() {
    Run r = audit(log);
    assertThat(r.out())
        .contains("checked: 5 node request bodies matched their entries, 0 body not logged");
  }

  /**
   * A coordinator that recorded (and applied) a larger deposit than the node signed for: heads,
   * proofs, signatures and balances all verify; only the body check names it.
   */
  @Test
  void aLyingCoordinatorIsNamedByTheBodyCheck() throws Exception {
    AuditedLog lying = AuditedLog.build(dir.resolve("lying"), true);
    Run r = audit(lying);
    assertThat(r.exit()).as(r.out() + r.err()).isEqualTo(1);
    assertThat(r.out())
        .contains("1 discrepancies")
        .contains("BODY_FIELD_MISMATCH at entry 1: deposit: the ledger operations are");
  }

  @Test
  void anEditedEntryIsNamed() throws Exception {
    LogEntry settlement = LogEntry.decode(log.entryBytes(6));
    CborMap body =
        CborMap.builder()
            .put("job", "job-2")
            .put("ledger", settlement.body().getArray("ledger"))
            .build();
    LogEntry edited =
        new LogEntry(settlement.kind(), settlement.time(), body, settlement.authorisation());
    log.setEntry(6, edited.encode());

    Run r = audit(log);
    assertThat(r.exit()).as(r.out() + r.err()).isEqualTo(1);
    assertThat(r.out())
        .contains("FAIL")
        .contains("EDITED_ENTRY at entry 6")
        .contains("BAD_SIGNATURE at entry 6");
  }

  @Test
  void aDeletedEntryIsNamed() throws Exception {
    log.execute("DELETE FROM log_entries WHERE idx = 3");

    Run r = audit(log);
    assertThat(r.exit()).as(r.out() + r.err()).isEqualTo(1);
    assertThat(r.out()).contains("MISSING_ENTRY at entry 3");
  }

  @Test
  void twoSwappedEntriesAreNamed() throws Exception {
    Bytes two = log.entryBytes(2);
    Bytes five = log.entryBytes(5);
    log.setEntry(2, five);
    log.setEntry(5, two);

    Run r = audit(log);
    assertThat(r.exit()).as(r.out() + r.err()).isEqualTo(1);
    assertThat(r.out()).contains("REORDERED at entry 2: entries 2 and 5");
  }

  @Test
  void aChangedBalanceIsNamedWithItsAccount() throws Exception {
    AccountId account = AccountId.available(AuditedLog.PROVIDER.nodeId());
    log.execute(
        "UPDATE ledger_accounts SET balance = balance + 1000000 WHERE account = '" + account + "'");

    Run r = audit(log);
    assertThat(r.exit()).as(r.out() + r.err()).isEqualTo(1);
    assertThat(r.out())
        .contains("BALANCE_MISMATCH at account " + account)
        .contains("replay to 30, the operator reports 31");
    assertThat(r.out()).doesNotContain("EDITED_ENTRY", "MISSING_ENTRY", "ROOT_MISMATCH");
  }

  @Test
  void aLogRolledBackToAnEarlierHeadIsCaughtThroughTheSavedState() throws Exception {
    Path state = dir.resolve("audit.state");
    Run first = audit(log, "--state", state.toString());
    assertThat(first.exit()).as(first.out() + first.err()).isZero();
    assertThat(AuditState.decode(Bytes.of(Files.readAllBytes(state))).head().treeSize())
        .isEqualTo(AuditedLog.SIZE);

    // Back to the head of size 6, as if entries 6..9 never happened (heads, tree and ledger too).
    log.execute(
        "DELETE FROM log_entries WHERE idx >= 6",
        "DELETE FROM log_tree WHERE ((idx + 1) << level) > 6",
        "DELETE FROM log_heads WHERE tree_size > 6",
        "UPDATE log_state SET size = 6");
    Run alone = audit(log);
    Run second = audit(log, "--state", state.toString());

    assertThat(second.exit()).as(second.out() + second.err()).isEqualTo(1);
    assertThat(second.out())
        .contains("ROLLBACK at head of size 6")
        .contains("a previous audit saw a signed head of " + AuditedLog.SIZE);
    assertThat(alone.out()).doesNotContain("ROLLBACK"); // only the saved state can tell
    assertThat(AuditState.decode(Bytes.of(Files.readAllBytes(state))).head().treeSize())
        .as("the state keeps the larger head")
        .isEqualTo(AuditedLog.SIZE);
  }

  @Test
  void aSecondAuditOfAGrownLogPassesFromTheSavedState() throws Exception {
    Path state = dir.resolve("audit.state");
    assertThat(audit(log, "--state", state.toString()).exit()).isZero();
    Run again = audit(log, "--state", state.toString());
    assertThat(again.exit()).as(again.out()).isZero();
    assertThat(again.out()).contains("saved state at size " + AuditedLog.SIZE);
  }

  @Test
  void usageErrorsExitWithTwoAndOneLine() throws Exception {
    Run noKey = TourCommandTest.run("audit", "--db", log.url());
    Run both =
        TourCommandTest.run(
            "audit",
            "--db",
            log.url(),
            "--coordinator",
            "http://127.0.0.1:1",
            "--coordinator-key",
            log.coordinatorKey.toString());
    Run noFile =
        TourCommandTest.run(
            "audit",
            "--db",
            "sqlite:" + dir.resolve("nope.db"),
            "--coordinator-key",
            log.coordinatorKey.toString());
    Path junk = dir.resolve("junk.state");
    Files.writeString(junk, "not a state");
    Run badState = audit(log, "--state", junk.toString());
    Run help = TourCommandTest.run("audit", "--help");

    assertThat(noKey.exit()).isEqualTo(2);
    assertThat(noKey.err()).contains("--coordinator-key");
    assertThat(both.exit()).isEqualTo(2);
    assertThat(noFile.exit()).isEqualTo(2);
    assertThat(noFile.err().strip())
        .isEqualTo("poc audit: no such database file: " + dir.resolve("nope.db"));
    assertThat(Files.exists(dir.resolve("nope.db"))).isFalse();
    assertThat(badState.exit()).isEqualTo(2);
    assertThat(badState.err()).contains("is not an audit state").doesNotContain("\tat ");
    assertThat(help.exit()).isZero();
    assertThat(help.out()).contains("--db", "--coordinator", "--state", "--coordinator-key");
  }

  @Test
  void aWrongCoordinatorKeyFailsEveryHead() throws Exception {
    Path other = dir.resolve("other.pub");
    dev.proofofcompute.crypto.identity.KeyFiles.savePublicKey(
        other, AuditedLog.identity(1).publicKey());
    Run r = TourCommandTest.run("audit", "--db", log.url(), "--coordinator-key", other.toString());
    assertThat(r.exit()).isEqualTo(1);
    assertThat(r.out()).contains("BAD_TREE_HEAD").contains("NO_TREE_HEAD");
  }
}
