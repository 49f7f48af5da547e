package dev.proofofcompute.schemes.bisection;

import dev.proofofcompute.core.scheme.Verdict;
import dev.proofofcompute.crypto.identity.NodeId;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import org.jspecify.annotations.Nullable;

/**
 * How a {@link BisectionDispute} ended: a verdict for each party, the segment the search narrowed
 * down to (absent when the dispute ended before, e.g. on a wrong initial state or a failed
 * opening), the number of bisection rounds played and the number of steps the referee re-executed.
 *
 * <p>A party is {@link Verdict.Rejected} only on proof: a failed inclusion proof (BAD_OPENING),
 * state bytes that do not hash to the committed value (COMMITMENT_MISMATCH), a malformed answer
 * (MALFORMED_EVIDENCE), or a committed hash that differs from the referee's own computation
 * (DISPUTE_LOST). A party that did not answer gets {@link Verdict.Inconclusive}. A party that won
 * gets {@link Verdict.Accepted}: its claim survived the challenge.
 *
 * @param verdicts the verdict for each of the two parties
 * @param segment the located segment, or null when the search did not get that far
 * @param rounds bisection rounds played, at most {@code ceil(log2 n)} for {@code n} intervals
 * @param stepsReExecuted steps the referee re-executed, at most one checkpoint interval
 */
public record DisputeOutcome(
    Map<NodeId, Verdict> verdicts, @Nullable Segment segment, int rounds, int stepsReExecuted) {
  public DisputeOutcome {
    verdicts = Map.copyOf(verdicts);
  }

  /** The verdict for {@code party}. */
  public Verdict verdictFor(NodeId party) {
    Verdict v = verdicts.get(party);
    if (v == null) {
      throw new IllegalArgumentException(party.shortForm() + " is not a party to this dispute");
    }
    return v;
  }

  /** The parties that were rejected. */
  public Set<NodeId> convicted() {
    Set<NodeId> out = new TreeSet<>();
    verdicts.forEach((party, verdict) -> {
      if (verdict instanceof Verdict.Rejected) {
        out.add(party);
      }
    });
    return out;
  }

  /** The segment the search narrowed down to, if it got that far. */
  public Optional<Segment> locatedSegment() {
    return Optional.ofNullable(segment);
  }
}
