package dev.proofofcompute.storage;

import dev.proofofcompute.crypto.Bytes;
import dev.proofofcompute.protocol.SchemeProtocol.DisputeAnswer;
import java.time.Instant;
import java.util.List;
import org.jspecify.annotations.Nullable;

/**
 * A dispute between two tasks of a job (bisection): the answers so far in order, the question
 * outstanding, and the outcome once resolved.
 *
 * @param disputeId {@link RecordIds#dispute} of the job and the two tasks
 * @param pending the outstanding question; null when none is
 * @param answers every answer so far, in the order given (the input of {@code
 *     SchemeProtocol.dispute})
 * @param outcome the encoded outcome, set when RESOLVED
 */
public record DisputeRecord(
    String disputeId,
    String jobId,
    String taskA,
    String taskB,
    DisputeState state,
    @Nullable PendingRequest pending,
    List<DisputeAnswer> answers,
    @Nullable Bytes outcome,
    Instant openedAt,
    @Nullable Instant closedAt) {
  public DisputeRecord {
    answers = List.copyOf(answers);
  }
}
