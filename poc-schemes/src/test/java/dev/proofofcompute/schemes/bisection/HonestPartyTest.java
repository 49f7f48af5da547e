package dev.proofofcompute.schemes.bisection;

import static dev.proofofcompute.schemes.bisection.Adversaries.HONEST;
import static dev.proofofcompute.schemes.bisection.Adversaries.TASK;
import static org.assertj.core.api.Assertions.assertThat;

import dev.proofofcompute.crypto.Bytes;
import dev.proofofcompute.crypto.VerificationException;
import dev.proofofcompute.schemes.bisection.MixWorkload.Input;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class HonestPartyTest {
  private static final MixWorkload.Steps STEPS = new MixWorkload.Steps();

  @ParameterizedTest(name = "T={0}, k={1}")
  @CsvSource({"1,1", "5,1", "5,2", "17,3", "100,1", "100,7", "64,64", "10,100"})
  void everyAnswerMatchesADirectComputationAndTheCommitment(int steps, int k)
      throws VerificationException {
    BisectionParameters p = new BisectionParameters(k, 1, 0.5);
    Input input = new Input(steps * 1000L + k, steps);
    HonestParty<Input> party = HonestParty.run(STEPS, input, p, TASK, HONEST);

    // Reference: every state by stepping from the start, no snapshots.
    List<Bytes> states = new ArrayList<>();
    Bytes state = STEPS.initialState(input);
    states.add(state);
    for (int t = 1; t <= steps; t++) {
      state = STEPS.step(input, state, t);
      states.add(state);
    }
    StateCommitment commitment = party.commitment();
    assertThat(commitment.partyId()).isEqualTo(HONEST);
    assertThat(commitment.steps()).isEqualTo(steps);
    int checkpoints = p.intervals(steps) + 1;
    assertThat(party.tree().checkpoints()).isEqualTo(checkpoints);
    for (int i = 0; i < checkpoints; i++) {
      Bytes expected = states.get(p.checkpointStep(i, steps));
      assertThat(party.revealState(i)).as("checkpoint %d", i).contains(expected);
      CheckpointOpening opening = party.openCheckpoint(i).orElseThrow();
      assertThat(opening.stateHash()).isEqualTo(STEPS.stateHash(expected));
      CheckpointTree.verifyOpening(commitment, checkpoints, i, opening);
    }
    assertThat(party.finalState()).isEqualTo(states.get(steps));
    assertThat(STEPS.output(input, party.finalState())).isEqualTo(new MixWorkload().execute(input));
    assertThat(party.openCheckpoint(checkpoints)).isEmpty();
    assertThat(party.revealState(-1)).isEmpty();
  }
}
