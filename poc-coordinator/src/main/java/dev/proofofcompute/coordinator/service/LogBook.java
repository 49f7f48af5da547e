package dev.proofofcompute.coordinator.service;

import dev.proofofcompute.core.message.AuthenticatedRequest;
import dev.proofofcompute.crypto.DecodingException;
import dev.proofofcompute.crypto.cbor.CborMap;
import dev.proofofcompute.crypto.identity.Ed25519Signature;
import dev.proofofcompute.crypto.identity.NodeIdentity;
import dev.proofofcompute.storage.Tx;
import dev.proofofcompute.translog.Authorisation;
import dev.proofofcompute.translog.EntryKind;
import dev.proofofcompute.translog.LogEntry;
import dev.proofofcompute.translog.SignedTreeHead;
import dev.proofofcompute.translog.TransparencyLog;
import dev.proofofcompute.translog.ledger.LedgerEntries;
import dev.proofofcompute.translog.ledger.LedgerOp;
import java.time.Instant;
import java.time.InstantSource;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Iterator;
import java.util.List;
import java.util.Optional;

/**
 * The coordinator's side of the transparency log (docs/translog.md, docs/coordinator.md "The
 * transparency log"): builds the {@link LogEntry} of each state change — authorised by the node's
 * signed request exactly as it arrived, or signed by the coordinator key for what the coordinator
 * decided itself — and appends the entries a transaction collected, as the last write of that same
 * transaction, followed by a signed tree head of the new size.
 *
 * <p>Batching: one batch per storage transaction that changed state, and one signed head per batch.
 * A head then exists for every size the log ever had, so an auditor (or a client holding the head
 * it was given) never waits for a periodic batcher, and the coordinator keeps no log state in
 * memory (another coordinator on the same database appends to the same log; {@code
 * TransparencyLog.open} reads the O(log n) hashes of the current size inside the transaction and
 * {@link dev.proofofcompute.storage.LogStore#append} holds the log's lock until commit). The cost
 * is two Ed25519 signatures (one over the batch of the coordinator's own entries, one over the
 * head) and one head row per state-changing request, however many entries it logs.
 */
final class LogBook {
  /** Largest request body copied into a node-authorised entry (field {@code http-body}). */
  static final int MAX_LOGGED_BODY = 64 << 10;

  /** The body field of a batched request's node entry that names its operation's index. */
  static final String BATCH_OP = Authorisation.NodeRequest.BATCH_OP_FIELD;

  private final NodeIdentity key;

  LogBook(NodeIdentity key) {
    this.key = key;
  }

  NodeIdentity key() {
    return key;
  }

  static Instant time(Instant now) {
    return now.truncatedTo(ChronoUnit.MILLIS);
  }

  /**
   * An entry authorised by {@code caller}'s signed request. The request's exact signed bytes and
   * signature travel in the entry; its HTTP body, whose SHA-256 those bytes bind, is copied into
   * the body as {@code http-body} when it is at most {@value #MAX_LOGGED_BODY} bytes and {@code
   * withBody} holds.
   *
   * <p>A batched request authorises one node entry per operation: each carries {@value #BATCH_OP}
   * (the operation's index in the request, {@code batchOp >= 0}), and only the first one logged
   * from the request carries the body (docs/coordinator.md, "Batched requests").
   *
   * @param batchOp the operation's index in a batched request, or -1 for a single request
   */
  LogEntry byNode(
      EntryKind kind,
      Instant now,
      CborMap fields,
      List<LedgerOp> ops,
      AuthenticatedRequest caller,
      int batchOp,
      boolean withBody) {
    CborMap.Builder b = CborMap.builder();
    fields.entries().forEach(e -> b.put(e.key(), e.value()));
    if (withBody && caller.body().length() <= MAX_LOGGED_BODY) {
      b.put("http-body", caller.body());
    }
    if (batchOp >= 0) {
      b.put(BATCH_OP, batchOp);
    }
    CborMap body = withOps(kind, b.build(), ops);
    Ed25519Signature sig;
    try {
      sig = Ed25519Signature.fromBytes(caller.signature());
    } catch (DecodingException e) {
      throw new IllegalArgumentException("an authenticated request without a valid signature", e);
    }
    return LogEntry.ofNodeRequest(
        kind,
        time(now),
        body,
        new Authorisation.NodeRequest(caller.signer(), caller.signedBytes(), sig));
  }

  /**
   * An entry as a transaction collects it: {@link Ready} (a node's request, its authorisation
   * given) or {@link Unsigned} (the coordinator's own, signed by {@link #flush}).
   */
  sealed interface Pending permits Ready, Unsigned {}

  /** An entry complete with its authorisation. */
  record Ready(LogEntry entry) implements Pending {}

  /** An entry the coordinator will sign when the transaction flushes its log. */
  record Unsigned(EntryKind kind, Instant time, CborMap body) implements Pending {}

  /**
   * An entry the coordinator authorises with its own key; the signature is made by {@link #flush},
   * together with the others of the transaction (so that they can be made in parallel).
   */
  Unsigned byCoordinator(EntryKind kind, Instant now, CborMap fields, List<LedgerOp> ops) {
    return new Unsigned(kind, time(now), withOps(kind, fields, ops));
  }

  /**
   * The entries of {@code pending} in order, the coordinator's signed — all of them with one
   * signature ({@link LogEntry#signedByCoordinator(List, NodeIdentity)}: a Merkle tree of their
   * signing bytes whose root the coordinator signs once). A batched transaction logs several
   * coordinator entries per task (beacon, challenge, check, verdict, settlement, refund) while it
   * holds the database's write lock, so one signature per transaction instead of one per entry is
   * what keeps signing off the critical path.
   */
  List<LogEntry> sign(List<Pending> pending) {
    List<LogEntry.Draft> drafts = new ArrayList<>();
    for (Pending p : pending) {
      if (p instanceof Unsigned u) {
        drafts.add(new LogEntry.Draft(u.kind(), u.time(), u.body()));
      }
    }
    Iterator<LogEntry> signed =
        drafts.isEmpty()
            ? Collections.emptyIterator()
            : LogEntry.signedByCoordinator(drafts, key).iterator();
    List<LogEntry> out = new ArrayList<>(pending.size());
    for (Pending p : pending) {
      out.add(
          switch (p) {
            case Ready r -> r.entry();
            case Unsigned u -> signed.next();
          });
    }
    return out;
  }

  private static CborMap withOps(EntryKind kind, CborMap fields, List<LedgerOp> ops) {
    return ops.isEmpty() ? fields : LedgerEntries.body(kind, fields, ops);
  }

  /**
   * Signs the coordinator's {@code entries} ({@link #sign}), appends them all to the log of {@code
   * tx} and signs a head of the new size; nothing when the list is empty.
   *
   * @throws dev.proofofcompute.translog.AppendConflictException when other coordinators kept
   *     winning the log's lock (the caller reruns the transaction)
   */
  Optional<SignedTreeHead> flush(Tx tx, List<Pending> entries, InstantSource clock) {
    if (entries.isEmpty()) {
      return Optional.empty();
    }
    List<LogEntry> signed = sign(entries);
    TransparencyLog log = TransparencyLog.open(tx.log());
    log.appendAll(signed);
    return Optional.of(log.treeHead(key, clock));
  }

  @Override
  public String toString() {
    return "LogBook[" + key.nodeId().shortForm() + "]";
  }
}
