package dev.proofofcompute.storage;

import dev.proofofcompute.core.workload.WorkloadId;
import dev.proofofcompute.crypto.Bytes;
import dev.proofofcompute.crypto.identity.NodeId;
import java.time.Instant;

/**
 * A job to insert (see {@link JobStore#insert}).
 *
 * @param jobId coordinator-assigned id, 1 to 128 characters from {@code [A-Za-z0-9._/-]}
 * @param idempotencyKey the requester's key for this submission, unique per requester, 1 to 128
 *     visible ASCII characters
 * @param parameters the scheme parameters in canonical CBOR (from the scheme's plan)
 * @param terms the job's economic terms in canonical CBOR (price, stake, fees)
 * @param replicas how many EXECUTE tasks to create with the job, >= 1
 * @param summary a one-line human description
 */
public record NewJob(
    String jobId,
    NodeId requester,
    String idempotencyKey,
    WorkloadId workload,
    Bytes input,
    String scheme,
    Bytes parameters,
    Bytes terms,
    int replicas,
    String summary,
    Instant createdAt) {

  /**
   * @throws IllegalArgumentException if an id or key is malformed or {@code replicas < 1}
   */
  public NewJob {
    RecordIds.requireId("job id", jobId);
    RecordIds.requireKey("idempotency key", idempotencyKey);
    if (scheme.isEmpty() || scheme.length() > 64) {
      throw new IllegalArgumentException("a scheme name has 1 to 64 characters");
    }
    if (replicas < 1 || replicas > JobStore.MAX_REPLICAS) {
      throw new IllegalArgumentException(
          "replicas must be in 1.." + JobStore.MAX_REPLICAS + ", got " + replicas);
    }
  }
}
