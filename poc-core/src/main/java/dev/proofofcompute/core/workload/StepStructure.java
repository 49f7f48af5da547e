package dev.proofofcompute.core.workload;

import dev.proofofcompute.crypto.Bytes;
import dev.proofofcompute.crypto.Digest;
import dev.proofofcompute.crypto.Hashes;

/**
 * A workload that advances a state step by step (training steps, simulation time steps). States
 * travel as canonical bytes; the state after step {@code t} is {@code step(input, state(t-1), t)}
 * and the state before step 1 is {@link #initialState}. Bisection disputes compare {@link
 * #stateHash} values and re-execute a single step.
 */
public interface StepStructure<I, O> {
  /** Number of steps T (at least 1). */
  int stepCount(I input);

  Bytes initialState(I input);

  /**
   * Runs step {@code t} (1-based) from {@code state}, the state after step {@code t - 1}.
   *
   * @throws IllegalArgumentException when {@code state} is not a valid state encoding
   */
  Bytes step(I input, Bytes state, int t);

  /** The output after the last step, from the final state. */
  O output(I input, Bytes finalState);

  /** The committed hash of a state: domain-separated SHA-256 of its canonical bytes. */
  default Digest stateHash(Bytes state) {
    return Hashes.hash("poc/workload/state/v1", state);
  }
}
