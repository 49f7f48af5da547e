package dev.proofofcompute.schemes.bisection;

import static dev.proofofcompute.schemes.bisection.Adversaries.CHEATER;
import static dev.proofofcompute.schemes.bisection.Adversaries.HONEST;
import static dev.proofofcompute.schemes.bisection.Adversaries.OTHER;
import static dev.proofofcompute.schemes.bisection.Adversaries.TASK;
import static dev.proofofcompute.schemes.bisection.Adversaries.ceilLog2;
import static dev.proofofcompute.schemes.bisection.Adversaries.firstDifference;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.proofofcompute.core.scheme.Verdict;
import dev.proofofcompute.core.scheme.Verdict.Reason;
import dev.proofofcompute.crypto.Bytes;
import dev.proofofcompute.crypto.Digest;
import dev.proofofcompute.crypto.identity.NodeId;
import dev.proofofcompute.crypto.random.RandomSource;
import dev.proofofcompute.schemes.bisection.MixWorkload.Input;
import java.util.ArrayList;
import java.util.BitSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class BisectionDisputeTest {
  private static final BisectionParameters K1 = new BisectionParameters(1, 1, 0.1);
  private static final MixWorkload.Steps STEPS = new MixWorkload.Steps();

  /** Every deviation step for short runs; 1, T-1, T and a seeded sample of 12 for long ones. */
  private static List<Integer> deviationSteps(int steps, long seed) {
    TreeSet<Integer> js = new TreeSet<>();
    if (steps <= 100) {
      for (int j = 1; j <= steps; j++) {
        js.add(j);
      }
      return List.copyOf(js);
    }
    js.add(1);
    js.add(steps - 1);
    js.add(steps);
    RandomSource random = RandomSource.seeded(seed);
    while (js.size() < 15) {
      js.add(1 + (int) random.nextLong(steps));
    }
    return List.copyOf(js);
  }

  private static void assertAccepted(DisputeOutcome outcome, HonestParty<?> party) {
    assertThat(outcome.verdictFor(party.id())).isInstanceOf(Verdict.Accepted.class);
  }

  private static void assertRejected(DisputeOutcome outcome, DisputeParty party, Reason reason) {
    assertThat(outcome.verdictFor(party.id()))
        .isInstanceOfSatisfying(
            Verdict.Rejected.class, r -> assertThat(r.reason()).isEqualTo(reason));
  }

  @ParameterizedTest(name = "T={0}, seed=0xB15EC7+T")
  @ValueSource(ints = {1, 2, 3, 7, 8, 100, 1000, 4097})
  void theWrongPartyIsConvictedAtTheFirstDivergentStepWithinLog2TRounds(int steps) {
    long seed = 0xB15EC7L + steps;
    Input input = new Input(seed, steps);
    HonestParty<Input> honest = HonestParty.run(STEPS, input, K1, TASK, HONEST);
    for (int j : deviationSteps(steps, seed)) {
      HonestParty<Input> wrong = Adversaries.wrongAt(STEPS, input, K1, CHEATER, j);
      int linear = firstDifference(honest.tree().stateHashes(), wrong.tree().stateHashes());
      assertThat(linear).as("the adversary diverges at its step j=%d", j).isEqualTo(j);
      for (boolean honestFirst : new boolean[] {true, false}) {
        CountingSteps<Input, MixWorkload.State> referee = new CountingSteps<>(STEPS);
        DisputeOutcome outcome =
            honestFirst
                ? BisectionDispute.resolve(referee, input, K1, honest, wrong)
                : BisectionDispute.resolve(referee, input, K1, wrong, honest);
        String context = "T=" + steps + ", j=" + j + ", honest first: " + honestFirst;
        assertThat(outcome.convicted()).as(context).containsExactly(CHEATER);
        assertAccepted(outcome, honest);
        assertRejected(outcome, wrong, Reason.DISPUTE_LOST);
        Segment segment = outcome.locatedSegment().orElseThrow();
        assertThat(segment.toCheckpoint()).as(context).isEqualTo(linear);
        assertThat(segment.toStep()).as(context).isEqualTo(j);
        assertThat(outcome.rounds()).as(context).isLessThanOrEqualTo(ceilLog2(steps));
        assertThat(referee.stepCalls()).as(context).isEqualTo(1);
        assertThat(outcome.stepsReExecuted()).isEqualTo(1);
        // Plus hashing: the initial state, the two revealed states (none when the segment starts
        // at checkpoint 0) and the re-executed one; the Merkle paths are a few dozen more hashes.
        assertThat(referee.initialStateCalls()).isEqualTo(1);
        assertThat(referee.stateHashCalls()).as(context).isEqualTo(j == 1 ? 2 : 4);
      }
    }
  }

  @ParameterizedTest(name = "T={0}, k={1}, seed=0xC4EC+T*k")
  @CsvSource({"7,2", "7,3", "5,8", "100,3", "100,16", "1000,7", "4097,64", "4097,4096"})
  void withACheckpointIntervalTheRefereeReExecutesTheOneIntervalHoldingTheWrongStep(
      int steps, int k) {
    long seed = 0xC4ECL + (long) steps * k;
    BisectionParameters p = new BisectionParameters(k, 1, 0.1);
    Input input = new Input(seed, steps);
    HonestParty<Input> honest = HonestParty.run(STEPS, input, p, TASK, HONEST);
    int intervals = p.intervals(steps);
    for (int j : deviationSteps(steps, seed)) {
      HonestParty<Input> wrong = Adversaries.wrongAt(STEPS, input, p, CHEATER, j);
      CountingSteps<Input, MixWorkload.State> referee = new CountingSteps<>(STEPS);
      DisputeOutcome outcome = BisectionDispute.resolve(referee, input, p, wrong, honest);
      String context = "T=" + steps + ", k=" + k + ", j=" + j;
      assertThat(outcome.convicted()).as(context).containsExactly(CHEATER);
      assertAccepted(outcome, honest);
      Segment segment = outcome.locatedSegment().orElseThrow();
      assertThat(segment.toCheckpoint())
          .as(context)
          .isEqualTo(firstDifference(honest.tree().stateHashes(), wrong.tree().stateHashes()));
      assertThat(j)
          .as(context)
          .isGreaterThan(segment.fromStep())
          .isLessThanOrEqualTo(segment.toStep());
      assertThat(referee.stepCalls())
          .as(context)
          .isEqualTo(segment.length())
          .isLessThanOrEqualTo(k);
      assertThat(outcome.rounds()).as(context).isLessThanOrEqualTo(ceilLog2(intervals));
    }
  }

  @Test
  void anHonestPartyIsNeverConvictedInAThousandSeededDisputes() {
    long seed = 0x0FA15EL;
    RandomSource random = RandomSource.seeded(seed);
    for (int run = 0; run < 1000; run++) {
      int steps = 1 + (int) random.nextLong(100);
      int k = new int[] {1, 1, 2, 5}[(int) random.nextLong(4)];
      BisectionParameters p = new BisectionParameters(k, 1, 0.1);
      Input input = new Input(random.nextLong(), steps);
      HonestParty<Input> honest = HonestParty.run(STEPS, input, p, TASK, HONEST);
      int j = 1 + (int) random.nextLong(steps);
      int kind = (int) random.nextLong(6);
      DisputeParty adversary =
          switch (kind) {
            case 0 -> Adversaries.wrongAt(STEPS, input, p, CHEATER, j);
            case 1 -> {
              BitSet garbage = new BitSet();
              garbage.set(1 + (int) random.nextLong(p.intervals(steps)), p.intervals(steps) + 1);
              yield new Adversaries.Garbage(honest, p, garbage, CHEATER, run);
            }
            case 2 ->
                new Adversaries.LiesAboutState(Adversaries.wrongAt(STEPS, input, p, CHEATER, j));
            case 3 ->
                new Adversaries.ForgesOpening(
                    Adversaries.wrongAt(STEPS, input, p, CHEATER, j),
                    (int) random.nextLong(p.intervals(steps) + 1));
            case 4 ->
                new Adversaries.GoesSilent(
                    Adversaries.wrongAt(STEPS, input, p, CHEATER, j),
                    (int) random.nextLong(2 + Adversaries.ceilLog2(steps)),
                    false);
            default -> HonestParty.run(STEPS, new Input(~input.seed(), steps), p, TASK, CHEATER);
          };
      DisputeOutcome outcome =
          random.nextLong(2) == 0
              ? BisectionDispute.resolve(STEPS, input, p, honest, adversary)
              : BisectionDispute.resolve(STEPS, input, p, adversary, honest);
      String context = "seed " + seed + ", run " + run + ", adversary kind " + kind;
      assertThat(outcome.verdictFor(HONEST)).as(context).isInstanceOf(Verdict.Accepted.class);
      if (kind == 4) { // a silent cheater forfeits: not accepted, not convicted either
        assertThat(outcome.verdictFor(CHEATER)).as(context).isNotInstanceOf(Verdict.Accepted.class);
      } else {
        assertThat(outcome.verdictFor(CHEATER)).as(context).isInstanceOf(Verdict.Rejected.class);
      }
    }
  }

  @Test
  void oneWrongStepAtTheEndOfALongRunIsFoundInLog2TRounds() {
    int steps = 4097;
    Input input = new Input(11, steps);
    HonestParty<Input> honest = HonestParty.run(STEPS, input, K1, TASK, HONEST);
    HonestParty<Input> wrong = Adversaries.wrongAt(STEPS, input, K1, CHEATER, steps - 1);
    DisputeOutcome outcome = BisectionDispute.resolve(STEPS, input, K1, honest, wrong);
    assertThat(outcome.convicted()).containsExactly(CHEATER);
    assertThat(outcome.locatedSegment().orElseThrow())
        .isEqualTo(new Segment(steps - 2, steps - 1, steps - 2, steps - 1));
    assertThat(outcome.rounds()).isLessThanOrEqualTo(13);
  }

  @Test
  void aPartyWithAnotherInitialStateLosesInRoundZeroWithoutReExecution() {
    Input input = new Input(21, 100);
    HonestParty<Input> honest = HonestParty.run(STEPS, input, K1, TASK, HONEST);
    // The cheater ran the same number of steps from another seed: every hash differs, h_0 first.
    HonestParty<Input> wrong = HonestParty.run(STEPS, new Input(22, 100), K1, TASK, CHEATER);
    CountingSteps<Input, MixWorkload.State> referee = new CountingSteps<>(STEPS);
    DisputeOutcome outcome = BisectionDispute.resolve(referee, input, K1, wrong, honest);
    assertRejected(outcome, wrong, Reason.DISPUTE_LOST);
    assertThat(outcome.verdictFor(CHEATER).detail()).contains("checkpoint 0");
    assertAccepted(outcome, honest);
    assertThat(outcome.rounds()).isZero();
    assertThat(outcome.locatedSegment()).isEmpty();
    assertThat(referee.stepCalls()).isZero();
  }

  @Test
  void aGarbageHashAtCheckpointZeroAloneLosesInRoundZero() {
    Input input = new Input(23, 50);
    HonestParty<Input> honest = HonestParty.run(STEPS, input, K1, TASK, HONEST);
    BitSet garbage = new BitSet();
    garbage.set(0);
    Adversaries.Garbage wrong = new Adversaries.Garbage(honest, K1, garbage, CHEATER, 23);
    DisputeOutcome outcome = BisectionDispute.resolve(STEPS, input, K1, honest, wrong);
    assertRejected(outcome, wrong, Reason.DISPUTE_LOST);
    assertAccepted(outcome, honest);
  }

  @ParameterizedTest(name = "T={0}, j={1}")
  @CsvSource({"1,1", "2,1", "2,2", "100,1", "100,37", "100,100", "4097,4000"})
  void twoPartiesWrongAtTheSameStepBothLose(int steps, int j) {
    Input input = new Input(31, steps);
    HonestParty<Input> a =
        HonestParty.run(new Adversaries.Deviating<>(STEPS, 1, j), input, K1, TASK, CHEATER);
    HonestParty<Input> b =
        HonestParty.run(new Adversaries.Deviating<>(STEPS, 2, j), input, K1, TASK, OTHER);
    DisputeOutcome outcome = BisectionDispute.resolve(STEPS, input, K1, a, b);
    assertThat(outcome.convicted()).containsExactlyInAnyOrder(CHEATER, OTHER);
    assertRejected(outcome, a, Reason.DISPUTE_LOST);
    assertRejected(outcome, b, Reason.DISPUTE_LOST);
    assertThat(outcome.locatedSegment().orElseThrow().toStep()).isEqualTo(j);
  }

  @Test
  void aDisputeConvictsOnlyThePartyWrongAtTheFirstDivergence() {
    // A two-party dispute proves the loser wrong; it says nothing about the winner's later steps.
    // Refereed delegation assumes one honest party; without one, the winner may still be wrong.
    Input input = new Input(37, 100);
    HonestParty<Input> early = Adversaries.wrongAt(STEPS, input, K1, CHEATER, 40);
    HonestParty<Input> late = Adversaries.wrongAt(STEPS, input, K1, OTHER, 60);
    DisputeOutcome outcome = BisectionDispute.resolve(STEPS, input, K1, early, late);
    assertThat(outcome.convicted()).containsExactly(CHEATER);
    assertThat(outcome.locatedSegment().orElseThrow().toStep()).isEqualTo(40);
  }

  @ParameterizedTest(name = "T={0}, garbage from checkpoint {1}, seed={0}")
  @CsvSource({"1,1", "8,1", "8,8", "100,50", "1000,999", "4097,2"})
  void aPartyCommittingToGarbageHashesLosesAtTheFirstGarbageCheckpoint(int steps, int from) {
    Input input = new Input(steps, steps);
    HonestParty<Input> honest = HonestParty.run(STEPS, input, K1, TASK, HONEST);
    BitSet garbage = new BitSet();
    garbage.set(from, steps + 1);
    Adversaries.Garbage wrong = new Adversaries.Garbage(honest, K1, garbage, CHEATER, steps);
    CountingSteps<Input, MixWorkload.State> referee = new CountingSteps<>(STEPS);
    DisputeOutcome outcome = BisectionDispute.resolve(referee, input, K1, wrong, honest);
    assertRejected(outcome, wrong, Reason.DISPUTE_LOST);
    assertAccepted(outcome, honest);
    assertThat(outcome.locatedSegment().orElseThrow().toCheckpoint()).isEqualTo(from);
    assertThat(referee.stepCalls()).isEqualTo(1);
  }

  @Test
  void garbageAtScatteredCheckpointsLosesAtSomeAgreedToDisagreedBoundary() {
    int steps = 1000;
    Input input = new Input(41, steps);
    HonestParty<Input> honest = HonestParty.run(STEPS, input, K1, TASK, HONEST);
    RandomSource random = RandomSource.seeded(41);
    for (int run = 0; run < 30; run++) {
      BitSet garbage = new BitSet();
      garbage.set(steps); // the final state is wrong, so the results differ
      for (int i = 0; i < 20; i++) {
        garbage.set(1 + (int) random.nextLong(steps));
      }
      Adversaries.Garbage wrong = new Adversaries.Garbage(honest, K1, garbage, CHEATER, run);
      DisputeOutcome outcome = BisectionDispute.resolve(STEPS, input, K1, honest, wrong);
      Segment segment = outcome.locatedSegment().orElseThrow();
      assertThat(garbage.get(segment.fromCheckpoint())).as("seed 41, run %d", run).isFalse();
      assertThat(garbage.get(segment.toCheckpoint())).as("seed 41, run %d", run).isTrue();
      assertThat(outcome.convicted()).containsExactly(CHEATER);
      assertThat(outcome.rounds()).isLessThanOrEqualTo(ceilLog2(steps));
    }
  }

  @Test
  void commitmentsThatDifferOnlyInTheMiddleEndWithoutAConviction() {
    Input input = new Input(43, 100);
    HonestParty<Input> honest = HonestParty.run(STEPS, input, K1, TASK, HONEST);
    BitSet garbage = new BitSet();
    garbage.set(50);
    Adversaries.Garbage wrong = new Adversaries.Garbage(honest, K1, garbage, CHEATER, 43);
    DisputeOutcome outcome = BisectionDispute.resolve(STEPS, input, K1, honest, wrong);
    assertThat(outcome.verdictFor(HONEST)).isInstanceOf(Verdict.Inconclusive.class);
    assertThat(outcome.verdictFor(CHEATER)).isInstanceOf(Verdict.Inconclusive.class);
    assertThat(outcome.convicted()).isEmpty();
  }

  @ParameterizedTest(name = "j={0}")
  @ValueSource(ints = {2, 3, 50, 100})
  void aWrongPartyThatLiesAboutTheAgreedStateBytesLoses(int j) {
    Input input = new Input(47, 100);
    HonestParty<Input> honest = HonestParty.run(STEPS, input, K1, TASK, HONEST);
    DisputeParty liar =
        new Adversaries.LiesAboutState(Adversaries.wrongAt(STEPS, input, K1, CHEATER, j));
    for (boolean liarFirst : new boolean[] {true, false}) {
      DisputeOutcome outcome =
          liarFirst
              ? BisectionDispute.resolve(STEPS, input, K1, liar, honest)
              : BisectionDispute.resolve(STEPS, input, K1, honest, liar);
      assertRejected(outcome, liar, Reason.COMMITMENT_MISMATCH);
      assertAccepted(outcome, honest);
      assertThat(outcome.stepsReExecuted()).isEqualTo(1);
    }
  }

  @Test
  void twoPartiesThatBothLieAboutTheStateBytesBothLoseAndNothingIsReExecuted() {
    Input input = new Input(53, 100);
    DisputeParty a =
        new Adversaries.LiesAboutState(Adversaries.wrongAt(STEPS, input, K1, CHEATER, 30));
    DisputeParty b =
        new Adversaries.LiesAboutState(Adversaries.wrongAt(STEPS, input, K1, OTHER, 31));
    CountingSteps<Input, MixWorkload.State> referee = new CountingSteps<>(STEPS);
    DisputeOutcome outcome = BisectionDispute.resolve(referee, input, K1, a, b);
    assertRejected(outcome, a, Reason.COMMITMENT_MISMATCH);
    assertRejected(outcome, b, Reason.COMMITMENT_MISMATCH);
    assertThat(referee.stepCalls()).isZero();
  }

  @ParameterizedTest(name = "forged checkpoint {0}")
  @ValueSource(ints = {0, 50, 100})
  void anOpeningThatDoesNotMatchTheCommitmentLoses(int forged) {
    Input input = new Input(59, 100);
    HonestParty<Input> honest = HonestParty.run(STEPS, input, K1, TASK, HONEST);
    DisputeParty forger =
        new Adversaries.ForgesOpening(Adversaries.wrongAt(STEPS, input, K1, CHEATER, 70), forged);
    DisputeOutcome outcome = BisectionDispute.resolve(STEPS, input, K1, forger, honest);
    assertRejected(outcome, forger, Reason.BAD_OPENING);
    assertAccepted(outcome, honest);
  }

  @Test
  void aMalformedAnswerLoses() {
    Input input = new Input(61, 100);
    HonestParty<Input> honest = HonestParty.run(STEPS, input, K1, TASK, HONEST);
    HonestParty<Input> wrong = Adversaries.wrongAt(STEPS, input, K1, CHEATER, 10);
    BisectionDispute<Input> dispute =
        BisectionDispute.open(STEPS, input, K1, honest.commitment(), wrong.commitment());
    dispute.answer(
        HONEST,
        new DisputeAnswer.Openings(List.of(honest.tree().open(0), honest.tree().open(100))));
    // One opening where two were asked for.
    dispute.answer(CHEATER, new DisputeAnswer.Openings(List.of(wrong.tree().open(0))));
    DisputeOutcome outcome = dispute.outcome();
    assertRejected(outcome, wrong, Reason.MALFORMED_EVIDENCE);
    assertAccepted(outcome, honest);
  }

  @Test
  void aPartyThatStopsAnsweringForfeitsWithoutAConviction() {
    Input input = new Input(67, 100);
    HonestParty<Input> honest = HonestParty.run(STEPS, input, K1, TASK, HONEST);
    HonestParty<Input> wrong = Adversaries.wrongAt(STEPS, input, K1, CHEATER, 33);
    for (int answers = 0; answers < 6; answers++) {
      DisputeParty silentCheater = new Adversaries.GoesSilent(wrong, answers, false);
      DisputeOutcome outcome = BisectionDispute.resolve(STEPS, input, K1, honest, silentCheater);
      assertThat(outcome.verdictFor(CHEATER))
          .as("answers %d", answers)
          .isInstanceOf(Verdict.Inconclusive.class);
      assertAccepted(outcome, honest);

      // The honest party going silent is never convicted either.
      DisputeParty silentHonest = new Adversaries.GoesSilent(honest, answers, false);
      outcome = BisectionDispute.resolve(STEPS, input, K1, silentHonest, wrong);
      assertThat(outcome.verdictFor(HONEST))
          .as("answers %d", answers)
          .isInstanceOf(Verdict.Inconclusive.class);
      assertThat(outcome.convicted()).doesNotContain(HONEST);
    }
  }

  @Test
  void aPartyThatOnlyMissesTheStateRevealIsJudgedOnItsProvenHash() {
    Input input = new Input(71, 100);
    HonestParty<Input> honest = HonestParty.run(STEPS, input, K1, TASK, HONEST);
    HonestParty<Input> wrong = Adversaries.wrongAt(STEPS, input, K1, CHEATER, 33);

    DisputeOutcome outcome =
        BisectionDispute.resolve(
            STEPS, input, K1, new Adversaries.GoesSilent(honest, 1000, true), wrong);
    assertAccepted(outcome, honest);
    assertRejected(outcome, wrong, Reason.DISPUTE_LOST);

    outcome =
        BisectionDispute.resolve(
            STEPS, input, K1, honest, new Adversaries.GoesSilent(wrong, 1000, true));
    assertAccepted(outcome, honest);
    assertRejected(outcome, wrong, Reason.DISPUTE_LOST);

    outcome =
        BisectionDispute.resolve(
            STEPS,
            input,
            K1,
            new Adversaries.GoesSilent(honest, 1000, true),
            new Adversaries.GoesSilent(wrong, 1000, true));
    assertThat(outcome.verdictFor(HONEST)).isInstanceOf(Verdict.Inconclusive.class);
    assertThat(outcome.verdictFor(CHEATER)).isInstanceOf(Verdict.Inconclusive.class);
  }

  /** A party with a fixed list of checkpoint hashes and fixed state bytes at some checkpoints. */
  private record Scripted(NodeId id, CheckpointTree tree, Map<Integer, Bytes> states)
      implements DisputeParty {
    @Override
    public StateCommitment commitment() {
      return tree.commitment(TASK, id);
    }

    @Override
    public Optional<CheckpointOpening> openCheckpoint(int checkpoint) {
      return Optional.of(tree.open(checkpoint));
    }

    @Override
    public Optional<Bytes> revealState(int checkpoint) {
      return Optional.ofNullable(states.get(checkpoint));
    }
  }

  @Test
  void twoPartiesAgreeingOnAnInvalidStateBothLose() {
    // Both commit to a 31-byte "state" at checkpoint 5, which no step accepts, and differ after it.
    Input input = new Input(89, 10);
    HonestParty<Input> truth = HonestParty.run(STEPS, input, K1, TASK, HONEST);
    Bytes invalid = truth.revealState(5).orElseThrow().slice(0, 31);
    List<Digest> a = new ArrayList<>(truth.tree().stateHashes());
    a.set(5, STEPS.stateHash(invalid));
    List<Digest> b = new ArrayList<>(a);
    RandomSource random = RandomSource.seeded(89);
    for (int i = 6; i <= 10; i++) {
      a.set(i, Digest.of(random.nextBytes(32)));
      b.set(i, Digest.of(random.nextBytes(32)));
    }
    Scripted first = new Scripted(CHEATER, CheckpointTree.of(10, K1, a), Map.of(5, invalid));
    Scripted second = new Scripted(OTHER, CheckpointTree.of(10, K1, b), Map.of(5, invalid));
    DisputeOutcome outcome = BisectionDispute.resolve(STEPS, input, K1, first, second);
    assertThat(outcome.locatedSegment().orElseThrow().fromCheckpoint()).isEqualTo(5);
    assertRejected(outcome, first, Reason.DISPUTE_LOST);
    assertRejected(outcome, second, Reason.DISPUTE_LOST);
    assertThat(outcome.verdictFor(OTHER).detail()).contains("not a valid state");
  }

  /** The real steps, but a state hash that fails from its {@code failAt}-th call on. */
  private static final class FailingHash extends CountingSteps<Input, MixWorkload.State> {
    private final int failAt;
    private int hashes;

    FailingHash(int failAt) {
      super(STEPS);
      this.failAt = failAt;
    }

    @Override
    public Digest stateHash(Bytes state) {
      if (++hashes >= failAt) {
        throw new IllegalStateException("hash hardware fault");
      }
      return STEPS.stateHash(state);
    }
  }

  @ParameterizedTest(name = "hash call {0} fails")
  @ValueSource(ints = {2, 3})
  void aFailureOnTheRefereesSideConvictsNobody(int failAt) {
    // Call 1 hashes the initial state when the dispute opens; call 2 checks the revealed state
    // bytes, call 3 hashes the re-executed state.
    Input input = new Input(97, 100);
    HonestParty<Input> honest = HonestParty.run(STEPS, input, K1, TASK, HONEST);
    HonestParty<Input> wrong = Adversaries.wrongAt(STEPS, input, K1, CHEATER, 50);
    DisputeOutcome outcome =
        BisectionDispute.resolve(new FailingHash(failAt), input, K1, honest, wrong);
    assertThat(outcome.verdictFor(HONEST)).isInstanceOf(Verdict.Inconclusive.class);
    assertThat(outcome.verdictFor(CHEATER)).isInstanceOf(Verdict.Inconclusive.class);
    assertThat(outcome.convicted()).isEmpty();
  }

  @Test
  void drivingTheStateMachineByMessagesGivesTheSameOutcomeAsPlay() {
    Input input = new Input(73, 1000);
    HonestParty<Input> honest = HonestParty.run(STEPS, input, K1, TASK, HONEST);
    HonestParty<Input> wrong = Adversaries.wrongAt(STEPS, input, K1, CHEATER, 777);
    BisectionDispute<Input> dispute =
        BisectionDispute.open(STEPS, input, K1, honest.commitment(), wrong.commitment());
    int requests = 0;
    while (dispute.pendingRequest().isPresent()) {
      DisputeRequest request = dispute.pendingRequest().get();
      requests++;
      // The cheater answers first this time.
      for (HonestParty<Input> party : List.of(wrong, honest)) {
        assertThat(dispute.awaiting(party.id())).isTrue();
        dispute.answer(party.id(), answerTo(party, request));
        if (party == wrong) {
          // Nothing moves until both have answered.
          assertThat(dispute.awaiting(CHEATER)).isFalse();
          assertThat(dispute.pendingRequest()).contains(request);
          assertThatThrownBy(() -> dispute.answer(CHEATER, answerTo(wrong, request)))
              .isInstanceOf(IllegalStateException.class);
        }
      }
    }
    DisputeOutcome outcome = dispute.outcome();
    assertThat(outcome).isEqualTo(BisectionDispute.resolve(STEPS, input, K1, honest, wrong));
    assertThat(requests).isEqualTo(outcome.rounds() + 2); // endpoints, rounds, state reveal
    assertThat(outcome.rounds()).isEqualTo(dispute.rounds()).isLessThanOrEqualTo(10);
    assertThatThrownBy(() -> dispute.forfeit(HONEST)).isInstanceOf(IllegalStateException.class);
  }

  private static DisputeAnswer answerTo(HonestParty<Input> party, DisputeRequest request) {
    return switch (request) {
      case DisputeRequest.OpenCheckpoints open ->
          new DisputeAnswer.Openings(
              open.checkpoints().stream().map(c -> party.openCheckpoint(c).orElseThrow()).toList());
      case DisputeRequest.RevealState reveal ->
          new DisputeAnswer.StateReveal(party.revealState(reveal.checkpoint()).orElseThrow());
    };
  }

  @Test
  void theStateMachineRejectsMisuse() {
    Input input = new Input(79, 10);
    HonestParty<Input> honest = HonestParty.run(STEPS, input, K1, TASK, HONEST);
    HonestParty<Input> wrong = Adversaries.wrongAt(STEPS, input, K1, CHEATER, 3);
    BisectionDispute<Input> dispute =
        BisectionDispute.open(STEPS, input, K1, honest.commitment(), wrong.commitment());
    assertThatThrownBy(() -> dispute.answer(OTHER, new DisputeAnswer.StateReveal(Bytes.EMPTY)))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(dispute::outcome).isInstanceOf(IllegalStateException.class);
    HonestParty<Input> stranger = Adversaries.wrongAt(STEPS, input, K1, OTHER, 4);
    assertThatThrownBy(() -> dispute.play(honest, stranger))
        .isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void onlyDisagreeingCommitmentsToTheSameTaskCanBeDisputed() {
    Input input = new Input(83, 10);
    HonestParty<Input> honest = HonestParty.run(STEPS, input, K1, TASK, HONEST);
    HonestParty<Input> twin = HonestParty.run(STEPS, input, K1, TASK, OTHER);
    HonestParty<Input> wrong = Adversaries.wrongAt(STEPS, input, K1, CHEATER, 3);
    assertThatThrownBy(
            () -> BisectionDispute.open(STEPS, input, K1, honest.commitment(), twin.commitment()))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("nothing to dispute");
    StateCommitment c = wrong.commitment();
    StateCommitment otherTask =
        new StateCommitment(Adversaries.flip(TASK), c.partyId(), c.steps(), c.root());
    assertThatThrownBy(
            () -> BisectionDispute.open(STEPS, input, K1, honest.commitment(), otherTask))
        .hasMessageContaining("different tasks");
    StateCommitment sameParty = new StateCommitment(TASK, HONEST, c.steps(), c.root());
    assertThatThrownBy(
            () -> BisectionDispute.open(STEPS, input, K1, honest.commitment(), sameParty))
        .hasMessageContaining("itself");
    StateCommitment longer = new StateCommitment(TASK, CHEATER, 11, c.root());
    assertThatThrownBy(() -> BisectionDispute.open(STEPS, input, K1, honest.commitment(), longer))
        .hasMessageContaining("step counts");
    Digest root = honest.commitment().root();
    assertThatThrownBy(() ->
            BisectionDispute.open(
                STEPS,
                new Input(83, 11),
                K1,
                new StateCommitment(TASK, HONEST, 10, root),
                new StateCommitment(TASK, CHEATER, 10, c.root())))
        .hasMessageContaining("the input has 11");
  }
}
