package dev.proofofcompute.workloads.train;

import dev.proofofcompute.crypto.Digest;

/**
 * The result of training: the final weights, the number of steps run, and the state hash of the
 * final state ({@code StepStructure.stateHash}), which ties the output to the last leaf of a
 * provider's per-step commitment.
 */
public record MlpTrainOutput(int steps, MlpParameters weights, Digest finalStateHash) {
  /**
   * @throws IllegalArgumentException when {@code steps < 1}
   */
  public MlpTrainOutput {
    if (steps < 1) {
      throw new IllegalArgumentException("steps is >= 1, got " + steps);
    }
  }
}
