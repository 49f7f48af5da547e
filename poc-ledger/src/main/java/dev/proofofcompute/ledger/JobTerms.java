package dev.proofofcompute.ledger;

import dev.proofofcompute.crypto.money.Amount;

/**
 * The money terms of a job, fixed when its budget goes into escrow: the reward a provider earns per
 * accepted task, the fee its validators share per task, the number of tasks, the minimum stake a
 * provider must lock to hold one of its tasks, and how a slash is split.
 *
 * <p>{@link #budget()} = {@code tasks * (rewardPerTask + validatorFeePerTask)} is what the
 * requester pays into escrow; it is computed, overflow-checked, when the terms are built.
 */
public record JobTerms(
    Amount rewardPerTask,
    Amount validatorFeePerTask,
    int tasks,
    Amount minStake,
    SlashSplit split) {
  /** Most tasks in one job. */
  public static final int MAX_TASKS = 1 << 24;

  /**
   * @throws IllegalArgumentException if {@code tasks} is not in {@code 1..MAX_TASKS} or the budget
   *     does not fit in an {@link Amount}
   */
  public JobTerms {
    if (tasks < 1 || tasks > MAX_TASKS) {
      throw new IllegalArgumentException("a job has 1 to " + MAX_TASKS + " tasks, got " + tasks);
    }
    try {
      rewardPerTask.plus(validatorFeePerTask).times(tasks);
    } catch (ArithmeticException e) {
      throw new IllegalArgumentException(
          "the job's budget "
              + tasks
              + " x ("
              + rewardPerTask
              + " + "
              + validatorFeePerTask
              + ") does not fit in an amount",
          e);
    }
  }

  /** What one task costs the requester: reward plus validator fee. */
  public Amount perTask() {
    return rewardPerTask.plus(validatorFeePerTask);
  }

  /** What the whole job costs: {@code tasks * perTask()}. */
  public Amount budget() {
    return perTask().times(tasks);
  }
}
