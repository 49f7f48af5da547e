package dev.proofofcompute.ledger;

import dev.proofofcompute.crypto.identity.NodeId;
import dev.proofofcompute.crypto.money.Amount;

/**
 * What the rules know about a job, all of it derived from postings: {@code EscrowJob} creates it
 * open with its requester and terms, each {@code Reward} of a distinct task adds one to {@code
 * settledTasks}, {@code CloseJob} closes it.
 */
public record JobState(
    String jobId, NodeId requester, JobTerms terms, int settledTasks, boolean open) {
  /**
   * @throws IllegalArgumentException if the id is invalid or {@code settledTasks} is outside {@code
   *     0..terms.tasks()}
   */
  public JobState {
    Ids.require("job id", jobId);
    if (settledTasks < 0 || settledTasks > terms.tasks()) {
      throw new IllegalArgumentException(
          "settled tasks must be in 0.." + terms.tasks() + ", got " + settledTasks);
    }
  }

  /** A newly escrowed job. */
  public static JobState opened(String jobId, NodeId requester, JobTerms terms) {
    return new JobState(jobId, requester, terms, 0, true);
  }

  /** Tasks not yet settled. */
  public int unsettledTasks() {
    return terms.tasks() - settledTasks;
  }

  /**
   * What the escrow must still be able to pay: {@code unsettledTasks() * terms.perTask()} while the
   * job is open, zero once it is closed.
   */
  public Amount remainingObligation() {
    return open ? terms.perTask().times(unsettledTasks()) : Amount.ZERO;
  }

  JobState withOneMoreSettled() {
    return new JobState(jobId, requester, terms, settledTasks + 1, open);
  }

  JobState closed() {
    return new JobState(jobId, requester, terms, settledTasks, false);
  }
}
