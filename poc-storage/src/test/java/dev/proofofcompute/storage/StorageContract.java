package dev.proofofcompute.storage;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import dev.proofofcompute.core.workload.WorkloadId;
import dev.proofofcompute.crypto.Bytes;
import dev.proofofcompute.crypto.DecodingException;
import dev.proofofcompute.crypto.identity.NodeId;
import dev.proofofcompute.crypto.identity.NodeIdentity;
import dev.proofofcompute.crypto.identity.NodePublicKey;
import dev.proofofcompute.crypto.money.Amount;
import dev.proofofcompute.crypto.random.RandomSource;
import dev.proofofcompute.crypto.random.SeededRandomSource;
import dev.proofofcompute.ledger.AccountId;
import dev.proofofcompute.ledger.Ledger;
import dev.proofofcompute.ledger.LedgerException;
import dev.proofofcompute.ledger.LedgerInvariants;
import dev.proofofcompute.ledger.LedgerSnapshot;
import dev.proofofcompute.ledger.Operation;
import dev.proofofcompute.ledger.OperationId;
import dev.proofofcompute.ledger.Posting;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The storage contract, written once: every test here runs against each backend through a subclass
 * ({@code SqliteStorageIT}, {@code PostgresStorageIT}) that says how to open a fresh, empty storage
 * and a second one on the same database. Times are fixed instants, never the wall clock; random
 * sequences are seeded and the seed is in every failure message.
 */
public abstract class StorageContract {
  public static final Instant T0 = Instant.parse("2026-01-01T00:00:00Z");
  static final Set<TaskKind> EXECUTE = EnumSet.of(TaskKind.EXECUTE);
  static final Set<TaskKind> VALIDATE = EnumSet.of(TaskKind.VALIDATE);
  static final WorkloadId WORKLOAD = WorkloadId.of("matmul", 1, Bytes.of(new byte[] {1, 2, 3}));

  private final List<Storage> opened = new ArrayList<>();
  protected Storage storage;

  /** A new storage over a new, empty database. */
  protected abstract Storage openFresh();

  /** Another storage over the database of the last {@link #openFresh} (a second coordinator). */
  protected abstract Storage openAnother();

  /** Removes what {@link #openFresh} created, after every storage was closed. */
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

  static Instant at(long seconds) {
    return T0.plusSeconds(seconds);
  }

  static NodeIdentity identity(int n) {
    byte[] seed = new byte[32];
    seed[0] = (byte) n;
    seed[1] = (byte) (n >> 8);
    seed[31] = 0x5e;
    try {
      return NodeIdentity.fromSeed(Bytes.of(seed));
    } catch (DecodingException e) {
      throw new AssertionError(e);
    }
  }

  static NodeId node(int n) {
    return identity(n).nodeId();
  }

  static NodePublicKey key(int n) {
    return identity(n).publicKey();
  }

  static String lease(TaskRecord t) {
    return java.util.Objects.requireNonNull(t.leaseId(), "lease id");
  }

  static Bytes bytes(String s) {
    return Bytes.of(s.getBytes(StandardCharsets.UTF_8));
  }

  /** A job of {@code replicas} replicas with fixed content (also used by TxRowCacheIT). */
  public static NewJob newJob(String jobId, NodeId requester, int replicas, Instant at) {
    return new NewJob(
        jobId,
        requester,
        "key-" + jobId,
        WORKLOAD,
        bytes("input of " + jobId),
        "replication",
        bytes("params"),
        bytes("terms"),
        replicas,
        "a job",
        at);
  }

  /** Inserts a job in its own transaction. */
  JobRecord insertJob(String jobId, NodeId requester, int replicas) {
    return storage.transaction(
        (Tx tx) -> tx.jobs().insert(newJob(jobId, requester, replicas, T0)).job());
  }

  TaskRecord leaseOrFail(Storage s, NodeId node, Set<TaskKind> kinds, Instant now, Duration d) {
    return s.transaction((Tx tx) -> tx.tasks().leaseNext(node, kinds, now, now.plus(d)))
        .orElseThrow(() -> new AssertionError("expected a task for " + node.shortForm()));
  }

  void assertNothingFor(NodeId node, Set<TaskKind> kinds, Instant now) {
    assertThat(
            storage.transaction(
                (Tx tx) -> tx.tasks().leaseNext(node, kinds, now, now.plusSeconds(60))))
        .as("no task for %s", node.shortForm())
        .isEmpty();
  }

  static void assertIllegal(Runnable r) {
    assertThatThrownBy(r::run).isInstanceOf(IllegalArgumentException.class);
  }

  // ---------------------------------------------------------------- transactions

  @Test
  void aTransactionThatThrowsLeavesNoTrace() {
    NodeRecord n = NodeRecord.registered(key(1), EnumSet.of(NodeRole.PROVIDER), T0);
    assertThatThrownBy(() ->
            storage.run(tx -> {
              tx.nodes().register(n);
              tx.nonces().remember(n.id(), "nonce-1", T0);
              tx.jobs().insert(newJob("job-1", node(2), 2, T0));
              throw new IllegalStateException("boom");
            }))
        .isInstanceOf(IllegalStateException.class)
        .hasMessage("boom");
    storage.run(tx -> {
      assertThat(tx.nodes().find(n.id())).isEmpty();
      assertThat(tx.jobs().find("job-1")).isEmpty();
      assertThat(tx.tasks().countByState().values()).containsOnly(0L);
      assertThat(tx.nonces().remember(n.id(), "nonce-1", T0)).isTrue();
    });
  }

  @Test
  void aCheckedExceptionPropagatesUnchangedAndRollsBack() {
    class Refused extends Exception {
      private static final long serialVersionUID = 1L;
    }
    assertThatThrownBy(() ->
            storage.<Integer, Refused>transaction((Tx tx) -> {
              tx.nonces().remember(node(1), "n", T0);
              throw new Refused();
            }))
        .isInstanceOf(Refused.class);
    assertThat(storage.transaction((Tx tx) -> tx.nonces().remember(node(1), "n", T0))).isTrue();
  }

  @Test
  void transactionsDoNotNestAndATxDoesNotOutliveItsBody() {
    assertThatThrownBy(() -> storage.run(tx -> storage.run(inner -> {})))
        .isInstanceOf(IllegalStateException.class)
        .hasMessageContaining("do not nest");
    Tx leaked = storage.transaction((Tx tx) -> tx);
    assertThatThrownBy(leaked::nodes).isInstanceOf(IllegalStateException.class);
    NonceStore nonces = storage.transaction(Tx::nonces);
    assertThatThrownBy(() -> nonces.remember(node(1), "x", T0))
        .isInstanceOf(IllegalStateException.class);
  }

  @Test
  void countsItsTransactionsAndTheTimeTheyHeldAConnection() {
    TransactionTotals before = storage.transactionTotals();
    storage.run(tx -> tx.nonces().remember(node(1), "totals-1", T0));
    assertThatThrownBy(() ->
            storage.run(tx -> {
              // Some work inside the transaction, so that its time is measurably positive.
              long spin = System.nanoTime() + 2_000_000;
              while (System.nanoTime() < spin) {
                Thread.onSpinWait();
              }
              throw new IllegalStateException("rolled back");
            }))
        .isInstanceOf(IllegalStateException.class);
    TransactionTotals spent = storage.transactionTotals().since(before);
    assertThat(spent.count()).isEqualTo(2);
    assertThat(spent.wallNanos()).isGreaterThanOrEqualTo(2_000_000);
  }

  @Test
  void reportsItsBackendAndTheDatabaseTime() {
    assertThat(storage.backend()).isNotNull();
    assertThat(storage.location()).doesNotContain("password=poc");
    Instant dbTime = storage.transaction(Tx::databaseTime);
    assertThat(dbTime).isAfter(Instant.parse("2020-01-01T00:00:00Z"));
  }

  // ---------------------------------------------------------------- nodes

  @Test
  void registersFindsUpdatesAndListsNodes() {
    NodeRecord a = NodeRecord.registered(key(1), EnumSet.of(NodeRole.PROVIDER), at(1));
    NodeRecord b =
        NodeRecord.registered(key(2), EnumSet.of(NodeRole.REQUESTER, NodeRole.VALIDATOR), at(2));
    storage.run(tx -> {
      tx.nodes().register(b);
      tx.nodes().register(a);
    });
    storage.run(tx -> {
      assertThat(tx.nodes().find(a.id())).contains(a);
      assertThat(tx.nodes().lock(b.id())).contains(b);
      assertThat(tx.nodes().find(node(3))).isEmpty();
      assertThat(tx.nodes().list()).containsExactly(a, b);
    });
    NodeRecord changed =
        a.withReputation(7, 1)
            .withStatus(NodeStatus.THROTTLED, at(100))
            .withRoles(EnumSet.of(NodeRole.PROVIDER, NodeRole.VALIDATOR));
    assertThat(storage.transaction((Tx tx) -> tx.nodes().update(changed))).isTrue();
    assertThat(storage.transaction((Tx tx) -> tx.nodes().find(a.id()))).contains(changed);
    NodeRecord unknown = NodeRecord.registered(key(9), EnumSet.of(NodeRole.PROVIDER), T0);
    assertThat(storage.transaction((Tx tx) -> tx.nodes().update(unknown))).isFalse();
    assertThat(storage.transaction((Tx tx) -> tx.nodes().find(unknown.id()))).isEmpty();
  }

  @Test
  void registeringANodeTwiceIsAClearErrorAndChangesNothing() {
    NodeRecord a = NodeRecord.registered(key(1), EnumSet.of(NodeRole.PROVIDER), at(1));
    storage.run(tx -> tx.nodes().register(a));
    NodeRecord again = NodeRecord.registered(key(1), EnumSet.of(NodeRole.REQUESTER), at(5));
    // The duplicate is reported inside the transaction, which can still commit other work.
    storage.run(tx -> {
      assertThatThrownBy(() -> tx.nodes().register(again))
          .isInstanceOf(DuplicateException.class)
          .hasMessageContaining(a.id().toHex())
          .hasMessageContaining("already registered");
      tx.nodes().register(NodeRecord.registered(key(2), EnumSet.of(NodeRole.PROVIDER), T0));
    });
    storage.run(tx -> {
      assertThat(tx.nodes().find(a.id())).contains(a);
      assertThat(tx.nodes().list()).hasSize(2);
    });
  }

  @Test
  void nodeRecordsRejectInconsistentValues() {
    assertIllegal(() ->
        new NodeRecord(
            node(2), key(1), Set.of(NodeRole.PROVIDER), T0, 0, 0, NodeStatus.ACTIVE, null));
    assertIllegal(() -> NodeRecord.registered(key(1), Set.of(), T0));
    assertIllegal(() ->
        NodeRecord.registered(key(1), Set.of(NodeRole.PROVIDER), T0)
            .withStatus(NodeStatus.THROTTLED, null));
    assertIllegal(
        () -> NodeRecord.registered(key(1), Set.of(NodeRole.PROVIDER), T0).withReputation(-1, 0));
  }

  // ---------------------------------------------------------------- nonces

  @Test
  void aNonceIsAcceptedOncePerNodeAndSurvivesARestart() {
    assertThat(storage.transaction((Tx tx) -> tx.nonces().remember(node(1), "abc", at(1))))
        .isTrue();
    assertThat(storage.transaction((Tx tx) -> tx.nonces().remember(node(1), "abc", at(2))))
        .isFalse();
    assertThat(storage.transaction((Tx tx) -> tx.nonces().remember(node(2), "abc", at(2))))
        .isTrue();
    storage.close();
    Storage restarted = track(openAnother());
    assertThat(restarted.transaction((Tx tx) -> tx.nonces().remember(node(1), "abc", at(3))))
        .isFalse();
    assertThat(restarted.transaction((Tx tx) -> tx.nonces().remember(node(1), "abd", at(3))))
        .isTrue();
  }

  @Test
  void purgesNoncesOlderThanTheCutoff() {
    storage.run(tx -> {
      tx.nonces().remember(node(1), "old", at(10));
      tx.nonces().remember(node(1), "edge", at(20));
      tx.nonces().remember(node(1), "new", at(30));
    });
    assertThat(storage.transaction((Tx tx) -> tx.nonces().purgeBefore(at(20)))).isEqualTo(1);
    storage.run(tx -> {
      assertThat(tx.nonces().remember(node(1), "old", at(40))).isTrue();
      assertThat(tx.nonces().remember(node(1), "edge", at(40))).isFalse();
      assertThat(tx.nonces().remember(node(1), "new", at(40))).isFalse();
    });
  }

  @Test
  void rejectsMalformedNonces() {
    storage.run(tx -> {
      assertIllegal(() -> tx.nonces().remember(node(1), "", T0));
      assertIllegal(() -> tx.nonces().remember(node(1), "a b", T0));
      assertIllegal(() -> tx.nonces().remember(node(1), "x".repeat(129), T0));
    });
  }

  // ---------------------------------------------------------------- jobs

  @Test
  void insertsAJobWithItsReplicaTasks() {
    JobInsert ins =
        storage.transaction((Tx tx) -> tx.jobs().insert(newJob("job-1", node(1), 3, at(5))));
    assertThat(ins.created()).isTrue();
    JobRecord j = ins.job();
    assertThat(j.jobId()).isEqualTo("job-1");
    assertThat(j.requester()).isEqualTo(node(1));
    assertThat(j.workload()).isEqualTo(WORKLOAD);
    assertThat(j.input()).isEqualTo(bytes("input of job-1"));
    assertThat(j.status()).isEqualTo(JobStatus.OPEN);
    assertThat(j.replicas()).isEqualTo(3);
    assertThat(j.result()).isNull();
    assertThat(j.createdAt()).isEqualTo(at(5));
    assertThat(j.decidedAt()).isNull();
    assertThat(j.spec().jobId()).isEqualTo("job-1");
    List<TaskRecord> tasks = storage.transaction((Tx tx) -> tx.tasks().ofJob("job-1"));
    assertThat(tasks).extracting(TaskRecord::replica).containsExactly(0, 1, 2);
    assertThat(tasks)
        .extracting(TaskRecord::taskId)
        .containsExactly(
            RecordIds.executeTask("job-1", 0),
            RecordIds.executeTask("job-1", 1),
            RecordIds.executeTask("job-1", 2));
    assertThat(tasks).allMatch(t -> t.state() == TaskState.PENDING && t.kind() == TaskKind.EXECUTE);
    assertThat(tasks).allMatch(t -> t.holder() == null && t.attempts() == 0);
  }

  @Test
  void aRepeatedSubmissionReturnsTheExistingJob() {
    JobRecord first = insertJob("job-1", node(1), 2);
    NewJob again =
        new NewJob(
            "job-other-id",
            node(1),
            "key-job-1",
            WORKLOAD,
            bytes("x"),
            "replication",
            bytes("p"),
            bytes("t"),
            5,
            "again",
            at(50));
    JobInsert second = storage.transaction((Tx tx) -> tx.jobs().insert(again));
    assertThat(second.created()).isFalse();
    assertThat(second.job()).isEqualTo(first);
    storage.run(tx -> {
      assertThat(tx.jobs().find("job-other-id")).isEmpty();
      assertThat(tx.tasks().ofJob("job-1")).hasSize(2);
      assertThat(tx.jobs().findByIdempotencyKey(node(1), "key-job-1")).contains(first);
      assertThat(tx.jobs().findByIdempotencyKey(node(2), "key-job-1")).isEmpty();
    });
    // Another requester may use the same key.
    NewJob other =
        new NewJob(
            "job-2",
            node(2),
            "key-job-1",
            WORKLOAD,
            bytes("x"),
            "replication",
            bytes("p"),
            bytes("t"),
            1,
            "other",
            at(50));
    assertThat(storage.transaction((Tx tx) -> tx.jobs().insert(other)).created()).isTrue();
  }

  @Test
  void aJobIdTakenByAnotherSubmissionIsADuplicate() {
    insertJob("job-1", node(1), 1);
    NewJob clash =
        new NewJob(
            "job-1",
            node(2),
            "other-key",
            WORKLOAD,
            bytes("x"),
            "replication",
            bytes("p"),
            bytes("t"),
            1,
            "clash",
            T0);
    assertThatThrownBy(() -> storage.run(tx -> tx.jobs().insert(clash)))
        .isInstanceOf(DuplicateException.class)
        .hasMessageContaining("job-1");
    assertThat(storage.transaction((Tx tx) -> tx.jobs().find("job-1")).orElseThrow().requester())
        .isEqualTo(node(1));
  }

  @Test
  void jobStatusChangesAreGuarded() {
    insertJob("job-1", node(1), 1);
    storage.run(tx -> {
      assertThat(
              tx.jobs()
                  .updateStatus("job-1", JobStatus.DISPUTED, JobStatus.FAILED, null, null, at(1)))
          .isFalse();
      assertIllegal(() ->
          tx.jobs().updateStatus("job-1", JobStatus.FAILED, JobStatus.OPEN, null, null, at(1)));
      assertThat(
              tx.jobs()
                  .updateStatus(
                      "job-1", JobStatus.OPEN, JobStatus.DISPUTED, null, "disputed", at(2)))
          .isTrue();
      assertThat(
              tx.jobs()
                  .updateStatus(
                      "job-1", JobStatus.OPEN, JobStatus.DECIDED, bytes("r"), null, at(3)))
          .isFalse();
      assertThat(
              tx.jobs()
                  .updateStatus(
                      "job-1",
                      JobStatus.DISPUTED,
                      JobStatus.DECIDED,
                      bytes("result"),
                      "decided",
                      at(4)))
          .isTrue();
      assertThat(
              tx.jobs()
                  .updateStatus("missing", JobStatus.OPEN, JobStatus.DECIDED, null, null, at(4)))
          .isFalse();
    });
    JobRecord j = storage.transaction((Tx tx) -> tx.jobs().find("job-1")).orElseThrow();
    assertThat(j.status()).isEqualTo(JobStatus.DECIDED);
    assertThat(j.result()).isEqualTo(bytes("result"));
    assertThat(j.summary()).isEqualTo("decided");
    assertThat(j.decidedAt()).isEqualTo(at(4));
  }

  @Test
  void listsJobsByPageStatusAndRequester() {
    for (int i = 0; i < 7; i++) {
      insertJob("job-" + i, node(i % 2 + 1), 1);
    }
    storage.run(tx -> {
      tx.jobs().updateStatus("job-3", JobStatus.OPEN, JobStatus.FAILED, null, null, at(1));
      tx.jobs().updateStatus("job-4", JobStatus.OPEN, JobStatus.FAILED, null, null, at(1));
    });
    List<String> all = new ArrayList<>();
    long after = 0;
    while (true) {
      long cursor = after;
      List<JobRecord> page =
          storage.transaction((Tx tx) -> tx.jobs().list(new JobQuery(null, null, cursor, 3)));
      if (page.isEmpty()) {
        break;
      }
      assertThat(page.size()).isLessThanOrEqualTo(3);
      page.forEach(j -> all.add(j.jobId()));
      after = page.get(page.size() - 1).seq();
    }
    assertThat(all).containsExactly("job-0", "job-1", "job-2", "job-3", "job-4", "job-5", "job-6");
    storage.run(tx -> {
      assertThat(tx.jobs().list(new JobQuery(JobStatus.FAILED, null, 0, 10)))
          .extracting(JobRecord::jobId)
          .containsExactly("job-3", "job-4");
      assertThat(tx.jobs().list(new JobQuery(JobStatus.OPEN, node(2), 0, 10)))
          .extracting(JobRecord::jobId)
          .containsExactly("job-1", "job-5");
      assertThat(tx.jobs().countByStatus())
          .containsEntry(JobStatus.OPEN, 5L)
          .containsEntry(JobStatus.FAILED, 2L)
          .containsEntry(JobStatus.DECIDED, 0L)
          .containsEntry(JobStatus.DISPUTED, 0L);
    });
    assertIllegal(() -> new JobQuery(null, null, 0, 0));
    assertIllegal(() -> new JobQuery(null, null, 0, JobQuery.MAX_LIMIT + 1));
  }

  @Test
  void newJobsRejectMalformedValues() {
    assertIllegal(() -> newJob("bad id!", node(1), 1, T0));
    assertIllegal(() -> newJob("job", node(1), 0, T0));
    assertIllegal(() -> newJob("job", node(1), JobStore.MAX_REPLICAS + 1, T0));
  }

  // ---------------------------------------------------------------- tasks and leases

  @Test
  void leasesTheOldestPendingTaskWithAFreshLease() {
    insertJob("job-a", node(1), 1);
    insertJob("job-b", node(1), 1);
    TaskRecord t = leaseOrFail(storage, node(10), EXECUTE, at(10), Duration.ofSeconds(30));
    assertThat(t.jobId()).isEqualTo("job-a");
    assertThat(t.state()).isEqualTo(TaskState.LEASED);
    assertThat(t.holder()).isEqualTo(node(10));
    assertThat(t.leaseId()).hasSize(32);
    assertThat(t.leaseDeadline()).isEqualTo(at(40));
    assertThat(t.attempts()).isEqualTo(1);
    TaskRecord u = leaseOrFail(storage, node(11), EXECUTE, at(10), Duration.ofSeconds(30));
    assertThat(u.jobId()).isEqualTo("job-b");
    assertThat(u.leaseId()).isNotEqualTo(t.leaseId());
    assertNothingFor(node(12), EXECUTE, at(10));
    assertNothingFor(node(12), VALIDATE, at(10));
    assertThat(storage.transaction((Tx tx) -> tx.tasks().heldBy(node(10), at(11))))
        .extracting(TaskRecord::taskId)
        .containsExactly(t.taskId());
    assertThat(storage.transaction((Tx tx) -> tx.tasks().heldBy(node(10), at(40)))).isEmpty();
  }

  @Test
  void leaseArgumentsAreChecked() {
    storage.run(tx -> {
      assertIllegal(() -> tx.tasks().leaseNext(node(1), Set.of(), at(1), at(2)));
      assertIllegal(() -> tx.tasks().leaseNext(node(1), EXECUTE, at(2), at(2)));
    });
  }

  @Test
  void replicasOfOneJobGoToDistinctProviders() {
    insertJob("job-1", node(1), 3);
    TaskRecord first = leaseOrFail(storage, node(10), EXECUTE, at(1), Duration.ofSeconds(30));
    assertNothingFor(node(10), EXECUTE, at(1));
    TaskRecord second = leaseOrFail(storage, node(11), EXECUTE, at(1), Duration.ofSeconds(30));
    assertThat(second.taskId()).isNotEqualTo(first.taskId());
    // ... also after the first one is done, and for replicas added later.
    storage.run(tx -> {
      assertThat(
              tx.tasks()
                  .advance(
                      first.taskId(),
                      TaskState.LEASED,
                      first.leaseId(),
                      TaskState.RESPONDED,
                      TaskArtifacts.none().withResponse(bytes("r")),
                      at(2)))
          .isTrue();
      tx.tasks().addReplicas("job-1", 1, at(2));
    });
    assertNothingFor(node(10), EXECUTE, at(3));
    assertThat(leaseOrFail(storage, node(12), EXECUTE, at(3), Duration.ofSeconds(30)).jobId())
        .isEqualTo("job-1");
  }

  @Test
  void theRequesterNeverGetsItsOwnJob() {
    insertJob("job-1", node(1), 2);
    assertNothingFor(node(1), EXECUTE, at(1));
    leaseOrFail(storage, node(2), EXECUTE, at(1), Duration.ofSeconds(30));
  }

  @Test
  void aProviderOfAJobNeverValidatesIt() {
    insertJob("job-1", node(1), 1);
    TaskRecord exec = leaseOrFail(storage, node(10), EXECUTE, at(1), Duration.ofSeconds(30));
    TaskRecord v =
        storage.transaction(
            (Tx tx) -> tx.tasks().addValidation(exec.taskId(), bytes("work"), at(2)));
    assertThat(v.kind()).isEqualTo(TaskKind.VALIDATE);
    assertThat(v.parentTaskId()).isEqualTo(exec.taskId());
    assertThat(v.artifacts().work()).isEqualTo(bytes("work"));
    assertThat(v.taskId()).isEqualTo(RecordIds.validateTask(exec.taskId(), 0));
    assertNothingFor(node(10), VALIDATE, at(3));
    assertNothingFor(node(1), VALIDATE, at(3));
    TaskRecord leased = leaseOrFail(storage, node(20), VALIDATE, at(3), Duration.ofSeconds(30));
    assertThat(leased.taskId()).isEqualTo(v.taskId());
    assertThat(leased.artifacts().work()).isEqualTo(bytes("work"));
    TaskRecord v2 =
        storage.transaction((Tx tx) -> tx.tasks().addValidation(exec.taskId(), bytes("w2"), at(4)));
    assertThat(v2.replica()).isEqualTo(1);
    assertThatThrownBy(
            () -> storage.run(tx -> tx.tasks().addValidation(v.taskId(), bytes("w"), T0)))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> storage.run(tx -> tx.tasks().addValidation("nope", bytes("w"), T0)))
        .isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void tasksOfEndedJobsAreNotLeased() {
    insertJob("job-1", node(1), 1);
    storage.run(
        tx -> tx.jobs().updateStatus("job-1", JobStatus.OPEN, JobStatus.FAILED, null, null, T0));
    assertNothingFor(node(10), EXECUTE, at(1));
    assertThatThrownBy(() -> storage.run(tx -> tx.tasks().addReplicas("job-1", 1, T0)))
        .isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void guardedUpdatesFollowTheProtocolAndRefuseStaleRequests() {
    insertJob("job-1", node(1), 1);
    TaskRecord t = leaseOrFail(storage, node(10), EXECUTE, at(0), Duration.ofSeconds(30));
    String id = t.taskId();
    String lease = t.leaseId();
    storage.run(tx -> {
      TaskStore tasks = tx.tasks();
      // wrong lease, wrong state
      assertThat(
              tasks.advance(
                  id, TaskState.LEASED, "other", TaskState.COMMITTED, TaskArtifacts.none(), at(1)))
          .isFalse();
      assertThat(
              tasks.advance(
                  id, TaskState.COMMITTED, lease, TaskState.RESPONDED, TaskArtifacts.none(), at(1)))
          .isFalse();
      assertThat(
              tasks.advance(
                  id,
                  TaskState.LEASED,
                  lease,
                  TaskState.COMMITTED,
                  TaskArtifacts.none().withCommitment(bytes("c")).withSecret(bytes("s")),
                  at(1)))
          .isTrue();
      // the same request again is stale now
      assertThat(
              tasks.advance(
                  id,
                  TaskState.LEASED,
                  lease,
                  TaskState.COMMITTED,
                  TaskArtifacts.none().withCommitment(bytes("c2")),
                  at(1)))
          .isFalse();
      assertThat(
              tasks.advance(
                  id,
                  TaskState.COMMITTED,
                  lease,
                  TaskState.COMMITTED,
                  TaskArtifacts.none().withRandomness(bytes("rnd")).withChallenge(bytes("ch")),
                  at(2)))
          .isTrue();
      assertThat(
              tasks.advance(
                  id,
                  TaskState.COMMITTED,
                  lease,
                  TaskState.RESPONDED,
                  TaskArtifacts.none().withResponse(bytes("resp")),
                  at(3)))
          .isTrue();
      assertThat(
              tasks.advance(
                  id,
                  TaskState.RESPONDED,
                  null,
                  TaskState.VALIDATING,
                  TaskArtifacts.none().withWork(bytes("w")),
                  at(4)))
          .isTrue();
      assertThat(
              tasks.advance(
                  id,
                  TaskState.VALIDATING,
                  null,
                  TaskState.CHECKED,
                  TaskArtifacts.none().withCheck(bytes("ok")),
                  at(5)))
          .isTrue();
      assertThat(
              tasks.advance(
                  id,
                  TaskState.CHECKED,
                  null,
                  TaskState.FINAL,
                  TaskArtifacts.none().withVerdict(bytes("accepted")),
                  at(6)))
          .isTrue();
      assertIllegal(() ->
          tasks.advance(
              id, TaskState.FINAL, null, TaskState.CANCELLED, TaskArtifacts.none(), at(7)));
      assertIllegal(() ->
          tasks.advance(
              id, TaskState.RESPONDED, null, TaskState.PENDING, TaskArtifacts.none(), at(7)));
      assertIllegal(() ->
          tasks.advance(
              id, TaskState.LEASED, null, TaskState.COMMITTED, TaskArtifacts.none(), at(7)));
    });
    TaskRecord done = storage.transaction((Tx tx) -> tx.tasks().find(id)).orElseThrow();
    assertThat(done.state()).isEqualTo(TaskState.FINAL);
    assertThat(done.updatedAt()).isEqualTo(at(6));
    assertThat(done.artifacts())
        .isEqualTo(
            new TaskArtifacts(
                bytes("s"),
                bytes("c"),
                bytes("rnd"),
                bytes("ch"),
                bytes("resp"),
                bytes("w"),
                null,
                bytes("ok"),
                bytes("accepted")));
    assertThat(storage.transaction((Tx tx) -> tx.tasks().countByState()))
        .containsEntry(TaskState.FINAL, 1L)
        .containsEntry(TaskState.PENDING, 0L);
  }

  @Test
  void anExpiredLeaseIsReassignedAndTheLateHolderChangesNothing() {
    insertJob("job-1", node(1), 1);
    TaskRecord first = leaseOrFail(storage, node(10), EXECUTE, at(0), Duration.ofSeconds(30));
    storage.run(tx ->
        assertThat(
                tx.tasks()
                    .advance(
                        first.taskId(),
                        TaskState.LEASED,
                        first.leaseId(),
                        TaskState.COMMITTED,
                        TaskArtifacts.none().withCommitment(bytes("c1")).withSecret(bytes("s1")),
                        at(10)))
            .isTrue());
    // Before the deadline nobody else gets it; at the deadline the lease has lapsed.
    assertNothingFor(node(11), EXECUTE, at(29));
    storage.run(tx ->
        assertThat(
                tx.tasks()
                    .advance(
                        first.taskId(),
                        TaskState.COMMITTED,
                        first.leaseId(),
                        TaskState.RESPONDED,
                        TaskArtifacts.none(),
                        at(30)))
            .isFalse());
    TaskRecord second = leaseOrFail(storage, node(11), EXECUTE, at(31), Duration.ofSeconds(30));
    assertThat(second.taskId()).isEqualTo(first.taskId());
    assertThat(second.holder()).isEqualTo(node(11));
    assertThat(second.attempts()).isEqualTo(2);
    assertThat(second.artifacts().commitment()).isNull();
    assertThat(second.artifacts().secret()).isNull();
    // The first holder's late response is refused and changes nothing.
    storage.run(tx -> {
      assertThat(
              tx.tasks()
                  .advance(
                      first.taskId(),
                      TaskState.COMMITTED,
                      first.leaseId(),
                      TaskState.RESPONDED,
                      TaskArtifacts.none().withResponse(bytes("late")),
                      at(32)))
          .isFalse();
      assertThat(tx.tasks().release(first.taskId(), lease(first), at(32))).isFalse();
      assertThat(tx.tasks().extendLease(first.taskId(), lease(first), at(32), at(90))).isFalse();
    });
    assertThat(storage.transaction((Tx tx) -> tx.tasks().find(first.taskId())).orElseThrow())
        .isEqualTo(second);
  }

  @Test
  void expiringLeasesReturnsLapsedTasksToPending() {
    insertJob("job-1", node(1), 2);
    TaskRecord a = leaseOrFail(storage, node(10), EXECUTE, at(0), Duration.ofSeconds(10));
    TaskRecord b = leaseOrFail(storage, node(11), EXECUTE, at(0), Duration.ofSeconds(100));
    assertThat(
            storage.transaction(
                (Tx tx) -> tx.tasks().extendLease(b.taskId(), lease(b), at(5), at(200))))
        .isTrue();
    List<TaskRecord> expired = storage.transaction((Tx tx) -> tx.tasks().expireLeases(at(10)));
    assertThat(expired).extracting(TaskRecord::taskId).containsExactly(a.taskId());
    assertThat(expired.get(0).holder()).isEqualTo(node(10));
    TaskRecord after = storage.transaction((Tx tx) -> tx.tasks().find(a.taskId())).orElseThrow();
    assertThat(after.state()).isEqualTo(TaskState.PENDING);
    assertThat(after.holder()).isNull();
    assertThat(after.leaseId()).isNull();
    assertThat(storage.transaction((Tx tx) -> tx.tasks().expireLeases(at(150)))).isEmpty();
    // The node whose lease lapsed may take the task again.
    assertThat(leaseOrFail(storage, node(10), EXECUTE, at(11), Duration.ofSeconds(10)).taskId())
        .isEqualTo(a.taskId());
  }

  @Test
  void aReleasedTaskGoesBackToTheQueue() {
    insertJob("job-1", node(1), 1);
    TaskRecord t = leaseOrFail(storage, node(10), EXECUTE, at(0), Duration.ofSeconds(30));
    assertThat(storage.transaction((Tx tx) -> tx.tasks().release(t.taskId(), "wrong", at(1))))
        .isFalse();
    assertThat(storage.transaction((Tx tx) -> tx.tasks().release(t.taskId(), lease(t), at(1))))
        .isTrue();
    TaskRecord again = leaseOrFail(storage, node(11), EXECUTE, at(2), Duration.ofSeconds(30));
    assertThat(again.taskId()).isEqualTo(t.taskId());
    assertThat(again.attempts()).isEqualTo(2);
  }

  @Test
  void addsReplicasUpToTheLimit() {
    insertJob("job-1", node(1), 2);
    List<TaskRecord> added =
        storage.transaction((Tx tx) -> tx.tasks().addReplicas("job-1", 2, at(1)));
    assertThat(added).extracting(TaskRecord::replica).containsExactly(2, 3);
    assertThat(storage.transaction((Tx tx) -> tx.jobs().find("job-1")).orElseThrow().replicas())
        .isEqualTo(4);
    assertThatThrownBy(
            () -> storage.run(tx -> tx.tasks().addReplicas("job-1", JobStore.MAX_REPLICAS, T0)))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> storage.run(tx -> tx.tasks().addReplicas("nope", 1, T0)))
        .isInstanceOf(IllegalArgumentException.class);
    assertThat(storage.transaction((Tx tx) -> tx.tasks().ofJob("job-1"))).hasSize(4);
  }

  // ---------------------------------------------------------------- concurrency

  @Test
  void threadsLeasingFromOneStorageNeverDoubleAssign() throws Exception {
    assertNoDoubleAssignment(List.of(storage, storage, storage, storage));
  }

  @Test
  void twoCoordinatorsOnOneDatabaseNeverDoubleAssign() throws Exception {
    Storage other = track(openAnother());
    assertNoDoubleAssignment(List.of(storage, other, storage, other));
  }

  /**
   * Each worker thread leases tasks for its own set of nodes until none is left; every task must be
   * leased exactly once and no node may hold two replicas of one job.
   */
  private void assertNoDoubleAssignment(List<Storage> coordinators) throws Exception {
    int jobs = 12;
    int replicas = 3;
    for (int j = 0; j < jobs; j++) {
      insertJob("job-" + j, node(1), replicas);
    }
    int nodes = 8;
    List<List<TaskRecord>> leasedBy = new ArrayList<>();
    List<Thread> threads = new ArrayList<>();
    List<Throwable> failures = java.util.Collections.synchronizedList(new ArrayList<>());
    java.util.concurrent.CountDownLatch start = new java.util.concurrent.CountDownLatch(1);
    for (int w = 0; w < coordinators.size(); w++) {
      Storage s = coordinators.get(w);
      List<TaskRecord> mine = new ArrayList<>();
      leasedBy.add(mine);
      int worker = w;
      threads.add(
          new Thread(() -> {
            try {
              start.await();
              boolean progress = true;
              while (progress) {
                progress = false;
                for (int n = 0; n < nodes; n++) {
                  NodeId who = node(100 + (n + worker) % nodes);
                  var t =
                      s.transaction((Tx tx) -> tx.tasks().leaseNext(who, EXECUTE, at(0), at(600)));
                  if (t.isPresent()) {
                    mine.add(t.get());
                    progress = true;
                  }
                }
              }
            } catch (Throwable e) {
              failures.add(e);
            }
          }));
    }
    threads.forEach(Thread::start);
    start.countDown();
    for (Thread t : threads) {
      t.join(120_000);
    }
    assertThat(failures).isEmpty();
    List<TaskRecord> all = leasedBy.stream().flatMap(List::stream).toList();
    assertThat(all).extracting(TaskRecord::taskId).doesNotHaveDuplicates();
    assertThat(all).hasSize(jobs * replicas);
    // The database agrees: each task leased once, no node holding two replicas of a job.
    storage.run(tx -> {
      for (int j = 0; j < jobs; j++) {
        List<TaskRecord> ts = tx.tasks().ofJob("job-" + j);
        assertThat(ts).allMatch(t -> t.state() == TaskState.LEASED && t.attempts() == 1);
        assertThat(ts).extracting(TaskRecord::holder).doesNotHaveDuplicates();
      }
    });
  }

  // ---------------------------------------------------------------- disputes

  @Test
  void aDisputeAsksAndRecordsAnswersInOrder() {
    insertJob("job-1", node(1), 2);
    String a = RecordIds.executeTask("job-1", 0);
    String b = RecordIds.executeTask("job-1", 1);
    DisputeRecord d = storage.transaction((Tx tx) -> tx.disputes().open("job-1", a, b, at(1)));
    assertThat(d.state()).isEqualTo(DisputeState.OPEN);
    assertThat(d.disputeId()).isEqualTo(RecordIds.dispute("job-1", a, b));
    assertThat(d.pending()).isNull();
    assertThat(d.answers()).isEmpty();
    assertThat(storage.transaction((Tx tx) -> tx.disputes().open("job-1", a, b, at(9))))
        .isEqualTo(d);
    String id = d.disputeId();
    storage.run(tx -> {
      DisputeStore ds = tx.disputes();
      assertThat(ds.answer(id, 0, a, bytes("no question yet"), at(2))).isFalse();
      assertThat(ds.ask(id, 1, a, bytes("q0"), at(100))).isFalse();
      assertThat(ds.ask(id, 0, a, bytes("q0"), at(100))).isTrue();
      assertThat(ds.ask(id, 0, b, bytes("q0b"), at(100))).isFalse();
      assertThat(ds.answer(id, 0, b, bytes("wrong party"), at(3))).isFalse();
      assertThat(ds.answer(id, 0, a, bytes("a0"), at(3))).isTrue();
      assertThat(ds.answer(id, 0, a, bytes("a0 again"), at(3))).isFalse();
      assertThat(ds.ask(id, 1, b, bytes("q1"), at(50))).isTrue();
      assertIllegal(() -> ds.ask(id, 1, "not-a-party", bytes("q"), at(50)));
    });
    storage.run(tx -> {
      assertThat(tx.disputes().overdue(at(49))).isEmpty();
      assertThat(tx.disputes().overdue(at(50)))
          .extracting(DisputeRecord::disputeId)
          .containsExactly(id);
    });
    DisputeRecord mid = storage.transaction((Tx tx) -> tx.disputes().find(id)).orElseThrow();
    assertThat(mid.pending()).isEqualTo(new PendingRequest(b, bytes("q1"), at(50)));
    assertThat(mid.answers())
        .containsExactly(
            new dev.proofofcompute.protocol.SchemeProtocol.DisputeAnswer(
                a, bytes("q0"), bytes("a0")));
    storage.run(tx -> {
      assertThat(tx.disputes().answer(id, 1, b, bytes("a1"), at(10))).isTrue();
      assertThat(tx.disputes().resolve(id, bytes("b wins"), at(11))).isTrue();
      assertThat(tx.disputes().resolve(id, bytes("again"), at(12))).isFalse();
      assertThat(tx.disputes().ask(id, 2, a, bytes("q2"), at(50))).isFalse();
    });
    DisputeRecord end = storage.transaction((Tx tx) -> tx.disputes().find(id)).orElseThrow();
    assertThat(end.state()).isEqualTo(DisputeState.RESOLVED);
    assertThat(end.outcome()).isEqualTo(bytes("b wins"));
    assertThat(end.closedAt()).isEqualTo(at(11));
    assertThat(end.answers())
        .extracting(a2 -> a2.answer())
        .containsExactly(bytes("a0"), bytes("a1"));
    assertThat(storage.transaction((Tx tx) -> tx.disputes().ofJob("job-1"))).containsExactly(end);
  }

  @Test
  void aDisputeIsBetweenTwoExecuteTasksOfItsJob() {
    insertJob("job-1", node(1), 2);
    insertJob("job-2", node(1), 1);
    String a = RecordIds.executeTask("job-1", 0);
    String other = RecordIds.executeTask("job-2", 0);
    storage.run(tx -> {
      assertIllegal(() -> tx.disputes().open("job-1", a, a, T0));
      assertIllegal(() -> tx.disputes().open("job-1", a, other, T0));
      assertThat(tx.disputes().find("nope")).isEmpty();
    });
  }

  // ---------------------------------------------------------------- ledger

  @Test
  void theLedgerStoreAgreesWithTheReferenceLedger() {
    long seed = Long.getLong("poc.test.seed", 20260101L);
    SeededRandomSource random = RandomSource.seeded(seed);
    String why = "seed " + seed + " (rerun with -Dpoc.test.seed=...)";
    System.out.println(getClass().getSimpleName() + " ledger differential test, " + why);
    Ledger reference = new Ledger();
    List<OperationId> used = new ArrayList<>();
    int accepted = 0;
    int refused = 0;
    for (int i = 0; i < 160; i++) {
      Step step = step(random, reference, used, i);
      Operation op = step.op();
      OperationId id = step.id();
      Operation refOp = op;
      OperationId refId = id;
      Object expected = outcome(() -> reference.apply(refId, refOp));
      Operation applied = op;
      OperationId appliedId = id;
      Instant when = at(i);
      Object actual =
          outcome(
              () -> storage.transaction((Tx tx) -> tx.ledger().apply(appliedId, applied, when)));
      assertThat(actual).as("step %d, %s under %s; %s", i, op, id, why).isEqualTo(expected);
      if (expected instanceof Posting) {
        accepted++;
        used.add(id);
      } else {
        refused++;
      }
    }
    LedgerSnapshot stored = storage.transaction((Tx tx) -> tx.ledger().snapshot());
    assertThat(stored).as(why).isEqualTo(reference.snapshot());
    LedgerInvariants.check(stored);
    List<Posting> history =
        storage.transaction((Tx tx) -> tx.ledger().postings(0, 1000)).stream()
            .map(StoredPosting::posting)
            .toList();
    assertThat(history).as(why).isEqualTo(reference.postings());
    storage.run(tx -> {
      assertThat(tx.ledger().balances()).isEqualTo(reference.balances());
      assertThat(tx.ledger().outstanding()).isEqualTo(reference.outstanding());
      for (int n = 1; n <= 5; n++) {
        AccountId acc = AccountId.available(node(n));
        assertThat(tx.ledger().balance(acc)).isEqualTo(reference.balance(acc));
      }
    });
    assertThat(accepted).as("the sequence exercises accepted operations; " + why).isGreaterThan(20);
    assertThat(refused).as("the sequence exercises refusals; " + why).isGreaterThan(20);
  }

  @Test
  void aLedgerOperationIdIsAppliedOnceAndARefusalChangesNothing() throws Exception {
    Operation deposit = new Operation.Deposit(node(1), Amount.ofCredits(100));
    OperationId id = new OperationId("deposit:1");
    Posting p = storage.transaction((Tx tx) -> tx.ledger().apply(id, deposit, at(1)));
    Posting again = storage.transaction((Tx tx) -> tx.ledger().apply(id, deposit, at(2)));
    assertThat(again).isEqualTo(p);
    LedgerSnapshot before = storage.transaction((Tx tx) -> tx.ledger().snapshot());
    Operation other = new Operation.Deposit(node(1), Amount.ofCredits(5));
    LedgerException conflict =
        catchThrowableOfType(
            LedgerException.class,
            () -> storage.transaction((Tx tx) -> tx.ledger().apply(id, other, at(3))));
    assertThat(conflict.reason()).isEqualTo(LedgerException.Reason.CONFLICTING_REPLAY);
    LedgerException poor =
        catchThrowableOfType(
            LedgerException.class,
            () ->
                storage.transaction((Tx tx) ->
                    tx.ledger()
                        .apply(
                            new OperationId("withdraw:1"),
                            new Operation.Withdraw(node(1), Amount.ofCredits(101)),
                            at(4))));
    assertThat(poor.reason()).isEqualTo(LedgerException.Reason.INSUFFICIENT_FUNDS);
    storage.run(tx -> {
      assertThat(tx.ledger().snapshot()).isEqualTo(before);
      assertThat(tx.ledger().postings(0, 10)).hasSize(1);
      assertThat(tx.ledger().posting(id).orElseThrow().appliedAt()).isEqualTo(at(1));
      assertThat(tx.ledger().posting(new OperationId("withdraw:1"))).isEmpty();
      assertThat(tx.ledger().balance(AccountId.available(node(1))))
          .isEqualTo(Amount.ofCredits(100));
      assertIllegal(() -> tx.ledger().balance(AccountId.external()));
      assertIllegal(() -> tx.ledger().postings(0, 0));
    });
  }

  @Test
  void concurrentLedgerOperationsOnOneAccountAreSerialised() throws Exception {
    Storage other = track(openAnother());
    NodeId n = node(1);
    storage.run(tx ->
        tx.ledger()
            .apply(new OperationId("seed"), new Operation.Deposit(n, Amount.ofCredits(1000)), T0));
    List<Thread> threads = new ArrayList<>();
    List<Throwable> failures = java.util.Collections.synchronizedList(new ArrayList<>());
    for (int w = 0; w < 4; w++) {
      Storage s = w % 2 == 0 ? storage : other;
      int worker = w;
      threads.add(
          new Thread(() -> {
            try {
              for (int k = 0; k < 10; k++) {
                OperationId id = new OperationId("bond:" + worker + ":" + k);
                s.run(tx -> tx.ledger().apply(id, new Operation.Bond(n, Amount.ofCredits(1)), T0));
              }
            } catch (Throwable e) {
              failures.add(e);
            }
          }));
    }
    threads.forEach(Thread::start);
    for (Thread t : threads) {
      t.join(120_000);
    }
    assertThat(failures).isEmpty();
    storage.run(tx -> {
      assertThat(tx.ledger().balance(AccountId.available(n))).isEqualTo(Amount.ofCredits(960));
      assertThat(tx.ledger().balance(AccountId.bonded(n))).isEqualTo(Amount.ofCredits(40));
      assertThat(tx.ledger().postings(0, 100)).hasSize(41);
      LedgerInvariants.check(tx.ledger().snapshot());
    });
  }

  /**
   * The same differential run with every operation in one transaction, so that reads a store keeps
   * for the rest of its transaction (the balances and jobs of {@code JdbcLedgerStore} on SQLite)
   * meet the writes of the operations after them; every balance is compared after each step.
   */
  @Test
  void theLedgerStoreAgreesWithTheReferenceLedgerInOneTransaction() {
    long seed = Long.getLong("poc.test.seed", 20261128L);
    SeededRandomSource random = RandomSource.seeded(seed);
    String why = "seed " + seed + " (rerun with -Dpoc.test.seed=...)";
    System.out.println(getClass().getSimpleName() + " one-transaction ledger test, " + why);
    Ledger reference = new Ledger();
    List<OperationId> used = new ArrayList<>();
    storage.run(tx -> {
      for (int i = 0; i < 200; i++) {
        Step step = step(random, reference, used, i);
        OperationId id = step.id();
        Operation op = step.op();
        OperationId refId = id;
        Operation refOp = op;
        Object expected = outcome(() -> reference.apply(refId, refOp));
        Instant when = at(i);
        Object actual = outcome(() -> tx.ledger().apply(refId, refOp, when));
        assertThat(actual).as("step %d, %s under %s; %s", i, op, id, why).isEqualTo(expected);
        if (expected instanceof Posting) {
          used.add(id);
        }
        for (AccountId acc : reference.balances().keySet()) {
          if (acc.kind() != AccountId.Kind.EXTERNAL) {
            assertThat(tx.ledger().balance(acc))
                .as("step %d; %s", i, why)
                .isEqualTo(reference.balance(acc));
          }
        }
        assertThat(tx.ledger().outstanding())
            .as("step %d; %s", i, why)
            .isEqualTo(reference.outstanding());
      }
      assertThat(tx.ledger().snapshot()).as(why).isEqualTo(reference.snapshot());
    });
    assertThat(storage.transaction((Tx tx) -> tx.ledger().snapshot()))
        .as(why)
        .isEqualTo(reference.snapshot());
  }

  /** One operation of a differential ledger run. */
  private record Step(OperationId id, Operation op) {}

  /**
   * Step {@code i}: usually a new id with a random operation; one time in ten (once some were
   * applied) a used id again, with its own operation (idempotent) or another one (a conflict).
   */
  private static Step step(
      SeededRandomSource random, Ledger reference, List<OperationId> used, int i) {
    if (random.nextLong(10) == 0 && !used.isEmpty()) {
      OperationId id = used.get((int) random.nextLong(used.size()));
      Operation op =
          random.nextLong(2) == 0
              ? reference.posting(id).map(Posting::operation).orElseGet(() -> next(random))
              : next(random);
      return new Step(id, op);
    }
    return new Step(new OperationId("op-" + i), next(random));
  }

  private static Operation next(SeededRandomSource random) {
    while (true) {
      try {
        return LedgerStoreContract.randomOperation(random);
      } catch (IllegalArgumentException e) {
        // an invalid combination (for example a node paying itself): draw again
      }
    }
  }

  /** The posting, or the refusal reason, of one application. */
  private static Object outcome(java.util.concurrent.Callable<Posting> apply) {
    try {
      return apply.call();
    } catch (LedgerException e) {
      return e.reason();
    } catch (Exception e) {
      throw new AssertionError(e);
    }
  }
}
