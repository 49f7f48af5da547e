package dev.proofofcompute.storage;

import dev.proofofcompute.crypto.Bytes;
import dev.proofofcompute.crypto.identity.NodeId;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.jspecify.annotations.Nullable;

/** Jobs: what requesters submitted, where each stands, and its result. */
public interface JobStore {
  /** Most EXECUTE tasks a job may have. */
  int MAX_REPLICAS = 64;

  /**
   * Inserts a job in status OPEN together with its {@link NewJob#replicas()} EXECUTE tasks (in
   * state PENDING, ids from {@link RecordIds#executeTask}).
   *
   * <p>Idempotent per requester: if {@code job.requester()} already submitted a job under {@code
   * job.idempotencyKey()}, nothing changes and that job is returned with {@code created = false}
   * (whatever the other fields say; the caller decides whether a differing resubmission is an
   * error).
   *
   * @throws DuplicateException if the job id is taken by a job with another requester or key
   */
  JobInsert insert(NewJob job);

  /** The job with this id. */
  Optional<JobRecord> find(String jobId);

  /** Like {@link #find}, and locks the row until the transaction ends. */
  Optional<JobRecord> lock(String jobId);

  /** The job {@code requester} submitted under {@code idempotencyKey}. */
  Optional<JobRecord> findByIdempotencyKey(NodeId requester, String idempotencyKey);

  /**
   * Moves a job from {@code expected} to {@code next}, if it is still in {@code expected}. Sets the
   * result when {@code result} is not null and the summary when {@code summary} is not null;
   * entering DECIDED or FAILED records {@code at} as the decision time.
   *
   * @return false if the job does not exist or is no longer in {@code expected} (nothing changes)
   * @throws IllegalArgumentException if {@code expected} is terminal
   */
  boolean updateStatus(
      String jobId,
      JobStatus expected,
      JobStatus next,
      @Nullable Bytes result,
      @Nullable String summary,
      Instant at);

  /** A page of jobs; see {@link JobQuery}. */
  List<JobRecord> list(JobQuery query);

  /** How many jobs are in each status (every status is a key, possibly with 0). */
  Map<JobStatus, Long> countByStatus();
}
