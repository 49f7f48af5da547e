package dev.proofofcompute.core.scheme;

import dev.proofofcompute.core.workload.Workload;

/**
 * A job's verification policy: a scheme and its parameters, checked against the job's workload when
 * the job is built. A {@code Policy} value exists only for combinations that can work.
 */
public record Policy<P extends SchemeParameters>(Scheme<P> scheme, P parameters) {
  public Policy {
    if (!scheme.name().equals(parameters.scheme())) {
      throw new IllegalArgumentException(
          "parameters for '" + parameters.scheme() + "' given to scheme '" + scheme.name() + "'");
    }
  }

  /**
   * The policy {@code scheme} + {@code parameters} for jobs of {@code workload}.
   *
   * @throws PolicyException when the scheme cannot verify that workload with those parameters
   */
  public static <P extends SchemeParameters> Policy<P> forWorkload(
      Scheme<P> scheme, P parameters, Workload<?, ?> workload) throws PolicyException {
    if (!scheme.name().equals(parameters.scheme())) {
      throw new PolicyException(
          "parameters for '" + parameters.scheme() + "' given to scheme '" + scheme.name() + "'");
    }
    scheme.checkApplicable(workload, parameters);
    return new Policy<>(scheme, parameters);
  }
}
