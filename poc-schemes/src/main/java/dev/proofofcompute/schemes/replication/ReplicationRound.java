package dev.proofofcompute.schemes.replication;

import dev.proofofcompute.core.scheme.Verdict;
import dev.proofofcompute.crypto.Bytes;
import dev.proofofcompute.crypto.DecodingException;
import dev.proofofcompute.crypto.Digest;
import dev.proofofcompute.crypto.VerificationException;
import dev.proofofcompute.crypto.identity.NodeId;
import dev.proofofcompute.crypto.random.RandomSource;
import dev.proofofcompute.schemes.replication.AdaptiveReplication.Decision;
import dev.proofofcompute.schemes.replication.RoundRefusedException.Reason;
import java.time.Instant;
import java.time.InstantSource;
import java.util.Optional;
import java.util.SortedMap;
import java.util.TreeMap;
import org.jspecify.annotations.Nullable;

/**
 * The commit-then-reveal state machine of one replicated task.
 *
 * <pre>
 *   COMMIT --(k commitments, or the commit deadline, or an adaptive TRUST)--> REVEAL
 *   REVEAL --(every committer revealed, or the reveal deadline)-----------> CLOSED
 * </pre>
 *
 * <p>Design: a two-phase commit-reveal protocol (Blum 1981; the same pattern as commit-reveal
 * voting and sealed-bid auctions): every replica commits to {@code H(taskId || providerId || salt
 * || output)} (see {@link ResultCommitment}) before any reveal is accepted, so no provider can copy
 * a result it has seen, and a copied commitment is bound to the id of its author. The revealed
 * outputs are then put to a majority vote (see {@code Quorum}, after BOINC's validator).
 *
 * <p>Verdicts when the round closes, for each provider that committed:
 *
 * <ul>
 *   <li>{@link Verdict.Rejected} {@code COMMITMENT_MISMATCH}: its reveal does not open its own
 *       commitment; {@code MALFORMED_EVIDENCE}: it opens, but the output is not canonical. Both are
 *       proof from the provider's own messages and stand whatever the vote.
 *   <li>If a group of at least {@code quorum} openings agrees: its members {@link
 *       Verdict.Accepted}; openings that disagree with every member {@link Verdict.Rejected} {@code
 *       OUTVOTED}; openings that agree with some member but not the group's anchor (possible only
 *       under a float tolerance) {@link Verdict.Inconclusive}.
 *   <li>If no group reaches the quorum: every valid opening {@link Verdict.Inconclusive} (more
 *       replicas are needed; nobody is slashed).
 *   <li>Committed but not revealed before the reveal deadline: {@link Verdict.Inconclusive} (a slow
 *       or crashed honest provider is never slashed; the caller may retry the task).
 * </ul>
 *
 * <p>Zero false positives: an honest provider is rejected only when {@code quorum} other providers
 * agreed on a different answer, that is only when a colluding quorum exists; the policy's {@code
 * quorum} sets that bound.
 *
 * <p>Adaptive replication: after the <em>first</em> provider's commitment and before any other
 * replica is dispatched, the caller may call {@link #decideAdaptively}; a TRUST decision closes the
 * commit phase with that one provider, whose matching reveal is then accepted unreplicated.
 *
 * <p>Messages that the round refuses (out of phase, duplicates, reveals without a commitment,
 * malformed) throw {@link RoundRefusedException} and change nothing. The caller authenticates
 * messages (a provider's signature) before passing them in: the round trusts that {@code
 * providerId} sent them. Deadlines are read from the injected {@link InstantSource}; a deadline is
 * reached when the clock reads it or later. Calls are synchronized.
 *
 * @param <O> the workload's output type
 */
public final class ReplicationRound<O> {
  /** Where a round stands. */
  public enum Phase {
    /** Collecting commitments. */
    COMMIT,
    /** Collecting reveals from the providers that committed. */
    REVEAL,
    /** Decided: {@link #outcome()} is available. */
    CLOSED
  }

  private final Digest taskId;
  private final ReplicationParameters parameters;
  private final ResultComparator<O> comparator;
  private final InstantSource clock;
  private final Instant commitDeadline;

  private final SortedMap<NodeId, ResultCommitment> commitments = new TreeMap<>();
  private final SortedMap<NodeId, Opening<O>> openings = new TreeMap<>();
  private Phase phase = Phase.COMMIT;
  private @Nullable Instant revealDeadline;
  private @Nullable Decision decision;
  private @Nullable RoundOutcome outcome;

  private ReplicationRound(
      Digest taskId,
      ReplicationParameters parameters,
      ResultComparator<O> comparator,
      InstantSource clock) {
    this.taskId = taskId;
    this.parameters = parameters;
    this.comparator = comparator;
    this.clock = clock;
    this.commitDeadline = clock.instant().plus(parameters.commitWindow());
  }

  /**
   * Opens the round of {@code taskId} now; commitments are accepted until {@code now +
   * commitWindow}.
   *
   * @throws IllegalArgumentException if the comparator does not use the parameters' tolerance
   *     (build it with {@link ResultComparator#forWorkload})
   */
  public static <O> ReplicationRound<O> open(
      Digest taskId,
      ReplicationParameters parameters,
      ResultComparator<O> comparator,
      InstantSource clock) {
    if (!comparator.tolerance().equals(parameters.floatTolerance())) {
      throw new IllegalArgumentException(
          "the comparator's tolerance "
              + comparator.tolerance()
              + " is not the parameters' "
              + parameters.floatTolerance());
    }
    return new ReplicationRound<>(taskId, parameters, comparator, clock);
  }

  public Digest taskId() {
    return taskId;
  }

  public ReplicationParameters parameters() {
    return parameters;
  }

  /** The phase, after applying any deadline the clock has reached. */
  public synchronized Phase phase() {
    advance();
    return phase;
  }

  /** The number of commitments received. */
  public synchronized int commitmentCount() {
    return commitments.size();
  }

  /** The commitment of {@code providerId}, if it committed. */
  public synchronized Optional<ResultCommitment> commitment(NodeId providerId) {
    return Optional.ofNullable(commitments.get(providerId));
  }

  /** The number of reveals received (matching or not). */
  public synchronized int revealCount() {
    return openings.size();
  }

  /** The adaptive decision, if {@link #decideAdaptively} was called. */
  public synchronized Optional<Decision> decision() {
    return Optional.ofNullable(decision);
  }

  /** When the commit phase ends at the latest. */
  public Instant commitDeadline() {
    return commitDeadline;
  }

  /** When the reveal phase ends at the latest; present once the commit phase has ended. */
  public synchronized Optional<Instant> revealDeadline() {
    advance();
    return Optional.ofNullable(revealDeadline);
  }

  /**
   * Records {@code providerId}'s commitment. The reveal phase opens as soon as every replica has
   * committed.
   *
   * @throws RoundRefusedException {@code WRONG_PHASE} after the commit phase; {@code
   *     DUPLICATE_COMMITMENT} if this provider already committed
   */
  public synchronized void commit(NodeId providerId, ResultCommitment commitment)
      throws RoundRefusedException {
    advance();
    if (phase != Phase.COMMIT) {
      throw new RoundRefusedException(
          Reason.WRONG_PHASE,
          "commitments for task "
              + ResultCommitment.shortHex(taskId)
              + " are closed (phase "
              + phase
              + ")");
    }
    if (commitments.containsKey(providerId)) {
      throw new RoundRefusedException(
          Reason.DUPLICATE_COMMITMENT,
          "provider "
              + providerId.shortForm()
              + " has already committed for task "
              + ResultCommitment.shortHex(taskId));
    }
    commitments.put(providerId, commitment);
    if (commitments.size() == parameters.replicas()) {
      openReveals(clock.instant());
    }
  }

  /**
   * Draws the adaptive-replication decision for the sole provider that has committed so far, whose
   * record is {@code reputation}. TRUST ends the commit phase with that provider alone; REPLICATE
   * leaves the round waiting for the other replicas, which the caller dispatches now. Calling this
   * only here — after the provider's commitment, before other replicas exist — is what keeps the
   * decision hidden from the provider until it can no longer change its result.
   *
   * @throws RoundRefusedException {@code NOT_DECIDABLE} unless the round is in its commit phase
   *     with exactly one commitment and no decision yet
   */
  public synchronized Decision decideAdaptively(Reputation reputation, RandomSource random)
      throws RoundRefusedException {
    advance();
    if (phase != Phase.COMMIT || commitments.size() != 1 || decision != null) {
      throw new RoundRefusedException(
          Reason.NOT_DECIDABLE,
          "an adaptive decision is drawn once, in the commit phase, right after the first"
              + " commitment (phase "
              + phase
              + ", "
              + commitments.size()
              + " commitments, decision "
              + decision
              + ")");
    }
    Decision d = AdaptiveReplication.of(parameters.adaptive()).decide(reputation, random);
    decision = d;
    if (d == Decision.TRUST) {
      openReveals(clock.instant());
    }
    return d;
  }

  /**
   * Records {@code providerId}'s reveal. A reveal that does not open the provider's commitment, or
   * opens it to a non-canonical output, is recorded and leads to a rejection; the round closes as
   * soon as every committer has revealed.
   *
   * @throws RoundRefusedException {@code WRONG_PHASE} outside the reveal phase; {@code
   *     NOT_COMMITTED} if the provider never committed; {@code DUPLICATE_REVEAL} if it already
   *     revealed; {@code MALFORMED_MESSAGE} if the salt is not {@value
   *     ResultCommitment#SALT_LENGTH} bytes
   */
  public synchronized void reveal(NodeId providerId, Bytes salt, Bytes output)
      throws RoundRefusedException {
    advance();
    if (phase != Phase.REVEAL) {
      throw new RoundRefusedException(
          Reason.WRONG_PHASE,
          phase == Phase.COMMIT
              ? "reveals for task "
                  + ResultCommitment.shortHex(taskId)
                  + " open only once every commitment is in"
              : "the round of task " + ResultCommitment.shortHex(taskId) + " is closed");
    }
    ResultCommitment commitment = commitments.get(providerId);
    if (commitment == null) {
      throw new RoundRefusedException(
          Reason.NOT_COMMITTED,
          "provider "
              + providerId.shortForm()
              + " did not commit for task "
              + ResultCommitment.shortHex(taskId));
    }
    if (openings.containsKey(providerId)) {
      throw new RoundRefusedException(
          Reason.DUPLICATE_REVEAL, "provider " + providerId.shortForm() + " has already revealed");
    }
    if (salt.length() != ResultCommitment.SALT_LENGTH) {
      throw new RoundRefusedException(
          Reason.MALFORMED_MESSAGE,
          "a reveal's salt is " + ResultCommitment.SALT_LENGTH + " bytes, got " + salt.length());
    }
    openings.put(providerId, open(commitment, providerId, salt, output));
    if (openings.size() == commitments.size()) {
      phase = Phase.CLOSED;
    }
  }

  private Opening<O> open(
      ResultCommitment commitment, NodeId providerId, Bytes salt, Bytes output) {
    try {
      commitment.verifyOpening(taskId, providerId, salt, output);
    } catch (VerificationException e) {
      return new Opening.Judged<>(
          Verdict.rejected(Verdict.Reason.COMMITMENT_MISMATCH, String.valueOf(e.getMessage())));
    }
    try {
      return new Opening.Valid<>(output, comparator.decode(output));
    } catch (DecodingException e) {
      return new Opening.Judged<>(
          Verdict.rejected(
              Verdict.Reason.MALFORMED_EVIDENCE,
              "the committed output is not a canonical encoding: " + e.getMessage()));
    } catch (RuntimeException e) {
      // A fault of the verifier's codec is no proof against the provider.
      return new Opening.Judged<>(Verdict.inconclusive("the output could not be checked: " + e));
    }
  }

  /**
   * The outcome, once the round is closed (every committer revealed, or the reveal deadline was
   * reached); empty before.
   */
  public synchronized Optional<RoundOutcome> outcome() {
    advance();
    if (phase != Phase.CLOSED) {
      return Optional.empty();
    }
    RoundOutcome o = outcome;
    if (o == null) {
      o = decide();
      outcome = o;
    }
    return Optional.of(o);
  }

  private void advance() {
    Instant now = clock.instant();
    if (phase == Phase.COMMIT && !now.isBefore(commitDeadline)) {
      openReveals(commitDeadline);
    }
    Instant rd = revealDeadline;
    if (phase == Phase.REVEAL && rd != null && !now.isBefore(rd)) {
      phase = Phase.CLOSED;
    }
  }

  private void openReveals(Instant from) {
    phase = commitments.isEmpty() ? Phase.CLOSED : Phase.REVEAL;
    revealDeadline = from.plus(parameters.revealWindow());
  }

  private boolean trusted() {
    return decision == Decision.TRUST;
  }

  private RoundOutcome decide() {
    SortedMap<NodeId, Verdict> verdicts = new TreeMap<>();
    SortedMap<NodeId, O> valid = new TreeMap<>();
    SortedMap<NodeId, Bytes> validBytes = new TreeMap<>();
    for (NodeId id : commitments.keySet()) {
      Opening<O> opening = openings.get(id);
      if (opening == null) {
        verdicts.put(id, Verdict.inconclusive("committed but did not reveal before the deadline"));
      } else if (opening instanceof Opening.Judged<O> judged) {
        verdicts.put(id, judged.verdict());
      } else if (opening instanceof Opening.Valid<O> ok) {
        valid.put(id, ok.value());
        validBytes.put(id, ok.bytes());
      }
    }
    boolean replicated = !trusted() && parameters.replicas() > 1;
    if (trusted()) {
      Bytes accepted = null;
      for (NodeId id : valid.keySet()) {
        verdicts.put(
            id,
            Verdict.accepted(
                "trusted under adaptive replication: accepted unreplicated (the commitment"
                    + " opened)"));
        accepted = validBytes.get(id);
      }
      return new RoundOutcome(taskId, false, verdicts, accepted);
    }
    Quorum.Tally tally;
    try {
      tally = Quorum.tally(valid, comparator, parameters.quorum());
    } catch (RuntimeException e) {
      for (NodeId id : valid.keySet()) {
        verdicts.put(id, Verdict.inconclusive("the outputs could not be compared: " + e));
      }
      return new RoundOutcome(taskId, replicated, verdicts, null);
    }
    NodeId anchor = tally.anchor();
    if (anchor == null) {
      for (NodeId id : valid.keySet()) {
        verdicts.put(
            id,
            Verdict.inconclusive(
                "no result reached the quorum of "
                    + parameters.quorum()
                    + ": the largest agreeing group has "
                    + tally.largestGroup()
                    + " of "
                    + valid.size()
                    + " valid openings ("
                    + commitments.size()
                    + " commitments)"));
      }
      return new RoundOutcome(taskId, replicated, verdicts, null);
    }
    int winners = tally.winners().size();
    for (NodeId id : tally.winners()) {
      verdicts.put(
          id,
          Verdict.accepted(
              "agrees with a quorum: "
                  + winners
                  + " of "
                  + valid.size()
                  + " valid openings agree (quorum "
                  + parameters.quorum()
                  + ")"));
    }
    for (NodeId id : tally.between()) {
      verdicts.put(
          id,
          Verdict.inconclusive(
              "within tolerance of part of the quorum but not of its anchor: not provably wrong"));
    }
    for (NodeId id : tally.outvoted()) {
      verdicts.put(
          id,
          Verdict.rejected(
              Verdict.Reason.OUTVOTED,
              "disagrees with all "
                  + winners
                  + " replicas of the quorum (quorum "
                  + parameters.quorum()
                  + "), which agree on a different result"));
    }
    return new RoundOutcome(taskId, replicated, verdicts, validBytes.get(anchor));
  }

  /** A received reveal: a valid opening with its parsed output, or a verdict against it. */
  private sealed interface Opening<O> {
    record Valid<O>(Bytes bytes, O value) implements Opening<O> {}

    record Judged<O>(Verdict verdict) implements Opening<O> {}
  }
}
