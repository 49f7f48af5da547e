package dev.proofofcompute.schemes.bisection;

import dev.proofofcompute.crypto.Bytes;
import dev.proofofcompute.crypto.identity.NodeId;
import java.util.Optional;

/**
 * One side of a {@link BisectionDispute} or the subject of a {@link SegmentAudit}: it answers the
 * referee's questions about the run it committed to. {@link HonestParty} computes its answers from
 * the workload; adversaries (in tests and the arena) answer whatever they like, and the referee
 * checks every answer against the party's own {@link #commitment()}.
 *
 * <p>An empty answer, or a runtime exception thrown by an implementation, counts as no answer: the
 * party forfeits the dispute (see {@link BisectionDispute#forfeit}) but is not convicted.
 */
public interface DisputeParty {
  NodeId id();

  /** The commitment this party made before the dispute or audit began. */
  StateCommitment commitment();

  /** The committed state hash at {@code checkpoint} with its inclusion proof, or no answer. */
  Optional<CheckpointOpening> openCheckpoint(int checkpoint);

  /** The canonical bytes of the state at {@code checkpoint}, or no answer. */
  Optional<Bytes> revealState(int checkpoint);
}
