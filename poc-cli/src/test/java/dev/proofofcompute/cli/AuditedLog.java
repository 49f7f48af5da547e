package dev.proofofcompute.cli;

import dev.proofofcompute.coordinator.service.Coordination;
import dev.proofofcompute.coordinator.service.JobOptions;
import dev.proofofcompute.coordinator.service.SchemeRegistry;
import dev.proofofcompute.core.message.RequestAuth;
import dev.proofofcompute.crypto.Bytes;
import dev.proofofcompute.crypto.DecodingException;
import dev.proofofcompute.crypto.Digest;
import dev.proofofcompute.crypto.cbor.CborMap;
import dev.proofofcompute.crypto.identity.KeyFiles;
import dev.proofofcompute.crypto.identity.NodeId;
import dev.proofofcompute.crypto.identity.NodeIdentity;
import dev.proofofcompute.crypto.money.Amount;
import dev.proofofcompute.crypto.random.RandomSource;
import dev.proofofcompute.crypto.time.ManualClock;
import dev.proofofcompute.ledger.Fee;
import dev.proofofcompute.ledger.JobTerms;
import dev.proofofcompute.ledger.LedgerException;
import dev.proofofcompute.ledger.Operation;
import dev.proofofcompute.ledger.OperationId;
import dev.proofofcompute.ledger.SlashSplit;
import dev.proofofcompute.protocol.JobSpec;
import dev.proofofcompute.storage.Storage;
import dev.proofofcompute.storage.Storages;
import dev.proofofcompute.translog.Authorisation;
import dev.proofofcompute.translog.EntryKind;
import dev.proofofcompute.translog.LogEntry;
import dev.proofofcompute.translog.TransparencyLog;
import dev.proofofcompute.translog.ledger.LedgerEntries;
import dev.proofofcompute.translog.ledger.LedgerOp;
import dev.proofofcompute.workloads.matmul.MatMul;
import dev.proofofcompute.workloads.matmul.MatMulInput;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Optional;

/**
 * A coordinator's database as the audit tests meet it: a small, realistic history written the way a
 * coordinator writes it — each state change (a ledger operation) and the log entry that records it
 * in one storage transaction, followed by a signed tree head of exactly the new size. Node requests
 * (registration, deposits, bond, job) carry the node's signature over a real HTTP request (method,
 * path, body digest: {@code RequestAuth}) and its JSON body, with the entry's fields as the
 * coordinator derives them from that body; the coordinator signs the rest.
 *
 * <pre>
 *   0 node-registered  provider P                    (no ledger operation)
 *   1 deposit          R deposits 100                 (R's request)
 *   2 deposit          P deposits 80                  (P's request)
 *   3 stake            P bonds 60                     (P's request)
 *   4 job-posted       R escrows JOB (3 tasks x 12)   (R's request, a Freivalds matmul job)
 *   5 lease            P locks 50 for t0
 *   6 settlement       t0 accepted: reward 10 + fees 1, 1; lock released
 *   7 lease            P locks 55 for t1
 *   8 slash            t1 rejected: 50 slashed (70/10/20 to R, treasury, challenger C)
 *   9 refund           job-1 closed: 24 back to R
 * </pre>
 */
final class AuditedLog {
  static final Instant T0 = Instant.parse("2026-03-01T09:00:00Z");
  static final NodeIdentity COORDINATOR = identity(900);
  static final NodeIdentity REQUESTER = identity(901);
  static final NodeIdentity PROVIDER = identity(902);
  static final NodeId VALIDATOR_1 = identity(903).nodeId();
  static final NodeId VALIDATOR_2 = identity(904).nodeId();
  static final NodeId CHALLENGER = identity(905).nodeId();
  static final int SIZE = 10;
  static final String JOB_KEY = "job-1";
  static final String JOB = Coordination.jobId(REQUESTER.nodeId(), JOB_KEY);
  static final Bytes FREIVALDS = CborMap.builder().put("rounds", 2).build().encode();

  final Path db;
  final Path coordinatorKey;
  private final ManualClock clock = ManualClock.at(T0);
  private long seq;
  private boolean lie;

  private AuditedLog(Path dir) {
    this.db = dir.resolve("coordinator.db");
    this.coordinatorKey = dir.resolve("coordinator.pub");
  }

  static NodeIdentity identity(int seed) {
    try {
      return NodeIdentity.fromSeed(RandomSource.seeded(seed).nextBytes(32));
    } catch (DecodingException e) {
      throw new AssertionError(e);
    }
  }

  String url() {
    return "sqlite:" + db;
  }

  /** Writes the history above into a new SQLite database in {@code dir}. */
  static AuditedLog build(Path dir) throws Exception {
    return build(dir, false);
  }

  /**
   * Writes the history above; with {@code lie}, a lying coordinator's version of it: R's deposit
   * request asked for 10 credits and the coordinator recorded (and applied) 100 — every head,
   * proof, signature and balance still verifies.
   */
  static AuditedLog build(Path dir, boolean lie) throws Exception {
    java.nio.file.Files.createDirectories(dir);
    AuditedLog log = new AuditedLog(dir);
    log.lie = lie;
    KeyFiles.savePublicKey(log.coordinatorKey, COORDINATOR.publicKey());
    NodeId r = REQUESTER.nodeId();
    NodeId p = PROVIDER.nodeId();
    SlashSplit split = new SlashSplit(7_000, 1_000, 2_000);
    JobTerms terms = new JobTerms(credits(10), credits(2), 3, credits(50), split);
    try (Storage storage = Storages.open(log.url())) {
      log.record(
          storage,
          log.byNode(
              PROVIDER,
              EntryKind.NODE_REGISTERED,
              "/v1/nodes",
              "{\"publicKey\":\""
                  + PROVIDER.publicKey().raw().toHex()
                  + "\",\"roles\":[\"provider\"]}",
              CborMap.builder()
                  .put("node", p.toHex())
                  .put("key", PROVIDER.publicKey().raw())
                  .put("roles", CborMap.builder().put("provider", true).build())
                  .build(),
              List.of()),
          List.of());
      log.money(
          storage, REQUESTER, "deposit", "deposit:r1", new Operation.Deposit(r, credits(100)));
      log.money(storage, PROVIDER, "deposit", "deposit:p1", new Operation.Deposit(p, credits(80)));
      log.money(storage, PROVIDER, "bond", "bond:p1", new Operation.Bond(p, credits(60)));
      MatMul matmul = MatMul.create();
      Bytes input = matmul.inputCodec().encode(MatMulInput.random(5, 2, 2, 2));
      Bytes parameters =
          SchemeRegistry.standard()
              .find("freivalds")
              .orElseThrow()
              .plan(new JobSpec(JOB, matmul.id(), input, "freivalds", FREIVALDS))
              .canonicalParameters();
      List<LedgerOp> escrow = List.of(op("escrow:job", new Operation.EscrowJob(JOB, r, terms)));
      log.record(
          storage,
          log.byNode(
              REQUESTER,
              EntryKind.JOB_POSTED,
              "/v1/jobs",
              "{\"workload\":{\"name\":\""
                  + matmul.id().name()
                  + "\",\"version\":"
                  + matmul.id().version()
                  + ",\"digest\":\""
                  + matmul.id().digest().toHex()
                  + "\"},\"input\":\""
                  + Base64.getEncoder().encodeToString(input.toByteArray())
                  + "\",\"policy\":{\"scheme\":\"freivalds\",\"params\":{\"rounds\":2}},"
                  + "\"terms\":{\"rewardPerTask\":\"10\",\"validatorFeePerTask\":\"2\","
                  + "\"minStake\":\"50\",\"maxTasks\":3,\"slashSplit\":{\"requesterBps\":7000,"
                  + "\"treasuryBps\":1000,\"challengerBps\":2000}},\"idempotencyKey\":\""
                  + JOB_KEY
                  + "\"}",
              CborMap.builder()
                  .put("job", JOB)
                  .put("key", JOB_KEY)
                  .put(
                      "workload",
                      CborMap.builder()
                          .put("name", matmul.id().name())
                          .put("version", matmul.id().version())
                          .put("digest", matmul.id().digest())
                          .build())
                  .put("scheme", "freivalds")
                  .put("parameters", parameters)
                  .put("input", input)
                  .put("terms", new JobOptions(terms, 1, Optional.empty()).encode())
                  .put("replicas", 1)
                  .build(),
              escrow),
          escrow);
      log.coordinatorOps(
          storage,
          EntryKind.LEASE,
          List.of(op("lock:t0", new Operation.LockStake(p, JOB, "t0", credits(50)))));
      log.coordinatorOps(
          storage,
          EntryKind.SETTLEMENT,
          List.of(
              op(
                  "settle:t0",
                  new Operation.Reward(
                      JOB,
                      "t0",
                      p,
                      credits(10),
                      List.of(new Fee(VALIDATOR_1, credits(1)), new Fee(VALIDATOR_2, credits(1))))),
              op("release:t0", new Operation.ReleaseStake(p, JOB, "t0", credits(50)))));
      log.coordinatorOps(
          storage,
          EntryKind.LEASE,
          List.of(op("lock:t1", new Operation.LockStake(p, JOB, "t1", credits(55)))));
      log.coordinatorOps(
          storage,
          EntryKind.SLASH,
          List.of(
              op(
                  "slash:t1",
                  new Operation.Slash(JOB, "t1", p, credits(50), r, CHALLENGER, split))));
      log.coordinatorOps(
          storage, EntryKind.REFUND, List.of(op("close:job-1", new Operation.CloseJob(JOB, r))));
    }
    return log;
  }

  static Amount credits(long c) {
    return Amount.ofCredits(c);
  }

  static LedgerOp op(String id, Operation operation) {
    return new LedgerOp(OperationId.of(id), operation);
  }

  private Instant tick() {
    clock.set(T0.plusSeconds(++seq));
    return clock.instant();
  }

  /**
   * An entry authorised by {@code node}'s signed {@code POST path} with JSON {@code json}, its
   * fields as the coordinator derives them from that body (the auditor's body check compares them).
   */
  private LogEntry byNode(
      NodeIdentity node,
      EntryKind kind,
      String path,
      String json,
      CborMap fields,
      List<LedgerOp> ops) {
    Instant at = tick();
    Bytes httpBody = Bytes.of(json.getBytes(StandardCharsets.UTF_8));
    CborMap.Builder b = CborMap.builder();
    fields.entries().forEach(e -> b.put(e.key(), e.value()));
    b.put("http-body", httpBody);
    CborMap body = ops.isEmpty() ? b.build() : LedgerEntries.body(kind, b.build(), ops);
    Bytes request =
        RequestAuth.signingInput(
            "POST",
            path,
            Digest.sha256(httpBody),
            at,
            RandomSource.seeded(seq).nextBytes(RequestAuth.NONCE_LENGTH),
            node.nodeId());
    return LogEntry.ofNodeRequest(
        kind,
        at,
        body,
        new Authorisation.NodeRequest(node.publicKey(), request, node.sign(request)));
  }

  /** A deposit or bond the node asks for: {@code POST /v1/accounts/<what> {"amount"}}. */
  private void money(Storage storage, NodeIdentity node, String what, String id, Operation op)
      throws LedgerException {
    Amount amount =
        switch (op) {
          case Operation.Deposit d -> d.amount();
          case Operation.Bond d -> d.amount();
          default -> throw new IllegalArgumentException(op.toString());
        };
    List<LedgerOp> ops = List.of(op(id, op));
    record(
        storage,
        byNode(
            node,
            what.equals("deposit") ? EntryKind.DEPOSIT : EntryKind.STAKE,
            "/v1/accounts/" + what,
            "{\"amount\":\"" + (lie && id.equals("deposit:r1") ? credits(10) : amount) + "\"}",
            CborMap.builder().put("node", node.nodeId().toHex()).build(),
            ops),
        ops);
  }

  private void coordinatorOps(Storage storage, EntryKind kind, List<LedgerOp> ops)
      throws LedgerException {
    Instant at = tick();
    CborMap body = LedgerEntries.body(kind, CborMap.builder().put("job", JOB).build(), ops);
    record(storage, LogEntry.signedByCoordinator(kind, at, body, COORDINATOR), ops);
  }

  /** The coordinator's transaction: the ledger change, the entry, a head of the new size. */
  private void record(Storage storage, LogEntry entry, List<LedgerOp> ops) throws LedgerException {
    storage.run(tx -> {
      for (LedgerOp op : ops) {
        tx.ledger().apply(op.id(), op.operation(), entry.time());
      }
      TransparencyLog log = TransparencyLog.open(tx.log());
      log.append(entry);
      log.treeHead(COORDINATOR, clock);
    });
  }

  // --- tampering, with plain SQL ---

  Connection sql() throws SQLException {
    return DriverManager.getConnection("jdbc:sqlite:" + db);
  }

  Bytes entryBytes(long index) throws SQLException {
    try (Connection c = sql();
        var ps = c.prepareStatement("SELECT entry FROM log_entries WHERE idx = ?")) {
      ps.setLong(1, index);
      try (var rs = ps.executeQuery()) {
        if (!rs.next()) {
          throw new AssertionError("no entry " + index);
        }
        return Bytes.of(rs.getBytes(1));
      }
    }
  }

  void setEntry(long index, Bytes bytes) throws SQLException {
    try (Connection c = sql();
        var ps = c.prepareStatement("UPDATE log_entries SET entry = ? WHERE idx = ?")) {
      ps.setBytes(1, bytes.toByteArray());
      ps.setLong(2, index);
      if (ps.executeUpdate() != 1) {
        throw new AssertionError("no entry " + index);
      }
    }
  }

  void execute(String... statements) throws SQLException {
    try (Connection c = sql();
        var st = c.createStatement()) {
      for (String s : statements) {
        st.executeUpdate(s);
      }
    }
  }

  List<String> args(String... more) {
    List<String> a =
        new ArrayList<>(
            List.of(
                "audit",
                "--db",
                url(),
                "--coordinator-key",
                coordinatorKey.toString(),
                "--seed",
                "7"));
    a.addAll(List.of(more));
    return a;
  }
}
