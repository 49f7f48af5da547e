package dev.proofofcompute.coordinator;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.proofofcompute.coordinator.EndToEndIT.Agent;
import dev.proofofcompute.coordinator.audit.RequestBodyCheck;
import dev.proofofcompute.coordinator.audit.VerdictCheck;
import dev.proofofcompute.coordinator.client.CoordinatorClient;
import dev.proofofcompute.crypto.DecodingException;
import dev.proofofcompute.crypto.cbor.CborMap;
import dev.proofofcompute.crypto.cbor.CborText;
import dev.proofofcompute.crypto.cbor.CborValue;
import dev.proofofcompute.crypto.identity.NodeId;
import dev.proofofcompute.crypto.identity.NodeIdentity;
import dev.proofofcompute.crypto.money.Amount;
import dev.proofofcompute.crypto.random.RandomSource;
import dev.proofofcompute.crypto.time.ManualClock;
import dev.proofofcompute.ledger.Ledger;
import dev.proofofcompute.ledger.LedgerException;
import dev.proofofcompute.ledger.Operation;
import dev.proofofcompute.ledger.OperationId;
import dev.proofofcompute.protocol.ProviderBehaviour;
import dev.proofofcompute.storage.TransactionalLogStore;
import dev.proofofcompute.translog.Authorisation;
import dev.proofofcompute.translog.EntryKind;
import dev.proofofcompute.translog.InMemoryLogStorage;
import dev.proofofcompute.translog.LogEntry;
import dev.proofofcompute.translog.TransparencyLog;
import dev.proofofcompute.translog.audit.AuditReport;
import dev.proofofcompute.translog.audit.LocalLogSource;
import dev.proofofcompute.translog.audit.LogAuditor;
import dev.proofofcompute.translog.ledger.LedgerEntries;
import dev.proofofcompute.translog.ledger.LedgerOp;
import dev.proofofcompute.translog.ledger.LedgerReplayCheck;
import dev.proofofcompute.workloads.heat.HeatSim;
import dev.proofofcompute.workloads.heat.HeatSimInput;
import dev.proofofcompute.workloads.matmul.MatMul;
import dev.proofofcompute.workloads.matmul.MatMulInput;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Predicate;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The auditor re-derives replication and bisection verdicts from the log of a real run: a
 * replication job (two honest replicas, one wrong: OUTVOTED) and a bisection job (one honest party,
 * one wrong: a dispute convicts it). The log as the coordinator wrote it audits clean with every
 * decision re-derived and every dispute step replayed. Then a lying coordinator rewrites it — every
 * coordinator entry re-signed with its key, a fresh log and head, the balances its own ledger
 * operations imply, so that heads, proofs, signatures and the ledger replay all verify — and each
 * forged verdict or tampered dispute step is named.
 */
class DecisionReplayIT {
  static final long SEED = 7_707;

  @TempDir static Path dir;
  static ApiFixture f;
  static NodeIdentity coordinator;
  static List<LogEntry> log;
  static String replicationJob;
  static String bisectionJob;
  static Map<String, Agent> agents = new LinkedHashMap<>();

  @BeforeAll
  static void run() throws Exception {
    f = new ApiFixture(dir, SEED, 8 << 20);
    coordinator = f.coordinator.identity();
    CoordinatorClient requester = f.node("requester", 10_000, 0, "requester");
    Map<String, ProviderBehaviour> behaviours = new LinkedHashMap<>();
    behaviours.put("alice", new ProviderBehaviour.Honest());
    behaviours.put("carol", new ProviderBehaviour.Honest());
    behaviours.put("eve", new ProviderBehaviour.Wrong(SEED));
    behaviours.put("dave", new ProviderBehaviour.Honest());
    behaviours.put("bob", new ProviderBehaviour.Wrong(SEED + 1));
    for (var e : behaviours.entrySet()) {
      agents.put(e.getKey(), EndToEndIT.agent(f, e.getKey(), e.getValue()));
    }
    replicationJob =
        requester
            .submit(
                ApiFixture.job(
                    MatMul.create(),
                    MatMulInput.random(SEED, 4, 5, 3),
                    "replication",
                    ApiFixture.params("{\"replicas\": 3, \"quorum\": 2}"),
                    5,
                    0,
                    10,
                    "rep"))
            .get("jobId")
            .asText();
    for (String name : List.of("alice", "carol", "eve")) {
      EndToEndIT.step(f, java.util.Objects.requireNonNull(agents.get(name)));
    }
    bisectionJob =
        requester
            .submit(
                ApiFixture.job(
                    HeatSim.create(),
                    HeatSimInput.random(SEED, 5, 16),
                    "bisection",
                    ApiFixture.params("{\"checkpoint-interval\": 2}"),
                    5,
                    0,
                    10,
                    "bis"))
            .get("jobId")
            .asText();
    for (String name : List.of("dave", "bob")) {
      EndToEndIT.step(f, java.util.Objects.requireNonNull(agents.get(name)));
    }
    for (int round = 0; round < 200 && !ended(requester); round++) {
      for (Agent a : agents.values()) {
        EndToEndIT.step(f, a);
      }
    }
    assertThat(ended(requester)).as("both jobs ended (seed %d)", SEED).isTrue();
    TransparencyLog stored =
        TransparencyLog.open(new TransactionalLogStore(f.coordinator.storage()));
    log = new ArrayList<>();
    while (log.size() < stored.size()) {
      log.addAll(stored.entries(log.size(), stored.size()));
    }
  }

  static boolean ended(CoordinatorClient requester) throws Exception {
    for (String job : List.of(replicationJob, bisectionJob)) {
      JsonNode j = requester.job(job);
      if (!j.get("status").asText().equals("decided")) {
        return false;
      }
    }
    return true;
  }

  @AfterAll
  static void stop() {
    if (f != null) {
      f.close();
    }
  }

  // ------------------------------------------------------------------ the lying coordinator

  /** Audits {@code entries} as a fresh log with a head signed by the coordinator key. */
  static AuditReport audit(List<LogEntry> entries, VerdictCheck[] verdicts) {
    TransparencyLog fresh = TransparencyLog.open(new InMemoryLogStorage());
    fresh.appendAll(entries);
    Ledger ledger = new Ledger();
    try {
      for (LogEntry e : entries) {
        for (LedgerOp op : LedgerEntries.read(e)) {
          ledger.apply(op.id(), op.operation());
        }
      }
    } catch (DecodingException | LedgerException e) {
      throw new AssertionError("the rewritten log's ledger does not replay: " + e, e);
    }
    var balances = new LedgerReplayCheck.ReportedBalances(entries.size(), ledger.balances());
    return LogAuditor.builder(coordinator.publicKey(), RandomSource.seeded(SEED))
        .sampleCount(8)
        .addCheck(() -> LedgerReplayCheck.comparingWith(balances))
        .addCheck(() -> verdicts[0] = VerdictCheck.standard())
        .addCheck(RequestBodyCheck::standard)
        .build()
        .audit(
            new LocalLogSource(fresh),
            List.of(
                fresh.treeHead(
                    coordinator, ManualClock.at(Instant.parse("2027-01-01T00:00:00Z")))));
  }

  static AuditReport audit(List<LogEntry> entries) {
    return audit(entries, new VerdictCheck[1]);
  }

  static List<String> found(AuditReport r) {
    return r.discrepancies().stream().map(d -> d.kind() + " at " + d.where()).toList();
  }

  /** The same entry with {@code body}, re-signed by the coordinator. */
  static LogEntry resign(LogEntry e, CborMap body) {
    return LogEntry.signedByCoordinator(e.kind(), e.time(), body, coordinator);
  }

  static LogEntry resign(LogEntry e, Instant time, CborMap body) {
    return LogEntry.signedByCoordinator(e.kind(), time, body, coordinator);
  }

  /** {@code body} with {@code field} set to {@code value}. */
  static CborMap with(CborMap body, String field, CborValue value) {
    CborMap.Builder b = CborMap.builder();
    body.entries().stream()
        .filter(e -> !e.key().equals(new CborText(field)))
        .forEach(e -> b.put(e.key(), e.value()));
    return b.put(field, value).build();
  }

  static int index(Predicate<LogEntry> p) {
    for (int i = 0; i < log.size(); i++) {
      if (p.test(log.get(i))) {
        return i;
      }
    }
    throw new AssertionError("no such entry in the log");
  }

  static boolean is(LogEntry e, EntryKind kind, String field, String value) {
    try {
      return e.kind() == kind
          && e.body().get(field).isPresent()
          && e.body().getText(field).equals(value);
    } catch (DecodingException x) {
      return false;
    }
  }

  static String text(LogEntry e, String field) {
    try {
      return e.body().getText(field);
    } catch (DecodingException x) {
      throw new AssertionError(x);
    }
  }

  /** The index of the rejected verdict of {@code job}. */
  static int rejectedVerdict(String job) {
    return index(e -> {
      try {
        return is(e, EntryKind.VERDICT, "job", job)
            && e.body().getMap("verdict").getText("kind").equals("rejected");
      } catch (DecodingException x) {
        return false;
      }
    });
  }

  /**
   * The lying coordinator acquits the provider of the rejected verdict at {@code verdictIndex}: the
   * verdict says accepted, and its slash becomes the settlement an accepted task gets (its stake
   * released, the reward paid), so that the ledger replays and the balances match.
   */
  static List<LogEntry> acquit(int verdictIndex) throws Exception {
    List<LogEntry> out = new ArrayList<>(log);
    LogEntry verdict = log.get(verdictIndex);
    String task = text(verdict, "task-id");
    String lease = text(verdict, "lease");
    String job = text(verdict, "job");
    NodeId provider = NodeId.fromHex(text(verdict, "provider"));
    out.set(
        verdictIndex,
        resign(
            verdict,
            with(
                verdict.body(),
                "verdict",
                CborMap.builder().put("kind", "accepted").put("detail", "looks right").build())));
    int slash = index(e -> is(e, EntryKind.SLASH, "task-id", task));
    Operation.Slash s = (Operation.Slash) LedgerEntries.read(log.get(slash)).get(0).operation();
    CborMap fields =
        CborMap.builder().put("task-id", task).put("lease", lease).put("job", job).build();
    out.set(
        slash,
        LogEntry.signedByCoordinator(
            EntryKind.SETTLEMENT,
            log.get(slash).time(),
            LedgerEntries.body(
                EntryKind.SETTLEMENT,
                fields,
                List.of(
                    new LedgerOp(
                        OperationId.of("release:" + task + ":" + lease),
                        new Operation.ReleaseStake(provider, job, task, s.amount())),
                    new LedgerOp(
                        OperationId.of("reward:" + task),
                        new Operation.Reward(
                            job, task, provider, Amount.ofCredits(5), List.of())))),
            coordinator));
    return out;
  }

  // ------------------------------------------------------------------ tests

  @Test
  void theRunAuditsCleanWithEveryDecisionRederivedAndTheDisputeReplayed() {
    VerdictCheck[] v = new VerdictCheck[1];
    AuditReport r = audit(log, v);
    assertThat(r.discrepancies()).as(r.summary()).isEmpty();
    assertThat(v[0].decisionsRederived()).as(v[0].summary()).isGreaterThanOrEqualTo(5);
    assertThat(v[0].disputeStepsReplayed()).as(v[0].summary()).isGreaterThanOrEqualTo(4);
    assertThat(log.get(rejectedVerdict(replicationJob)).body().toString()).contains("OUTVOTED");
    assertThat(log.get(rejectedVerdict(bisectionJob)).body().toString()).contains("DISPUTE_LOST");
    System.out.println("DecisionReplayIT: " + r.summary() + "; " + v[0].summary());
  }

  @Test
  void theSameLogRewrittenUnchangedAuditsClean() {
    List<LogEntry> copy = new ArrayList<>();
    for (LogEntry e : log) {
      copy.add(
          e.authorisation() instanceof Authorisation.CoordinatorSigned ? resign(e, e.body()) : e);
    }
    assertThat(found(audit(copy))).isEmpty();
  }

  @Test
  void anOutvotedReplicaAcquittedIsAQuorumMismatch() throws Exception {
    int verdict = rejectedVerdict(replicationJob);
    AuditReport r = audit(acquit(verdict));
    assertThat(found(r)).as(r.summary()).containsExactly("QUORUM_MISMATCH at entry " + verdict);
    assertThat(r.discrepancies().get(0).detail())
        .contains("was accepted")
        .contains("gives rejected (OUTVOTED)");
  }

  @Test
  void aConvictedDisputePartyAcquittedIsADisputeMismatch() throws Exception {
    int verdict = rejectedVerdict(bisectionJob);
    AuditReport r = audit(acquit(verdict));
    assertThat(found(r)).as(r.summary()).containsExactly("DISPUTE_MISMATCH at entry " + verdict);
  }

  @Test
  void aResolutionWithTheVerdictsSwappedIsNamed() throws Exception {
    int resolved = index(e -> is(e, EntryKind.DISPUTE, "step", "resolved"));
    LogEntry e = log.get(resolved);
    CborMap verdicts = e.body().getMap("verdicts");
    CborMap.Builder swapped = CborMap.builder();
    List<CborMap.Entry> parties = verdicts.entries();
    swapped.put(parties.get(0).key(), parties.get(1).value());
    swapped.put(parties.get(1).key(), parties.get(0).value());
    List<LogEntry> lie = new ArrayList<>(log);
    lie.set(resolved, resign(e, with(e.body(), "verdicts", swapped.build())));
    AuditReport r = audit(lie);
    assertThat(found(r))
        .as(r.summary())
        .containsOnly("DISPUTE_MISMATCH at entry " + resolved)
        .hasSize(2);
  }

  @Test
  void aQuestionTheReplayDoesNotAskIsNamed() throws Exception {
    int ask = index(e -> is(e, EntryKind.DISPUTE, "step", "ask"));
    LogEntry e = log.get(ask);
    List<LogEntry> lie = new ArrayList<>(log);
    lie.set(
        ask,
        resign(
            e,
            with(
                e.body(),
                "request",
                new dev.proofofcompute.crypto.cbor.CborBytes(
                    e.body()
                        .getBytes("request")
                        .concat(dev.proofofcompute.crypto.Bytes.of(new byte[] {0}))))));
    AuditReport r = audit(lie);
    assertThat(found(r)).as(r.summary()).first().isEqualTo("DISPUTE_MISMATCH at entry " + ask);
    assertThat(r.discrepancies().get(0).detail()).contains("does not");
  }

  @Test
  void anAnswerAfterItsDeadlineIsNamed() throws Exception {
    int answer = index(e -> is(e, EntryKind.DISPUTE, "step", "answer"));
    int ask = answer - 1;
    while (!is(log.get(ask), EntryKind.DISPUTE, "step", "ask")) {
      ask--;
    }
    LogEntry e = log.get(ask);
    long before = log.get(answer).time().minusMillis(1).toEpochMilli();
    List<LogEntry> lie = new ArrayList<>(log);
    lie.set(
        ask,
        resign(
            e, with(e.body(), "deadline", dev.proofofcompute.crypto.cbor.CborInteger.of(before))));
    AuditReport r = audit(lie);
    assertThat(found(r)).as(r.summary()).contains("DISPUTE_MISMATCH at entry " + answer);
    assertThat(r.toString() + r.summary()).contains("after the deadline");
  }

  /**
   * The log up to the first question of the dispute, then a forfeit: both parties inconclusive.
   * Logged after the question's deadline it is what the coordinator does; before, it is named.
   */
  @Test
  void aForfeitIsAcceptedOnlyAfterTheQuestionsDeadline() throws Exception {
    int ask = index(e -> is(e, EntryKind.DISPUTE, "step", "ask"));
    LogEntry question = log.get(ask);
    Instant deadline = Instant.ofEpochMilli(question.body().getLong("deadline"));
    LogEntry open = log.get(index(e -> is(e, EntryKind.DISPUTE, "step", "open")));
    CborMap inconclusive =
        CborMap.builder().put("kind", "inconclusive").put("detail", "dispute forfeited").build();
    CborMap forfeit =
        CborMap.builder()
            .put("dispute", open.body().getText("dispute"))
            .put("step", "resolved")
            .put(
                "verdicts",
                CborMap.builder()
                    .put(open.body().getText("a"), inconclusive)
                    .put(open.body().getText("b"), inconclusive)
                    .build())
            .build();
    for (Duration after : List.of(Duration.ZERO, Duration.ofSeconds(1), Duration.ofMillis(-1))) {
      List<LogEntry> lie = new ArrayList<>(log.subList(0, ask + 1));
      lie.add(resign(question, deadline.plus(after), forfeit));
      AuditReport r = audit(lie);
      if (after.isNegative()) {
        assertThat(found(r))
            .as(r.summary())
            .containsExactly("DISPUTE_MISMATCH at entry " + (ask + 1));
        assertThat(r.discrepancies().get(0).detail()).contains("before the deadline");
      } else {
        assertThat(found(r)).as("forfeit %s after the deadline: %s", after, r.summary()).isEmpty();
      }
    }
  }

  @Test
  void aSlashWithoutARejectionIsNamed() throws Exception {
    int verdict = rejectedVerdict(replicationJob);
    LogEntry v = log.get(verdict);
    List<LogEntry> lie = new ArrayList<>(log);
    // The verdict says accepted, but the slash stays.
    lie.set(
        verdict,
        resign(
            v,
            with(
                v.body(),
                "verdict",
                CborMap.builder().put("kind", "accepted").put("detail", "fine").build())));
    int slash = index(e -> is(e, EntryKind.SLASH, "task-id", text(v, "task-id")));
    AuditReport r = audit(lie);
    assertThat(found(r))
        .as(r.summary())
        .containsExactlyInAnyOrder(
            "QUORUM_MISMATCH at entry " + verdict,
            "SETTLEMENT_UNSUPPORTED at entry " + slash,
            "SETTLEMENT_UNSUPPORTED at entry " + verdict);
  }

  @Test
  void aResultThatIsNotTheQuorumsIsNamed() throws Exception {
    int refund = index(e -> is(e, EntryKind.REFUND, "job", replicationJob));
    LogEntry e = log.get(refund);
    List<LogEntry> lie = new ArrayList<>(log);
    lie.set(
        refund,
        resign(
            e,
            with(
                e.body(),
                "result",
                new dev.proofofcompute.crypto.cbor.CborBytes(
                    dev.proofofcompute.crypto.Digest.sha256(new byte[] {1}).toBytes()))));
    AuditReport r = audit(lie);
    assertThat(found(r)).as(r.summary()).containsExactly("RESULT_MISMATCH at entry " + refund);
  }
}
