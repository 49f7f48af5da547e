package dev.proofofcompute.protocol;

/**
 * One execution of a job by one provider: replica {@code replica} of {@code job}. Replicated
 * schemes (replication, bisection) have several, each leased to a distinct provider; the others
 * have one.
 *
 * @param taskId the coordinator-assigned task id (lower-case hex of a digest); it is bound into the
 *     provider's commitment, so evidence made for one task never verifies for another
 */
public record TaskSpec(String taskId, JobSpec job, int replica) {}
