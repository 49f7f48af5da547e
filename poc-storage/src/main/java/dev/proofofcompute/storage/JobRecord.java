package dev.proofofcompute.storage;

import dev.proofofcompute.core.workload.WorkloadId;
import dev.proofofcompute.crypto.Bytes;
import dev.proofofcompute.crypto.identity.NodeId;
import dev.proofofcompute.protocol.JobSpec;
import java.time.Instant;
import org.jspecify.annotations.Nullable;

/**
 * A stored job.
 *
 * @param seq the store's insertion sequence number: increasing, the paging cursor of {@link
 *     JobStore#list}
 * @param replicas the number of EXECUTE tasks the job has
 * @param result the accepted output, set when the job is decided with one
 * @param decidedAt when the job reached DECIDED or FAILED
 */
public record JobRecord(
    long seq,
    String jobId,
    NodeId requester,
    String idempotencyKey,
    WorkloadId workload,
    Bytes input,
    String scheme,
    Bytes parameters,
    Bytes terms,
    int replicas,
    JobStatus status,
    @Nullable Bytes result,
    String summary,
    Instant createdAt,
    @Nullable Instant decidedAt) {

  /** What the scheme protocol needs to know about this job. */
  public JobSpec spec() {
    return new JobSpec(jobId, workload, input, scheme, parameters);
  }
}
