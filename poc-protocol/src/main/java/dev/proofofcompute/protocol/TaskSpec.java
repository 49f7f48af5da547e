package dev.proofofcompute.protocol;

import dev.proofofcompute.crypto.Bytes;

/**
 * One execution of a job by one provider: replica {@code replica} of {@code job}. Replicated
 * schemes (replication, bisection) have several, each leased to a distinct provider; the others
 * have one.
 *
 * <p>The coordinator makes a task with {@link SchemeProtocol#prepareTask}, stores all of it, and
 * sends the provider {@link #forProvider()}: the same task without the secret.
 *
 * @param taskId the coordinator-assigned task id (lower-case hex of a digest); it is bound into the
 *     provider's commitment, so evidence made for one task never verifies for another
 * @param input the input the provider runs, in the workload's canonical encoding: the job's input,
 *     or for {@code spot-check} the job's batch with secret canary items mixed in
 * @param secret the coordinator's per-task secret drawn when the task was made (for {@code
 *     spot-check}: where the canaries are); empty on the provider's side. Never printed.
 */
public record TaskSpec(String taskId, JobSpec job, int replica, Bytes input, Bytes secret) {

  /** A task that runs the job's own input and has no secret. */
  public TaskSpec(String taskId, JobSpec job, int replica) {
    this(taskId, job, replica, job.input(), Bytes.EMPTY);
  }

  /** What the provider receives: this task without the coordinator's secret. */
  public TaskSpec forProvider() {
    return new TaskSpec(taskId, job, replica, input, Bytes.EMPTY);
  }

  /** Does not print the secret. */
  @Override
  public String toString() {
    return "TaskSpec[" + taskId + ", job " + job.jobId() + ", replica " + replica + "]";
  }
}
