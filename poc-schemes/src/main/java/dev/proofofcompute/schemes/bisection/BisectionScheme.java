package dev.proofofcompute.schemes.bisection;

import dev.proofofcompute.core.scheme.PolicyException;
import dev.proofofcompute.core.scheme.Scheme;
import dev.proofofcompute.core.workload.Workload;

/**
 * The {@code bisection} scheme: parties commit to the state hashes of a stepped workload ({@link
 * StateCommitment}); two disagreeing parties are refereed by a {@link BisectionDispute}, and a
 * single party's commitment is checked by a {@link SegmentAudit}. Cost to verify a dispute: at most
 * {@code ceil(log2 ceil(T / k))} rounds of one Merkle opening each, then {@code k} steps of
 * re-execution (one step for {@code k = 1}) plus hashing.
 *
 * <p>It needs a workload with a {@link dev.proofofcompute.core.workload.StepStructure} and exact
 * outputs: states are compared by their hashes, byte for byte, so a workload whose states may
 * legitimately round differently between implementations could make an honest party lose.
 */
public final class BisectionScheme implements Scheme<BisectionParameters> {
  public static final String NAME = "bisection";

  private static final BisectionScheme INSTANCE = new BisectionScheme();

  private BisectionScheme() {}

  public static BisectionScheme create() {
    return INSTANCE;
  }

  @Override
  public String name() {
    return NAME;
  }

  @Override
  public Class<BisectionParameters> parametersType() {
    return BisectionParameters.class;
  }

  @Override
  public void checkApplicable(Workload<?, ?> workload, BisectionParameters parameters)
      throws PolicyException {
    if (workload.steps().isEmpty()) {
      throw new PolicyException(
          "bisection needs a workload that advances a state step by step; "
              + workload.id()
              + " has no step structure");
    }
    if (workload.outputKind() != Workload.OutputKind.EXACT) {
      throw new PolicyException(
          "bisection compares state hashes byte for byte; "
              + workload.id()
              + " has "
              + workload.outputKind()
              + " outputs that another implementation may round differently");
    }
  }

  @Override
  public String toString() {
    return NAME;
  }
}
