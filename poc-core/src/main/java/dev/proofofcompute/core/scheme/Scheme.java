package dev.proofofcompute.core.scheme;

import dev.proofofcompute.core.workload.Workload;

/**
 * A verification scheme: what a provider must produce (commitments, openings, proofs) and what a
 * verifier checks. This interface is the part every scheme shares — its name and the check that it
 * can verify a given workload with given parameters; each scheme's prover and verifier are its own
 * classes with typed messages.
 *
 * @param <P> the scheme's parameter type
 */
public interface Scheme<P extends SchemeParameters> {
  /** Stable name used in policies and on the wire, e.g. {@code "freivalds"}. */
  String name();

  Class<P> parametersType();

  /**
   * Checks, when a job is built, that this scheme can verify {@code workload} with {@code
   * parameters}: for example Freivalds needs a workload with matrix products.
   *
   * @throws PolicyException naming what is missing or out of range
   */
  void checkApplicable(Workload<?, ?> workload, P parameters) throws PolicyException;
}
