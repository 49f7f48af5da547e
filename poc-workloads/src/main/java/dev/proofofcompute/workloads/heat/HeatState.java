package dev.proofofcompute.workloads.heat;

import dev.proofofcompute.core.linalg.IntMatrix;

/**
 * The simulation state after {@code step} time steps. The step counter is part of the state, so
 * that a grid that has reached equilibrium still hashes differently at every step.
 */
public record HeatState(int step, IntMatrix grid) {
  /**
   * @throws IllegalArgumentException on a negative step or a grid out of bounds
   */
  public HeatState {
    if (step < 0) {
      throw new IllegalArgumentException("step counter is >= 0, got " + step);
    }
    HeatSimInput.checkGrid(grid);
  }
}
