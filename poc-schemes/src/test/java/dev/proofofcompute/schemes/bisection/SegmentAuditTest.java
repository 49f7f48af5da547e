package dev.proofofcompute.schemes.bisection;

import static dev.proofofcompute.schemes.bisection.Adversaries.CHEATER;
import static dev.proofofcompute.schemes.bisection.Adversaries.HONEST;
import static dev.proofofcompute.schemes.bisection.Adversaries.TASK;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.proofofcompute.core.scheme.Verdict;
import dev.proofofcompute.core.scheme.Verdict.Reason;
import dev.proofofcompute.crypto.random.RandomSource;
import dev.proofofcompute.schemes.bisection.MixWorkload.Input;
import java.util.BitSet;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class SegmentAuditTest {
  private static final MixWorkload.Steps STEPS = new MixWorkload.Steps();

  private static Reason rejection(Verdict v) {
    assertThat(v).isInstanceOf(Verdict.Rejected.class);
    return ((Verdict.Rejected) v).reason();
  }

  @ParameterizedTest(name = "T={0}, k={1}, m={2}, seed=T*100+k*10+m")
  @CsvSource({"1,1,1", "7,1,1", "7,1,5", "7,3,2", "100,1,1", "100,16,1", "100,4,30", "100,1,200"})
  void anHonestPartyPassesEveryAuditAndTheValidatorReExecutesOneWindow(int steps, int k, int m) {
    BisectionParameters p = new BisectionParameters(k, m, 0.5);
    Input input = new Input(steps, steps);
    HonestParty<Input> honest = HonestParty.run(STEPS, input, p, TASK, HONEST);
    long seed = steps * 100L + k * 10L + m;
    RandomSource random = RandomSource.seeded(seed);
    TreeSet<Integer> starts = new TreeSet<>();
    int windows = p.intervals(steps) - Math.min(m, p.intervals(steps)) + 1;
    for (int run = 0; run < 200; run++) {
      CountingSteps<Input, MixWorkload.State> validator = new CountingSteps<>(STEPS);
      SegmentAudit<Input> audit =
          SegmentAudit.challenge(validator, input, p, honest.commitment(), random);
      Verdict v = audit.run(honest);
      assertThat(v).as("seed %d, run %d: %s", seed, run, v).isInstanceOf(Verdict.Accepted.class);
      assertThat(audit.endCheckpoint() - audit.startCheckpoint())
          .isEqualTo(Math.min(m, p.intervals(steps)));
      assertThat(validator.stepCalls())
          .isEqualTo(audit.stepsReExecuted())
          .isEqualTo(audit.endStep() - audit.startStep())
          .isLessThanOrEqualTo(m * k);
      starts.add(audit.startCheckpoint());
    }
    assertThat(starts.first()).isZero();
    assertThat(starts.last()).isEqualTo(windows - 1);
  }

  /** A cheater deviating at {@code wrong} steps, audited {@code runs} times. */
  private static void assertDetectionMatchesTheory(
      int steps, int k, int m, int[] wrong, int runs, long seed) {
    BisectionParameters p = new BisectionParameters(k, m, 0.5);
    Input input = new Input(seed, steps);
    HonestParty<Input> cheater = Adversaries.wrongAt(STEPS, input, p, CHEATER, wrong);
    BitSet wrongIntervals = new BitSet();
    for (int j : wrong) {
      wrongIntervals.set((j - 1) / k);
    }
    int intervals = p.intervals(steps);
    double theory = SegmentAudit.detectionProbability(intervals, m, wrongIntervals);
    assertThat(theory)
        .isGreaterThanOrEqualTo(
            SegmentAudit.minimumDetectionProbability(intervals, m, wrongIntervals.cardinality()));
    RandomSource random = RandomSource.seeded(seed);
    int caught = 0;
    for (int run = 0; run < runs; run++) {
      SegmentAudit<Input> audit =
          SegmentAudit.challenge(STEPS, input, p, cheater.commitment(), random);
      Verdict v = audit.run(cheater);
      if (v instanceof Verdict.Rejected r) {
        assertThat(r.reason()).isEqualTo(Reason.WRONG_RESULT);
        caught++;
      } else {
        assertThat(v).isInstanceOf(Verdict.Accepted.class);
      }
    }
    long[] interval = Binomial.interval(runs, theory, 0.01);
    assertThat((long) caught)
        .as(
            "seed %d: caught %d of %d, theory %.4f, 99%% interval %d..%d",
            seed, caught, runs, theory, interval[0], interval[1])
        .isBetween(interval[0], interval[1]);
  }

  @Test
  void detectionOfFWrongStepsOutOfTMatchesFOverTForSingleStepAudits() {
    // k = 1, m = 1: the theory is exactly F / T = 10 / 200.
    int[] wrong = {3, 17, 40, 41, 77, 100, 123, 150, 199, 200};
    assertThat(SegmentAudit.detectionProbability(200, 1, bits(wrong, 1))).isEqualTo(10.0 / 200);
    assertDetectionMatchesTheory(200, 1, 1, wrong, 2000, 0x5E6A1L);
  }

  @Test
  void detectionWithLongerWindowsAndCheckpointIntervalsMatchesTheWindowCount() {
    int[] wrong = {5, 6, 90, 91, 92, 250};
    assertDetectionMatchesTheory(300, 3, 4, wrong, 2000, 0x5E6A2L);
  }

  private static BitSet bits(int[] steps, int k) {
    BitSet b = new BitSet();
    for (int j : steps) {
      b.set((j - 1) / k);
    }
    return b;
  }

  @Test
  void theDetectionFormulasAgreeWithCountingWindowsOverEveryPlacement() {
    for (int n = 1; n <= 10; n++) {
      for (int m = 1; m <= n + 1; m++) {
        int mm = Math.min(m, n);
        int windows = n - mm + 1;
        double[] least = new double[n + 1];
        java.util.Arrays.fill(least, 2.0);
        for (int mask = 0; mask < 1 << n; mask++) {
          BitSet wrong = BitSet.valueOf(new long[] {mask});
          int hit = 0;
          for (int s = 0; s < windows; s++) {
            boolean any = false;
            for (int i = s; i < s + mm; i++) {
              any |= (mask >> i & 1) == 1;
            }
            hit += any ? 1 : 0;
          }
          double p = SegmentAudit.detectionProbability(n, m, wrong);
          assertThat(p).as("n=%d m=%d mask=%s", n, m, wrong).isEqualTo((double) hit / windows);
          int f = Integer.bitCount(mask);
          least[f] = Math.min(least[f], p);
          assertThat(p).isLessThanOrEqualTo(Math.min(1.0, (double) f * mm / windows));
        }
        for (int f = 0; f <= n; f++) {
          assertThat(SegmentAudit.minimumDetectionProbability(n, m, f))
              .as("n=%d m=%d F=%d", n, m, f)
              .isEqualTo(least[f]);
        }
      }
    }
  }

  @Test
  void garbageCommitmentsAreCaughtByEveryAudit() {
    int steps = 100;
    BisectionParameters p = new BisectionParameters(1, 3, 0.5);
    Input input = new Input(3, steps);
    HonestParty<Input> truth = HonestParty.run(STEPS, input, p, TASK, HONEST);
    RandomSource random = RandomSource.seeded(0x6A5BL);
    for (int from : new int[] {0, 1, 60}) {
      BitSet garbage = new BitSet();
      garbage.set(from, steps + 1);
      Adversaries.Garbage party = new Adversaries.Garbage(truth, p, garbage, CHEATER, from);
      for (int run = 0; run < 100; run++) {
        SegmentAudit<Input> audit =
            SegmentAudit.challenge(STEPS, input, p, party.commitment(), random);
        Verdict v = audit.run(party);
        if (audit.endCheckpoint() < from) {
          assertThat(v).isInstanceOf(Verdict.Accepted.class); // the window misses the garbage
        } else {
          assertThat(rejection(v))
              .as("seed 0x6A5B, from %d, run %d", from, run)
              .isIn(Reason.COMMITMENT_MISMATCH, Reason.WRONG_RESULT);
        }
      }
    }
  }

  @Test
  void liesForgeriesAndSilenceGetTheirVerdicts() {
    int steps = 50;
    BisectionParameters p = new BisectionParameters(1, 1, 0.5);
    Input input = new Input(5, steps);
    HonestParty<Input> honest = HonestParty.run(STEPS, input, p, TASK, HONEST);
    RandomSource random = RandomSource.seeded(0xA0D17L);
    for (int run = 0; run < 50; run++) {
      SegmentAudit<Input> audit =
          SegmentAudit.challenge(STEPS, input, p, honest.commitment(), random);
      int start = audit.startCheckpoint();
      assertThat(rejection(audit.run(new Adversaries.LiesAboutState(honest))))
          .isEqualTo(Reason.COMMITMENT_MISMATCH);
      assertThat(rejection(audit.run(new Adversaries.ForgesOpening(honest, start))))
          .isEqualTo(Reason.BAD_OPENING);
      assertThat(rejection(audit.run(new Adversaries.ForgesOpening(honest, start + 1))))
          .isEqualTo(Reason.BAD_OPENING);
      for (int answers = 0; answers < 3; answers++) {
        assertThat(audit.run(new Adversaries.GoesSilent(honest, answers, false)))
            .isInstanceOf(Verdict.Inconclusive.class);
      }
      assertThat(audit.run(honest)).isInstanceOf(Verdict.Accepted.class);
    }
  }

  @Test
  void aWrongInitialStateIsCaughtByTheWindowAtTheStart() {
    int steps = 20;
    BisectionParameters p = new BisectionParameters(1, 1, 0.5);
    Input input = new Input(8, steps);
    // Ran from another seed: its own story is consistent, only checkpoint 0 betrays it.
    HonestParty<Input> wrong = HonestParty.run(STEPS, new Input(9, steps), p, TASK, CHEATER);
    RandomSource random = RandomSource.seeded(0x1717L);
    int atStart = 0;
    for (int run = 0; run < 200; run++) {
      SegmentAudit<Input> audit =
          SegmentAudit.challenge(STEPS, input, p, wrong.commitment(), random);
      Verdict v = audit.run(wrong);
      if (audit.startCheckpoint() == 0) {
        atStart++;
        assertThat(rejection(v)).isEqualTo(Reason.COMMITMENT_MISMATCH);
      } else {
        assertThat(v).isInstanceOf(Verdict.Accepted.class);
      }
    }
    assertThat(atStart).isPositive();
  }

  @Test
  void tasksAreSelectedForAuditWithTheConfiguredProbability() {
    RandomSource random = RandomSource.seeded(0x5E1EC7L);
    BisectionParameters always = new BisectionParameters(1, 1, 1.0);
    BisectionParameters sometimes = new BisectionParameters(1, 1, 0.3);
    int selected = 0;
    int runs = 4000;
    for (int i = 0; i < runs; i++) {
      assertThat(SegmentAudit.selected(always, random)).isTrue();
      selected += SegmentAudit.selected(sometimes, random) ? 1 : 0;
    }
    long[] interval = Binomial.interval(runs, 0.3, 0.01);
    assertThat((long) selected).as("seed 0x5E1EC7").isBetween(interval[0], interval[1]);
  }

  @Test
  void anAuditIsOnlyForTheCommitmentsParty() {
    Input input = new Input(1, 10);
    BisectionParameters p = new BisectionParameters(1, 1, 0.5);
    HonestParty<Input> honest = HonestParty.run(STEPS, input, p, TASK, HONEST);
    HonestParty<Input> other = HonestParty.run(STEPS, input, p, TASK, CHEATER);
    SegmentAudit<Input> audit =
        SegmentAudit.challenge(STEPS, input, p, honest.commitment(), RandomSource.seeded(1));
    assertThatThrownBy(() -> audit.run(other)).isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() ->
            SegmentAudit.challenge(
                STEPS, new Input(1, 11), p, honest.commitment(), RandomSource.seeded(1)))
        .hasMessageContaining("the input has 11");
  }
}
