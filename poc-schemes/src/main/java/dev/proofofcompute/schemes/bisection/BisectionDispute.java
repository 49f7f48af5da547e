package dev.proofofcompute.schemes.bisection;

import dev.proofofcompute.core.scheme.Verdict;
import dev.proofofcompute.core.workload.StepStructure;
import dev.proofofcompute.crypto.Bytes;
import dev.proofofcompute.crypto.Digest;
import dev.proofofcompute.crypto.VerificationException;
import dev.proofofcompute.crypto.identity.NodeId;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.jspecify.annotations.Nullable;

/**
 * The referee of a bisection dispute between two parties whose {@link StateCommitment}s for the
 * same task disagree: a state machine driven by messages ({@link #pendingRequest}, {@link #answer},
 * {@link #forfeit}) that ends in a {@link DisputeOutcome}. {@link #play} drives it to the end
 * against two {@link DisputeParty} implementations.
 *
 * <p>Design: refereed delegation (Canetti, Riva, Rothblum, "Practical delegation of computation
 * using multiple servers", CCS 2011) in the form of the interactive verification game of Truebit
 * (Teutsch, Reitwießner, "A scalable verification solution for blockchains", 2017, the
 * "verification game") and the bisection protocol of Arbitrum (Kalodner et al., USENIX Security
 * 2018) with Merkle-committed state histories as in BoLD (Alvarez et al., AFT 2024,
 * arXiv:2404.10491) and Gensyn's Verde (Arun et al., arXiv:2502.19405, whose arbitration first
 * localises a dispute to one training step). Over the {@code n + 1} checkpoints of a run of {@code
 * T} steps ({@link BisectionParameters}):
 *
 * <ol>
 *   <li>Round 0: both parties open checkpoints 0 and {@code n} against their own roots. The referee
 *       derives the initial state from the input itself, so a party whose checkpoint 0 differs from
 *       {@code stateHash(initialState(input))} loses at once. If both final hashes agree the
 *       parties claim the same result and there is nothing to decide: both verdicts are
 *       inconclusive (their commitments differ only in the middle, which {@link SegmentAudit}
 *       checks).
 *   <li>Rounds 1..r: the referee keeps {@code lo < hi} with both parties' hashes equal at {@code
 *       lo} (the agreed hash) and different at {@code hi}; it asks both to open {@code mid = lo +
 *       (hi - lo) / 2} and moves {@code lo} or {@code hi} there. Each round halves the interval
 *       (rounding up at worst), so {@code r <= ceil(log2 n)}.
 *   <li>When {@code hi = lo + 1}: the referee asks both for the bytes of the agreed state at {@code
 *       lo} (for {@code lo = 0} it uses its own initial state), keeps the first that hash to the
 *       agreed value, re-executes the {@code <= k} steps of the segment with {@link
 *       StepStructure#step} and compares the result's hash with each party's hash at {@code hi}.
 * </ol>
 *
 * <p>Why an honest party never loses: its openings always verify against its own root, its
 * checkpoint 0 is the referee's, and every hash it agrees to is the true one; so the agreed hash at
 * {@code lo} is the true state hash, any bytes that hash to it are the true state (unless SHA-256
 * has a collision), and the referee's re-execution reproduces the honest hash at {@code hi}. Who
 * answers first, or what the other party does, changes none of this.
 *
 * <p>Non-answers: {@link #forfeit} records that a party did not answer in time (the caller owns the
 * clock). A forfeiting party loses the dispute — the opponent's claim stands — but is {@link
 * Verdict.Inconclusive}, never convicted: slowness is not proof of a wrong result. The one
 * exception in its favour: a party that forfeits only the final state reveal is still judged on its
 * proven hash at {@code hi} if the opponent revealed the agreed state, so an honest party that
 * crashes at the last message still wins. A cheater can therefore avoid a conviction by going
 * silent; it then loses the task but not its stake.
 *
 * <p>Not thread-safe; one instance per dispute.
 *
 * @param <I> the workload's input type
 */
public final class BisectionDispute<I> {
  private enum Phase {
    ENDPOINTS,
    BISECTING,
    REVEALING,
    FINISHED
  }

  private final StepStructure<I, ?> steps;
  private final I input;
  private final BisectionParameters parameters;
  private final int stepCount;
  private final int intervals;
  private final Bytes initialState;
  private final Digest initialHash;
  private final Side first;
  private final Side second;

  private Phase phase = Phase.ENDPOINTS;
  private @Nullable DisputeRequest pending;
  private int lo;
  private int hi;
  private Digest agreedHash;
  private int rounds;
  private int stepsReExecuted;
  private @Nullable Segment segment;
  private @Nullable DisputeOutcome outcome;

  /** One party's state in the dispute. */
  private static final class Side {
    final StateCommitment commitment;
    boolean replied;
    @Nullable DisputeAnswer answer;
    @Nullable Verdict verdict;
    @Nullable Digest hashAtHi;
    @Nullable Digest hashAtMid;

    Side(StateCommitment commitment) {
      this.commitment = commitment;
    }

    NodeId id() {
      return commitment.partyId();
    }

    String name() {
      return commitment.partyId().shortForm();
    }
  }

  private BisectionDispute(
      StepStructure<I, ?> steps,
      I input,
      BisectionParameters parameters,
      StateCommitment first,
      StateCommitment second) {
    this.steps = steps;
    this.input = input;
    this.parameters = parameters;
    this.stepCount = first.steps();
    this.intervals = parameters.intervals(stepCount);
    this.initialState = steps.initialState(input);
    this.initialHash = steps.stateHash(initialState);
    this.agreedHash = initialHash;
    this.first = new Side(first);
    this.second = new Side(second);
    this.pending = new DisputeRequest.OpenCheckpoints(0, List.of(0, intervals));
  }

  /**
   * Opens a dispute between two commitments to the same task.
   *
   * @throws IllegalArgumentException when the commitments are for different tasks or step counts,
   *     by the same party, for a step count other than the input's, or equal (nothing to dispute)
   */
  public static <I> BisectionDispute<I> open(
      StepStructure<I, ?> steps,
      I input,
      BisectionParameters parameters,
      StateCommitment first,
      StateCommitment second) {
    if (!first.taskId().equals(second.taskId())) {
      throw new IllegalArgumentException(
          "the commitments are for different tasks: " + first.taskId() + ", " + second.taskId());
    }
    if (first.partyId().equals(second.partyId())) {
      throw new IllegalArgumentException(
          "a party cannot dispute with itself: " + first.partyId().shortForm());
    }
    if (first.steps() != second.steps()) {
      throw new IllegalArgumentException(
          "the commitments claim different step counts: " + first.steps() + ", " + second.steps());
    }
    int expected = steps.stepCount(input);
    if (first.steps() != expected) {
      throw new IllegalArgumentException(
          "the commitments claim " + first.steps() + " steps, the input has " + expected);
    }
    if (first.root().equals(second.root())) {
      throw new IllegalArgumentException("the commitments agree: there is nothing to dispute");
    }
    return new BisectionDispute<>(steps, input, parameters, first, second);
  }

  /**
   * Opens a dispute between two parties' commitments and plays it to the end.
   *
   * @see #open
   * @see #play
   */
  public static <I> DisputeOutcome resolve(
      StepStructure<I, ?> steps,
      I input,
      BisectionParameters parameters,
      DisputeParty first,
      DisputeParty second) {
    return open(steps, input, parameters, first.commitment(), second.commitment())
        .play(first, second);
  }

  /** The request both parties must answer next; empty once the dispute is over. */
  public Optional<DisputeRequest> pendingRequest() {
    return Optional.ofNullable(pending);
  }

  /** Whether {@code party} still owes an answer to the pending request. */
  public boolean awaiting(NodeId party) {
    return pending != null && !side(party).replied;
  }

  /**
   * Records {@code party}'s answer to the pending request; once both parties have answered (or
   * forfeited) the referee checks the answers and moves on. A wrong or malformed answer is not an
   * exception: it decides the dispute against its sender.
   *
   * @throws IllegalArgumentException if {@code party} is not a party to this dispute
   * @throws IllegalStateException if the dispute is over or {@code party} already answered
   */
  public void answer(NodeId party, DisputeAnswer answer) {
    reply(party, answer);
  }

  /**
   * Records that {@code party} did not answer the pending request in time: it forfeits the dispute
   * without being convicted (see the class comment).
   *
   * @throws IllegalArgumentException if {@code party} is not a party to this dispute
   * @throws IllegalStateException if the dispute is over or {@code party} already answered
   */
  public void forfeit(NodeId party) {
    reply(party, null);
  }

  public boolean finished() {
    return phase == Phase.FINISHED;
  }

  /**
   * The outcome of the finished dispute.
   *
   * @throws IllegalStateException while the dispute is still running
   */
  public DisputeOutcome outcome() {
    DisputeOutcome o = outcome;
    if (o == null) {
      throw new IllegalStateException("the dispute is still running, awaiting " + pending);
    }
    return o;
  }

  /** Bisection rounds played so far (round 0, the endpoints, not counted). */
  public int rounds() {
    return rounds;
  }

  /** Steps the referee has re-executed so far. */
  public int stepsReExecuted() {
    return stepsReExecuted;
  }

  /**
   * Plays the dispute to the end: asks both parties every pending request, in order, and records
   * their answers. A party that returns no answer or throws a runtime exception forfeits.
   *
   * @throws IllegalArgumentException unless the parties are the two parties of this dispute
   */
  public DisputeOutcome play(DisputeParty a, DisputeParty b) {
    side(a.id());
    side(b.id());
    if (a.id().equals(b.id())) {
      throw new IllegalArgumentException("play needs both parties of the dispute");
    }
    DisputeRequest request;
    while ((request = pending) != null) {
      for (DisputeParty party : List.of(a, b)) {
        Optional<DisputeAnswer> reply = ask(party, request);
        if (reply.isPresent()) {
          answer(party.id(), reply.get());
        } else {
          forfeit(party.id());
        }
      }
    }
    return outcome();
  }

  private static Optional<DisputeAnswer> ask(DisputeParty party, DisputeRequest request) {
    try {
      return switch (request) {
        case DisputeRequest.OpenCheckpoints open -> openAll(party, open.checkpoints());
        case DisputeRequest.RevealState reveal ->
            party.revealState(reveal.checkpoint()).map(DisputeAnswer.StateReveal::new);
      };
    } catch (RuntimeException e) {
      return Optional.empty();
    }
  }

  private static Optional<DisputeAnswer> openAll(DisputeParty party, List<Integer> checkpoints) {
    List<CheckpointOpening> openings = new ArrayList<>();
    for (int checkpoint : checkpoints) {
      Optional<CheckpointOpening> o = party.openCheckpoint(checkpoint);
      if (o.isEmpty()) {
        return Optional.empty();
      }
      openings.add(o.get());
    }
    return Optional.of(new DisputeAnswer.Openings(openings));
  }

  private Side side(NodeId party) {
    if (first.id().equals(party)) {
      return first;
    }
    if (second.id().equals(party)) {
      return second;
    }
    throw new IllegalArgumentException(party.shortForm() + " is not a party to this dispute");
  }

  private void reply(NodeId party, @Nullable DisputeAnswer answer) {
    Side side = side(party);
    DisputeRequest request = pending;
    if (request == null) {
      throw new IllegalStateException("the dispute is over");
    }
    if (side.replied) {
      throw new IllegalStateException(side.name() + " already answered " + request);
    }
    side.replied = true;
    side.answer = answer;
    if (first.replied && second.replied) {
      pending = null;
      try {
        switch (phase) {
          case ENDPOINTS -> resolveEndpoints((DisputeRequest.OpenCheckpoints) request);
          case BISECTING -> resolveBisection((DisputeRequest.OpenCheckpoints) request);
          case REVEALING -> resolveReveal((DisputeRequest.RevealState) request);
          case FINISHED -> throw new IllegalStateException("the dispute is over");
        }
      } catch (RuntimeException e) {
        // A failure on the referee's side (the workload's hash or step code) proves nothing
        // against anyone: fail closed, without a conviction.
        pending = null;
        judgeRemaining(Verdict.inconclusive("the referee failed: " + e));
      }
      for (Side s : List.of(first, second)) {
        s.replied = false;
        s.answer = null;
      }
    }
  }

  private void resolveEndpoints(DisputeRequest.OpenCheckpoints request) {
    for (Side side : List.of(first, second)) {
      List<CheckpointOpening> openings = checkOpenings(side, request);
      if (openings == null) {
        continue;
      }
      Digest h0 = openings.get(0).stateHash();
      if (!h0.equals(initialHash)) {
        side.verdict =
            Verdict.rejected(
                Verdict.Reason.DISPUTE_LOST,
                "committed checkpoint 0 is "
                    + h0
                    + " but the initial state derived from the input hashes to "
                    + initialHash);
      } else {
        side.hashAtHi = openings.get(1).stateHash();
      }
    }
    if (endedEarly()) {
      return;
    }
    if (requireNonNull(first.hashAtHi).equals(requireNonNull(second.hashAtHi))) {
      for (Side side : List.of(first, second)) {
        side.verdict =
            Verdict.inconclusive(
                "both commitments claim the same final state; they differ only at intermediate"
                    + " checkpoints, which a dispute does not decide");
      }
      finish();
      return;
    }
    lo = 0;
    hi = intervals;
    agreedHash = initialHash;
    advance();
  }

  private void resolveBisection(DisputeRequest.OpenCheckpoints request) {
    for (Side side : List.of(first, second)) {
      List<CheckpointOpening> openings = checkOpenings(side, request);
      if (openings != null) {
        side.hashAtMid = openings.get(0).stateHash();
      }
    }
    if (endedEarly()) {
      return;
    }
    int mid = request.checkpoints().get(0);
    Digest a = requireNonNull(first.hashAtMid);
    Digest b = requireNonNull(second.hashAtMid);
    if (a.equals(b)) {
      lo = mid;
      agreedHash = a;
    } else {
      hi = mid;
      first.hashAtHi = a;
      second.hashAtHi = b;
    }
    advance();
  }

  private void advance() {
    if (hi - lo > 1) {
      rounds++;
      phase = Phase.BISECTING;
      pending = new DisputeRequest.OpenCheckpoints(rounds, List.of(lo + (hi - lo) / 2));
      return;
    }
    segment =
        new Segment(
            lo,
            hi,
            parameters.checkpointStep(lo, stepCount),
            parameters.checkpointStep(hi, stepCount));
    if (lo == 0) {
      reExecuteAndJudge(initialState, "the initial state derived from the input");
      return;
    }
    phase = Phase.REVEALING;
    pending = new DisputeRequest.RevealState(lo);
  }

  private void resolveReveal(DisputeRequest.RevealState request) {
    Bytes agreed = null;
    List<Side> silent = new ArrayList<>();
    for (Side side : List.of(first, second)) {
      DisputeAnswer answer = side.answer;
      if (answer == null) {
        silent.add(side);
      } else if (!(answer instanceof DisputeAnswer.StateReveal(Bytes state))) {
        side.verdict =
            Verdict.rejected(
                Verdict.Reason.MALFORMED_EVIDENCE,
                "answered the state reveal of checkpoint "
                    + request.checkpoint()
                    + " with "
                    + answer.getClass().getSimpleName());
      } else if (!steps.stateHash(state).equals(agreedHash)) {
        side.verdict =
            Verdict.rejected(
                Verdict.Reason.COMMITMENT_MISMATCH,
                "revealed state bytes for checkpoint "
                    + request.checkpoint()
                    + " hash to "
                    + steps.stateHash(state)
                    + ", not to the committed and agreed "
                    + agreedHash);
      } else if (agreed == null) {
        agreed = state;
      }
    }
    if (agreed != null) {
      reExecuteAndJudge(agreed, "the agreed state at checkpoint " + lo);
      return;
    }
    for (Side side : silent) {
      side.verdict = forfeited("did not reveal the agreed state at checkpoint " + lo);
    }
    finish();
  }

  /** Re-executes the located segment from {@code state} and judges every side without a verdict. */
  private void reExecuteAndJudge(Bytes state, String from) {
    Segment s = requireNonNull(segment);
    Digest expected;
    try {
      Bytes current = state;
      for (int t = s.fromStep() + 1; t <= s.toStep(); t++) {
        stepsReExecuted++;
        current = steps.step(input, current, t);
      }
      expected = steps.stateHash(current);
    } catch (IllegalArgumentException e) {
      judgeRemaining(
          Verdict.rejected(
              Verdict.Reason.DISPUTE_LOST,
              "both committed to checkpoint "
                  + lo
                  + " whose state is not a valid state: "
                  + e.getMessage()));
      return;
    } catch (RuntimeException e) {
      judgeRemaining(
          Verdict.inconclusive(
              "the referee could not re-execute steps "
                  + (s.fromStep() + 1)
                  + ".."
                  + s.toStep()
                  + ": "
                  + e));
      return;
    }
    for (Side side : List.of(first, second)) {
      if (side.verdict != null) {
        continue;
      }
      Digest claimed = requireNonNull(side.hashAtHi);
      if (claimed.equals(expected)) {
        side.verdict =
            Verdict.accepted(
                "won the dispute: re-executing steps "
                    + (s.fromStep() + 1)
                    + ".."
                    + s.toStep()
                    + " from "
                    + from
                    + " reproduces its hash at checkpoint "
                    + hi);
      } else {
        side.verdict =
            Verdict.rejected(
                Verdict.Reason.DISPUTE_LOST,
                "first divergent checkpoint "
                    + hi
                    + " (steps "
                    + (s.fromStep() + 1)
                    + ".."
                    + s.toStep()
                    + "): committed "
                    + claimed
                    + ", re-execution from "
                    + from
                    + " gives "
                    + expected);
      }
    }
    finish();
  }

  private void judgeRemaining(Verdict verdict) {
    for (Side side : List.of(first, second)) {
      if (side.verdict == null) {
        side.verdict = verdict;
      }
    }
    finish();
  }

  /** Checks a side's answer to an opening request; on failure sets its verdict and returns null. */
  private @Nullable List<CheckpointOpening> checkOpenings(
      Side side, DisputeRequest.OpenCheckpoints request) {
    DisputeAnswer answer = side.answer;
    if (answer == null) {
      side.verdict = forfeited("did not answer round " + request.round());
      return null;
    }
    if (!(answer instanceof DisputeAnswer.Openings(List<CheckpointOpening> openings))
        || openings.size() != request.checkpoints().size()) {
      side.verdict =
          Verdict.rejected(
              Verdict.Reason.MALFORMED_EVIDENCE,
              "round "
                  + request.round()
                  + " asked to open checkpoints "
                  + request.checkpoints()
                  + ", got "
                  + answer);
      return null;
    }
    for (int i = 0; i < openings.size(); i++) {
      int checkpoint = request.checkpoints().get(i);
      try {
        CheckpointTree.verifyOpening(side.commitment, intervals + 1, checkpoint, openings.get(i));
      } catch (VerificationException e) {
        side.verdict =
            Verdict.rejected(
                Verdict.Reason.BAD_OPENING,
                "round " + request.round() + ", checkpoint " + checkpoint + ": " + e.getMessage());
        return null;
      }
    }
    return openings;
  }

  /**
   * If a side was decided before the search ended, the other side (if undecided) wins and the
   * dispute finishes; returns whether that happened.
   */
  private boolean endedEarly() {
    if (first.verdict == null && second.verdict == null) {
      return false;
    }
    for (Side side : List.of(first, second)) {
      if (side.verdict == null) {
        Side other = side == first ? second : first;
        Verdict lost = requireNonNull(other.verdict);
        side.verdict = Verdict.accepted("won the dispute by default; the opponent: " + lost);
      }
    }
    finish();
    return true;
  }

  private static Verdict forfeited(String what) {
    return Verdict.inconclusive("forfeited the dispute (not a conviction): " + what);
  }

  private void finish() {
    Map<NodeId, Verdict> verdicts = new LinkedHashMap<>();
    verdicts.put(first.id(), requireNonNull(first.verdict));
    verdicts.put(second.id(), requireNonNull(second.verdict));
    outcome = new DisputeOutcome(verdicts, segment, rounds, stepsReExecuted);
    phase = Phase.FINISHED;
    pending = null;
  }

  private static <T> T requireNonNull(@Nullable T value) {
    if (value == null) {
      throw new IllegalStateException("bisection dispute: internal state missing");
    }
    return value;
  }
}
