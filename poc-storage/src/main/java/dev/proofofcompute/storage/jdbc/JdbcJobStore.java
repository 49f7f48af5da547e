package dev.proofofcompute.storage.jdbc;

import dev.proofofcompute.core.workload.WorkloadId;
import dev.proofofcompute.crypto.Bytes;
import dev.proofofcompute.crypto.Digest;
import dev.proofofcompute.crypto.identity.NodeId;
import dev.proofofcompute.storage.DuplicateException;
import dev.proofofcompute.storage.JobInsert;
import dev.proofofcompute.storage.JobQuery;
import dev.proofofcompute.storage.JobRecord;
import dev.proofofcompute.storage.JobStatus;
import dev.proofofcompute.storage.JobStore;
import dev.proofofcompute.storage.NewJob;
import dev.proofofcompute.storage.RecordIds;
import dev.proofofcompute.storage.TaskKind;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.jspecify.annotations.Nullable;

/**
 * {@link JobStore} over the {@code jobs} table. The unique key (requester, idempotency key) makes a
 * repeated submission find the first one, also when two coordinators receive it at once.
 */
final class JdbcJobStore implements JobStore {
  static final String COLUMNS =
      "seq, job_id, requester, idempotency_key, workload_name, workload_version,"
          + " workload_digest, input, scheme, parameters, terms, replicas, status, result, summary,"
          + " created_at, decided_at";

  private final JdbcTx tx;

  JdbcJobStore(JdbcTx tx) {
    this.tx = tx;
  }

  @Override
  public JobInsert insert(NewJob job) {
    try {
      Sql sql = tx.sql();
      int n =
          sql.update(
              "INSERT INTO jobs (job_id, requester, idempotency_key, workload_name,"
                  + " workload_version, workload_digest, input, scheme, parameters, terms,"
                  + " replicas, status, summary, created_at)"
                  + " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?) ON CONFLICT DO NOTHING",
              job.jobId(),
              job.requester(),
              job.idempotencyKey(),
              job.workload().name(),
              job.workload().version(),
              job.workload().digest().toHex(),
              job.input(),
              job.scheme(),
              job.parameters(),
              job.terms(),
              job.replicas(),
              JobStatus.OPEN,
              job.summary(),
              job.createdAt());
      if (n == 1) {
        for (int r = 0; r < job.replicas(); r++) {
          JdbcTaskStore.insertTask(
              tx,
              RecordIds.executeTask(job.jobId(), r),
              job.jobId(),
              TaskKind.EXECUTE,
              r,
              null,
              null,
              job.createdAt());
        }
        return new JobInsert(select(job.jobId(), "").orElseThrow(), true);
      }
      Optional<JobRecord> existing = findByIdempotencyKey(job.requester(), job.idempotencyKey());
      if (existing.isPresent()) {
        return new JobInsert(existing.get(), false);
      }
      throw new DuplicateException("job id " + job.jobId() + " is taken by another job");
    } catch (SQLException e) {
      throw JdbcTx.failure("inserting job " + job.jobId(), e);
    }
  }

  @Override
  public Optional<JobRecord> find(String jobId) {
    return select(jobId, "");
  }

  @Override
  public Optional<JobRecord> lock(String jobId) {
    return select(jobId, tx.dialect.forUpdate);
  }

  Optional<JobRecord> select(String jobId, String suffix) {
    TxRowCache rows = tx.rows();
    Optional<JobRecord> cached = rows == null ? Optional.empty() : rows.job(jobId);
    if (cached.isPresent()) {
      tx.sql();
      return cached;
    }
    try {
      Optional<JobRecord> found =
          tx.sql()
              .one(
                  "SELECT " + COLUMNS + " FROM jobs WHERE job_id = ?" + suffix,
                  JdbcJobStore::map,
                  jobId);
      if (rows != null) {
        found.ifPresent(rows::putJob);
      }
      return found;
    } catch (SQLException e) {
      throw JdbcTx.failure("reading job " + jobId, e);
    }
  }

  @Override
  public Optional<JobRecord> findByIdempotencyKey(NodeId requester, String idempotencyKey) {
    try {
      return tx.sql()
          .one(
              "SELECT " + COLUMNS + " FROM jobs WHERE requester = ? AND idempotency_key = ?",
              JdbcJobStore::map,
              requester,
              idempotencyKey);
    } catch (SQLException e) {
      throw JdbcTx.failure("reading a job by idempotency key", e);
    }
  }

  @Override
  public boolean updateStatus(
      String jobId,
      JobStatus expected,
      JobStatus next,
      @Nullable Bytes result,
      @Nullable String summary,
      Instant at) {
    if (expected.isTerminal()) {
      throw new IllegalArgumentException("a " + expected + " job never changes");
    }
    StringBuilder q = new StringBuilder("UPDATE jobs SET status = ?");
    List<Object> params = new ArrayList<>();
    params.add(next);
    if (result != null) {
      q.append(", result = ?");
      params.add(result);
    }
    if (summary != null) {
      q.append(", summary = ?");
      params.add(summary);
    }
    if (next.isTerminal()) {
      q.append(", decided_at = ?");
      params.add(at);
    }
    q.append(" WHERE job_id = ? AND status = ?");
    params.add(jobId);
    params.add(expected);
    try {
      boolean updated = tx.sql().update(q.toString(), params.toArray()) == 1;
      TxRowCache rows = tx.rows();
      if (updated && rows != null) {
        rows.forgetJob(jobId);
      }
      return updated;
    } catch (SQLException e) {
      throw JdbcTx.failure("updating job " + jobId, e);
    }
  }

  @Override
  public List<JobRecord> list(JobQuery query) {
    StringBuilder q = new StringBuilder("SELECT " + COLUMNS + " FROM jobs WHERE seq > ?");
    List<Object> params = new ArrayList<>();
    params.add(query.afterSeq());
    if (query.status() != null) {
      q.append(" AND status = ?");
      params.add(query.status());
    }
    if (query.requester() != null) {
      q.append(" AND requester = ?");
      params.add(query.requester());
    }
    q.append(" ORDER BY seq LIMIT ?");
    params.add(query.limit());
    try {
      return tx.sql().list(q.toString(), JdbcJobStore::map, params.toArray());
    } catch (SQLException e) {
      throw JdbcTx.failure("listing jobs", e);
    }
  }

  @Override
  public Map<JobStatus, Long> countByStatus() {
    Map<JobStatus, Long> counts = new EnumMap<>(JobStatus.class);
    for (JobStatus s : JobStatus.values()) {
      counts.put(s, 0L);
    }
    try {
      for (var c :
          tx.sql()
              .list(
                  "SELECT status, COUNT(*) AS n FROM jobs GROUP BY status",
                  r -> Map.entry(r.enumValue("status", JobStatus.class), r.longValue("n")))) {
        counts.put(c.getKey(), c.getValue());
      }
    } catch (SQLException e) {
      throw JdbcTx.failure("counting jobs", e);
    }
    return counts;
  }

  static JobRecord map(Sql.Row r) throws SQLException {
    return new JobRecord(
        r.longValue("seq"),
        r.text("job_id"),
        r.nodeId("requester"),
        r.text("idempotency_key"),
        new WorkloadId(
            r.text("workload_name"),
            r.intValue("workload_version"),
            Digest.fromHex(r.text("workload_digest"))),
        r.bytes("input"),
        r.text("scheme"),
        r.bytes("parameters"),
        r.bytes("terms"),
        r.intValue("replicas"),
        r.enumValue("status", JobStatus.class),
        r.bytesOrNull("result"),
        r.text("summary"),
        r.instant("created_at"),
        r.instantOrNull("decided_at"));
  }
}
