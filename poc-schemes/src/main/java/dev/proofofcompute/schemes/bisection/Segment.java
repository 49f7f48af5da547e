package dev.proofofcompute.schemes.bisection;

/**
 * The interval a dispute narrowed down to: both parties agree on the state at {@code
 * fromCheckpoint} (after step {@code fromStep}) and disagree at {@code toCheckpoint =
 * fromCheckpoint + 1} (after step {@code toStep}); the referee re-executes steps {@code fromStep +
 * 1 .. toStep}. With checkpoint interval 1, {@code toStep} is the first divergent step.
 */
public record Segment(int fromCheckpoint, int toCheckpoint, int fromStep, int toStep) {
  public Segment {
    if (fromCheckpoint < 0
        || toCheckpoint != fromCheckpoint + 1
        || fromStep < 0
        || toStep <= fromStep) {
      throw new IllegalArgumentException(
          "not a one-interval segment: checkpoints "
              + fromCheckpoint
              + ".."
              + toCheckpoint
              + ", steps "
              + fromStep
              + ".."
              + toStep);
    }
  }

  /** The number of steps the referee re-executes. */
  public int length() {
    return toStep - fromStep;
  }
}
