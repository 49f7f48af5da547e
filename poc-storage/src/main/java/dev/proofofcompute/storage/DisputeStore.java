package dev.proofofcompute.storage;

import dev.proofofcompute.crypto.Bytes;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * Disputes between two tasks of a job. Like task updates, every change is guarded by what the
 * caller last saw (the state and the number of answers), so two coordinators driving the same
 * dispute cannot both append.
 */
public interface DisputeStore {
  /**
   * Opens a dispute between tasks {@code taskA} and {@code taskB} of {@code jobId}, or returns the
   * one already open or resolved between them (idempotent).
   *
   * @throws IllegalArgumentException if either task is not an EXECUTE task of the job, or they are
   *     the same task
   */
  DisputeRecord open(String jobId, String taskA, String taskB, Instant at);

  /** The dispute with this id. */
  Optional<DisputeRecord> find(String disputeId);

  /** The disputes of a job, oldest first. */
  List<DisputeRecord> ofJob(String jobId);

  /**
   * Asks the party running {@code taskId} to answer {@code request} by {@code deadline}.
   *
   * @return false if the dispute is not OPEN, already has a pending question, or does not have
   *     exactly {@code expectedAnswers} answers (nothing changes)
   * @throws IllegalArgumentException if {@code taskId} is not one of the dispute's two tasks
   */
  boolean ask(
      String disputeId, int expectedAnswers, String taskId, Bytes request, Instant deadline);

  /**
   * Records the answer to the pending question: appends (task, request, answer) to the answers and
   * clears the question.
   *
   * @return false if the dispute is not OPEN, has no pending question for {@code taskId}, or does
   *     not have exactly {@code expectedAnswers} answers (nothing changes)
   */
  boolean answer(String disputeId, int expectedAnswers, String taskId, Bytes answer, Instant at);

  /**
   * Resolves an OPEN dispute with {@code outcome}; a pending question is dropped.
   *
   * @return false if the dispute is not OPEN
   */
  boolean resolve(String disputeId, Bytes outcome, Instant at);

  /** OPEN disputes whose pending question's deadline is at or before {@code now}, oldest first. */
  List<DisputeRecord> overdue(Instant now);
}
