package dev.proofofcompute.schemes.freivalds;

import dev.proofofcompute.core.scheme.PolicyException;
import dev.proofofcompute.core.scheme.Scheme;
import dev.proofofcompute.core.workload.Workload;

/**
 * The {@code freivalds} scheme: a provider submits its output and every product of the workload's
 * matrix chain ({@link FreivaldsProver}); a validator checks each product with Freivalds' algorithm
 * on fresh random vectors and derives the output from the checked products ({@link
 * FreivaldsValidator}). It applies to workloads that expose a {@link
 * dev.proofofcompute.core.workload.MatrixStructure}.
 */
public final class FreivaldsScheme implements Scheme<FreivaldsParameters> {
  /** The scheme's name in policies and on the wire. */
  public static final String NAME = "freivalds";

  private static final FreivaldsScheme INSTANCE = new FreivaldsScheme();

  private FreivaldsScheme() {}

  public static FreivaldsScheme create() {
    return INSTANCE;
  }

  @Override
  public String name() {
    return NAME;
  }

  @Override
  public Class<FreivaldsParameters> parametersType() {
    return FreivaldsParameters.class;
  }

  @Override
  public void checkApplicable(Workload<?, ?> workload, FreivaldsParameters parameters)
      throws PolicyException {
    if (workload.matrices().isEmpty()) {
      throw new PolicyException(
          workload.id().name() + " has no matrix products for Freivalds to check");
    }
  }
}
