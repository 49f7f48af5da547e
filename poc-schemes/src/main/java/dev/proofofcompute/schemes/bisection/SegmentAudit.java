package dev.proofofcompute.schemes.bisection;

import dev.proofofcompute.core.scheme.Verdict;
import dev.proofofcompute.core.workload.StepStructure;
import dev.proofofcompute.crypto.Bytes;
import dev.proofofcompute.crypto.Digest;
import dev.proofofcompute.crypto.VerificationException;
import dev.proofofcompute.crypto.random.RandomSource;
import java.util.BitSet;
import java.util.Optional;

/**
 * A single-party audit of a {@link StateCommitment}: the validator picks a random window of {@code
 * m} consecutive checkpoint intervals, asks the provider for the state at the window's start (an
 * opening plus bytes that hash to it) and for the committed hash at its end, re-executes the window
 * and compares. No second party is needed; the price is that a cheater is caught only with the
 * probability that the window covers one of its wrong steps.
 *
 * <p>Design: the spot-checking of a committed execution trace of Proof-of-Learning (Jia et al.,
 * "Proof-of-Learning: Definitions and Practice", IEEE S&amp;P 2021, whose verifier re-executes
 * chosen intervals of a training log between checkpoints), with the trace committed by a Merkle
 * root so that the openings are binding. The window is drawn from the validator's {@link
 * RandomSource} only after the commitment is received ({@link #challenge} takes the commitment),
 * interactively, so the provider cannot grind its commitment against the challenge.
 *
 * <p>Detection. Call checkpoint interval {@code i} (steps {@code c_i + 1 .. c_{i+1}}) wrong when
 * re-executing it from the party's committed state at checkpoint {@code i} does not give its
 * committed hash at {@code i + 1}. A provider that deviates at a step and carries on consistently
 * from its wrong state has exactly one wrong interval per deviation: every later interval is
 * consistent with the (wrong) state before it. With {@code n} intervals, window length {@code m' =
 * min(m, n)} and {@code W = n - m' + 1} equally likely windows, one audit detects {@code F} wrong
 * intervals with probability {@code |{windows containing a wrong interval}| / W} ({@link
 * #detectionProbability}), which is at least {@code min(F, W) / W} whatever their positions ({@link
 * #minimumDetectionProbability}; equality when they sit together at one end of the run) and at most
 * {@code min(F * m', W) / W}. For {@code k = 1, m = 1} that is exactly {@code F / T}. A task is
 * audited with probability {@code p} ({@link #selected}), so the per-task detection probability is
 * {@code p} times that. A party whose commitment is garbage (hashes with no known preimage) is
 * caught by every audit, since it cannot reveal bytes for the window's start.
 *
 * @param <I> the workload's input type
 */
public final class SegmentAudit<I> {
  private final StepStructure<I, ?> steps;
  private final I input;
  private final StateCommitment commitment;
  private final int checkpoints;
  private final int start;
  private final int end;
  private final int startStep;
  private final int endStep;
  private int stepsReExecuted;

  private SegmentAudit(
      StepStructure<I, ?> steps,
      I input,
      StateCommitment commitment,
      int checkpoints,
      int start,
      int end,
      int startStep,
      int endStep) {
    this.steps = steps;
    this.input = input;
    this.commitment = commitment;
    this.checkpoints = checkpoints;
    this.start = start;
    this.end = end;
    this.startStep = startStep;
    this.endStep = endStep;
  }

  /**
   * Whether to audit a task: true with probability {@code parameters.auditProbability()}, from 53
   * random bits of {@code random}.
   */
  public static boolean selected(BisectionParameters parameters, RandomSource random) {
    if (parameters.auditProbability() >= 1.0) {
      return true;
    }
    double u = (random.nextLong() >>> 11) * 0x1.0p-53;
    return u < parameters.auditProbability();
  }

  /**
   * Draws the audit window for {@code commitment}, which the validator must already hold: the
   * randomness is drawn here, after the commitment.
   *
   * @throws IllegalArgumentException if the commitment's step count is not the input's
   */
  public static <I> SegmentAudit<I> challenge(
      StepStructure<I, ?> steps,
      I input,
      BisectionParameters parameters,
      StateCommitment commitment,
      RandomSource random) {
    int stepCount = steps.stepCount(input);
    if (commitment.steps() != stepCount) {
      throw new IllegalArgumentException(
          "the commitment claims " + commitment.steps() + " steps, the input has " + stepCount);
    }
    int intervals = parameters.intervals(stepCount);
    int length = Math.min(parameters.auditSegmentLength(), intervals);
    int start = (int) random.nextLong(intervals - length + 1);
    int end = start + length;
    return new SegmentAudit<>(
        steps,
        input,
        commitment,
        intervals + 1,
        start,
        end,
        parameters.checkpointStep(start, stepCount),
        parameters.checkpointStep(end, stepCount));
  }

  /** The checkpoint whose state the provider must reveal. */
  public int startCheckpoint() {
    return start;
  }

  /** The checkpoint whose committed hash the re-execution must reproduce. */
  public int endCheckpoint() {
    return end;
  }

  /** Steps this audit re-executes: {@code startStep + 1 .. endStep}. */
  public int startStep() {
    return startStep;
  }

  public int endStep() {
    return endStep;
  }

  /** Steps re-executed so far by {@link #verify}. */
  public int stepsReExecuted() {
    return stepsReExecuted;
  }

  /**
   * Asks {@code party} for the openings and state of the window and verifies them. No answer (or a
   * runtime exception from the party) is {@link Verdict.Inconclusive}: never a conviction.
   *
   * @throws IllegalArgumentException if {@code party} is not the party that made the commitment
   */
  public Verdict run(DisputeParty party) {
    if (!party.id().equals(commitment.partyId())) {
      throw new IllegalArgumentException(
          party.id().shortForm() + " did not make the audited commitment");
    }
    Optional<CheckpointOpening> startOpening;
    Optional<Bytes> state;
    Optional<CheckpointOpening> endOpening;
    try {
      startOpening = party.openCheckpoint(start);
      state = party.revealState(start);
      endOpening = party.openCheckpoint(end);
    } catch (RuntimeException e) {
      return noAnswer();
    }
    if (startOpening.isEmpty() || state.isEmpty() || endOpening.isEmpty()) {
      return noAnswer();
    }
    return verify(startOpening.get(), state.get(), endOpening.get());
  }

  /**
   * Verifies the provider's answer: both openings against its commitment, the state bytes against
   * the start opening (and, at checkpoint 0, against the input's initial state), then the
   * re-execution against the end opening. Fails closed: a failed check is {@link Verdict.Rejected}
   * with its reason, an unexpected error on the validator's side {@link Verdict.Inconclusive}.
   */
  public Verdict verify(
      CheckpointOpening startOpening, Bytes startState, CheckpointOpening endOpening) {
    try {
      return check(startOpening, startState, endOpening);
    } catch (RuntimeException e) {
      return Verdict.inconclusive("audit of steps " + range() + ": unexpected error " + e);
    }
  }

  private Verdict check(
      CheckpointOpening startOpening, Bytes startState, CheckpointOpening endOpening) {
    try {
      CheckpointTree.verifyOpening(commitment, checkpoints, start, startOpening);
      CheckpointTree.verifyOpening(commitment, checkpoints, end, endOpening);
    } catch (VerificationException e) {
      return Verdict.rejected(Verdict.Reason.BAD_OPENING, "audit: " + e.getMessage());
    }
    Digest revealed = steps.stateHash(startState);
    if (!revealed.equals(startOpening.stateHash())) {
      return Verdict.rejected(
          Verdict.Reason.COMMITMENT_MISMATCH,
          "audit: the state bytes revealed for checkpoint "
              + start
              + " hash to "
              + revealed
              + ", the commitment says "
              + startOpening.stateHash());
    }
    if (start == 0) {
      Digest initial = steps.stateHash(steps.initialState(input));
      if (!initial.equals(revealed)) {
        return Verdict.rejected(
            Verdict.Reason.COMMITMENT_MISMATCH,
            "audit: committed checkpoint 0 is "
                + revealed
                + " but the initial state derived from the input hashes to "
                + initial);
      }
    }
    Bytes state = startState;
    try {
      for (int t = startStep + 1; t <= endStep; t++) {
        stepsReExecuted++;
        state = steps.step(input, state, t);
      }
    } catch (IllegalArgumentException e) {
      return Verdict.rejected(
          Verdict.Reason.WRONG_RESULT,
          "audit: the committed state at checkpoint " + start + " is not valid: " + e.getMessage());
    }
    Digest expected = steps.stateHash(state);
    if (!expected.equals(endOpening.stateHash())) {
      return Verdict.rejected(
          Verdict.Reason.WRONG_RESULT,
          "audit: re-executing steps "
              + range()
              + " from the committed state at checkpoint "
              + start
              + " gives "
              + expected
              + ", the commitment says "
              + endOpening.stateHash()
              + " at checkpoint "
              + end);
    }
    return Verdict.accepted("audit: steps " + range() + " re-executed and consistent");
  }

  private Verdict noAnswer() {
    return Verdict.inconclusive("audit: no answer for checkpoints " + start + ".." + end);
  }

  private String range() {
    return (startStep + 1) + ".." + endStep;
  }

  /**
   * The exact probability that one audit window of {@code segmentLength} intervals, drawn uniformly
   * among the {@code W = n - m' + 1} windows of a run of {@code intervals} intervals, contains at
   * least one interval of {@code wrongIntervals} (indices {@code 0 .. intervals - 1}).
   *
   * @throws IllegalArgumentException on a non-positive length or an index out of range
   */
  public static double detectionProbability(
      int intervals, int segmentLength, BitSet wrongIntervals) {
    int windows = windows(intervals, segmentLength);
    if (wrongIntervals.length() > intervals) {
      throw new IllegalArgumentException(
          "wrong interval " + (wrongIntervals.length() - 1) + " outside 0.." + (intervals - 1));
    }
    int m = Math.min(segmentLength, intervals);
    int hit = 0;
    for (int s = 0; s < windows; s++) {
      int next = wrongIntervals.nextSetBit(s);
      if (next >= 0 && next < s + m) {
        hit++;
      }
    }
    return (double) hit / windows;
  }

  /**
   * The least probability, over every placement of {@code wrongIntervals} wrong intervals, that one
   * audit window catches one of them: {@code min(F, W) / W}.
   */
  public static double minimumDetectionProbability(
      int intervals, int segmentLength, int wrongIntervals) {
    int windows = windows(intervals, segmentLength);
    if (wrongIntervals < 0 || wrongIntervals > intervals) {
      throw new IllegalArgumentException(
          "wrong intervals must be in 0.." + intervals + ", got " + wrongIntervals);
    }
    return (double) Math.min(wrongIntervals, windows) / windows;
  }

  private static int windows(int intervals, int segmentLength) {
    if (intervals < 1 || segmentLength < 1) {
      throw new IllegalArgumentException(
          "need at least one interval and a positive segment length, got "
              + intervals
              + ", "
              + segmentLength);
    }
    return intervals - Math.min(segmentLength, intervals) + 1;
  }
}
