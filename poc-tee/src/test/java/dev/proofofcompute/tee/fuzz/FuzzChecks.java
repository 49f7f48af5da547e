package dev.proofofcompute.tee.fuzz;

import dev.proofofcompute.tee.AttestationVerdict;

/** What counts as a finding for every target. */
final class FuzzChecks {
  private FuzzChecks() {}

  /** A verdict that hides an unexpected runtime error is a finding. */
  static void requireNoUnexpectedError(AttestationVerdict verdict) {
    if (verdict instanceof AttestationVerdict.Rejected r
        && r.detail().startsWith("unexpected error")) {
      throw new AssertionError("verifier hit an unexpected error: " + r.detail());
    }
  }
}
