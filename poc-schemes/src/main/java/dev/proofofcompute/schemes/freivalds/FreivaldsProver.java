package dev.proofofcompute.schemes.freivalds;

import dev.proofofcompute.core.workload.MatrixStructure;
import dev.proofofcompute.core.workload.Workload;

/**
 * The provider side of the {@code freivalds} scheme: run the workload and submit its output with
 * every product of its matrix chain, so that a validator can check the chain in O(n^2) per product.
 */
public final class FreivaldsProver {
  private FreivaldsProver() {}

  /**
   * The honest evidence for {@code input}: {@code workload.execute(input)} and the chain's
   * products.
   *
   * @throws IllegalArgumentException when the workload has no matrix products
   */
  public static <I, O> FreivaldsEvidence<O> prove(Workload<I, O> workload, I input) {
    MatrixStructure<I, O> chain =
        workload
            .matrices()
            .orElseThrow(() ->
                new IllegalArgumentException(workload.id().name() + " has no matrix products"));
    return new FreivaldsEvidence<>(workload.execute(input), chain.products(input));
  }
}
