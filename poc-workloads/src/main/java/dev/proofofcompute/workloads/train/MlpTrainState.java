package dev.proofofcompute.workloads.train;

/**
 * The training state after {@code step} steps: the weights and the momentum buffer of every weight.
 */
public record MlpTrainState(int step, MlpParameters weights, MlpParameters momentum) {
  /**
   * @throws IllegalArgumentException when the step is negative or the shapes differ
   */
  public MlpTrainState {
    if (step < 0) {
      throw new IllegalArgumentException("step counter is >= 0, got " + step);
    }
    if (momentum.inputs() != weights.inputs()
        || momentum.hidden() != weights.hidden()
        || momentum.outputs() != weights.outputs()) {
      throw new IllegalArgumentException("momentum and weights have different shapes");
    }
  }
}
