package dev.proofofcompute.schemes.bisection;

import static dev.proofofcompute.schemes.bisection.Adversaries.CHEATER;
import static dev.proofofcompute.schemes.bisection.Adversaries.HONEST;
import static dev.proofofcompute.schemes.bisection.Adversaries.TASK;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.proofofcompute.core.scheme.Verdict;
import dev.proofofcompute.core.scheme.Verdict.Reason;
import dev.proofofcompute.schemes.bisection.MixWorkload.Input;
import dev.proofofcompute.schemes.bisection.MixWorkload.State;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class OutputCheckTest {
  private static final MixWorkload WORKLOAD = new MixWorkload();
  private static final MixWorkload.Steps STEPS = new MixWorkload.Steps();

  private static Reason rejection(Verdict v) {
    assertThat(v).isInstanceOf(Verdict.Rejected.class);
    return ((Verdict.Rejected) v).reason();
  }

  @ParameterizedTest(name = "T={0}, k={1}")
  @CsvSource({"1,1", "10,1", "10,3", "100,7"})
  void theClaimedOutputMustBeThatOfTheCommittedFinalState(int steps, int k) {
    BisectionParameters p = new BisectionParameters(k, 1, 0.5);
    Input input = new Input(steps + k, steps);
    HonestParty<Input> honest = HonestParty.run(STEPS, input, p, TASK, HONEST);
    State truth = WORKLOAD.execute(input);
    State other = new State(truth.a() + 1, truth.b(), truth.c(), truth.d());

    assertThat(OutputCheck.run(WORKLOAD, input, p, honest, truth))
        .isInstanceOf(Verdict.Accepted.class);
    // An honest trace with a made-up output: the dispute would see equal roots, this check does
    // not.
    assertThat(rejection(OutputCheck.run(WORKLOAD, input, p, honest, other)))
        .isEqualTo(Reason.WRONG_RESULT);
    assertThat(
            rejection(
                OutputCheck.run(WORKLOAD, input, p, new Adversaries.LiesAboutState(honest), truth)))
        .isEqualTo(Reason.COMMITMENT_MISMATCH);
    int last = p.intervals(steps);
    assertThat(
            rejection(
                OutputCheck.run(
                    WORKLOAD, input, p, new Adversaries.ForgesOpening(honest, last), truth)))
        .isEqualTo(Reason.BAD_OPENING);
    assertThat(
            OutputCheck.run(
                WORKLOAD, input, p, new Adversaries.GoesSilent(honest, 0, false), truth))
        .isInstanceOf(Verdict.Inconclusive.class);

    // A party wrong at the last step is consistent with its own output: that is the dispute's job.
    HonestParty<Input> wrong = Adversaries.wrongAt(STEPS, input, p, CHEATER, steps);
    State wrongOutput = STEPS.output(input, wrong.finalState());
    assertThat(OutputCheck.run(WORKLOAD, input, p, wrong, wrongOutput))
        .isInstanceOf(Verdict.Accepted.class);
    assertThat(rejection(OutputCheck.run(WORKLOAD, input, p, wrong, truth)))
        .isEqualTo(Reason.WRONG_RESULT);
  }

  @Test
  void aCommitmentForAnotherStepCountIsRefused() {
    BisectionParameters p = new BisectionParameters(1, 1, 0.5);
    Input input = new Input(1, 5);
    HonestParty<Input> longer = HonestParty.run(STEPS, new Input(1, 6), p, TASK, HONEST);
    assertThatThrownBy(() -> OutputCheck.run(WORKLOAD, input, p, longer, WORKLOAD.execute(input)))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("the input has 5");
  }
}
