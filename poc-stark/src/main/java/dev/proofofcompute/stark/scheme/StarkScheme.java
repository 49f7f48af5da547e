package dev.proofofcompute.stark.scheme;

import dev.proofofcompute.core.scheme.PolicyException;
import dev.proofofcompute.core.scheme.Scheme;
import dev.proofofcompute.core.workload.Workload;
import dev.proofofcompute.stark.StarkParameters;

/**
 * The {@code stark} scheme: the provider proves its result with a STARK ({@code docs/stark.md}) and
 * a validator checks the proof in about a millisecond without re-executing anything. Cost to
 * verify: one {@link dev.proofofcompute.stark.StarkVerifier} run, independent of the workload's
 * size up to a logarithmic factor.
 *
 * <p>It needs an {@link AirWorkload} (the result is an AIR statement) stated in the AIR the
 * parameters name, a blowup factor at least the AIR's composition degree, and at least {@value
 * #MIN_CONJECTURED_BITS} bits of conjectured security for traces up to {@link
 * StarkParameters#REFERENCE_TRACE_LENGTH} rows.
 */
public final class StarkScheme implements Scheme<StarkSchemeParameters> {
  public static final String NAME = "stark";

  /** The least conjectured security a policy may ask for, at the reference trace length. */
  public static final int MIN_CONJECTURED_BITS = 96;

  private static final StarkScheme INSTANCE = new StarkScheme();

  private StarkScheme() {}

  public static StarkScheme create() {
    return INSTANCE;
  }

  @Override
  public String name() {
    return NAME;
  }

  @Override
  public Class<StarkSchemeParameters> parametersType() {
    return StarkSchemeParameters.class;
  }

  @Override
  public void checkApplicable(Workload<?, ?> workload, StarkSchemeParameters parameters)
      throws PolicyException {
    if (!(workload instanceof AirWorkload<?, ?> provable)) {
      throw new PolicyException(
          "stark needs a workload whose result is an AIR statement; "
              + workload.id()
              + " is not STARK-provable");
    }
    if (!provable.airName().equals(parameters.air())) {
      throw new PolicyException(
          "the policy names AIR '"
              + parameters.air()
              + "' but "
              + workload.id()
              + " is stated in '"
              + provable.airName()
              + "'");
    }
    StarkParameters p = parameters.stark();
    int segments = Math.max(1, provable.constraintDegree() - 1);
    if (p.blowupFactor() < segments) {
      throw new PolicyException(
          "blowup factor "
              + p.blowupFactor()
              + " is below the composition degree "
              + segments
              + " of AIR '"
              + provable.airName()
              + "'");
    }
    int bits = p.conjecturedSecurityBits();
    if (bits < MIN_CONJECTURED_BITS) {
      throw new PolicyException(
          "the proof parameters give "
              + bits
              + " conjectured bits at 2^20 rows, below the "
              + MIN_CONJECTURED_BITS
              + " a stark policy needs");
    }
  }

  @Override
  public String toString() {
    return NAME;
  }
}
