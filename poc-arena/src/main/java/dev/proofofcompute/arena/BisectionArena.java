package dev.proofofcompute.arena;

import dev.proofofcompute.core.linalg.IntMatrix;
import dev.proofofcompute.core.scheme.Verdict;
import dev.proofofcompute.core.workload.StepStructure;
import dev.proofofcompute.crypto.Bytes;
import dev.proofofcompute.crypto.DecodingException;
import dev.proofofcompute.crypto.Digest;
import dev.proofofcompute.crypto.identity.NodeId;
import dev.proofofcompute.crypto.random.RandomSource;
import dev.proofofcompute.schemes.bisection.BisectionDispute;
import dev.proofofcompute.schemes.bisection.BisectionParameters;
import dev.proofofcompute.schemes.bisection.BisectionScheme;
import dev.proofofcompute.schemes.bisection.CheckpointOpening;
import dev.proofofcompute.schemes.bisection.CheckpointTree;
import dev.proofofcompute.schemes.bisection.DisputeOutcome;
import dev.proofofcompute.schemes.bisection.DisputeParty;
import dev.proofofcompute.schemes.bisection.HonestParty;
import dev.proofofcompute.schemes.bisection.SegmentAudit;
import dev.proofofcompute.schemes.bisection.StateCommitment;
import dev.proofofcompute.workloads.heat.HeatSim;
import dev.proofofcompute.workloads.heat.HeatSimInput;
import dev.proofofcompute.workloads.heat.HeatSimOutput;
import dev.proofofcompute.workloads.heat.HeatState;
import java.util.ArrayList;
import java.util.BitSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * The bisection scheme in the arena, on {@code heat-sim} runs of {@code T} steps with every state
 * committed (checkpoint interval 1):
 *
 * <ul>
 *   <li>disputes ({@link BisectionDispute}) between an honest party and a cheater, the honest party
 *       first or second in turn: the cheater must be convicted, within {@code ceil(log2 T)} rounds,
 *       with the search ending on its first wrong step, and the referee re-executing one step (a
 *       lazy party whose made-up hashes leave the final state right is not disputed: both parties
 *       claim the same result, which a dispute does not decide; the audit below catches it);
 *   <li>single-party audits ({@link SegmentAudit}) of a window of {@value #AUDIT_WINDOW} intervals:
 *       detection against {@link SegmentAudit#detectionProbability} for the cheater's wrong
 *       intervals. An audit checks only the window's two ends (the start state's bytes, the end
 *       hash), so made-up hashes in the middle of a window go unseen: the lazy provider, whose
 *       made-up checkpoints are not consistent with each other, is audited one interval at a time,
 *       where "the window covers a wrong interval" and "an end of the window is made up" coincide.
 * </ul>
 *
 * A deviating party adds a large error to the centre cell of the state after its wrong step and
 * carries on consistently from there; a lazy one commits made-up hashes at a fraction of the
 * checkpoints (it skipped those steps) and the true ones elsewhere. Verification work is the
 * referee's or auditor's step executions ({@code cell-update}s, counted by {@link
 * CountingWorkload}); hashing is not counted.
 */
final class BisectionArena {
  static final int AUDIT_WINDOW = 8;
  static final int ERROR = 1_000_000;
  private static final String SCHEME = BisectionScheme.NAME;

  private final ArenaConfig config;
  private final HeatSim heat = HeatSim.create();
  private final WorkModel<HeatSimInput> model = WorkModel.heatSim();

  BisectionArena(ArenaConfig config) {
    this.config = config;
  }

  List<ScenarioResult> run() {
    BisectionParameters dispute = new BisectionParameters(1, 1, 1.0);
    BisectionParameters audit = new BisectionParameters(1, AUDIT_WINDOW, 1.0);
    BisectionParameters stepAudit = new BisectionParameters(1, 1, 1.0);
    int steps = config.heatSteps();
    List<ScenarioResult> out = new ArrayList<>();
    out.add(audit(audit, new Behaviour.Honest(), config.honestRuns()));
    out.add(
        dispute(dispute, new Behaviour.LateWrongStep(Math.min(3, steps - 1)), config.honestRuns()));
    out.add(dispute(dispute, new Behaviour.WrongResult(), config.adversaryRuns()));
    out.add(dispute(dispute, new Behaviour.Malformed(), config.adversaryRuns()));
    out.add(
        audit(audit, new Behaviour.LateWrongStep(Math.min(3, steps - 1)), config.samplingRuns()));
    out.add(audit(audit, new Behaviour.WrongResult(), config.samplingRuns()));
    out.add(audit(stepAudit, new Behaviour.Lazy(0.1), config.samplingRuns()));
    return out;
  }

  // ---- disputes ----

  private ScenarioResult dispute(BisectionParameters parameters, Behaviour behaviour, int runs) {
    int steps = config.heatSteps();
    int bound = ceilLog2(parameters.intervals(steps));
    String policy = "dispute k=1 T=" + steps;
    String expectation =
        behaviour instanceof Behaviour.Malformed
            ? "a forged opening or state: rejected, the honest party accepted"
            : "the cheater convicted within ceil(log2 T) = "
                + bound
                + " rounds, at its first wrong step";
    RandomSource scenario =
        ArenaRandom.fork(config.seed(), SCHEME + "/" + policy + "/" + behaviour.label());
    Tally tally = new Tally(SCHEME, policy, heat.id().name(), behaviour, expectation, model.unit());
    int maxRounds = 0;
    int maxReExecuted = 0;
    int locatedFirstWrong = 0;
    int withinBound = 0;
    for (int run = 0; run < runs; run++) {
      RandomSource r = ArenaRandom.child(scenario);
      HeatSimInput input = HeatSimInput.random(r.nextLong(), config.heatGrid(), steps);
      Digest task = Digest.of(r.nextBytes(Digest.LENGTH).toByteArray());
      NodeId honestId = node(r);
      NodeId cheaterId = node(r);
      HonestParty<HeatSimInput> honest =
          HonestParty.run(counted(new WorkMeter()), input, parameters, task, honestId);
      Cheater cheater = cheater(behaviour, input, parameters, task, cheaterId, honest, r);
      WorkMeter referee = new WorkMeter();
      boolean honestFirst = run % 2 == 0;
      DisputeOutcome outcome =
          BisectionDispute.resolve(
              counted(referee),
              input,
              parameters,
              honestFirst ? honest : cheater.party(),
              honestFirst ? cheater.party() : honest);
      tally.run();
      Verdict verdict = outcome.verdictFor(cheaterId);
      tally.cheater(verdict);
      tally.honest(outcome.verdictFor(honestId));
      maxRounds = Math.max(maxRounds, outcome.rounds());
      maxReExecuted = Math.max(maxReExecuted, outcome.stepsReExecuted());
      if (outcome.rounds() <= bound) {
        withinBound++;
      }
      int first = cheater.firstWrongStep();
      if (first > 0 && outcome.locatedSegment().map(s -> s.toStep() == first).orElse(false)) {
        locatedFirstWrong++;
      }
      tally.work(model.execute(input), referee.units());
    }
    tally.metric("roundBound", bound);
    tally.metric("maxRounds", maxRounds);
    tally.metric("runsWithinRoundBound", withinBound);
    tally.metric("maxStepsReExecuted", maxReExecuted);
    if (!(behaviour instanceof Behaviour.Malformed)) {
      tally.metric("locatedFirstWrongStep", locatedFirstWrong);
    }
    return tally.result(1.0, "an honest party never loses and a cheater never wins a dispute");
  }

  // ---- audits ----

  private ScenarioResult audit(BisectionParameters parameters, Behaviour behaviour, int runs) {
    int steps = config.heatSteps();
    int intervals = parameters.intervals(steps);
    String policy = "audit k=1 m=" + parameters.auditSegmentLength() + " T=" + steps;
    RandomSource scenario =
        ArenaRandom.fork(config.seed(), SCHEME + "/" + policy + "/" + behaviour.label());
    Tally tally =
        new Tally(
            SCHEME,
            policy,
            heat.id().name(),
            behaviour,
            behaviour.honest()
                ? "every honest commitment passes its audit"
                : "caught when the window covers a wrong interval",
            model.unit());
    double theorySum = 0;
    for (int run = 0; run < runs; run++) {
      RandomSource r = ArenaRandom.child(scenario);
      RandomSource validator = ArenaRandom.child(r);
      HeatSimInput input = HeatSimInput.random(r.nextLong(), config.heatGrid(), steps);
      Digest task = Digest.of(r.nextBytes(Digest.LENGTH).toByteArray());
      NodeId id = node(r);
      WorkMeter auditor = new WorkMeter();
      tally.run();
      if (behaviour.honest()) {
        HonestParty<HeatSimInput> party =
            HonestParty.run(counted(new WorkMeter()), input, parameters, task, id);
        Verdict v =
            SegmentAudit.challenge(
                    counted(auditor), input, parameters, party.commitment(), validator)
                .run(party);
        tally.honest(v);
      } else {
        HonestParty<HeatSimInput> truth =
            HonestParty.run(counted(new WorkMeter()), input, parameters, task, node(r));
        Cheater cheater = cheater(behaviour, input, parameters, task, id, truth, r);
        theorySum +=
            SegmentAudit.detectionProbability(
                intervals, parameters.auditSegmentLength(), cheater.wrongIntervals());
        Verdict v =
            SegmentAudit.challenge(
                    counted(auditor), input, parameters, cheater.party().commitment(), validator)
                .run(cheater.party());
        tally.cheater(v);
      }
      tally.work(model.execute(input), auditor.units());
    }
    if (behaviour.honest()) {
      return tally.honestResult();
    }
    return tally.result(
        theorySum / runs,
        "mean over runs of SegmentAudit.detectionProbability("
            + intervals
            + ", "
            + parameters.auditSegmentLength()
            + ", wrong intervals)");
  }

  // ---- cheaters ----

  /**
   * A cheating party with its ground truth.
   *
   * @param party the party as the referee sees it
   * @param firstWrongStep the first step whose committed state is wrong, 0 if none
   * @param wrongIntervals the intervals whose re-execution from the committed start does not give
   *     the committed end (indices {@code 0..n-1})
   */
  private record Cheater(DisputeParty party, int firstWrongStep, BitSet wrongIntervals) {}

  private Cheater cheater(
      Behaviour behaviour,
      HeatSimInput input,
      BisectionParameters parameters,
      Digest task,
      NodeId id,
      HonestParty<HeatSimInput> truth,
      RandomSource r) {
    int steps = input.steps();
    return switch (behaviour) {
      case Behaviour.LateWrongStep l ->
          deviating(input, parameters, task, id, steps - l.stepsFromEnd());
      case Behaviour.WrongResult w ->
          deviating(input, parameters, task, id, 1 + (int) r.nextLong(steps));
      case Behaviour.Lazy l -> {
        int faked = MatrixEdits.faked(steps, l.fakedFraction());
        Set<Integer> positions = MatrixEdits.distinct(steps, faked, r);
        List<Digest> hashes = new ArrayList<>(truth.tree().stateHashes());
        BitSet wrong = new BitSet();
        int first = Integer.MAX_VALUE;
        for (int p : positions) {
          int checkpoint = p + 1;
          hashes.set(checkpoint, Digest.of(r.nextBytes(Digest.LENGTH).toByteArray()));
          wrong.set(checkpoint - 1);
          if (checkpoint < steps) {
            wrong.set(checkpoint);
          }
          first = Math.min(first, checkpoint);
        }
        CheckpointTree tree = CheckpointTree.of(steps, parameters, hashes);
        yield new Cheater(
            new Skipper(truth, tree, tree.commitment(task, id), positions, r), first, wrong);
      }
      case Behaviour.Malformed m -> {
        Cheater base = deviating(input, parameters, task, id, 1 + (int) r.nextLong(steps));
        HonestParty<?> deviant = (HonestParty<?>) base.party();
        yield new Cheater(
            new Forger(deviant, steps, behaviourVariant(r)),
            base.firstWrongStep(),
            base.wrongIntervals());
      }
      default ->
          throw new IllegalArgumentException(behaviour.label() + " is not run under bisection");
    };
  }

  private static boolean behaviourVariant(RandomSource r) {
    return r.nextLong(2) == 0;
  }

  private Cheater deviating(
      HeatSimInput input, BisectionParameters parameters, Digest task, NodeId id, int wrongStep) {
    HonestParty<HeatSimInput> party =
        HonestParty.run(
            new Deviating(counted(new WorkMeter()), wrongStep), input, parameters, task, id);
    BitSet wrong = new BitSet();
    wrong.set(wrongStep - 1);
    return new Cheater(party, wrongStep, wrong);
  }

  /** Commits to made-up hashes at the skipped checkpoints; reveals random bytes for them. */
  private static final class Skipper implements DisputeParty {
    private final HonestParty<HeatSimInput> truth;
    private final CheckpointTree tree;
    private final StateCommitment commitment;
    private final Set<Integer> skipped;
    private final RandomSource random;

    Skipper(
        HonestParty<HeatSimInput> truth,
        CheckpointTree tree,
        StateCommitment commitment,
        Set<Integer> skipped,
        RandomSource random) {
      this.truth = truth;
      this.tree = tree;
      this.commitment = commitment;
      this.skipped = skipped;
      this.random = random;
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
      return Optional.of(tree.open(checkpoint));
    }

    @Override
    public Optional<Bytes> revealState(int checkpoint) {
      return skipped.contains(checkpoint - 1)
          ? Optional.of(random.nextBytes(Digest.LENGTH))
          : truth.revealState(checkpoint);
    }
  }

  /**
   * A deviating party whose answers are spoiled: either every opening is the opening of the next
   * checkpoint (a proof for the wrong leaf), or every state it reveals has a changed byte.
   */
  private static final class Forger implements DisputeParty {
    private final HonestParty<?> base;
    private final int checkpoints;
    private final boolean wrongLeaf;

    Forger(HonestParty<?> base, int steps, boolean wrongLeaf) {
      this.base = base;
      this.checkpoints = steps + 1;
      this.wrongLeaf = wrongLeaf;
    }

    @Override
    public NodeId id() {
      return base.id();
    }

    @Override
    public StateCommitment commitment() {
      return base.commitment();
    }

    @Override
    public Optional<CheckpointOpening> openCheckpoint(int checkpoint) {
      return base.openCheckpoint(wrongLeaf ? (checkpoint + 1) % checkpoints : checkpoint);
    }

    @Override
    public Optional<Bytes> revealState(int checkpoint) {
      return base.revealState(checkpoint)
          .map(b -> {
            byte[] x = b.toByteArray();
            x[x.length / 2] ^= 1;
            return Bytes.of(x);
          });
    }
  }

  /**
   * Runs the real step, then adds {@value #ERROR} to the centre cell of the state after {@code
   * wrongStep}. A large error, because diffusion with rounding dissipates small ones: a +1 in an
   * interior cell is often gone within a few steps, the run then ends in the honest final state, a
   * dispute has nothing to decide and an audit window that does not end right after the wrong step
   * misses it. (Border cells cannot be changed: {@code heat-sim} refuses a state whose fixed
   * boundary moved.) The arena's grids stay below 10^4 + 10^6, inside the workload's 2^24 bound.
   */
  private final class Deviating implements StepStructure<HeatSimInput, HeatSimOutput> {
    private final StepStructure<HeatSimInput, HeatSimOutput> delegate;
    private final int wrongStep;

    Deviating(StepStructure<HeatSimInput, HeatSimOutput> delegate, int wrongStep) {
      this.delegate = delegate;
      this.wrongStep = wrongStep;
    }

    @Override
    public int stepCount(HeatSimInput input) {
      return delegate.stepCount(input);
    }

    @Override
    public Bytes initialState(HeatSimInput input) {
      return delegate.initialState(input);
    }

    @Override
    public Bytes step(HeatSimInput input, Bytes state, int t) {
      Bytes next = delegate.step(input, state, t);
      if (t != wrongStep) {
        return next;
      }
      try {
        HeatState s = heat.stateCodec().decode(next);
        IntMatrix g = s.grid();
        int c = g.rows() / 2;
        IntMatrix changed =
            IntMatrix.generate(
                g.rows(), g.cols(), (i, j) -> i == c && j == c ? g.get(i, j) + ERROR : g.get(i, j));
        return heat.stateCodec().encode(new HeatState(s.step(), changed));
      } catch (DecodingException e) {
        throw new IllegalStateException("heat-sim produced a state it cannot decode", e);
      }
    }

    @Override
    public HeatSimOutput output(HeatSimInput input, Bytes finalState) {
      return delegate.output(input, finalState);
    }

    @Override
    public Digest stateHash(Bytes state) {
      return delegate.stateHash(state);
    }
  }

  // ---- helpers ----

  private StepStructure<HeatSimInput, HeatSimOutput> counted(WorkMeter meter) {
    return CountingWorkload.wrap(heat, model, meter).steps().orElseThrow();
  }

  private static NodeId node(RandomSource r) {
    return new NodeId(Digest.of(r.nextBytes(Digest.LENGTH).toByteArray()));
  }

  static int ceilLog2(int n) {
    return n <= 1 ? 0 : 32 - Integer.numberOfLeadingZeros(n - 1);
  }
}
