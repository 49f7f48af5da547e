package dev.proofofcompute.schemes.spotcheck.adversary;

import dev.proofofcompute.core.scheme.PolicyException;
import dev.proofofcompute.core.workload.Workload;
import dev.proofofcompute.crypto.Bytes;
import dev.proofofcompute.crypto.VerificationException;
import dev.proofofcompute.schemes.spotcheck.SpotCheckChallenge;
import dev.proofofcompute.schemes.spotcheck.SpotCheckCommitment;
import dev.proofofcompute.schemes.spotcheck.SpotCheckExecution;
import dev.proofofcompute.schemes.spotcheck.SpotCheckProver;
import dev.proofofcompute.schemes.spotcheck.SpotCheckTask;
import java.util.Set;

/** The honest provider: {@link SpotCheckProver} behind the {@link SpotCheckBehaviour} interface. */
public final class HonestProvider<I, O> implements SpotCheckBehaviour<I> {
  private final SpotCheckProver<I, O> prover;

  private HonestProvider(SpotCheckProver<I, O> prover) {
    this.prover = prover;
  }

  /**
   * An honest provider for {@code workload}.
   *
   * @throws PolicyException when {@code workload} cannot be spot-checked
   */
  public static <I, O> HonestProvider<I, O> create(Workload<I, O> workload) throws PolicyException {
    return new HonestProvider<>(SpotCheckProver.create(workload));
  }

  @Override
  public String name() {
    return "honest";
  }

  @Override
  public Round commit(SpotCheckTask<I> task) {
    return new ExecutionRound(prover.execute(task), Set.of());
  }

  /** A round answered faithfully from one execution (honest or not). */
  static final class ExecutionRound implements Round {
    private final SpotCheckExecution execution;
    private final Set<Long> faked;

    ExecutionRound(SpotCheckExecution execution, Set<Long> faked) {
      this.execution = execution;
      this.faked = Set.copyOf(faked);
    }

    SpotCheckExecution execution() {
      return execution;
    }

    @Override
    public SpotCheckCommitment commitment() {
      return execution.commitment();
    }

    @Override
    public Bytes answer(SpotCheckChallenge challenge) throws VerificationException {
      return execution.open(challenge).toBytes();
    }

    @Override
    public Set<Long> faked() {
      return faked;
    }
  }
}
