package dev.proofofcompute.storage.jdbc;

import static org.assertj.core.api.Assertions.assertThat;

import dev.proofofcompute.crypto.Bytes;
import dev.proofofcompute.crypto.DecodingException;
import dev.proofofcompute.crypto.identity.NodeId;
import dev.proofofcompute.crypto.identity.NodeIdentity;
import dev.proofofcompute.storage.JobRecord;
import dev.proofofcompute.storage.JobStatus;
import dev.proofofcompute.storage.NodeRecord;
import dev.proofofcompute.storage.NodeRole;
import dev.proofofcompute.storage.NodeStatus;
import dev.proofofcompute.storage.Storage;
import dev.proofofcompute.storage.StorageContract;
import dev.proofofcompute.storage.Storages;
import dev.proofofcompute.storage.TaskArtifacts;
import dev.proofofcompute.storage.TaskKind;
import dev.proofofcompute.storage.TaskRecord;
import dev.proofofcompute.storage.TaskState;
import dev.proofofcompute.storage.Tx;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Optional;
import java.util.Random;
import java.util.Set;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The per-transaction row cache ({@link TxRowCache}) against the database: a seeded random run of
 * store operations inside one SQLite transaction, after each of which every node, job and task read
 * through the stores (cached) must equal the row read straight from the database.
 */
class TxRowCacheIT {
  private static final Instant T0 = StorageContract.T0;
  private static final Set<TaskKind> BOTH = EnumSet.allOf(TaskKind.class);

  @TempDir Path dir;
  private Storage storage;

  @BeforeEach
  void open() {
    storage = Storages.open("sqlite:" + dir.resolve("poc.db"));
  }

  @AfterEach
  void close() {
    storage.close();
  }

  private static NodeIdentity identity(int n) {
    byte[] seed = new byte[32];
    seed[0] = (byte) n;
    seed[31] = 0x7c;
    try {
      return NodeIdentity.fromSeed(Bytes.of(seed));
    } catch (DecodingException e) {
      throw new AssertionError(e);
    }
  }

  private static Bytes bytes(String s) {
    return Bytes.of(s.getBytes(StandardCharsets.UTF_8));
  }

  @Test
  void aSecondReadInOneTransactionIsServedFromTheCache() {
    NodeIdentity requester = identity(1);
    storage.run(tx -> {
      tx.nodes()
          .register(
              NodeRecord.registered(requester.publicKey(), EnumSet.of(NodeRole.REQUESTER), T0));
      tx.jobs().insert(StorageContract.newJob("job-0", requester.nodeId(), 2, T0));
    });
    storage.run(tx -> {
      assertThat(((JdbcTx) tx).rows()).isNotNull();
      NodeRecord n = tx.nodes().find(requester.nodeId()).orElseThrow();
      assertThat(tx.nodes().lock(requester.nodeId()).orElseThrow()).isSameAs(n);
      JobRecord j = tx.jobs().find("job-0").orElseThrow();
      assertThat(tx.jobs().lock("job-0").orElseThrow()).isSameAs(j);
      List<TaskRecord> tasks = tx.tasks().ofJob("job-0");
      assertThat(tx.tasks().find(tasks.get(0).taskId()).orElseThrow()).isSameAs(tasks.get(0));
      assertThat(tx.tasks().ofJob("job-0")).isEqualTo(tasks);
    });
  }

  @Test
  void cachedReadsEqualTheDatabaseAfterEveryWrite() {
    long seed = Long.getLong("poc.test.seed", 20261128L);
    System.out.println("TxRowCacheIT seed " + seed + " (rerun with -Dpoc.test.seed=...)");
    Random random = new Random(seed);
    NodeIdentity requester = identity(1);
    List<NodeId> providers = new ArrayList<>();
    storage.run(tx -> {
      tx.nodes()
          .register(
              NodeRecord.registered(requester.publicKey(), EnumSet.of(NodeRole.REQUESTER), T0));
      for (int i = 2; i < 6; i++) {
        NodeIdentity p = identity(i);
        tx.nodes()
            .register(
                NodeRecord.registered(
                    p.publicKey(), EnumSet.of(NodeRole.PROVIDER, NodeRole.VALIDATOR), T0));
        providers.add(p.nodeId());
      }
    });
    List<String> jobs = new ArrayList<>();
    for (int round = 0; round < 20; round++) {
      int r = round;
      storage.run(tx -> {
        JdbcTx jtx = (JdbcTx) tx;
        Instant now = T0.plusSeconds(100L * r);
        for (int step = 0; step < 60; step++) {
          String what =
              step(tx, random, requester.nodeId(), providers, jobs, now.plusSeconds(step));
          assertAgrees(jtx, requester.nodeId(), providers, jobs, "seed " + seed + ", " + what);
        }
      });
    }
    assertThat(jobs).isNotEmpty();
  }

  /** One random store operation; returns what it did. */
  private String step(
      Tx tx,
      Random random,
      NodeId requester,
      List<NodeId> providers,
      List<String> jobs,
      Instant now) {
    NodeId p = providers.get(random.nextInt(providers.size()));
    int kind = jobs.isEmpty() ? 0 : random.nextInt(11);
    return switch (kind) {
      case 0 -> {
        String id = "job-" + jobs.size();
        tx.jobs().insert(StorageContract.newJob(id, requester, 1 + random.nextInt(3), T0));
        jobs.add(id);
        yield "insert " + id;
      }
      case 1, 2 -> {
        // Read first, so that the write finds the row cached.
        tx.tasks().ofJob(jobs.get(random.nextInt(jobs.size())));
        Optional<TaskRecord> t =
            tx.tasks().leaseNext(p, BOTH, now, now.plusSeconds(1 + random.nextInt(20)));
        yield "lease " + t.map(TaskRecord::taskId).orElse("none");
      }
      case 3, 4 -> {
        TaskRecord t = anyTask(tx, random, jobs);
        TaskState from = random.nextInt(4) == 0 ? TaskState.LEASED : t.state();
        if (from.isTerminal() || from == TaskState.PENDING) {
          yield "no advance";
        }
        TaskState to = random.nextBoolean() ? TaskState.COMMITTED : TaskState.CHECKED;
        TaskArtifacts set =
            random.nextBoolean()
                ? TaskArtifacts.none().withCommitment(bytes("c" + now)).withSecret(bytes("s"))
                : TaskArtifacts.none().withChallenge(bytes("ch" + now)).withCheck(bytes("k"));
        String lease = from.isLeased() ? (t.leaseId() == null ? "x" : t.leaseId()) : null;
        boolean done = tx.tasks().advance(t.taskId(), from, lease, to, set, now);
        yield "advance " + t.taskId() + " " + from + "->" + to + " " + done;
      }
      case 5 -> {
        TaskRecord t = anyTask(tx, random, jobs);
        boolean done =
            t.leaseId() != null
                && tx.tasks().extendLease(t.taskId(), t.leaseId(), now, now.plusSeconds(30));
        yield "extend " + t.taskId() + " " + done;
      }
      case 6 -> {
        TaskRecord t = anyTask(tx, random, jobs);
        boolean done = t.leaseId() != null && tx.tasks().release(t.taskId(), t.leaseId(), now);
        yield "release " + t.taskId() + " " + done;
      }
      case 7 -> "expired " + tx.tasks().expireLeases(now.plusSeconds(random.nextInt(30))).size();
      case 8 -> {
        String job = jobs.get(random.nextInt(jobs.size()));
        JobRecord j = tx.jobs().find(job).orElseThrow();
        if (j.status().isTerminal() || j.replicas() >= 8) {
          yield "no replicas";
        }
        yield "replicas " + tx.tasks().addReplicas(job, 1, now).size();
      }
      case 9 -> {
        TaskRecord t = anyTask(tx, random, jobs);
        if (t.kind() != TaskKind.EXECUTE) {
          yield "no validation";
        }
        yield "validation " + tx.tasks().addValidation(t.taskId(), bytes("work"), now).taskId();
      }
      default -> {
        if (random.nextBoolean()) {
          String job = jobs.get(random.nextInt(jobs.size()));
          JobRecord j = tx.jobs().find(job).orElseThrow();
          boolean done =
              !j.status().isTerminal()
                  && tx.jobs()
                      .updateStatus(
                          job,
                          j.status(),
                          random.nextBoolean() ? JobStatus.DISPUTED : JobStatus.DECIDED,
                          random.nextBoolean() ? bytes("result") : null,
                          random.nextBoolean() ? "summary " + now : null,
                          now);
          yield "job status " + job + " " + done;
        }
        NodeRecord n = tx.nodes().lock(p).orElseThrow();
        NodeRecord next =
            random.nextBoolean()
                ? n.withReputation(n.consecutiveValid() + 1, random.nextInt(3))
                    .withStatus(NodeStatus.THROTTLED, now.plusSeconds(5))
                : n.withReputation(0, random.nextInt(3)).withStatus(NodeStatus.ACTIVE, null);
        yield "node " + tx.nodes().update(next);
      }
    };
  }

  private static TaskRecord anyTask(Tx tx, Random random, List<String> jobs) {
    List<TaskRecord> tasks = tx.tasks().ofJob(jobs.get(random.nextInt(jobs.size())));
    TaskRecord t = tasks.get(random.nextInt(tasks.size()));
    // Half the time through find, so that both read paths fill the cache.
    return random.nextBoolean() ? tx.tasks().find(t.taskId()).orElseThrow() : t;
  }

  private static void assertAgrees(
      JdbcTx tx, NodeId requester, List<NodeId> providers, List<String> jobs, String context) {
    try {
      Sql sql = tx.sql();
      List<NodeId> nodes = new ArrayList<>(providers);
      nodes.add(requester);
      for (NodeId n : nodes) {
        assertThat(tx.nodes().find(n))
            .as(context)
            .isEqualTo(
                sql.one(
                    "SELECT " + JdbcNodeStore.COLUMNS + " FROM nodes WHERE node_id = ?",
                    JdbcNodeStore::map,
                    n));
      }
      for (String job : jobs) {
        assertThat(tx.jobs().find(job))
            .as(context)
            .isEqualTo(
                sql.one(
                    "SELECT " + JdbcJobStore.COLUMNS + " FROM jobs WHERE job_id = ?",
                    JdbcJobStore::map,
                    job));
        List<TaskRecord> stored =
            sql.list(
                "SELECT "
                    + JdbcTaskStore.COLUMNS
                    + " FROM tasks t WHERE t.job_id = ? ORDER BY"
                    + " CASE WHEN t.kind = 'EXECUTE' THEN 0 ELSE 1 END,"
                    + " CASE WHEN t.kind = 'EXECUTE' THEN t.replica ELSE t.seq END",
                JdbcTaskStore::map,
                job);
        assertThat(tx.tasks().ofJob(job)).as(context).isEqualTo(stored);
        for (TaskRecord t : stored) {
          assertThat(tx.tasks().find(t.taskId())).as(context).contains(t);
        }
      }
    } catch (SQLException e) {
      throw new AssertionError(context, e);
    }
  }
}
