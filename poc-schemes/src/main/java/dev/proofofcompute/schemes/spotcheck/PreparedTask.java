package dev.proofofcompute.schemes.spotcheck;

import dev.proofofcompute.core.workload.WorkloadId;
import dev.proofofcompute.crypto.Bytes;
import dev.proofofcompute.crypto.Digest;

/**
 * The validator's record of one spot-checked task: the public {@link SpotCheckTask} it sends to the
 * provider, and the secrets it keeps until the provider has committed — the batch layout (which
 * positions are canaries) and the challenge seed. Immutable; made by {@link
 * SpotCheckValidator#prepare}.
 */
public final class PreparedTask<I> {
  private final WorkloadId workload;
  private final SpotCheckParameters parameters;
  private final SpotCheckTask<I> task;
  private final BatchLayout layout;
  private final CanarySet canaries;
  private final Bytes seed;

  PreparedTask(
      WorkloadId workload,
      SpotCheckParameters parameters,
      SpotCheckTask<I> task,
      BatchLayout layout,
      CanarySet canaries,
      Bytes seed) {
    this.workload = workload;
    this.parameters = parameters;
    this.task = task;
    this.layout = layout;
    this.canaries = canaries;
    this.seed = seed;
  }

  /** What the provider receives. */
  public SpotCheckTask<I> task() {
    return task;
  }

  public Digest taskId() {
    return task.taskId();
  }

  public WorkloadId workload() {
    return workload;
  }

  public SpotCheckParameters parameters() {
    return parameters;
  }

  /** The secret layout; disclose it only after the task is settled (to an auditor). */
  public BatchLayout layout() {
    return layout;
  }

  public CanarySet canaries() {
    return canaries;
  }

  /** The challenge seed; revealed in the challenge, so only after the provider's commitment. */
  Bytes seed() {
    return seed;
  }

  /** Does not print the layout or the seed. */
  @Override
  public String toString() {
    return "PreparedTask[" + task.taskId() + ", " + workload + ", " + parameters + "]";
  }
}
