package dev.proofofcompute.bench;

import static java.nio.charset.StandardCharsets.UTF_8;

import dev.proofofcompute.core.scheme.Verdict;
import dev.proofofcompute.core.workload.StepStructure;
import dev.proofofcompute.core.workload.Workload;
import dev.proofofcompute.crypto.Bytes;
import dev.proofofcompute.crypto.Digest;
import dev.proofofcompute.crypto.Hashes;
import dev.proofofcompute.crypto.VerificationException;
import dev.proofofcompute.crypto.identity.NodeId;
import dev.proofofcompute.schemes.bisection.BisectionDispute;
import dev.proofofcompute.schemes.bisection.BisectionParameters;
import dev.proofofcompute.schemes.bisection.CheckpointOpening;
import dev.proofofcompute.schemes.bisection.CheckpointTree;
import dev.proofofcompute.schemes.bisection.DisputeOutcome;
import dev.proofofcompute.schemes.bisection.DisputeParty;
import dev.proofofcompute.schemes.bisection.HonestParty;
import dev.proofofcompute.schemes.bisection.Segment;
import dev.proofofcompute.schemes.bisection.StateCommitment;
import dev.proofofcompute.workloads.heat.HeatSim;
import dev.proofofcompute.workloads.heat.HeatSimInput;
import dev.proofofcompute.workloads.train.FixedPoint;
import dev.proofofcompute.workloads.train.MlpTrain;
import dev.proofofcompute.workloads.train.MlpTrainInput;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * One bisection dispute over a stepped workload: an honest party against a cheater whose committed
 * state hashes are right up to step {@code j - 1} and wrong from the divergent step {@code j = T -
 * T/4} on (one wrong step late in a long run), checkpoint interval 1. Both parties' answers are
 * computed once in {@link #create}, so timing {@link #referee} times the referee alone: the initial
 * state and its hash, the inclusion proofs of round 0 and of every bisection round, the hashes of
 * the agreed state revealed by both parties, the one re-executed step and the hash of its result.
 * {@link #oneStep} and {@link #hashing} time those parts separately. Shared by {@link
 * BisectionBenchmark} and {@link SchemeCostProbe}.
 *
 * <p>Workloads: {@code heat-sim} on a 128 × 128 grid ({@link HeatSimInput#random}), and {@code
 * mlp-train} with 32 inputs, 64 hidden units, 8 outputs, mini-batches of 32 from 4096 samples.
 *
 * @param <I> the workload's input type
 */
final class BisectionFixture<I> {
  private static final BisectionParameters PARAMETERS = new BisectionParameters(1, 1, 1.0);

  private final Workload<I, ?> workload;
  private final StepStructure<I, ?> steps;
  private final I input;
  private final ReplayParty honest;
  private final ReplayParty cheater;
  private final int divergentStep;
  private final Bytes agreedState;
  private final Bytes nextState;
  private final List<Integer> openedCheckpoints;

  private BisectionFixture(
      Workload<I, ?> workload,
      StepStructure<I, ?> steps,
      I input,
      ReplayParty honest,
      ReplayParty cheater,
      int divergentStep,
      Bytes agreedState,
      Bytes nextState,
      List<Integer> openedCheckpoints) {
    this.workload = workload;
    this.steps = steps;
    this.input = input;
    this.honest = honest;
    this.cheater = cheater;
    this.divergentStep = divergentStep;
    this.agreedState = agreedState;
    this.nextState = nextState;
    this.openedCheckpoints = List.copyOf(openedCheckpoints);
  }

  /**
   * The dispute for {@code workloadName} ({@code heat-sim} or {@code mlp-train}) over {@code
   * stepCount} steps, after playing it once and checking that the cheater is convicted at the
   * divergent step with exactly one re-executed step and the honest party accepted.
   *
   * @throws IllegalArgumentException for another workload name
   * @throws IllegalStateException if the dispute does not end that way
   */
  static BisectionFixture<?> create(long seed, String workloadName, int stepCount) {
    return switch (workloadName) {
      case HeatSim.NAME -> of(HeatSim.create(), HeatSimInput.random(seed, 128, stepCount));
      case MlpTrain.NAME ->
          of(
              MlpTrain.create(),
              new MlpTrainInput(
                  seed, 32, 64, 8, 4096, 32, stepCount, FixedPoint.ONE / 16, FixedPoint.ONE / 2));
      default -> throw new IllegalArgumentException("no bisection fixture for " + workloadName);
    };
  }

  private static <I> BisectionFixture<I> of(Workload<I, ?> workload, I input) {
    StepStructure<I, ?> steps =
        workload
            .steps()
            .orElseThrow(() -> new IllegalArgumentException(workload + " has no steps"));
    int stepCount = steps.stepCount(input);
    int divergent = stepCount - stepCount / 4;
    Digest taskId = Hashes.hash("poc/bench/task/v1", ("bisection " + workload).getBytes(UTF_8));
    HonestParty<I> honestRun = HonestParty.run(steps, input, PARAMETERS, taskId, partyId("honest"));
    Bytes agreed =
        honestRun
            .revealState(divergent - 1)
            .orElseThrow(() -> new IllegalStateException("no state at " + (divergent - 1)));
    List<Digest> wrong = new ArrayList<>(honestRun.tree().stateHashes());
    for (int t = divergent; t <= stepCount; t++) {
      wrong.set(t, Hashes.hash("poc/bench/wrong-state/v1", ("state " + t).getBytes(UTF_8)));
    }
    CheckpointTree cheaterTree = CheckpointTree.of(stepCount, PARAMETERS, wrong);
    ReplayParty honest =
        ReplayParty.of(honestRun.tree(), honestRun.commitment(), divergent - 1, agreed);
    ReplayParty cheater =
        ReplayParty.of(
            cheaterTree, cheaterTree.commitment(taskId, partyId("cheater")), divergent - 1, agreed);
    BisectionFixture<I> fixture =
        new BisectionFixture<>(
            workload,
            steps,
            input,
            honest,
            cheater,
            divergent,
            agreed,
            steps.step(input, agreed, divergent),
            searchPath(stepCount, divergent));
    fixture.checkOutcome(fixture.referee());
    return fixture;
  }

  /**
   * The checkpoints the referee asks both parties to open when the hashes agree before {@code
   * divergent} and differ from it on (checkpoint interval 1): 0 and T, then each midpoint.
   */
  private static List<Integer> searchPath(int stepCount, int divergent) {
    List<Integer> path = new ArrayList<>(List.of(0, stepCount));
    int lo = 0;
    int hi = stepCount;
    while (hi - lo > 1) {
      int mid = lo + (hi - lo) / 2;
      path.add(mid);
      if (mid < divergent) {
        lo = mid;
      } else {
        hi = mid;
      }
    }
    return path;
  }

  private void checkOutcome(DisputeOutcome outcome) {
    Optional<Segment> segment = outcome.locatedSegment();
    boolean expected =
        outcome.verdictFor(honest.id()) instanceof Verdict.Accepted
            && outcome.verdictFor(cheater.id()) instanceof Verdict.Rejected
            && outcome.stepsReExecuted() == 1
            && segment.isPresent()
            && segment.get().toStep() == divergentStep
            && outcome.rounds() == openedCheckpoints.size() - 2;
    if (!expected) {
      throw new IllegalStateException(
          "the dispute over "
              + workload
              + " did not convict the cheater at step "
              + divergentStep
              + " with one re-executed step: "
              + outcome);
    }
  }

  private static NodeId partyId(String name) {
    return new NodeId(Hashes.hash("poc/bench/party/v1", name.getBytes(UTF_8)));
  }

  /** The number of steps T of the run. */
  int stepCount() {
    return steps.stepCount(input);
  }

  /** The baseline: one full run of the workload. */
  Object fullRun() {
    return workload.execute(input);
  }

  /**
   * The honest provider's run under the scheme: every step through the state encoding, a state hash
   * per step and the Merkle tree over them.
   */
  StateCommitment committedRun() {
    return HonestParty.run(steps, input, PARAMETERS, honest.commitment().taskId(), honest.id())
        .commitment();
  }

  /** The referee's whole work in the dispute, both parties' answers being ready. */
  DisputeOutcome referee() {
    return BisectionDispute.resolve(steps, input, PARAMETERS, honest, cheater);
  }

  /** The divergent step alone, from the agreed state. */
  Bytes oneStep() {
    return steps.step(input, agreedState, divergentStep);
  }

  /**
   * All the hashing the referee does in {@link #referee}, without the step: the initial state
   * derived from the input and its hash, the hash of the agreed state revealed by each party, the
   * hash of the re-executed state, and the verification of every inclusion proof of both parties
   * (round 0 and each bisection round). {@code oneStep + hashing} is the yardstick "one step plus
   * hashing" of issue 3.
   *
   * @throws IllegalStateException if an opening fails (it cannot: they were made by the trees)
   */
  Digest hashing() {
    Digest initial = steps.stateHash(steps.initialState(input));
    Digest agreed = steps.stateHash(agreedState);
    Digest agreedAgain = steps.stateHash(agreedState);
    Digest next = steps.stateHash(nextState);
    try {
      for (ReplayParty party : List.of(honest, cheater)) {
        for (int checkpoint : openedCheckpoints) {
          CheckpointTree.verifyOpening(
              party.commitment(),
              stepCount() + 1,
              checkpoint,
              party.openCheckpoint(checkpoint).orElseThrow());
        }
      }
    } catch (VerificationException e) {
      throw new IllegalStateException(e);
    }
    // The result depends on every hash, so that the JIT cannot drop any of them.
    return initial.compareTo(next) < 0 && agreed.equals(agreedAgain) ? initial : next;
  }

  /** A party whose answers were all computed beforehand: answering costs a list lookup. */
  private static final class ReplayParty implements DisputeParty {
    private final StateCommitment commitment;
    private final List<CheckpointOpening> openings;
    private final int revealCheckpoint;
    private final Bytes revealedState;

    private ReplayParty(
        StateCommitment commitment,
        List<CheckpointOpening> openings,
        int revealCheckpoint,
        Bytes revealedState) {
      this.commitment = commitment;
      this.openings = openings;
      this.revealCheckpoint = revealCheckpoint;
      this.revealedState = revealedState;
    }

    static ReplayParty of(
        CheckpointTree tree,
        StateCommitment commitment,
        int revealCheckpoint,
        Bytes revealedState) {
      List<CheckpointOpening> openings = new ArrayList<>(tree.checkpoints());
      for (int i = 0; i < tree.checkpoints(); i++) {
        openings.add(tree.open(i));
      }
      return new ReplayParty(commitment, List.copyOf(openings), revealCheckpoint, revealedState);
    }

    @Override
    public NodeId id() {
      return commitment.partyId();
    }

    @Override
    public StateCommitment commitment() {
      return commitment;
    }

    @Override
    public Optional<CheckpointOpening> openCheckpoint(int checkpoint) {
      return checkpoint >= 0 && checkpoint < openings.size()
          ? Optional.of(openings.get(checkpoint))
          : Optional.empty();
    }

    @Override
    public Optional<Bytes> revealState(int checkpoint) {
      return checkpoint == revealCheckpoint ? Optional.of(revealedState) : Optional.empty();
    }
  }
}
