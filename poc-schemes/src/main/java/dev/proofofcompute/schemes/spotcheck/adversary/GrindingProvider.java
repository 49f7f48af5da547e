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
import java.util.Map;
import java.util.Set;

/**
 * Adversary: a lazy provider that grinds. Before committing it re-rolls its fake positions (and so
 * its Merkle root) up to {@code attempts} times, asks its {@link ChallengePredictor} which
 * positions each candidate commitment would get opened, and sends the candidate whose predicted
 * challenge hits the fewest fakes (stopping at the first that hits none).
 *
 * <p>Against a challenge computed from the commitment alone (Fiat–Shamir without a grinding margin)
 * a perfect predictor makes this attack succeed after about {@code (1 - f)^-(s+c)} tries. Against
 * the spot-check of this package the seed is hidden until the commitment is in, so the only
 * predictor available is {@link ChallengePredictor#guessing}, whose guesses are independent of the
 * real challenge: the grinder escapes no more often than a plain {@link LazyProvider}.
 */
public final class GrindingProvider<I, O> implements SpotCheckBehaviour<I> {
  private final ItemStructure<I, O> items;
  private final double fraction;
  private final int attempts;
  private final ChallengePredictor predictor;
  private final RandomSource random;

  private GrindingProvider(
      ItemStructure<I, O> items,
      double fraction,
      int attempts,
      ChallengePredictor predictor,
      RandomSource random) {
    this.items = items;
    this.fraction = fraction;
    this.attempts = attempts;
    this.predictor = predictor;
    this.random = random;
  }

  /**
   * A grinder faking a fraction {@code fraction} of every batch, trying up to {@code attempts}
   * commitments.
   *
   * @throws PolicyException if {@code workload} has no items
   * @throws IllegalArgumentException unless {@code 0 < fraction <= 1} and {@code attempts >= 1}
   */
  public static <I, O> GrindingProvider<I, O> create(
      Workload<I, O> workload,
      double fraction,
      int attempts,
      ChallengePredictor predictor,
      RandomSource random)
      throws PolicyException {
    SpotCheckParameters.fakedItems(1, fraction); // validates the fraction
    if (attempts < 1) {
      throw new IllegalArgumentException("a grinder makes at least one attempt, got " + attempts);
    }
    ItemStructure<I, O> items =
        workload
            .items()
            .orElseThrow(() -> new PolicyException(workload.id() + " has no item structure"));
    return new GrindingProvider<>(items, fraction, attempts, predictor, random);
  }

  @Override
  public String name() {
    return "grinder(f=" + fraction + ", R=" + attempts + ")";
  }

  @Override
  public Round commit(SpotCheckTask<I> task) {
    int m = task.itemCount();
    long count = SpotCheckParameters.fakedItems(m, fraction);
    Map<Integer, Bytes> computed = new HashMap<>();
    SpotCheckExecution best = null;
    Set<Long> bestFaked = Set.of();
    long bestHits = Long.MAX_VALUE;
    for (int a = 0; a < attempts && bestHits > 0; a++) {
      Set<Long> faked = Faking.choosePositions(m, count, random);
      List<Bytes> outputs = Faking.outputs(items, task.batch(), m, faked, random, computed);
      SpotCheckExecution candidate = SpotCheckExecution.commitTo(task, outputs);
      long hits =
          predictor.predict(task, candidate.commitment()).stream().filter(faked::contains).count();
      if (hits < bestHits) {
        best = candidate;
        bestFaked = faked;
        bestHits = hits;
      }
    }
    if (best == null) {
      throw new IllegalStateException("no attempt was made");
    }
    return new HonestProvider.ExecutionRound(best, bestFaked);
  }
}
