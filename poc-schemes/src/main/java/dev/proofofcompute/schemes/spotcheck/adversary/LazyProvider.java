package dev.proofofcompute.schemes.spotcheck.adversary;

import dev.proofofcompute.core.scheme.PolicyException;
import dev.proofofcompute.core.workload.ItemStructure;
import dev.proofofcompute.core.workload.Workload;
import dev.proofofcompute.crypto.Bytes;
import dev.proofofcompute.crypto.random.RandomSource;
import dev.proofofcompute.schemes.spotcheck.SpotCheckExecution;
import dev.proofofcompute.schemes.spotcheck.SpotCheckParameters;
import dev.proofofcompute.schemes.spotcheck.SpotCheckTask;
import java.util.HashMap;
import java.util.List;
import java.util.Set;

/**
 * Adversary: a lazy provider that skips a fraction {@code f} of its batch. It fakes {@code
 * ceil(f·M)} positions chosen uniformly at random (it cannot tell canaries from requester items),
 * commits to random bytes there and to honest outputs elsewhere, and then opens whatever is asked,
 * consistently with its commitment. Caught with the probability of {@link
 * SpotCheckParameters#detectionProbability}.
 */
public final class LazyProvider<I, O> implements SpotCheckBehaviour<I> {
  private final ItemStructure<I, O> items;
  private final double fraction;
  private final RandomSource random;

  private LazyProvider(ItemStructure<I, O> items, double fraction, RandomSource random) {
    this.items = items;
    this.fraction = fraction;
    this.random = random;
  }

  /**
   * A provider faking a fraction {@code fraction} of every batch, choosing its fakes with {@code
   * random}.
   *
   * @throws PolicyException if {@code workload} has no items
   * @throws IllegalArgumentException unless {@code 0 < fraction <= 1}
   */
  public static <I, O> LazyProvider<I, O> create(
      Workload<I, O> workload, double fraction, RandomSource random) throws PolicyException {
    SpotCheckParameters.fakedItems(1, fraction); // validates the fraction
    ItemStructure<I, O> items =
        workload
            .items()
            .orElseThrow(() -> new PolicyException(workload.id() + " has no item structure"));
    return new LazyProvider<>(items, fraction, random);
  }

  @Override
  public String name() {
    return "lazy(f=" + fraction + ")";
  }

  @Override
  public Round commit(SpotCheckTask<I> task) {
    int m = task.itemCount();
    Set<Long> faked =
        Faking.choosePositions(m, SpotCheckParameters.fakedItems(m, fraction), random);
    List<Bytes> outputs = Faking.outputs(items, task.batch(), m, faked, random, new HashMap<>());
    return new HonestProvider.ExecutionRound(SpotCheckExecution.commitTo(task, outputs), faked);
  }
}
