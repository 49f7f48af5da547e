package dev.proofofcompute.storage.jdbc;

import dev.proofofcompute.crypto.Bytes;
import dev.proofofcompute.crypto.identity.NodeId;
import dev.proofofcompute.storage.JobRecord;
import dev.proofofcompute.storage.JobStore;
import dev.proofofcompute.storage.RecordIds;
import dev.proofofcompute.storage.TaskArtifacts;
import dev.proofofcompute.storage.TaskKind;
import dev.proofofcompute.storage.TaskRecord;
import dev.proofofcompute.storage.TaskState;
import dev.proofofcompute.storage.TaskStore;
import java.sql.SQLException;
import java.sql.Savepoint;
import java.time.Instant;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.UnaryOperator;
import org.jspecify.annotations.Nullable;

/**
 * {@link TaskStore} over the {@code tasks} table: a work queue with leases.
 *
 * <p>{@link #leaseNext} selects the oldest eligible row and updates it in the same transaction. On
 * PostgreSQL the select ends in {@code FOR UPDATE OF t SKIP LOCKED}: a row another coordinator is
 * leasing right now is skipped rather than waited for, so coordinators never block each other on
 * the queue and never take the same row (the pattern of PostgreSQL-backed job queues; see the
 * PostgreSQL manual, "The Locking Clause"). The distinct-provider rule is checked in the select and
 * held by the partial unique index {@code tasks_one_replica_per_node}: when two coordinators lease
 * two replicas of one job to one node at the same moment, the second update violates the index; it
 * is rolled back to a savepoint and the select runs again, now seeing the first lease.
 *
 * <p>Every other change is a guarded {@code UPDATE ... WHERE state = ? AND lease_id = ?}, which
 * PostgreSQL re-checks against the latest committed row after any wait, so exactly one of two
 * racing updates applies.
 */
final class JdbcTaskStore implements TaskStore {
  static final String COLUMNS =
      "t.seq, t.task_id, t.job_id, t.kind, t.replica, t.parent_task_id, t.state, t.holder,"
          + " t.lease_id, t.lease_deadline, t.attempts, t.created_at, t.updated_at, t.secret,"
          + " t.commitment, t.randomness, t.challenge, t.response, t.work, t.report,"
          + " t.check_result, t.verdict";

  /** What a lease that ends (release, expiry, re-lease) forgets: the provider's session. */
  private static final String CLEAR_SESSION =
      "secret = NULL, commitment = NULL, randomness = NULL, challenge = NULL, response = NULL,"
          + " report = NULL";

  private static final int LEASE_RACE_RETRIES = 5;

  private final JdbcTx tx;

  JdbcTaskStore(JdbcTx tx) {
    this.tx = tx;
  }

  static void insertTask(
      JdbcTx tx,
      String taskId,
      String jobId,
      TaskKind kind,
      int replica,
      @Nullable String parentTaskId,
      @Nullable Bytes work,
      Instant at)
      throws SQLException {
    TxRowCache rows = tx.rows();
    if (rows != null) {
      rows.taskInserted(jobId);
    }
    tx.sql()
        .update(
            "INSERT INTO tasks (task_id, job_id, kind, replica, parent_task_id, state, attempts,"
                + " created_at, updated_at, work) VALUES (?, ?, ?, ?, ?, ?, 0, ?, ?, ?)",
            taskId,
            jobId,
            kind,
            replica,
            Sql.nullable(parentTaskId),
            TaskState.PENDING,
            at,
            at,
            Sql.nullable(work));
  }

  @Override
  public Optional<TaskRecord> leaseNext(
      NodeId node, Set<TaskKind> kinds, Instant now, Instant deadline) {
    if (kinds.isEmpty()) {
      throw new IllegalArgumentException("lease at least one kind of task");
    }
    if (!deadline.isAfter(now)) {
      throw new IllegalArgumentException("a lease deadline is after now");
    }
    StringBuilder kindList = new StringBuilder();
    List<Object> eligible = new ArrayList<>();
    for (TaskKind k : kinds) {
      kindList.append(kindList.isEmpty() ? "?" : ", ?");
      eligible.add(k);
    }
    eligible.add(node);
    eligible.add(node);
    eligible.add(node);
    // Two selects, each the oldest of its kind, rather than one with "PENDING or lapsed": with the
    // OR, SQLite gathered and sorted every pending task on each lease (the queue's whole length);
    // now the pending one walks tasks_state in seq order and stops at the first it may take, the
    // lapsed one reads tasks_lease_deadline (usually nothing). The older of the two is leased.
    String rest =
        " AND t.kind IN ("
            + kindList
            + ") AND j.status IN ('OPEN', 'DISPUTED')"
            + " AND j.requester <> ?"
            + " AND NOT (t.kind = 'EXECUTE' AND EXISTS (SELECT 1 FROM tasks o"
            + "   WHERE o.job_id = t.job_id AND o.kind = 'EXECUTE' AND o.holder = ?"
            + "   AND o.task_id <> t.task_id))"
            + " AND NOT (t.kind = 'VALIDATE' AND EXISTS (SELECT 1 FROM tasks o"
            + "   WHERE o.job_id = t.job_id AND o.kind = 'EXECUTE' AND o.holder = ?))"
            + " ORDER BY t.seq LIMIT 1"
            + tx.dialect.skipLocked;
    String head =
        "SELECT t.seq AS seq, t.task_id AS task_id FROM tasks t JOIN jobs j ON j.job_id = t.job_id";
    String pending = head + " WHERE t.state = 'PENDING'" + rest;
    String lapsed =
        head + " WHERE t.state IN ('LEASED', 'COMMITTED') AND t.lease_deadline <= ?" + rest;
    List<Object> lapsedParams = new ArrayList<>();
    lapsedParams.add(now);
    lapsedParams.addAll(eligible);
    String leaseId = tx.newLeaseId();
    try {
      for (int attempt = 0; ; attempt++) {
        Optional<Candidate> first =
            tx.sql().one(pending, JdbcTaskStore::candidate, eligible.toArray());
        Optional<Candidate> second =
            tx.sql().one(lapsed, JdbcTaskStore::candidate, lapsedParams.toArray());
        Optional<String> taskId =
            first.isEmpty()
                ? second.map(Candidate::taskId)
                : second.isEmpty() || first.get().seq() < second.get().seq()
                    ? first.map(Candidate::taskId)
                    : second.map(Candidate::taskId);
        if (taskId.isEmpty()) {
          return Optional.empty();
        }
        Savepoint sp = tx.savepoint();
        try {
          tx.sql()
              .update(
                  "UPDATE tasks SET state = 'LEASED', holder = ?, lease_id = ?, lease_deadline = ?,"
                      + " attempts = attempts + 1, updated_at = ?, "
                      + CLEAR_SESSION
                      + " WHERE task_id = ?",
                  node,
                  leaseId,
                  deadline,
                  now,
                  taskId.get());
          tx.release(sp);
          TxRowCache rows = tx.rows();
          if (rows != null) {
            rows.updateTask(taskId.get(), t -> leased(t, node, leaseId, deadline, now));
          }
        } catch (SQLException e) {
          if (sp != null && tx.dialect.isUniqueViolation(e) && attempt < LEASE_RACE_RETRIES) {
            // Another coordinator leased a replica of the same job to this node and committed
            // first: the select now excludes that job.
            tx.rollbackTo(sp);
            continue;
          }
          throw e;
        }
        return find(taskId.get());
      }
    } catch (SQLException e) {
      throw JdbcTx.failure("leasing a task to node " + node.shortForm(), e);
    }
  }

  /** {@code t} as the lease update leaves it. */
  private static TaskRecord leased(
      TaskRecord t, NodeId node, String leaseId, Instant deadline, Instant now) {
    return new TaskRecord(
        t.taskId(),
        t.jobId(),
        t.kind(),
        t.replica(),
        t.parentTaskId(),
        TaskState.LEASED,
        node,
        leaseId,
        deadline,
        t.attempts() + 1,
        t.createdAt(),
        now,
        withoutSession(t.artifacts()));
  }

  /** {@code a} without what {@link #CLEAR_SESSION} clears. */
  private static TaskArtifacts withoutSession(TaskArtifacts a) {
    return new TaskArtifacts(null, null, null, null, null, a.work(), null, a.check(), a.verdict());
  }

  /** A task the lease queue may hand out: its position and id. */
  private record Candidate(long seq, String taskId) {}

  private static Candidate candidate(Sql.Row r) throws SQLException {
    return new Candidate(r.longValue("seq"), r.text("task_id"));
  }

  @Override
  public boolean advance(
      String taskId,
      TaskState expected,
      @Nullable String leaseId,
      TaskState next,
      TaskArtifacts set,
      Instant at) {
    if (next == TaskState.PENDING || next == TaskState.LEASED) {
      throw new IllegalArgumentException(
          "a task enters " + next + " only through leaseNext, release or lease expiry");
    }
    if (expected.isTerminal()) {
      throw new IllegalArgumentException("a " + expected + " task never changes");
    }
    if (expected.isLeased() && leaseId == null) {
      throw new IllegalArgumentException("moving a " + expected + " task needs its lease id");
    }
    StringBuilder q = new StringBuilder("UPDATE tasks SET state = ?, updated_at = ?");
    List<Object> params = new ArrayList<>();
    params.add(next);
    params.add(at);
    setColumn(q, params, "secret", set.secret());
    setColumn(q, params, "commitment", set.commitment());
    setColumn(q, params, "randomness", set.randomness());
    setColumn(q, params, "challenge", set.challenge());
    setColumn(q, params, "response", set.response());
    setColumn(q, params, "work", set.work());
    setColumn(q, params, "report", set.report());
    setColumn(q, params, "check_result", set.check());
    setColumn(q, params, "verdict", set.verdict());
    q.append(" WHERE task_id = ? AND state = ?");
    params.add(taskId);
    params.add(expected);
    if (leaseId != null) {
      q.append(" AND lease_id = ?");
      params.add(leaseId);
    }
    if (expected.isLeased()) {
      q.append(" AND lease_deadline > ?");
      params.add(at);
    }
    try {
      boolean updated = tx.sql().update(q.toString(), params.toArray()) == 1;
      return cached(
          updated,
          taskId,
          t ->
              changed(
                  t,
                  next,
                  t.holder(),
                  t.leaseId(),
                  t.leaseDeadline(),
                  at,
                  t.artifacts().merge(set)));
    } catch (SQLException e) {
      throw JdbcTx.failure("updating task " + taskId, e);
    }
  }

  private static void setColumn(
      StringBuilder q, List<Object> params, String column, @Nullable Bytes value) {
    if (value != null) {
      q.append(", ").append(column).append(" = ?");
      params.add(value);
    }
  }

  @Override
  public boolean extendLease(String taskId, String leaseId, Instant now, Instant deadline) {
    if (!deadline.isAfter(now)) {
      throw new IllegalArgumentException("a lease deadline is after now");
    }
    try {
      boolean updated =
          tx.sql()
                  .update(
                      "UPDATE tasks SET lease_deadline = ?, updated_at = ? WHERE task_id = ?"
                          + " AND lease_id = ? AND state IN ('LEASED', 'COMMITTED')"
                          + " AND lease_deadline > ?",
                      deadline,
                      now,
                      taskId,
                      leaseId,
                      now)
              == 1;
      return cached(
          updated,
          taskId,
          t -> changed(t, t.state(), t.holder(), t.leaseId(), deadline, now, t.artifacts()));
    } catch (SQLException e) {
      throw JdbcTx.failure("extending the lease of task " + taskId, e);
    }
  }

  @Override
  public boolean release(String taskId, String leaseId, Instant at) {
    try {
      return returnToPending(taskId, leaseId, at);
    } catch (SQLException e) {
      throw JdbcTx.failure("releasing task " + taskId, e);
    }
  }

  /**
   * After an update of task {@code taskId} that matched {@code updated} rows: applies {@code
   * change} to the transaction's cached row, if any (SQLite, {@link TxRowCache}).
   */
  private boolean cached(boolean updated, String taskId, UnaryOperator<TaskRecord> change) {
    TxRowCache rows = tx.rows();
    if (updated && rows != null) {
      rows.updateTask(taskId, change);
    }
    return updated;
  }

  private boolean returnToPending(String taskId, String leaseId, Instant at) throws SQLException {
    boolean updated =
        tx.sql()
                .update(
                    "UPDATE tasks SET state = 'PENDING', holder = NULL, lease_id = NULL,"
                        + " lease_deadline = NULL, updated_at = ?, "
                        + CLEAR_SESSION
                        + " WHERE task_id = ? AND lease_id = ? AND state IN ('LEASED', 'COMMITTED')",
                    at,
                    taskId,
                    leaseId)
            == 1;
    return cached(
        updated,
        taskId,
        t -> changed(t, TaskState.PENDING, null, null, null, at, withoutSession(t.artifacts())));
  }

  @Override
  public List<TaskRecord> expireLeases(Instant now) {
    try {
      List<TaskRecord> lapsed =
          tx.sql()
              .list(
                  "SELECT "
                      + COLUMNS
                      + " FROM tasks t WHERE t.state IN ('LEASED', 'COMMITTED')"
                      + " AND t.lease_deadline <= ? ORDER BY t.seq"
                      + tx.dialect.skipLocked,
                  JdbcTaskStore::map,
                  now);
      List<TaskRecord> expired = new ArrayList<>();
      for (TaskRecord t : lapsed) {
        if (t.leaseId() != null && returnToPending(t.taskId(), t.leaseId(), now)) {
          expired.add(t);
        }
      }
      return expired;
    } catch (SQLException e) {
      throw JdbcTx.failure("expiring leases", e);
    }
  }

  @Override
  public Optional<TaskRecord> find(String taskId) {
    TxRowCache rows = tx.rows();
    Optional<TaskRecord> cached = rows == null ? Optional.empty() : rows.task(taskId);
    if (cached.isPresent()) {
      tx.sql();
      return cached;
    }
    try {
      Optional<TaskRecord> found =
          tx.sql()
              .one(
                  "SELECT " + COLUMNS + " FROM tasks t WHERE t.task_id = ?",
                  JdbcTaskStore::map,
                  taskId);
      if (rows != null) {
        found.ifPresent(rows::putTask);
      }
      return found;
    } catch (SQLException e) {
      throw JdbcTx.failure("reading task " + taskId, e);
    }
  }

  @Override
  public List<TaskRecord> ofJob(String jobId) {
    TxRowCache rows = tx.rows();
    Optional<List<TaskRecord>> cached = rows == null ? Optional.empty() : rows.tasksOfJob(jobId);
    if (cached.isPresent()) {
      tx.sql();
      return cached.get();
    }
    try {
      List<TaskRecord> found =
          tx.sql()
              .list(
                  "SELECT "
                      + COLUMNS
                      + " FROM tasks t WHERE t.job_id = ? ORDER BY"
                      + " CASE WHEN t.kind = 'EXECUTE' THEN 0 ELSE 1 END,"
                      + " CASE WHEN t.kind = 'EXECUTE' THEN t.replica ELSE t.seq END",
                  JdbcTaskStore::map,
                  jobId);
      if (rows != null) {
        rows.putTasksOfJob(jobId, found);
      }
      return found;
    } catch (SQLException e) {
      throw JdbcTx.failure("reading the tasks of job " + jobId, e);
    }
  }

  @Override
  public List<TaskRecord> heldBy(NodeId node, Instant now) {
    try {
      return tx.sql()
          .list(
              "SELECT "
                  + COLUMNS
                  + " FROM tasks t WHERE t.holder = ? AND t.state IN ('LEASED', 'COMMITTED')"
                  + " AND t.lease_deadline > ? ORDER BY t.seq",
              JdbcTaskStore::map,
              node,
              now);
    } catch (SQLException e) {
      throw JdbcTx.failure("reading the tasks of node " + node.shortForm(), e);
    }
  }

  @Override
  public List<TaskRecord> addReplicas(String jobId, int count, Instant at) {
    if (count < 1) {
      throw new IllegalArgumentException("add at least one replica, got " + count);
    }
    JobRecord job =
        ((JdbcJobStore) tx.jobs())
            .select(jobId, tx.dialect.forUpdate)
            .orElseThrow(() -> new IllegalArgumentException("no job " + jobId));
    if (job.status().isTerminal()) {
      throw new IllegalArgumentException("job " + jobId + " is " + job.status());
    }
    if (job.replicas() + count > JobStore.MAX_REPLICAS) {
      throw new IllegalArgumentException(
          "job "
              + jobId
              + " would have "
              + (job.replicas() + count)
              + " replicas, more than "
              + JobStore.MAX_REPLICAS);
    }
    try {
      List<TaskRecord> added = new ArrayList<>();
      for (int r = job.replicas(); r < job.replicas() + count; r++) {
        String taskId = RecordIds.executeTask(jobId, r);
        insertTask(tx, taskId, jobId, TaskKind.EXECUTE, r, null, null, at);
        added.add(find(taskId).orElseThrow());
      }
      tx.sql()
          .update("UPDATE jobs SET replicas = ? WHERE job_id = ?", job.replicas() + count, jobId);
      TxRowCache rows = tx.rows();
      if (rows != null) {
        rows.forgetJob(jobId);
      }
      return added;
    } catch (SQLException e) {
      throw JdbcTx.failure("adding replicas to job " + jobId, e);
    }
  }

  @Override
  public TaskRecord addValidation(String parentTaskId, Bytes work, Instant at) {
    try {
      TaskRecord parent =
          tx.sql()
              .one(
                  "SELECT " + COLUMNS + " FROM tasks t WHERE t.task_id = ?" + tx.dialect.forUpdate,
                  JdbcTaskStore::map,
                  parentTaskId)
              .orElseThrow(() -> new IllegalArgumentException("no task " + parentTaskId));
      if (parent.kind() != TaskKind.EXECUTE) {
        throw new IllegalArgumentException(
            "task " + parentTaskId + " is a VALIDATE task; validations serve EXECUTE tasks");
      }
      int index =
          Math.toIntExact(
              tx.sql()
                  .scalar(
                      "SELECT COUNT(*) FROM tasks WHERE parent_task_id = ? AND kind = 'VALIDATE'",
                      parentTaskId));
      String taskId = RecordIds.validateTask(parentTaskId, index);
      insertTask(tx, taskId, parent.jobId(), TaskKind.VALIDATE, index, parentTaskId, work, at);
      return find(taskId).orElseThrow();
    } catch (SQLException e) {
      throw JdbcTx.failure("adding a validation to task " + parentTaskId, e);
    }
  }

  @Override
  public Map<TaskState, Long> countByState() {
    Map<TaskState, Long> counts = new EnumMap<>(TaskState.class);
    for (TaskState s : TaskState.values()) {
      counts.put(s, 0L);
    }
    try {
      for (var c :
          tx.sql()
              .list(
                  "SELECT state, COUNT(*) AS n FROM tasks GROUP BY state",
                  r -> Map.entry(r.enumValue("state", TaskState.class), r.longValue("n")))) {
        counts.put(c.getKey(), c.getValue());
      }
    } catch (SQLException e) {
      throw JdbcTx.failure("counting tasks", e);
    }
    return counts;
  }

  /**
   * {@code t} as an update leaves it: the same identity, attempts and creation time, the given
   * state, lease, update time and artifacts (for the transaction's row cache, which must hold what
   * the UPDATE wrote).
   */
  private static TaskRecord changed(
      TaskRecord t,
      TaskState state,
      @Nullable NodeId holder,
      @Nullable String leaseId,
      @Nullable Instant leaseDeadline,
      Instant updatedAt,
      TaskArtifacts artifacts) {
    return new TaskRecord(
        t.taskId(),
        t.jobId(),
        t.kind(),
        t.replica(),
        t.parentTaskId(),
        state,
        holder,
        leaseId,
        leaseDeadline,
        t.attempts(),
        t.createdAt(),
        updatedAt,
        artifacts);
  }

  static TaskRecord map(Sql.Row r) throws SQLException {
    return new TaskRecord(
        r.text("task_id"),
        r.text("job_id"),
        r.enumValue("kind", TaskKind.class),
        r.intValue("replica"),
        r.textOrNull("parent_task_id"),
        r.enumValue("state", TaskState.class),
        r.nodeIdOrNull("holder"),
        r.textOrNull("lease_id"),
        r.instantOrNull("lease_deadline"),
        r.intValue("attempts"),
        r.instant("created_at"),
        r.instant("updated_at"),
        new TaskArtifacts(
            r.bytesOrNull("secret"),
            r.bytesOrNull("commitment"),
            r.bytesOrNull("randomness"),
            r.bytesOrNull("challenge"),
            r.bytesOrNull("response"),
            r.bytesOrNull("work"),
            r.bytesOrNull("report"),
            r.bytesOrNull("check_result"),
            r.bytesOrNull("verdict")));
  }
}
