package dev.proofofcompute.storage.jdbc;

import dev.proofofcompute.crypto.Bytes;
import dev.proofofcompute.protocol.SchemeProtocol.DisputeAnswer;
import dev.proofofcompute.storage.DisputeRecord;
import dev.proofofcompute.storage.DisputeState;
import dev.proofofcompute.storage.DisputeStore;
import dev.proofofcompute.storage.PendingRequest;
import dev.proofofcompute.storage.RecordIds;
import dev.proofofcompute.storage.TaskKind;
import dev.proofofcompute.storage.TaskRecord;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * {@link DisputeStore} over {@code disputes} (one row per dispute, with the pending question and
 * the number of answers) and {@code dispute_answers} (the answers in order). Changes read the
 * dispute row with a row lock, check the caller's expectations, then write: the lock makes the
 * check and the write one step for concurrent coordinators.
 */
final class JdbcDisputeStore implements DisputeStore {
  private static final String COLUMNS =
      "dispute_id, job_id, task_a, task_b, state, pending_task_id, pending_request,"
          + " pending_deadline, answer_count, outcome, opened_at, closed_at";

  private final JdbcTx tx;

  JdbcDisputeStore(JdbcTx tx) {
    this.tx = tx;
  }

  /** The dispute row without its answers. */
  private record Row(DisputeRecord head, int answerCount) {}

  @Override
  public DisputeRecord open(String jobId, String taskA, String taskB, Instant at) {
    if (taskA.equals(taskB)) {
      throw new IllegalArgumentException("a dispute is between two different tasks");
    }
    requireExecuteTask(jobId, taskA);
    requireExecuteTask(jobId, taskB);
    String id = RecordIds.dispute(jobId, taskA, taskB);
    try {
      tx.sql()
          .update(
              "INSERT INTO disputes (dispute_id, job_id, task_a, task_b, state, answer_count,"
                  + " opened_at) VALUES (?, ?, ?, ?, ?, 0, ?) ON CONFLICT DO NOTHING",
              id,
              jobId,
              taskA,
              taskB,
              DisputeState.OPEN,
              at);
    } catch (SQLException e) {
      throw JdbcTx.failure("opening a dispute in job " + jobId, e);
    }
    return find(id).orElseThrow();
  }

  private void requireExecuteTask(String jobId, String taskId) {
    Optional<TaskRecord> t = tx.tasks().find(taskId);
    if (t.isEmpty() || !t.get().jobId().equals(jobId) || t.get().kind() != TaskKind.EXECUTE) {
      throw new IllegalArgumentException(
          "task " + taskId + " is not an EXECUTE task of job " + jobId);
    }
  }

  @Override
  public Optional<DisputeRecord> find(String disputeId) {
    return select(disputeId, "").map(r -> withAnswers(r.head()));
  }

  @Override
  public List<DisputeRecord> ofJob(String jobId) {
    try {
      List<DisputeRecord> out = new ArrayList<>();
      for (Row r :
          tx.sql()
              .list(
                  "SELECT " + COLUMNS + " FROM disputes WHERE job_id = ? ORDER BY seq",
                  JdbcDisputeStore::map,
                  jobId)) {
        out.add(withAnswers(r.head()));
      }
      return out;
    } catch (SQLException e) {
      throw JdbcTx.failure("reading the disputes of job " + jobId, e);
    }
  }

  @Override
  public boolean ask(
      String disputeId, int expectedAnswers, String taskId, Bytes request, Instant deadline) {
    Optional<Row> row = select(disputeId, tx.dialect.forUpdate);
    if (row.isEmpty()) {
      return false;
    }
    DisputeRecord d = row.get().head();
    if (!taskId.equals(d.taskA()) && !taskId.equals(d.taskB())) {
      throw new IllegalArgumentException(
          "task " + taskId + " is not a party to dispute " + disputeId);
    }
    if (d.state() != DisputeState.OPEN
        || d.pending() != null
        || row.get().answerCount() != expectedAnswers) {
      return false;
    }
    try {
      return tx.sql()
              .update(
                  "UPDATE disputes SET pending_task_id = ?, pending_request = ?,"
                      + " pending_deadline = ? WHERE dispute_id = ?",
                  taskId,
                  request,
                  deadline,
                  disputeId)
          == 1;
    } catch (SQLException e) {
      throw JdbcTx.failure("asking in dispute " + disputeId, e);
    }
  }

  @Override
  public boolean answer(
      String disputeId, int expectedAnswers, String taskId, Bytes answer, Instant at) {
    Optional<Row> row = select(disputeId, tx.dialect.forUpdate);
    if (row.isEmpty()) {
      return false;
    }
    DisputeRecord d = row.get().head();
    PendingRequest pending = d.pending();
    if (d.state() != DisputeState.OPEN
        || pending == null
        || !pending.taskId().equals(taskId)
        || row.get().answerCount() != expectedAnswers) {
      return false;
    }
    try {
      tx.sql()
          .update(
              "INSERT INTO dispute_answers (dispute_id, idx, task_id, request, answer,"
                  + " answered_at) VALUES (?, ?, ?, ?, ?, ?)",
              disputeId,
              expectedAnswers,
              taskId,
              pending.request(),
              answer,
              at);
      tx.sql()
          .update(
              "UPDATE disputes SET answer_count = answer_count + 1, pending_task_id = NULL,"
                  + " pending_request = NULL, pending_deadline = NULL WHERE dispute_id = ?",
              disputeId);
      return true;
    } catch (SQLException e) {
      throw JdbcTx.failure("answering in dispute " + disputeId, e);
    }
  }

  @Override
  public boolean resolve(String disputeId, Bytes outcome, Instant at) {
    try {
      return tx.sql()
              .update(
                  "UPDATE disputes SET state = ?, outcome = ?, closed_at = ?,"
                      + " pending_task_id = NULL, pending_request = NULL, pending_deadline = NULL"
                      + " WHERE dispute_id = ? AND state = ?",
                  DisputeState.RESOLVED,
                  outcome,
                  at,
                  disputeId,
                  DisputeState.OPEN)
          == 1;
    } catch (SQLException e) {
      throw JdbcTx.failure("resolving dispute " + disputeId, e);
    }
  }

  @Override
  public List<DisputeRecord> overdue(Instant now) {
    try {
      List<DisputeRecord> out = new ArrayList<>();
      for (Row r :
          tx.sql()
              .list(
                  "SELECT "
                      + COLUMNS
                      + " FROM disputes WHERE state = ? AND pending_deadline IS NOT NULL"
                      + " AND pending_deadline <= ? ORDER BY seq",
                  JdbcDisputeStore::map,
                  DisputeState.OPEN,
                  now)) {
        out.add(withAnswers(r.head()));
      }
      return out;
    } catch (SQLException e) {
      throw JdbcTx.failure("reading overdue disputes", e);
    }
  }

  private Optional<Row> select(String disputeId, String suffix) {
    try {
      return tx.sql()
          .one(
              "SELECT " + COLUMNS + " FROM disputes WHERE dispute_id = ?" + suffix,
              JdbcDisputeStore::map,
              disputeId);
    } catch (SQLException e) {
      throw JdbcTx.failure("reading dispute " + disputeId, e);
    }
  }

  private DisputeRecord withAnswers(DisputeRecord d) {
    try {
      List<DisputeAnswer> answers =
          tx.sql()
              .list(
                  "SELECT task_id, request, answer FROM dispute_answers WHERE dispute_id = ?"
                      + " ORDER BY idx",
                  r -> new DisputeAnswer(r.text("task_id"), r.bytes("request"), r.bytes("answer")),
                  d.disputeId());
      return new DisputeRecord(
          d.disputeId(),
          d.jobId(),
          d.taskA(),
          d.taskB(),
          d.state(),
          d.pending(),
          answers,
          d.outcome(),
          d.openedAt(),
          d.closedAt());
    } catch (SQLException e) {
      throw JdbcTx.failure("reading the answers of dispute " + d.disputeId(), e);
    }
  }

  private static Row map(Sql.Row r) throws SQLException {
    String pendingTask = r.textOrNull("pending_task_id");
    PendingRequest pending =
        pendingTask == null
            ? null
            : new PendingRequest(
                pendingTask, r.bytes("pending_request"), r.instant("pending_deadline"));
    DisputeRecord head =
        new DisputeRecord(
            r.text("dispute_id"),
            r.text("job_id"),
            r.text("task_a"),
            r.text("task_b"),
            r.enumValue("state", DisputeState.class),
            pending,
            List.of(),
            r.bytesOrNull("outcome"),
            r.instant("opened_at"),
            r.instantOrNull("closed_at"));
    return new Row(head, r.intValue("answer_count"));
  }
}
