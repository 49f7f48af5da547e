package dev.proofofcompute.schemes.replication;

import static dev.proofofcompute.schemes.replication.Replicas.doubleBytes;
import static dev.proofofcompute.schemes.replication.Replicas.provider;
import static dev.proofofcompute.schemes.replication.Replicas.sumBytes;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.proofofcompute.core.scheme.Verdict;
import dev.proofofcompute.crypto.Bytes;
import dev.proofofcompute.crypto.Digest;
import dev.proofofcompute.crypto.identity.NodeId;
import dev.proofofcompute.crypto.random.RandomSource;
import dev.proofofcompute.crypto.time.ManualClock;
import dev.proofofcompute.schemes.economics.CheatingEconomics;
import dev.proofofcompute.schemes.replication.AdaptiveReplication.Decision;
import dev.proofofcompute.schemes.replication.ReplicationRound.Phase;
import dev.proofofcompute.schemes.replication.RoundRefusedException.Reason;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class ReplicationRoundTest {
  private final ManualClock clock = ManualClock.atEpoch();

  private static Verdict.Rejected rejected(RoundOutcome o, NodeId p) {
    return (Verdict.Rejected) o.verdict(p).orElseThrow();
  }

  private static Map<NodeId, Bytes> outputs(Bytes... perProvider) {
    Map<NodeId, Bytes> m = new LinkedHashMap<>();
    for (int i = 0; i < perProvider.length; i++) {
      m.put(provider(i), perProvider[i]);
    }
    return m;
  }

  private static long honestSum(List<Long> input) {
    return SumOfSquaresWorkload.INSTANCE.execute(input);
  }

  @Test
  void honestReplicasK3Q2AreAllAccepted() throws Exception {
    List<Long> input = List.of(3L, -4L, 12L);
    Bytes right = sumBytes(honestSum(input));
    RoundOutcome o =
        Replicas.run(
            Replicas.exactRound(Replicas.task("honest"), 3, 2, clock),
            outputs(right, right, right),
            RandomSource.seeded(1));

    assertThat(o.verdicts()).hasSize(3);
    assertThat(o.verdicts().values()).allMatch(v -> v instanceof Verdict.Accepted);
    assertThat(o.acceptedOutput()).contains(sumBytes(169));
    assertThat(o.replicated()).isTrue();
  }

  @Test
  void oneWrongReplicaIsOutvotedAndTheOthersAccepted() throws Exception {
    Bytes right = sumBytes(169);
    Bytes wrong = sumBytes(170);
    RoundOutcome o =
        Replicas.run(
            Replicas.exactRound(Replicas.task("one wrong"), 3, 2, clock),
            outputs(right, wrong, right),
            RandomSource.seeded(2));

    assertThat(rejected(o, provider(1)).reason()).isEqualTo(Verdict.Reason.OUTVOTED);
    assertThat(o.verdict(provider(0)).orElseThrow()).isInstanceOf(Verdict.Accepted.class);
    assertThat(o.verdict(provider(2)).orElseThrow()).isInstanceOf(Verdict.Accepted.class);
    assertThat(o.acceptedOutput()).contains(right);
  }

  @Test
  void copycatThatCopiesAnotherCommitmentIsRejectedForCommitmentMismatch() throws Exception {
    Digest task = Replicas.task("copycat");
    ReplicationRound<Long> round = Replicas.exactRound(task, 3, 2, clock);
    RandomSource random = RandomSource.seeded(3);
    CommittedResult a = CommittedResult.seal(task, provider(0), sumBytes(169), random);
    CommittedResult b = CommittedResult.seal(task, provider(1), sumBytes(169), random);
    round.commit(a.providerId(), a.commitment());
    round.commit(b.providerId(), b.commitment());
    // The copycat never ran the task: it submits a's commitment bytes as its own.
    NodeId copycat = provider(2);
    round.commit(copycat, new ResultCommitment(a.commitment().value()));

    round.reveal(a.providerId(), a.salt(), a.output());
    round.reveal(b.providerId(), b.salt(), b.output());
    // Having seen a's reveal, it replays a's salt and output: the commitment is bound to a's id.
    round.reveal(copycat, a.salt(), a.output());
    RoundOutcome o = round.outcome().orElseThrow();

    Verdict.Rejected r = rejected(o, copycat);
    assertThat(r.reason()).isEqualTo(Verdict.Reason.COMMITMENT_MISMATCH);
    assertThat(r.detail()).contains("does not open");
    assertThat(o.verdict(a.providerId()).orElseThrow()).isInstanceOf(Verdict.Accepted.class);
    assertThat(o.verdict(b.providerId()).orElseThrow()).isInstanceOf(Verdict.Accepted.class);
  }

  @Test
  void collidingPairWinsAmongThreeReplicasWithQuorumTwoTheDocumentedLimitation() throws Exception {
    Bytes right = sumBytes(169);
    Bytes agreedWrong = sumBytes(0);
    RoundOutcome o =
        Replicas.run(
            Replicas.exactRound(Replicas.task("collusion k3"), 3, 2, clock),
            outputs(right, agreedWrong, agreedWrong),
            RandomSource.seeded(4));

    // Two colluders form a quorum of 2: the honest provider is outvoted. The policy chose q = 2.
    assertThat(rejected(o, provider(0)).reason()).isEqualTo(Verdict.Reason.OUTVOTED);
    assertThat(o.verdict(provider(1)).orElseThrow()).isInstanceOf(Verdict.Accepted.class);
    assertThat(o.acceptedOutput()).contains(agreedWrong);
  }

  @Test
  void collidingPairLosesAmongFiveReplicasWithQuorumThree() throws Exception {
    Bytes right = sumBytes(169);
    Bytes agreedWrong = sumBytes(0);
    RoundOutcome o =
        Replicas.run(
            Replicas.exactRound(Replicas.task("collusion k5"), 5, 3, clock),
            outputs(agreedWrong, right, right, agreedWrong, right),
            RandomSource.seeded(5));

    assertThat(rejected(o, provider(0)).reason()).isEqualTo(Verdict.Reason.OUTVOTED);
    assertThat(rejected(o, provider(3)).reason()).isEqualTo(Verdict.Reason.OUTVOTED);
    for (int honest : new int[] {1, 2, 4}) {
      assertThat(o.verdict(provider(honest)).orElseThrow()).isInstanceOf(Verdict.Accepted.class);
    }
    assertThat(o.acceptedOutput()).contains(right);
  }

  @Test
  void withoutAQuorumEveryProviderIsInconclusive() throws Exception {
    RoundOutcome o =
        Replicas.run(
            Replicas.exactRound(Replicas.task("no quorum"), 3, 2, clock),
            outputs(sumBytes(169), sumBytes(1), sumBytes(2)),
            RandomSource.seeded(6));

    assertThat(o.verdicts().values()).allMatch(v -> v instanceof Verdict.Inconclusive);
    assertThat(o.verdict(provider(0)).orElseThrow().detail()).contains("quorum of 2");
    assertThat(o.acceptedOutput()).isEmpty();
  }

  @Test
  void twoAgainstTwoAmongFiveWithQuorumThreeIsInconclusiveNotARejection() throws Exception {
    RoundOutcome o =
        Replicas.run(
            Replicas.exactRound(Replicas.task("split"), 5, 3, clock),
            outputs(sumBytes(1), sumBytes(1), sumBytes(2), sumBytes(2), sumBytes(3)),
            RandomSource.seeded(7));

    assertThat(o.verdicts().values()).allMatch(v -> v instanceof Verdict.Inconclusive);
  }

  private static ReplicationRound<Double> floatRound(
      String name, int k, int q, FloatTolerance t, ManualClock clock) {
    return ReplicationRound.open(
        Replicas.task(name),
        Replicas.floating(k, q, t),
        ResultComparator.tolerant(FloatSumWorkload.OUTPUT, FloatSumWorkload.VIEW, t),
        clock);
  }

  private static List<Double> randomTerms(Random rnd, int n) {
    List<Double> terms = new ArrayList<>(n);
    for (int i = 0; i < n; i++) {
      terms.add(rnd.nextDouble() * Math.scalb(1.0, rnd.nextInt(40) - 20));
    }
    return terms;
  }

  private static int[] shuffledOrder(Random rnd, int n) {
    List<Integer> idx = new ArrayList<>();
    for (int i = 0; i < n; i++) {
      idx.add(i);
    }
    Collections.shuffle(idx, rnd);
    return idx.stream().mapToInt(Integer::intValue).toArray();
  }

  @Test
  void floatResultsSummedInDifferentOrdersAreAcceptedUnderTheTolerance() throws Exception {
    Random rnd = new Random(8);
    List<Double> terms = randomTerms(rnd, 1000);
    FloatTolerance t = FloatTolerance.forSummation(terms.size(), 1.0);
    double inOrder = FloatSumWorkload.INSTANCE.execute(terms);
    double shuffled = FloatSumWorkload.sumInOrder(terms, shuffledOrder(rnd, terms.size()));
    double pairwise = FloatSumWorkload.pairwiseSum(terms, 0, terms.size());
    // The orders must actually round differently, or this test shows nothing.
    assertThat(List.of(inOrder, shuffled, pairwise)).doesNotHaveDuplicates();

    RoundOutcome o =
        Replicas.run(
            floatRound("float orders", 3, 2, t, clock),
            outputs(doubleBytes(inOrder), doubleBytes(shuffled), doubleBytes(pairwise)),
            RandomSource.seeded(8));

    assertThat(o.verdicts().values()).allMatch(v -> v instanceof Verdict.Accepted);
  }

  @Test
  void floatResultOffByMoreThanTheBoundIsOutvoted() throws Exception {
    Random rnd = new Random(9);
    List<Double> terms = randomTerms(rnd, 1000);
    FloatTolerance t = FloatTolerance.forSummation(terms.size(), 1.0);
    double honest = FloatSumWorkload.INSTANCE.execute(terms);
    double pairwise = FloatSumWorkload.pairwiseSum(terms, 0, terms.size());
    double shaded = honest * (1 + 3 * t.relative());

    RoundOutcome o =
        Replicas.run(
            floatRound("float shaded", 3, 2, t, clock),
            outputs(doubleBytes(honest), doubleBytes(shaded), doubleBytes(pairwise)),
            RandomSource.seeded(9));

    assertThat(rejected(o, provider(1)).reason()).isEqualTo(Verdict.Reason.OUTVOTED);
    assertThat(o.verdict(provider(0)).orElseThrow()).isInstanceOf(Verdict.Accepted.class);
    assertThat(o.verdict(provider(2)).orElseThrow()).isInstanceOf(Verdict.Accepted.class);
  }

  @Test
  void underATolerantComparisonAResultNearAWinnerButNotTheAnchorIsInconclusive() throws Exception {
    // Absolute tolerance 1; see QuorumTest for the neighbourhoods. Provider 4 agrees with
    // winner 2 only, so it is neither accepted nor provably wrong.
    FloatTolerance t = new FloatTolerance(0, 1.0);
    RoundOutcome o =
        Replicas.run(
            floatRound("between", 5, 3, t, clock),
            outputs(
                doubleBytes(0.0),
                doubleBytes(0.5),
                doubleBytes(-0.5),
                doubleBytes(1.4),
                doubleBytes(-1.4)),
            RandomSource.seeded(21));

    assertThat(o.verdict(provider(4)).orElseThrow())
        .isInstanceOfSatisfying(
            Verdict.Inconclusive.class, v -> assertThat(v.detail()).contains("not provably wrong"));
    for (int i = 0; i < 4; i++) {
      assertThat(o.verdict(provider(i)).orElseThrow()).isInstanceOf(Verdict.Accepted.class);
    }
    assertThat(o.acceptedOutput()).contains(doubleBytes(0.5));
  }

  @Test
  void aComparatorThatFailsMakesTheRoundInconclusiveNeverARejection() throws Exception {
    FloatTolerance t = FloatTolerance.relative(1e-9);
    ResultComparator<Double> failing =
        ResultComparator.tolerant(
            FloatSumWorkload.OUTPUT,
            d -> {
              if (d < 0) {
                throw new IllegalStateException("view cannot read negative sums");
              }
              return new double[] {d};
            },
            t);
    ReplicationRound<Double> round =
        ReplicationRound.open(
            Replicas.task("failing view"), Replicas.floating(3, 2, t), failing, clock);
    RoundOutcome o =
        Replicas.run(
            round,
            outputs(doubleBytes(1.0), doubleBytes(1.0), doubleBytes(-1.0)),
            RandomSource.seeded(22));

    assertThat(o.verdicts().values()).allMatch(v -> v instanceof Verdict.Inconclusive);
    assertThat(o.verdict(provider(2)).orElseThrow().detail()).contains("could not be compared");
  }

  @Test
  void aThousandSeededHonestExactRoundsRejectNobody() throws Exception {
    long seed = 20261127L;
    Random rnd = new Random(seed);
    RandomSource salts = RandomSource.seeded(seed);
    int accepted = 0;
    for (int run = 0; run < 1000; run++) {
      int k = 3 + 2 * rnd.nextInt(2);
      int q = k / 2 + 1 + rnd.nextInt(k - k / 2);
      List<Long> input = new ArrayList<>();
      for (int i = 0, n = 1 + rnd.nextInt(50); i < n; i++) {
        input.add(rnd.nextLong());
      }
      Map<NodeId, Bytes> outs = new LinkedHashMap<>();
      for (int p : shuffledOrder(rnd, k)) {
        outs.put(provider(p), sumBytes(honestSum(input)));
      }
      ReplicationRound<Long> round =
          Replicas.exactRound(Replicas.task("exact " + seed + "/" + run), k, q, clock);
      RoundOutcome o = Replicas.run(round, outs, salts);
      assertThat(o.verdicts().values())
          .as("seed %d run %d", seed, run)
          .hasSize(k)
          .allMatch(v -> v instanceof Verdict.Accepted);
      accepted += o.verdicts().size();
    }
    assertThat(accepted).isGreaterThanOrEqualTo(3000);
  }

  @Test
  void aThousandSeededHonestFloatRoundsInDifferentSummationOrdersRejectNobody() throws Exception {
    long seed = 424242L;
    Random rnd = new Random(seed);
    RandomSource salts = RandomSource.seeded(seed);
    int differentlyRounded = 0;
    for (int run = 0; run < 1000; run++) {
      List<Double> terms = randomTerms(rnd, 2 + rnd.nextInt(300));
      FloatTolerance t = FloatTolerance.forSummation(terms.size(), 1.0);
      Map<NodeId, Bytes> outs = new LinkedHashMap<>();
      outs.put(provider(0), doubleBytes(FloatSumWorkload.INSTANCE.execute(terms)));
      outs.put(provider(1), doubleBytes(FloatSumWorkload.pairwiseSum(terms, 0, terms.size())));
      outs.put(
          provider(2),
          doubleBytes(FloatSumWorkload.sumInOrder(terms, shuffledOrder(rnd, terms.size()))));
      if (outs.values().stream().distinct().count() > 1) {
        differentlyRounded++;
      }
      RoundOutcome o = Replicas.run(floatRound("float " + run, 3, 2, t, clock), outs, salts);
      assertThat(o.verdicts().values())
          .as("seed %d run %d", seed, run)
          .allMatch(v -> v instanceof Verdict.Accepted);
    }
    // Most runs must actually disagree bit-wise, or the tolerance was never exercised.
    assertThat(differentlyRounded).as("seed %d", seed).isGreaterThan(500);
  }

  /**
   * A cheater's wrong answer among k replicas, each other replica colluding with probability γ: the
   * empirical rate at which the wrong answer is accepted lies in the 99% binomial interval of
   * CheatingEconomics.replicationEscape, so the calculator prices what the rounds actually do.
   */
  @ParameterizedTest(name = "k={0} q={1} colluding={2} seed={3}")
  @org.junit.jupiter.params.provider.CsvSource({
    "3, 2, 0.2, 301",
    "5, 3, 0.3, 302",
    "5, 4, 0.4, 303"
  })
  void theEmpiricalEscapeOfAWrongAnswerMatchesTheEconomicsFormula(
      int k, int q, double colluding, long seed) throws Exception {
    int trials = 3000;
    Random rnd = new Random(seed);
    RandomSource salts = RandomSource.seeded(seed);
    Bytes right = sumBytes(169);
    Bytes wrong = sumBytes(170);
    int escaped = 0;
    for (int trial = 0; trial < trials; trial++) {
      Map<NodeId, Bytes> outs = new LinkedHashMap<>();
      outs.put(provider(0), wrong);
      for (int i = 1; i < k; i++) {
        outs.put(provider(i), rnd.nextDouble() < colluding ? wrong : right);
      }
      RoundOutcome o =
          Replicas.run(
              Replicas.exactRound(Replicas.task("escape " + seed + "/" + trial), k, q, clock),
              outs,
              salts);
      if (o.verdict(provider(0)).orElseThrow() instanceof Verdict.Accepted) {
        escaped++;
        assertThat(o.acceptedOutput()).contains(wrong);
      }
    }
    double theory = CheatingEconomics.replicationEscape(k, q, colluding);
    int[] interval = AdaptiveReplicationTest.binomialInterval(trials, theory, 0.01);
    assertThat(escaped)
        .as(
            "seed %d: %d of %d escaped, theory %.4f, 99%% interval %d..%d",
            seed, escaped, trials, theory, interval[0], interval[1])
        .isBetween(interval[0], interval[1]);
  }

  @Test
  void theOutcomeDoesNotDependOnTheOrderOfMessages() throws Exception {
    long seed = 77;
    Random rnd = new Random(seed);
    Bytes right = sumBytes(169);
    Bytes wrong = sumBytes(1);
    Map<NodeId, Bytes> base = outputs(right, wrong, right, wrong, right);
    RoundOutcome first = null;
    for (int trial = 0; trial < 20; trial++) {
      Map<NodeId, Bytes> shuffled = new LinkedHashMap<>();
      for (int p : shuffledOrder(rnd, 5)) {
        shuffled.put(provider(p), base.get(provider(p)));
      }
      RoundOutcome o =
          Replicas.run(
              Replicas.exactRound(Replicas.task("order"), 5, 3, clock),
              shuffled,
              RandomSource.seeded(seed + trial));
      if (first == null) {
        first = o;
      }
      assertThat(o.verdicts()).as("seed %d trial %d", seed, trial).isEqualTo(first.verdicts());
      assertThat(o.acceptedOutput()).isEqualTo(first.acceptedOutput());
    }
  }

  @Test
  void anOutputThatOpensTheCommitmentButIsNotCanonicalIsMalformedEvidence() throws Exception {
    Bytes right = sumBytes(169);
    Bytes garbage = Bytes.fromHex("0102");
    RoundOutcome o =
        Replicas.run(
            Replicas.exactRound(Replicas.task("malformed"), 3, 2, clock),
            outputs(right, garbage, right),
            RandomSource.seeded(10));

    assertThat(rejected(o, provider(1)).reason()).isEqualTo(Verdict.Reason.MALFORMED_EVIDENCE);
    assertThat(o.verdict(provider(0)).orElseThrow()).isInstanceOf(Verdict.Accepted.class);
  }

  @Test
  void aMismatchedRevealStandsEvenWithoutAQuorum() throws Exception {
    Digest task = Replicas.task("mismatch without quorum");
    ReplicationRound<Long> round = Replicas.exactRound(task, 3, 2, clock);
    RandomSource random = RandomSource.seeded(11);
    CommittedResult a = CommittedResult.seal(task, provider(0), sumBytes(1), random);
    CommittedResult b = CommittedResult.seal(task, provider(1), sumBytes(2), random);
    CommittedResult c = CommittedResult.seal(task, provider(2), sumBytes(3), random);
    for (CommittedResult r : List.of(a, b, c)) {
      round.commit(r.providerId(), r.commitment());
    }
    round.reveal(a.providerId(), a.salt(), a.output());
    round.reveal(b.providerId(), b.salt(), b.output());
    round.reveal(c.providerId(), c.salt(), sumBytes(1)); // changes its answer after seeing a's
    RoundOutcome o = round.outcome().orElseThrow();

    assertThat(rejected(o, provider(2)).reason()).isEqualTo(Verdict.Reason.COMMITMENT_MISMATCH);
    assertThat(o.verdict(provider(0)).orElseThrow()).isInstanceOf(Verdict.Inconclusive.class);
    assertThat(o.verdict(provider(1)).orElseThrow()).isInstanceOf(Verdict.Inconclusive.class);
  }

  // --- deadlines ---

  @Test
  void theCommitDeadlineOpensRevealsWithTheCommitmentsReceived() throws Exception {
    Digest task = Replicas.task("commit deadline");
    ReplicationRound<Long> round = Replicas.exactRound(task, 3, 2, clock);
    RandomSource random = RandomSource.seeded(12);
    CommittedResult a = CommittedResult.seal(task, provider(0), sumBytes(169), random);
    CommittedResult b = CommittedResult.seal(task, provider(1), sumBytes(169), random);
    round.commit(a.providerId(), a.commitment());
    round.commit(b.providerId(), b.commitment());
    clock.advance(Replicas.WINDOW.minusNanos(1));
    assertThat(round.phase()).isEqualTo(Phase.COMMIT);
    clock.advance(Duration.ofNanos(1));
    assertThat(round.phase()).isEqualTo(Phase.REVEAL);
    assertThat(round.revealDeadline()).contains(round.commitDeadline().plus(Replicas.WINDOW));

    CommittedResult late = CommittedResult.seal(task, provider(2), sumBytes(169), random);
    assertThatThrownBy(() -> round.commit(late.providerId(), late.commitment()))
        .isInstanceOfSatisfying(
            RoundRefusedException.class, e -> assertThat(e.reason()).isEqualTo(Reason.WRONG_PHASE));
    round.reveal(a.providerId(), a.salt(), a.output());
    round.reveal(b.providerId(), b.salt(), b.output());
    RoundOutcome o = round.outcome().orElseThrow();

    assertThat(o.verdicts().keySet()).containsExactly(provider(0), provider(1));
    assertThat(o.verdicts().values()).allMatch(v -> v instanceof Verdict.Accepted);
  }

  @Test
  void aProviderThatCommitsButDoesNotRevealInTimeIsInconclusiveNotRejected() throws Exception {
    Digest task = Replicas.task("slow");
    ReplicationRound<Long> round = Replicas.exactRound(task, 3, 2, clock);
    RandomSource random = RandomSource.seeded(13);
    List<CommittedResult> rs = new ArrayList<>();
    for (int i = 0; i < 3; i++) {
      CommittedResult r = CommittedResult.seal(task, provider(i), sumBytes(169), random);
      rs.add(r);
      round.commit(r.providerId(), r.commitment());
    }
    round.reveal(rs.get(0).providerId(), rs.get(0).salt(), rs.get(0).output());
    round.reveal(rs.get(1).providerId(), rs.get(1).salt(), rs.get(1).output());
    assertThat(round.outcome()).isEmpty();
    clock.advance(Replicas.WINDOW);
    RoundOutcome o = round.outcome().orElseThrow();

    assertThat(o.verdict(provider(2)).orElseThrow())
        .isInstanceOfSatisfying(
            Verdict.Inconclusive.class, v -> assertThat(v.detail()).contains("did not reveal"));
    assertThat(o.verdict(provider(0)).orElseThrow()).isInstanceOf(Verdict.Accepted.class);
    CommittedResult slow = rs.get(2);
    assertThatThrownBy(() -> round.reveal(slow.providerId(), slow.salt(), slow.output()))
        .isInstanceOfSatisfying(
            RoundRefusedException.class, e -> assertThat(e.reason()).isEqualTo(Reason.WRONG_PHASE));
    assertThat(round.outcome()).containsSame(o);
  }

  @Test
  void aRoundWithNoCommitmentClosesEmptyAtTheDeadline() {
    ReplicationRound<Long> round = Replicas.exactRound(Replicas.task("empty"), 3, 2, clock);
    clock.advance(Replicas.WINDOW);
    assertThat(round.phase()).isEqualTo(Phase.CLOSED);
    RoundOutcome o = round.outcome().orElseThrow();
    assertThat(o.verdicts()).isEmpty();
    assertThat(o.acceptedOutput()).isEmpty();
  }

  // --- refusals change nothing ---

  @Test
  void aDuplicateCommitmentIsRefusedAndTheFirstOneStands() throws Exception {
    Digest task = Replicas.task("duplicate commitment");
    ReplicationRound<Long> round = Replicas.exactRound(task, 3, 2, clock);
    RandomSource random = RandomSource.seeded(14);
    CommittedResult first = CommittedResult.seal(task, provider(0), sumBytes(169), random);
    CommittedResult second = CommittedResult.seal(task, provider(0), sumBytes(1), random);
    round.commit(first.providerId(), first.commitment());

    assertThatThrownBy(() -> round.commit(second.providerId(), second.commitment()))
        .isInstanceOfSatisfying(
            RoundRefusedException.class,
            e -> {
              assertThat(e.reason()).isEqualTo(Reason.DUPLICATE_COMMITMENT);
              assertThat(e.getMessage()).contains("already committed");
            });
    assertThat(round.commitmentCount()).isEqualTo(1);
    assertThat(round.commitment(provider(0))).contains(first.commitment());
    assertThat(round.phase()).isEqualTo(Phase.COMMIT);
  }

  @Test
  void aRevealBeforeTheRevealPhaseIsRefusedAndChangesNothing() throws Exception {
    Digest task = Replicas.task("early reveal");
    ReplicationRound<Long> round = Replicas.exactRound(task, 3, 2, clock);
    RandomSource random = RandomSource.seeded(15);
    CommittedResult a = CommittedResult.seal(task, provider(0), sumBytes(169), random);
    round.commit(a.providerId(), a.commitment());

    assertThatThrownBy(() -> round.reveal(a.providerId(), a.salt(), a.output()))
        .isInstanceOfSatisfying(
            RoundRefusedException.class,
            e -> {
              assertThat(e.reason()).isEqualTo(Reason.WRONG_PHASE);
              assertThat(e.getMessage()).contains("only once every commitment is in");
            });
    assertThat(round.revealCount()).isZero();
    assertThat(round.phase()).isEqualTo(Phase.COMMIT);
    // The same reveal is accepted later, so the refusal left no trace.
    for (int i = 1; i < 3; i++) {
      CommittedResult r = CommittedResult.seal(task, provider(i), sumBytes(169), random);
      round.commit(r.providerId(), r.commitment());
    }
    round.reveal(a.providerId(), a.salt(), a.output());
    assertThat(round.revealCount()).isEqualTo(1);
  }

  @Test
  void revealsFromNonCommittersDuplicatesAndBadSaltsAreRefusedAndChangeNothing() throws Exception {
    Digest task = Replicas.task("bad reveals");
    ReplicationRound<Long> round = Replicas.exactRound(task, 2, 2, clock);
    RandomSource random = RandomSource.seeded(16);
    CommittedResult a = CommittedResult.seal(task, provider(0), sumBytes(169), random);
    CommittedResult b = CommittedResult.seal(task, provider(1), sumBytes(169), random);
    round.commit(a.providerId(), a.commitment());
    round.commit(b.providerId(), b.commitment());

    assertThatThrownBy(() -> round.reveal(provider(9), a.salt(), a.output()))
        .isInstanceOfSatisfying(
            RoundRefusedException.class,
            e -> assertThat(e.reason()).isEqualTo(Reason.NOT_COMMITTED));
    assertThatThrownBy(() -> round.reveal(a.providerId(), a.salt().slice(0, 31), a.output()))
        .isInstanceOfSatisfying(
            RoundRefusedException.class,
            e -> assertThat(e.reason()).isEqualTo(Reason.MALFORMED_MESSAGE));
    assertThat(round.revealCount()).isZero();

    round.reveal(a.providerId(), a.salt(), a.output());
    assertThatThrownBy(() -> round.reveal(a.providerId(), a.salt(), sumBytes(1)))
        .isInstanceOfSatisfying(
            RoundRefusedException.class,
            e -> assertThat(e.reason()).isEqualTo(Reason.DUPLICATE_REVEAL));
    assertThat(round.revealCount()).isEqualTo(1);
    round.reveal(b.providerId(), b.salt(), b.output());
    assertThat(round.outcome().orElseThrow().verdicts().values())
        .allMatch(v -> v instanceof Verdict.Accepted);
  }

  @Test
  void aComparatorWhoseToleranceDiffersFromTheParametersIsRefused() {
    FloatTolerance t = FloatTolerance.relative(1e-9);
    assertThatThrownBy(() ->
            ReplicationRound.open(
                Replicas.task("mismatch"),
                Replicas.floating(3, 2, t),
                ResultComparator.exact(FloatSumWorkload.OUTPUT),
                clock))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("tolerance");
    assertThatThrownBy(() ->
            ReplicationRound.open(
                Replicas.task("mismatch"),
                Replicas.floating(3, 2, t),
                ResultComparator.tolerant(
                    FloatSumWorkload.OUTPUT, FloatSumWorkload.VIEW, FloatTolerance.relative(1e-6)),
                clock))
        .isInstanceOf(IllegalArgumentException.class);
  }

  // --- adaptive replication inside a round ---

  private static final AdaptiveSettings ADAPTIVE = AdaptiveSettings.boinc(0.05);

  private ReplicationRound<Long> adaptiveRound(String name) {
    return ReplicationRound.open(
        Replicas.task(name),
        Replicas.adaptive(3, 2, ADAPTIVE),
        ResultComparator.exact(SumOfSquaresWorkload.OUTPUT),
        clock);
  }

  /** A seed whose first adaptive draw for CV = 1000 (p = 0.05) is TRUST, found by search. */
  private static long trustingSeed() {
    AdaptiveReplication ar = AdaptiveReplication.of(ADAPTIVE);
    for (long seed = 0; ; seed++) {
      if (ar.decide(new Reputation(1000), RandomSource.seeded(seed)) == Decision.TRUST) {
        return seed;
      }
    }
  }

  @Test
  void aTrustedProviderIsAcceptedUnreplicatedAndItsRecordDoesNotGrow() throws Exception {
    ReplicationRound<Long> round = adaptiveRound("trusted");
    RandomSource salts = RandomSource.seeded(17);
    CommittedResult a = CommittedResult.seal(round.taskId(), provider(0), sumBytes(169), salts);
    round.commit(a.providerId(), a.commitment());
    long seed = trustingSeed();

    assertThat(round.decideAdaptively(new Reputation(1000), RandomSource.seeded(seed)))
        .as("seed %d", seed)
        .isEqualTo(Decision.TRUST);
    assertThat(round.phase()).isEqualTo(Phase.REVEAL);
    round.reveal(a.providerId(), a.salt(), a.output());
    RoundOutcome o = round.outcome().orElseThrow();

    assertThat(o.replicated()).isFalse();
    assertThat(o.verdict(provider(0)).orElseThrow()).isInstanceOf(Verdict.Accepted.class);
    assertThat(o.acceptedOutput()).contains(a.output());
    assertThat(o.updatedReputation(provider(0), new Reputation(1000)))
        .isEqualTo(new Reputation(1000));
  }

  @Test
  void aTrustedProviderThatRevealsSomethingElseIsStillRejected() throws Exception {
    ReplicationRound<Long> round = adaptiveRound("trusted liar");
    RandomSource salts = RandomSource.seeded(18);
    CommittedResult a = CommittedResult.seal(round.taskId(), provider(0), sumBytes(169), salts);
    round.commit(a.providerId(), a.commitment());
    round.decideAdaptively(new Reputation(1000), RandomSource.seeded(trustingSeed()));
    round.reveal(a.providerId(), a.salt(), sumBytes(7));

    RoundOutcome o = round.outcome().orElseThrow();
    assertThat(rejected(o, provider(0)).reason()).isEqualTo(Verdict.Reason.COMMITMENT_MISMATCH);
    assertThat(o.updatedReputation(provider(0), new Reputation(1000))).isEqualTo(Reputation.NONE);
  }

  @Test
  void theAdaptiveDecisionIsDrawnOnlyRightAfterTheFirstCommitment() throws Exception {
    ReplicationRound<Long> round = adaptiveRound("decision order");
    RandomSource salts = RandomSource.seeded(19);
    assertThatThrownBy(() -> round.decideAdaptively(new Reputation(50), RandomSource.seeded(1)))
        .isInstanceOfSatisfying(
            RoundRefusedException.class,
            e -> assertThat(e.reason()).isEqualTo(Reason.NOT_DECIDABLE));
    CommittedResult a = CommittedResult.seal(round.taskId(), provider(0), sumBytes(169), salts);
    round.commit(a.providerId(), a.commitment());
    // CV below the threshold: always replicated.
    assertThat(round.decideAdaptively(new Reputation(3), RandomSource.seeded(1)))
        .isEqualTo(Decision.REPLICATE);
    assertThatThrownBy(() -> round.decideAdaptively(new Reputation(3), RandomSource.seeded(2)))
        .isInstanceOfSatisfying(
            RoundRefusedException.class,
            e -> assertThat(e.reason()).isEqualTo(Reason.NOT_DECIDABLE));
    assertThat(round.decision()).contains(Decision.REPLICATE);
    assertThat(round.phase()).isEqualTo(Phase.COMMIT);
  }

  @Test
  void aTrustedProviderCaughtCheatingLosesItsTrust() throws Exception {
    ReplicationRound<Long> round = adaptiveRound("trust reset");
    RandomSource salts = RandomSource.seeded(20);
    Reputation before = new Reputation(500);
    CommittedResult cheat = CommittedResult.seal(round.taskId(), provider(0), sumBytes(1), salts);
    round.commit(cheat.providerId(), cheat.commitment());
    long seed = 0;
    while (AdaptiveReplication.of(ADAPTIVE).decide(before, RandomSource.seeded(seed))
        != Decision.REPLICATE) {
      seed++;
    }
    assertThat(round.decideAdaptively(before, RandomSource.seeded(seed)))
        .as("seed %d", seed)
        .isEqualTo(Decision.REPLICATE);
    List<CommittedResult> honest = new ArrayList<>();
    for (int i = 1; i < 3; i++) {
      CommittedResult r = CommittedResult.seal(round.taskId(), provider(i), sumBytes(169), salts);
      honest.add(r);
      round.commit(r.providerId(), r.commitment());
    }
    round.reveal(cheat.providerId(), cheat.salt(), cheat.output());
    for (CommittedResult r : honest) {
      round.reveal(r.providerId(), r.salt(), r.output());
    }
    RoundOutcome o = round.outcome().orElseThrow();

    assertThat(rejected(o, provider(0)).reason()).isEqualTo(Verdict.Reason.OUTVOTED);
    Reputation after = o.updatedReputation(provider(0), before);
    assertThat(after).isEqualTo(Reputation.NONE);
    assertThat(AdaptiveReplication.of(ADAPTIVE).checkProbability(after)).isEqualTo(1.0);
    assertThat(o.updatedReputation(provider(1), new Reputation(4))).isEqualTo(new Reputation(5));
  }

  @ParameterizedTest
  @ValueSource(ints = {1, 2, 3})
  void aSingleReplicaRoundAcceptsWhatOpensAndItCountsAsUnchecked(int seed) throws Exception {
    ReplicationRound<Long> round =
        ReplicationRound.open(
            Replicas.task("single " + seed),
            Replicas.exact(1, 1),
            ResultComparator.exact(SumOfSquaresWorkload.OUTPUT),
            clock);
    RoundOutcome o = Replicas.run(round, outputs(sumBytes(seed)), RandomSource.seeded(seed));
    assertThat(o.verdict(provider(0)).orElseThrow()).isInstanceOf(Verdict.Accepted.class);
    assertThat(o.replicated()).isFalse();
    assertThat(o.updatedReputation(provider(0), Reputation.NONE)).isEqualTo(Reputation.NONE);
  }
}
