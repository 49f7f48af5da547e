package dev.proofofcompute.storage.jdbc;

import dev.proofofcompute.crypto.identity.NodeId;
import dev.proofofcompute.storage.JobRecord;
import dev.proofofcompute.storage.NodeRecord;
import dev.proofofcompute.storage.TaskRecord;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.UnaryOperator;

/**
 * The node, job and task rows one SQLite transaction has read or written, so that reading them
 * again costs no statement: a batched request of 64 operations by one provider read that provider's
 * node row 64 times, and each operation read its task and its job three to five times
 * (docs/benchmarks.md, "Batched requests").
 *
 * <p>Why this is exact: a SQLite transaction here begins with {@code BEGIN IMMEDIATE} and holds the
 * database's only write lock until it ends, so no other connection or process changes a row between
 * two reads inside it; the only writer is this transaction, and every write it makes to a cached
 * table goes through a store that tells this cache first — either the row as the write leaves it
 * ({@link #putTask} after an update whose effect is known column by column), or that the row is
 * unknown now ({@link #forgetTask}). A write that fails leaves the cache as it was only when the
 * store forgot the row before writing. The cache lives and dies with its {@link JdbcTx}: a
 * transaction that rolls back or runs again starts with an empty one. SQLite here takes no
 * savepoints inside a transaction ({@code Connections#savepoints}), so no partial rollback can undo
 * a write the cache has seen.
 *
 * <p>On PostgreSQL (READ COMMITTED) another transaction may commit between two reads of one
 * transaction, and the services rely on seeing that commit after a locking read (a job's lock, then
 * its tasks); there {@link JdbcTx#rows()} is null and every read goes to the database.
 *
 * <p>Absence is never cached (a row that is not there is read again), and the records are
 * immutable, so a cached record handed out twice cannot be changed by either holder.
 */
final class TxRowCache {
  private final Map<NodeId, NodeRecord> nodes = new HashMap<>();
  private final Map<String, JobRecord> jobs = new HashMap<>();
  private final Map<String, TaskRecord> tasks = new HashMap<>();

  /** Every task of a job in {@code TaskStore.ofJob} order, when the whole list is known. */
  private final Map<String, List<TaskRecord>> jobTasks = new HashMap<>();

  Optional<NodeRecord> node(NodeId id) {
    return Optional.ofNullable(nodes.get(id));
  }

  void putNode(NodeRecord node) {
    nodes.put(node.id(), node);
  }

  void forgetNode(NodeId id) {
    nodes.remove(id);
  }

  Optional<JobRecord> job(String jobId) {
    return Optional.ofNullable(jobs.get(jobId));
  }

  void putJob(JobRecord job) {
    jobs.put(job.jobId(), job);
  }

  void forgetJob(String jobId) {
    jobs.remove(jobId);
  }

  Optional<TaskRecord> task(String taskId) {
    return Optional.ofNullable(tasks.get(taskId));
  }

  /** The task's row as a successful write left it; also in its job's list, if that is known. */
  void putTask(TaskRecord task) {
    tasks.put(task.taskId(), task);
    List<TaskRecord> list = jobTasks.get(task.jobId());
    if (list == null) {
      return;
    }
    for (int i = 0; i < list.size(); i++) {
      if (list.get(i).taskId().equals(task.taskId())) {
        list.set(i, task);
        return;
      }
    }
    // Not in the list the job had: the list is not the job's whole list any more.
    jobTasks.remove(task.jobId());
  }

  /**
   * Applies {@code change} to the cached row of {@code taskId} (a write whose effect on each column
   * is known); forgets the row when it is not cached.
   */
  void updateTask(String taskId, UnaryOperator<TaskRecord> change) {
    TaskRecord cached = tasks.get(taskId);
    if (cached == null) {
      forgetTask(taskId);
    } else {
      putTask(change.apply(cached));
    }
  }

  /**
   * Forgets the row of {@code taskId} and every job's list (the task's job may not be known here).
   */
  void forgetTask(String taskId) {
    tasks.remove(taskId);
    jobTasks.clear();
  }

  /** A task row was inserted into {@code jobId}: its list is no longer whole. */
  void taskInserted(String jobId) {
    jobTasks.remove(jobId);
  }

  Optional<List<TaskRecord>> tasksOfJob(String jobId) {
    List<TaskRecord> list = jobTasks.get(jobId);
    return list == null ? Optional.empty() : Optional.of(List.copyOf(list));
  }

  /** The whole list of {@code jobId}'s tasks as just read; each row is cached too. */
  void putTasksOfJob(String jobId, List<TaskRecord> list) {
    for (TaskRecord t : list) {
      tasks.put(t.taskId(), t);
    }
    jobTasks.put(jobId, new ArrayList<>(list));
  }
}
