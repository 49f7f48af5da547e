package dev.proofofcompute.coordinator.service;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.proofofcompute.coordinator.audit.VerdictCheck;
import dev.proofofcompute.coordinator.service.Views.ChallengeState;
import dev.proofofcompute.coordinator.service.Views.Lease;
import dev.proofofcompute.coordinator.service.Views.TaskOutcomeView;
import dev.proofofcompute.core.message.AuthenticatedRequest;
import dev.proofofcompute.crypto.Bytes;
import dev.proofofcompute.crypto.cbor.CborInteger;
import dev.proofofcompute.crypto.identity.NodeIdentity;
import dev.proofofcompute.crypto.money.Amount;
import dev.proofofcompute.crypto.random.RandomSource;
import dev.proofofcompute.protocol.FreivaldsProtocol;
import dev.proofofcompute.protocol.ProviderBehaviour;
import dev.proofofcompute.protocol.ProviderSession;
import dev.proofofcompute.storage.JobStatus;
import dev.proofofcompute.storage.NodeRole;
import dev.proofofcompute.storage.TaskKind;
import dev.proofofcompute.storage.TaskState;
import dev.proofofcompute.storage.TransactionalLogStore;
import dev.proofofcompute.translog.Authorisation;
import dev.proofofcompute.translog.EntryKind;
import dev.proofofcompute.translog.LogEntry;
import dev.proofofcompute.translog.TransparencyLog;
import dev.proofofcompute.translog.audit.AuditReport;
import dev.proofofcompute.translog.audit.LocalLogSource;
import dev.proofofcompute.translog.audit.LogAuditor;
import dev.proofofcompute.translog.ledger.LedgerReplayCheck;
import dev.proofofcompute.workloads.matmul.MatMul;
import dev.proofofcompute.workloads.matmul.MatMulInput;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Batched requests at the service level ({@link Coordination#leaseBatch}, {@link
 * Coordination#batch}): many leases or task operations in one transaction with one signed head; a
 * refused operation makes every operation run alone, the good ones land and the bad one is refused
 * with its reason; the nonce is spent once; each operation's node entry carries its {@code
 * batch-op} index and only the first carries the request body; the log written this way audits
 * clean.
 */
class CoordinationBatchTest {
  static final long SEED = 8128L;
  static final Bytes BODY = Bytes.of("{\"ops\":[...]}".getBytes(StandardCharsets.UTF_8));

  @TempDir Path dir;
  ServiceFixture f;
  NodeIdentity requester;
  NodeIdentity alice;

  @BeforeEach
  void start() throws Exception {
    f = new ServiceFixture(dir, SEED);
    requester = f.node("requester", Amount.ofCredits(10_000), Amount.ZERO, NodeRole.REQUESTER);
    alice = f.node("alice", Amount.ofCredits(100), Amount.ofCredits(50), NodeRole.PROVIDER);
  }

  @AfterEach
  void close() {
    try {
      f.checkInvariants();
    } finally {
      f.close();
    }
  }

  /** Submits {@code n} Freivalds jobs whose tasks each lock {@code stake} credits. */
  List<String> jobs(int n, long stake) throws Exception {
    List<String> ids = new ArrayList<>();
    for (int i = 0; i < n; i++) {
      ids.add(
          f.submit(
                  requester,
                  "batch-" + i,
                  MatMul.create(),
                  MatMulInput.random(SEED + i, 6, 5, 4),
                  "freivalds",
                  FreivaldsProtocol.encodeParameters(20, 1),
                  ServiceFixture.terms(5, 0, stake))
              .jobId());
    }
    return ids;
  }

  /** The entries appended since {@code from}, of {@code kind}. */
  List<LogEntry> logged(int from, EntryKind kind) {
    List<LogEntry> all = f.logEntries();
    return all.subList(from, all.size()).stream().filter(e -> e.kind() == kind).toList();
  }

  static long batchOp(LogEntry e) {
    return ((CborInteger) e.body().get(Authorisation.NodeRequest.BATCH_OP_FIELD).orElseThrow())
        .longValueExact();
  }

  static boolean hasBody(LogEntry e) {
    return e.body().get("http-body").isPresent();
  }

  @Test
  void aBatchLeaseTakesSeveralTasksInOneTransaction() throws Exception {
    jobs(3, 10);
    int size = f.logEntries().size();
    int heads = f.heads();
    List<Lease> leases =
        f.services.leaseBatch(f.as(alice, BODY), TaskKind.EXECUTE, 5, Duration.ZERO);
    assertThat(leases).hasSize(3);
    assertThat(leases).extracting(Lease::taskId).doesNotHaveDuplicates();
    assertThat(f.heads()).as("one signed head for the batch").isEqualTo(heads + 1);
    assertThat(f.balances(alice).locked()).isEqualTo(Amount.ofCredits(30));
    List<LogEntry> leaseEntries = logged(size, EntryKind.LEASE);
    assertThat(leaseEntries).extracting(CoordinationBatchTest::batchOp).containsExactly(0L, 1L, 2L);
    assertThat(leaseEntries)
        .extracting(CoordinationBatchTest::hasBody)
        .containsExactly(true, false, false);
    for (int i = 0; i < 3; i++) {
      assertThat(leaseEntries.get(i).body().getText("task-id")).isEqualTo(leases.get(i).taskId());
    }
    // Nothing more to lease: an empty batch, not an error.
    assertThat(f.services.leaseBatch(f.as(alice), TaskKind.EXECUTE, 4, Duration.ZERO)).isEmpty();
  }

  @Test
  void aBatchLeaseStopsWhereTheStakeRunsOut() throws Exception {
    jobs(5, 20);
    List<Lease> leases = f.services.leaseBatch(f.as(alice), TaskKind.EXECUTE, 5, Duration.ZERO);
    assertThat(leases).as("50 bonded credits lock two tasks of 20").hasSize(2);
    assertThat(f.balances(alice).locked()).isEqualTo(Amount.ofCredits(40));
    assertThatThrownBy(() -> f.services.leaseBatch(f.as(alice), TaskKind.EXECUTE, 5, Duration.ZERO))
        .isInstanceOfSatisfying(
            CoordinatorException.class,
            e -> {
              assertThat(e.kind()).isEqualTo(CoordinatorException.Kind.CONFLICT);
              assertThat(e.reason()).contains("stake");
            });
  }

  @Test
  void aBatchLeaseOutOfBoundsIsRefused() {
    for (int max : new int[] {0, Coordination.MAX_BATCH + 1}) {
      assertThatThrownBy(
              () -> f.services.leaseBatch(f.as(alice), TaskKind.EXECUTE, max, Duration.ZERO))
          .isInstanceOfSatisfying(
              CoordinatorException.class,
              e -> assertThat(e.kind()).isEqualTo(CoordinatorException.Kind.BAD_REQUEST));
    }
  }

  /** Leases {@code n} tasks in one batch and executes them honestly. */
  List<ProviderSession> leaseAndExecute(List<Lease> out, int n) throws Exception {
    out.addAll(f.services.leaseBatch(f.as(alice), TaskKind.EXECUTE, n, Duration.ZERO));
    assertThat(out).hasSize(n);
    List<ProviderSession> sessions = new ArrayList<>();
    for (Lease l : out) {
      sessions.add(f.execute(alice, l, new ProviderBehaviour.Honest()));
    }
    return sessions;
  }

  @Test
  void wholeLifecyclesRunInThreeBatchesThatAuditClean() throws Exception {
    List<String> ids = jobs(3, 10);
    List<Lease> leases = new ArrayList<>();
    List<ProviderSession> sessions = leaseAndExecute(leases, 3);

    int heads = f.heads();
    int size = f.logEntries().size();
    List<TaskOp> commits = new ArrayList<>();
    for (int i = 0; i < 3; i++) {
      commits.add(
          TaskOp.commit(
              leases.get(i).taskId(), leases.get(i).leaseId(), sessions.get(i).commitment()));
    }
    List<TaskOpResult> committed = f.services.batch(f.as(alice, BODY), commits);
    assertThat(f.heads()).as("one transaction").isEqualTo(heads + 1);
    List<LogEntry> commitEntries = logged(size, EntryKind.COMMITMENT);
    assertThat(commitEntries)
        .extracting(CoordinationBatchTest::batchOp)
        .containsExactly(0L, 1L, 2L);
    assertThat(commitEntries)
        .extracting(CoordinationBatchTest::hasBody)
        .containsExactly(true, false, false);

    List<TaskOp> responses = new ArrayList<>();
    for (int i = 0; i < 3; i++) {
      TaskOpResult r = committed.get(i);
      assertThat(r.op()).isEqualTo(commits.get(i));
      ChallengeState c = (ChallengeState) ((TaskOpResult.Done) r).view();
      assertThat(c.ready()).isTrue();
      responses.add(
          TaskOp.respond(
              leases.get(i).taskId(),
              leases.get(i).leaseId(),
              sessions.get(i).respond(c.challenge().orElseThrow())));
    }
    List<TaskOpResult> responded = f.services.batch(f.as(alice, BODY), responses);
    assertThat(f.heads()).isEqualTo(heads + 2);
    for (TaskOpResult r : responded) {
      assertThat(((TaskOutcomeView) ((TaskOpResult.Done) r).view()).state())
          .isEqualTo(TaskState.FINAL);
    }
    for (String id : ids) {
      assertThat(f.services.job(f.as(requester), id).status()).isEqualTo(JobStatus.DECIDED);
    }
    assertThat(f.balances(alice).locked()).isEqualTo(Amount.ZERO);
    assertThat(f.balances(alice).available()).isEqualTo(Amount.ofCredits(50 + 15));
    assertAuditPasses();
  }

  @Test
  void aBadOperationMakesEachRunAloneTheGoodOnesLand() throws Exception {
    jobs(3, 10);
    List<Lease> leases = new ArrayList<>();
    List<ProviderSession> sessions = leaseAndExecute(leases, 3);
    int heads = f.heads();
    int size = f.logEntries().size();
    List<TaskOp> ops =
        List.of(
            TaskOp.commit(
                leases.get(0).taskId(), leases.get(0).leaseId(), sessions.get(0).commitment()),
            TaskOp.commit(leases.get(1).taskId(), "not-the-lease", sessions.get(1).commitment()),
            TaskOp.commit(
                leases.get(2).taskId(), leases.get(2).leaseId(), sessions.get(2).commitment()));
    AuthenticatedRequest caller = f.as(alice, BODY);
    List<TaskOpResult> results = f.services.batch(caller, ops);

    assertThat(results.get(0)).isInstanceOf(TaskOpResult.Done.class);
    assertThat(results.get(2)).isInstanceOf(TaskOpResult.Done.class);
    assertThat(results.get(1))
        .isInstanceOfSatisfying(
            TaskOpResult.Refused.class,
            r -> {
              assertThat(r.refusal().kind()).isEqualTo(CoordinatorException.Kind.CONFLICT);
              assertThat(r.refusal().reason()).contains("not-the-lease");
            });
    assertThat(f.heads()).as("one transaction per good operation").isEqualTo(heads + 2);
    List<LogEntry> commitEntries = logged(size, EntryKind.COMMITMENT);
    assertThat(commitEntries).extracting(CoordinationBatchTest::batchOp).containsExactly(0L, 2L);
    assertThat(commitEntries)
        .extracting(CoordinationBatchTest::hasBody)
        .containsExactly(true, false);
    // The refused task is untouched, the nonce was spent once: the replay is refused whole.
    assertThat(
            f.storage
                .transaction(tx -> tx.tasks().find(leases.get(1).taskId()))
                .orElseThrow()
                .state())
        .isEqualTo(TaskState.LEASED);
    assertThatThrownBy(() -> f.services.batch(caller, ops))
        .isInstanceOfSatisfying(
            CoordinatorException.class,
            e -> {
              assertThat(e.kind()).isEqualTo(CoordinatorException.Kind.UNAUTHENTICATED);
              assertThat(e.reason()).contains("nonce");
            });
    assertAuditPasses();
  }

  @Test
  void whenEveryOperationIsRefusedNothingIsLoggedAndTheNonceIsSpent() throws Exception {
    jobs(2, 10);
    List<Lease> leases = new ArrayList<>();
    List<ProviderSession> sessions = leaseAndExecute(leases, 2);
    int size = f.logEntries().size();
    AuthenticatedRequest caller = f.as(alice);
    List<TaskOp> ops =
        List.of(
            TaskOp.commit(leases.get(0).taskId(), "x", sessions.get(0).commitment()),
            TaskOp.respond(leases.get(1).taskId(), leases.get(1).leaseId(), Bytes.of(new byte[3])));
    List<TaskOpResult> results = f.services.batch(caller, ops);
    assertThat(results).allSatisfy(r -> assertThat(r).isInstanceOf(TaskOpResult.Refused.class));
    assertThat(f.logEntries()).hasSize(size);
    assertThatThrownBy(() -> f.services.batch(caller, ops))
        .isInstanceOfSatisfying(
            CoordinatorException.class,
            e -> assertThat(e.kind()).isEqualTo(CoordinatorException.Kind.UNAUTHENTICATED));
  }

  @Test
  void anOperationRefusedBeforeStorageLeavesTheOthersInOneTransaction() throws Exception {
    jobs(2, 10);
    List<Lease> leases = new ArrayList<>();
    List<ProviderSession> sessions = leaseAndExecute(leases, 2);
    int heads = f.heads();
    List<TaskOpResult> results =
        f.services.batch(
            f.as(alice),
            List.of(
                TaskOp.commit(leases.get(0).taskId(), leases.get(0).leaseId(), Bytes.EMPTY),
                TaskOp.commit(
                    leases.get(1).taskId(),
                    leases.get(1).leaseId(),
                    sessions.get(1).commitment())));
    assertThat(results.get(0))
        .isInstanceOfSatisfying(
            TaskOpResult.Refused.class,
            r -> assertThat(r.refusal().kind()).isEqualTo(CoordinatorException.Kind.BAD_REQUEST));
    assertThat(results.get(1)).isInstanceOf(TaskOpResult.Done.class);
    assertThat(f.heads()).isEqualTo(heads + 1);
  }

  @Test
  void aMalformedBatchIsRefusedWholeAndSpendsNoNonce() throws Exception {
    jobs(2, 10);
    List<Lease> leases = new ArrayList<>();
    leaseAndExecute(leases, 2);
    int size = f.logEntries().size();
    AuthenticatedRequest caller = f.as(alice);
    Lease l = leases.get(0);
    List<List<TaskOp>> bad = new ArrayList<>();
    bad.add(List.of());
    bad.add(
        List.of(
            TaskOp.heartbeat(l.taskId(), l.leaseId()), TaskOp.release(l.taskId(), l.leaseId())));
    List<TaskOp> tooMany = new ArrayList<>();
    for (int i = 0; i <= Coordination.MAX_BATCH; i++) {
      tooMany.add(TaskOp.heartbeat("t" + i, "l"));
    }
    bad.add(tooMany);
    for (List<TaskOp> ops : bad) {
      assertThatThrownBy(() -> f.services.batch(caller, ops))
          .isInstanceOfSatisfying(
              CoordinatorException.class,
              e -> assertThat(e.kind()).isEqualTo(CoordinatorException.Kind.BAD_REQUEST));
    }
    assertThat(f.logEntries()).hasSize(size);
    // The nonce is still fresh: the same signed request carries a good batch afterwards.
    List<TaskOpResult> ok =
        f.services.batch(
            caller,
            List.of(
                TaskOp.heartbeat(l.taskId(), l.leaseId()),
                TaskOp.release(leases.get(1).taskId(), leases.get(1).leaseId())));
    assertThat(ok).allSatisfy(r -> assertThat(r).isInstanceOf(TaskOpResult.Done.class));
    assertThat(((TaskOpResult.Done) ok.get(1)).view()).isInstanceOf(Views.Released.class);
    assertThat(f.balances(alice).locked()).isEqualTo(Amount.ofCredits(10));
  }

  @Test
  void operationsOfEveryKindRunInABatch() throws Exception {
    jobs(3, 10);
    List<Lease> leases = new ArrayList<>();
    List<ProviderSession> sessions = leaseAndExecute(leases, 3);
    Lease a = leases.get(0);
    Lease b = leases.get(1);
    Lease c = leases.get(2);
    List<TaskOpResult> first =
        f.services.batch(
            f.as(alice),
            List.of(
                TaskOp.commit(a.taskId(), a.leaseId(), sessions.get(0).commitment()),
                TaskOp.heartbeat(b.taskId(), b.leaseId()),
                TaskOp.release(c.taskId(), c.leaseId())));
    assertThat(((TaskOpResult.Done) first.get(1)).view()).isInstanceOf(Views.LeaseExtended.class);
    List<TaskOpResult> second =
        f.services.batch(
            f.as(alice),
            List.of(
                TaskOp.challenge(a.taskId(), a.leaseId()),
                TaskOp.report(b.taskId(), b.leaseId(), Bytes.of(new byte[] {1}))));
    ChallengeState polled = (ChallengeState) ((TaskOpResult.Done) second.get(0)).view();
    assertThat(polled.challenge()).isPresent();
    assertThat(second.get(1))
        .as("an execution task takes no report")
        .isInstanceOfSatisfying(
            TaskOpResult.Refused.class, r -> assertThat(r.refusal().reason()).contains("report"));
    assertThat(f.balances(alice).locked()).isEqualTo(Amount.ofCredits(20));
    assertAuditPasses();
  }

  void assertAuditPasses() {
    var head = f.services.log().head().orElseThrow();
    var balances = f.services.log().balances();
    AuditReport report =
        LogAuditor.builder(f.services.logKey(), RandomSource.seeded(SEED))
            .sampleCount(8)
            .addCheck(() ->
                LedgerReplayCheck.comparingWith(
                    new LedgerReplayCheck.ReportedBalances(
                        balances.treeSize(), balances.balances())))
            .addCheck(VerdictCheck::standard)
            .build()
            .audit(
                new LocalLogSource(TransparencyLog.open(new TransactionalLogStore(f.storage))),
                List.of(head));
    assertThat(report.passed()).as("seed %d: %s", SEED, report.summary()).isTrue();
  }
}
