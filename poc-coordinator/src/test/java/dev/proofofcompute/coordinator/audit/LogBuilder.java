package dev.proofofcompute.coordinator.audit;

import dev.proofofcompute.core.message.RequestAuth;
import dev.proofofcompute.crypto.Bytes;
import dev.proofofcompute.crypto.DecodingException;
import dev.proofofcompute.crypto.Digest;
import dev.proofofcompute.crypto.Hashes;
import dev.proofofcompute.crypto.cbor.CborMap;
import dev.proofofcompute.crypto.identity.NodeIdentity;
import dev.proofofcompute.crypto.random.RandomSource;
import dev.proofofcompute.crypto.time.ManualClock;
import dev.proofofcompute.ledger.Ledger;
import dev.proofofcompute.ledger.LedgerException;
import dev.proofofcompute.translog.Authorisation;
import dev.proofofcompute.translog.EntryKind;
import dev.proofofcompute.translog.InMemoryLogStorage;
import dev.proofofcompute.translog.LogEntry;
import dev.proofofcompute.translog.SignedTreeHead;
import dev.proofofcompute.translog.TransparencyLog;
import dev.proofofcompute.translog.audit.AuditReport;
import dev.proofofcompute.translog.audit.EntryCheck;
import dev.proofofcompute.translog.audit.LocalLogSource;
import dev.proofofcompute.translog.audit.LogAuditor;
import dev.proofofcompute.translog.ledger.LedgerEntries;
import dev.proofofcompute.translog.ledger.LedgerOp;
import dev.proofofcompute.translog.ledger.LedgerReplayCheck;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Supplier;
import org.jspecify.annotations.Nullable;

/**
 * Builds a log the way a coordinator would — node requests signed by node keys over real HTTP
 * request bytes, coordinator entries and tree heads signed by the coordinator key, ledger
 * operations in the entries — so that a test can play a <em>lying</em> coordinator: every Merkle
 * proof, head, signature and ledger replay verifies, and only the check under test can catch the
 * lie. {@link #audit} runs the full {@link LogAuditor} (signatures, replays, beacon, ledger replay
 * against the balances the log itself implies) plus the given checks.
 */
final class LogBuilder {
  static final Instant T0 = Instant.parse("2026-11-27T12:00:00Z");

  final long seed;
  final NodeIdentity coordinator;
  final ManualClock clock = ManualClock.at(T0);
  final List<LogEntry> entries = new ArrayList<>();
  private final RandomSource nonces;

  LogBuilder(long seed) {
    this.seed = seed;
    this.coordinator = identity("coordinator");
    this.nonces = RandomSource.seeded(seed ^ 0x5eed);
  }

  NodeIdentity identity(String name) {
    try {
      return NodeIdentity.fromSeed(
          Hashes.hash(
                  "poc/coordinator-test/log-builder",
                  ByteBuffer.allocate(8).putLong(seed).array(),
                  name.getBytes(StandardCharsets.UTF_8))
              .toBytes());
    } catch (DecodingException e) {
      throw new IllegalStateException(e);
    }
  }

  Instant tick() {
    return clock.advance(Duration.ofMillis(3));
  }

  static Bytes utf8(String s) {
    return Bytes.of(s.getBytes(StandardCharsets.UTF_8));
  }

  /** {@code who}'s signature over a request with this method, path and body, as it arrives. */
  Authorisation.NodeRequest request(NodeIdentity who, String method, String path, Bytes body) {
    Bytes input =
        RequestAuth.signingInput(
            method,
            path,
            Digest.sha256(body),
            clock.instant(),
            nonces.nextBytes(RequestAuth.NONCE_LENGTH),
            who.nodeId());
    return new Authorisation.NodeRequest(who.publicKey(), input, who.sign(input));
  }

  /**
   * Logs an entry authorised by {@code auth}, with {@code httpBody} copied in (null: not logged)
   * and {@code batchOp} (negative: none), as {@code LogBook.byNode} does.
   */
  LogEntry byNode(
      EntryKind kind,
      CborMap fields,
      Authorisation.NodeRequest auth,
      @Nullable Bytes httpBody,
      long batchOp,
      LedgerOp... ops) {
    CborMap.Builder b = CborMap.builder();
    fields.entries().forEach(e -> b.put(e.key(), e.value()));
    if (httpBody != null) {
      b.put(RequestBodyCheck.HTTP_BODY, httpBody);
    }
    if (batchOp >= 0) {
      b.put(Authorisation.NodeRequest.BATCH_OP_FIELD, batchOp);
    }
    CborMap body = ops.length == 0 ? b.build() : LedgerEntries.body(kind, b.build(), List.of(ops));
    LogEntry e = LogEntry.ofNodeRequest(kind, tick(), body, auth);
    entries.add(e);
    return e;
  }

  LogEntry byCoordinator(EntryKind kind, CborMap fields, LedgerOp... ops) {
    CborMap body = ops.length == 0 ? fields : LedgerEntries.body(kind, fields, List.of(ops));
    LogEntry e = LogEntry.signedByCoordinator(kind, tick(), body, coordinator);
    entries.add(e);
    return e;
  }

  /** Every ledger operation of the log applied in order: the balances the operator reports. */
  LedgerReplayCheck.ReportedBalances balances() {
    Ledger ledger = new Ledger();
    try {
      for (LogEntry e : entries) {
        for (LedgerOp op : LedgerEntries.read(e)) {
          ledger.apply(op.id(), op.operation());
        }
      }
    } catch (DecodingException | LedgerException e) {
      throw new IllegalStateException("the fixture's ledger does not replay: " + e, e);
    }
    return new LedgerReplayCheck.ReportedBalances(entries.size(), ledger.balances());
  }

  /** Appends every entry to a fresh log, signs its head, and audits it with {@code checks}. */
  @SafeVarargs
  final AuditReport audit(Supplier<? extends EntryCheck>... checks) {
    TransparencyLog log = TransparencyLog.open(new InMemoryLogStorage());
    log.appendAll(entries);
    SignedTreeHead head = log.treeHead(coordinator, clock);
    LedgerReplayCheck.ReportedBalances balances = balances();
    LogAuditor.Builder b =
        LogAuditor.builder(coordinator.publicKey(), RandomSource.seeded(seed))
            .sampleCount(8)
            .addCheck(() -> LedgerReplayCheck.comparingWith(balances));
    for (Supplier<? extends EntryCheck> c : checks) {
      b.addCheck(c);
    }
    return b.build().audit(new LocalLogSource(log), List.of(head));
  }
}
