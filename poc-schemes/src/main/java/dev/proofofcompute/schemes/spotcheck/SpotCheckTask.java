package dev.proofofcompute.schemes.spotcheck;

import dev.proofofcompute.crypto.Digest;

/**
 * What a provider receives for a spot-checked task: the batch to run (requester items and canaries
 * in the validator's secret order, indistinguishable), its size, and the validator's commitment to
 * the challenge seed it will reveal only after the provider has committed.
 *
 * @param taskId the task this batch belongs to
 * @param batch the workload input to execute
 * @param itemCount the number of items in {@code batch}, {@code M = N + c}
 * @param seedCommitment {@link ChallengeDerivation#seedCommitment} of the validator's secret seed
 */
public record SpotCheckTask<I>(Digest taskId, I batch, int itemCount, Digest seedCommitment) {
  public SpotCheckTask {
    if (itemCount < 1) {
      throw new IllegalArgumentException("a spot-check batch has at least one item");
    }
  }
}
