package dev.proofofcompute.schemes.bisection;

import dev.proofofcompute.core.workload.StepStructure;
import dev.proofofcompute.crypto.Bytes;
import dev.proofofcompute.crypto.Digest;

/** Counts the {@link #step} calls made through it: the referee's re-execution work. */
class CountingSteps<I, O> implements StepStructure<I, O> {
  private final StepStructure<I, O> delegate;
  private int steps;
  private int initialStates;
  private int hashes;

  CountingSteps(StepStructure<I, O> delegate) {
    this.delegate = delegate;
  }

  int stepCalls() {
    return steps;
  }

  int initialStateCalls() {
    return initialStates;
  }

  int stateHashCalls() {
    return hashes;
  }

  @Override
  public int stepCount(I input) {
    return delegate.stepCount(input);
  }

  @Override
  public Bytes initialState(I input) {
    initialStates++;
    return delegate.initialState(input);
  }

  @Override
  public Bytes step(I input, Bytes state, int t) {
    steps++;
    return delegate.step(input, state, t);
  }

  @Override
  public O output(I input, Bytes finalState) {
    return delegate.output(input, finalState);
  }

  @Override
  public Digest stateHash(Bytes state) {
    hashes++;
    return delegate.stateHash(state);
  }
}
