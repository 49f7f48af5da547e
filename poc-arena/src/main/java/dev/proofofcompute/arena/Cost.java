package dev.proofofcompute.arena;

/**
 * What verification costs against what the work itself costs, in one deterministic unit (see {@link
 * WorkModel}), summed over a scenario's runs.
 *
 * @param unit the work unit, e.g. {@code mac} or {@code cell-update}
 * @param executionWork the work of one honest execution of each run's task, summed over the runs
 * @param verificationWork the work the scheme made verifiers do (validator, replicas beyond the
 *     first, referee), summed over the runs
 * @param ratio {@code verificationWork / executionWork}
 */
public record Cost(String unit, long executionWork, long verificationWork, double ratio) {
  public static Cost of(String unit, long executionWork, long verificationWork) {
    double ratio = executionWork == 0 ? 0 : (double) verificationWork / executionWork;
    return new Cost(unit, executionWork, verificationWork, ratio);
  }
}
