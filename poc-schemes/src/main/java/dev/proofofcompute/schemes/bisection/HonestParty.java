package dev.proofofcompute.schemes.bisection;

import dev.proofofcompute.core.workload.StepStructure;
import dev.proofofcompute.crypto.Bytes;
import dev.proofofcompute.crypto.Digest;
import dev.proofofcompute.crypto.identity.NodeId;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * A party that runs the workload faithfully and answers every question from what it computed: the
 * prover side of the bisection scheme.
 *
 * <p>Memory: it keeps every checkpoint hash (for the Merkle tree) but the state bytes only at every
 * {@code s}-th checkpoint, {@code s = ceil(sqrt(n + 1))}; {@link #revealState} replays at most
 * {@code s} checkpoint intervals from the nearest snapshot. So a long run with large states costs
 * {@code O(sqrt(n))} states of memory and {@code O(sqrt(n) * k)} steps per reveal.
 *
 * @param <I> the workload's input type
 */
public final class HonestParty<I> implements DisputeParty {
  private final StepStructure<I, ?> steps;
  private final I input;
  private final BisectionParameters parameters;
  private final NodeId id;
  private final CheckpointTree tree;
  private final StateCommitment commitment;
  private final int stride;
  private final List<Bytes> snapshots;
  private final Bytes finalState;

  private HonestParty(
      StepStructure<I, ?> steps,
      I input,
      BisectionParameters parameters,
      NodeId id,
      CheckpointTree tree,
      StateCommitment commitment,
      int stride,
      List<Bytes> snapshots,
      Bytes finalState) {
    this.steps = steps;
    this.input = input;
    this.parameters = parameters;
    this.id = id;
    this.tree = tree;
    this.commitment = commitment;
    this.stride = stride;
    this.snapshots = snapshots;
    this.finalState = finalState;
  }

  /** Runs every step of {@code input} and commits to the checkpoint hashes as {@code id}. */
  public static <I> HonestParty<I> run(
      StepStructure<I, ?> steps,
      I input,
      BisectionParameters parameters,
      Digest taskId,
      NodeId id) {
    int stepCount = steps.stepCount(input);
    int intervals = parameters.intervals(stepCount);
    int stride = (int) Math.ceil(Math.sqrt(intervals + 1.0));
    List<Digest> hashes = new ArrayList<>(intervals + 1);
    List<Bytes> snapshots = new ArrayList<>();
    Bytes state = steps.initialState(input);
    hashes.add(steps.stateHash(state));
    snapshots.add(state);
    for (int checkpoint = 1; checkpoint <= intervals; checkpoint++) {
      int from = parameters.checkpointStep(checkpoint - 1, stepCount);
      int to = parameters.checkpointStep(checkpoint, stepCount);
      for (int t = from + 1; t <= to; t++) {
        state = steps.step(input, state, t);
      }
      hashes.add(steps.stateHash(state));
      if (checkpoint % stride == 0) {
        snapshots.add(state);
      }
    }
    CheckpointTree tree = CheckpointTree.of(stepCount, parameters, hashes);
    return new HonestParty<>(
        steps,
        input,
        parameters,
        id,
        tree,
        tree.commitment(taskId, id),
        stride,
        List.copyOf(snapshots),
        state);
  }

  @Override
  public NodeId id() {
    return id;
  }

  @Override
  public StateCommitment commitment() {
    return commitment;
  }

  /** The tree behind the commitment. */
  public CheckpointTree tree() {
    return tree;
  }

  /** The state after the last step. */
  public Bytes finalState() {
    return finalState;
  }

  @Override
  public Optional<CheckpointOpening> openCheckpoint(int checkpoint) {
    if (checkpoint < 0 || checkpoint >= tree.checkpoints()) {
      return Optional.empty();
    }
    return Optional.of(tree.open(checkpoint));
  }

  @Override
  public Optional<Bytes> revealState(int checkpoint) {
    if (checkpoint < 0 || checkpoint >= tree.checkpoints()) {
      return Optional.empty();
    }
    int stepCount = tree.steps();
    int base = checkpoint / stride * stride;
    Bytes state = snapshots.get(base / stride);
    int from = parameters.checkpointStep(base, stepCount);
    int to = parameters.checkpointStep(checkpoint, stepCount);
    for (int t = from + 1; t <= to; t++) {
      state = steps.step(input, state, t);
    }
    return Optional.of(state);
  }

  @Override
  public String toString() {
    return "HonestParty[" + id.shortForm() + "]";
  }
}
