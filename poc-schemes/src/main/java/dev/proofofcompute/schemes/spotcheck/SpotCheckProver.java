package dev.proofofcompute.schemes.spotcheck;

import dev.proofofcompute.core.scheme.PolicyException;
import dev.proofofcompute.core.workload.ItemStructure;
import dev.proofofcompute.core.workload.Workload;
import dev.proofofcompute.crypto.Bytes;
import java.util.List;

/**
 * The honest provider of a spot-check: runs the whole batch, commits to the per-item outputs, and
 * answers the challenge from the same outputs (see {@link SpotCheckExecution}).
 */
public final class SpotCheckProver<I, O> {
  private final Workload<I, O> workload;
  private final ItemStructure<I, O> items;

  private SpotCheckProver(Workload<I, O> workload, ItemStructure<I, O> items) {
    this.workload = workload;
    this.items = items;
  }

  /**
   * A prover for {@code workload}.
   *
   * @throws PolicyException when the workload cannot be spot-checked
   */
  public static <I, O> SpotCheckProver<I, O> create(Workload<I, O> workload)
      throws PolicyException {
    return new SpotCheckProver<>(workload, SpotCheckScheme.itemStructure(workload));
  }

  /**
   * Executes {@code task}'s batch and commits to its per-item outputs.
   *
   * @throws IllegalArgumentException if the batch does not have the announced number of items or
   *     the workload refuses it
   */
  public SpotCheckExecution execute(SpotCheckTask<I> task) {
    int count = items.itemCount(task.batch());
    if (count != task.itemCount()) {
      throw new IllegalArgumentException(
          "the task announces " + task.itemCount() + " items, its batch has " + count);
    }
    List<Bytes> outputs = items.itemOutputs(workload.execute(task.batch()));
    return SpotCheckExecution.commitTo(task, outputs);
  }

  @Override
  public String toString() {
    return "SpotCheckProver[" + workload.id() + "]";
  }
}
