package dev.proofofcompute.tee.scheme;

import dev.proofofcompute.core.scheme.SchemeParameters;
import dev.proofofcompute.tee.AttestationPolicy;
import dev.proofofcompute.tee.Format;

/**
 * Parameters of the {@code tee} scheme for one job.
 *
 * @param format the evidence format providers must submit
 * @param policy allowed measurements, debug, VMPLs and signing keys; any expected report data in it
 *     is replaced, per submission, by the task's {@link TeeBinding}
 */
public record TeeParameters(Format format, AttestationPolicy policy) implements SchemeParameters {
  public static final String SCHEME = "tee";

  @Override
  public String scheme() {
    return SCHEME;
  }
}
