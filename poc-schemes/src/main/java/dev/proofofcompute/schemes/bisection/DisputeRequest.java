package dev.proofofcompute.schemes.bisection;

import java.util.List;

/** What the referee of a {@link BisectionDispute} asks both parties next. */
public sealed interface DisputeRequest
    permits DisputeRequest.OpenCheckpoints, DisputeRequest.RevealState {

  /**
   * Open these checkpoints of your commitment: round 0 asks for the first and last checkpoint, each
   * bisection round {@code r >= 1} for the midpoint of the disputed interval.
   */
  record OpenCheckpoints(int round, List<Integer> checkpoints) implements DisputeRequest {
    public OpenCheckpoints {
      checkpoints = List.copyOf(checkpoints);
    }
  }

  /** Reveal the bytes of the agreed state at {@code checkpoint}, the start of the last segment. */
  record RevealState(int checkpoint) implements DisputeRequest {}
}
