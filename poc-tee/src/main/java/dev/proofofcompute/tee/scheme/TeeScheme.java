package dev.proofofcompute.tee.scheme;

import dev.proofofcompute.core.scheme.PolicyException;
import dev.proofofcompute.core.scheme.Scheme;
import dev.proofofcompute.core.workload.Workload;

/**
 * The {@code tee} scheme: any workload can run in a TEE, so it applies to every workload; what it
 * needs is an allow-list of measurements, without which any enclave image — including one that
 * returns made-up results — would be accepted.
 */
public final class TeeScheme implements Scheme<TeeParameters> {
  @Override
  public String name() {
    return TeeParameters.SCHEME;
  }

  @Override
  public Class<TeeParameters> parametersType() {
    return TeeParameters.class;
  }

  @Override
  public void checkApplicable(Workload<?, ?> workload, TeeParameters parameters)
      throws PolicyException {
    if (parameters.policy().allowedMeasurements().isEmpty()) {
      throw new PolicyException(
          "the tee scheme needs at least one allowed measurement for " + workload.id().name());
    }
    if (parameters.policy().allowDebug()) {
      throw new PolicyException("the tee scheme does not accept debug-mode enclaves");
    }
  }
}
