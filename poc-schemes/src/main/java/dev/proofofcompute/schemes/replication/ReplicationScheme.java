package dev.proofofcompute.schemes.replication;

import dev.proofofcompute.core.scheme.PolicyException;
import dev.proofofcompute.core.scheme.Scheme;
import dev.proofofcompute.core.workload.Workload;

/**
 * The {@code replication} scheme: {@code k} providers run the task, commit, then reveal, and a
 * quorum of agreeing results decides (see {@link ReplicationRound}). It verifies any deterministic
 * workload; workloads with FLOATING outputs need a {@link FloatTolerance}, EXACT ones must not have
 * one. Cost to verify: {@code k - 1} extra executions per replicated task, fewer on average under
 * adaptive replication.
 */
public final class ReplicationScheme implements Scheme<ReplicationParameters> {
  public static final String NAME = "replication";

  private static final ReplicationScheme INSTANCE = new ReplicationScheme();

  private ReplicationScheme() {}

  public static ReplicationScheme create() {
    return INSTANCE;
  }

  @Override
  public String name() {
    return NAME;
  }

  @Override
  public Class<ReplicationParameters> parametersType() {
    return ReplicationParameters.class;
  }

  @Override
  public void checkApplicable(Workload<?, ?> workload, ReplicationParameters parameters)
      throws PolicyException {
    switch (workload.outputKind()) {
      case FLOATING -> {
        if (parameters.tolerance() == null) {
          throw new PolicyException(
              "replication of "
                  + workload.id()
                  + " needs a float tolerance: its outputs are FLOATING and replicas may round"
                  + " differently");
        }
      }
      case EXACT -> {
        if (parameters.tolerance() != null) {
          throw new PolicyException(
              "replication of "
                  + workload.id()
                  + " takes no float tolerance: its outputs are EXACT and compared byte for byte");
        }
      }
    }
  }

  @Override
  public String toString() {
    return NAME;
  }
}
