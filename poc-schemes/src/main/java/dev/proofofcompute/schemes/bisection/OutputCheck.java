package dev.proofofcompute.schemes.bisection;

import dev.proofofcompute.core.scheme.Verdict;
import dev.proofofcompute.core.workload.StepStructure;
import dev.proofofcompute.core.workload.Workload;
import dev.proofofcompute.crypto.Bytes;
import dev.proofofcompute.crypto.Digest;
import dev.proofofcompute.crypto.VerificationException;
import java.util.Optional;

/**
 * Binds a party's claimed output to its {@link StateCommitment}: the party opens its last
 * checkpoint and reveals the final state, and the validator checks that the state hashes to the
 * opened value and that {@link StepStructure#output} of it is the claimed output (canonical bytes
 * compared). No step is executed.
 *
 * <p>Without this check a party could commit to an honest run and claim another output: a dispute
 * compares commitments, so it would see nothing to decide. With it, two parties whose claimed
 * outputs differ and both pass must have different final states, hence different roots, and their
 * dispute is decided by {@link BisectionDispute}.
 */
public final class OutputCheck {
  private OutputCheck() {}

  /**
   * Verifies {@code claimedOutput} against {@code commitment}. Fails closed: a failed check is
   * {@link Verdict.Rejected} with its reason, an unexpected error on the validator's side {@link
   * Verdict.Inconclusive}.
   *
   * @throws IllegalArgumentException if the workload has no step structure or the commitment's step
   *     count is not the input's
   */
  public static <I, O> Verdict verify(
      Workload<I, O> workload,
      I input,
      BisectionParameters parameters,
      StateCommitment commitment,
      O claimedOutput,
      CheckpointOpening finalOpening,
      Bytes finalState) {
    StepStructure<I, O> steps = stepsOf(workload);
    int stepCount = steps.stepCount(input);
    if (commitment.steps() != stepCount) {
      throw new IllegalArgumentException(
          "the commitment claims " + commitment.steps() + " steps, the input has " + stepCount);
    }
    int last = parameters.intervals(stepCount);
    try {
      try {
        CheckpointTree.verifyOpening(commitment, last + 1, last, finalOpening);
      } catch (VerificationException e) {
        return Verdict.rejected(Verdict.Reason.BAD_OPENING, "output check: " + e.getMessage());
      }
      Digest revealed = steps.stateHash(finalState);
      if (!revealed.equals(finalOpening.stateHash())) {
        return Verdict.rejected(
            Verdict.Reason.COMMITMENT_MISMATCH,
            "output check: the final state bytes hash to "
                + revealed
                + ", the commitment says "
                + finalOpening.stateHash());
      }
      O derived;
      try {
        derived = steps.output(input, finalState);
      } catch (IllegalArgumentException e) {
        return Verdict.rejected(
            Verdict.Reason.WRONG_RESULT,
            "output check: the committed final state is not a valid state: " + e.getMessage());
      }
      Bytes expected = workload.outputCodec().encode(derived);
      Bytes claimed = workload.outputCodec().encode(claimedOutput);
      if (!expected.equals(claimed)) {
        return Verdict.rejected(
            Verdict.Reason.WRONG_RESULT,
            "output check: the claimed output is not the output of the committed final state");
      }
      return Verdict.accepted(
          "output check: the claimed output is that of the committed final state");
    } catch (RuntimeException e) {
      return Verdict.inconclusive("output check: unexpected error " + e);
    }
  }

  /**
   * Asks {@code party} for the opening of its last checkpoint and its final state, then {@link
   * #verify}. No answer (or a runtime exception from the party) is {@link Verdict.Inconclusive}.
   */
  public static <I, O> Verdict run(
      Workload<I, O> workload,
      I input,
      BisectionParameters parameters,
      DisputeParty party,
      O claimedOutput) {
    int last = parameters.intervals(stepsOf(workload).stepCount(input));
    Optional<CheckpointOpening> opening;
    Optional<Bytes> state;
    try {
      opening = party.openCheckpoint(last);
      state = party.revealState(last);
    } catch (RuntimeException e) {
      return Verdict.inconclusive("output check: no answer for the final checkpoint " + last);
    }
    if (opening.isEmpty() || state.isEmpty()) {
      return Verdict.inconclusive("output check: no answer for the final checkpoint " + last);
    }
    return verify(
        workload, input, parameters, party.commitment(), claimedOutput, opening.get(), state.get());
  }

  private static <I, O> StepStructure<I, O> stepsOf(Workload<I, O> workload) {
    return workload
        .steps()
        .orElseThrow(() -> new IllegalArgumentException(workload.id() + " has no step structure"));
  }
}
