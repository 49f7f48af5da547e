package dev.proofofcompute.storage;

import dev.proofofcompute.crypto.identity.NodeId;
import java.time.Instant;
import org.jspecify.annotations.Nullable;

/**
 * A stored task.
 *
 * @param replica for EXECUTE, the replica index within the job (from 0); for VALIDATE, the
 *     validation index within the parent task (from 0)
 * @param parentTaskId for VALIDATE, the EXECUTE task whose check it serves; null for EXECUTE
 * @param holder the node holding (or that last held) the task; null while it was never leased or
 *     after its lease was released or expired
 * @param leaseId the current lease's id: every request about the task must quote it
 * @param leaseDeadline when the current lease lapses (meaningful while the state {@link
 *     TaskState#isLeased() is leased})
 * @param attempts how many leases the task has had
 */
public record TaskRecord(
    String taskId,
    String jobId,
    TaskKind kind,
    int replica,
    @Nullable String parentTaskId,
    TaskState state,
    @Nullable NodeId holder,
    @Nullable String leaseId,
    @Nullable Instant leaseDeadline,
    int attempts,
    Instant createdAt,
    Instant updatedAt,
    TaskArtifacts artifacts) {}
