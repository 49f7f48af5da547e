package dev.proofofcompute.schemes.replication;

import dev.proofofcompute.crypto.Bytes;
import dev.proofofcompute.crypto.Digest;
import dev.proofofcompute.crypto.identity.NodeId;
import dev.proofofcompute.crypto.random.RandomSource;

/**
 * The provider side of a replica: a result together with the secret salt of its commitment. The
 * provider sends {@link #commitment()} first and {@link #salt()} with {@link #output()} once the
 * round is in its reveal phase. Keep the salt secret until then.
 *
 * @param taskId the task
 * @param providerId the provider that computed the result
 * @param salt the commitment salt, {@value ResultCommitment#SALT_LENGTH} bytes
 * @param output the canonical bytes of the result
 */
public record CommittedResult(Digest taskId, NodeId providerId, Bytes salt, Bytes output) {
  public CommittedResult {
    ResultCommitment.checkSalt(salt);
  }

  /**
   * Seals {@code output} under a fresh salt drawn from {@code random}: {@link
   * RandomSource#secure()} in production, since anyone who can predict the salt can test guesses of
   * the output against the commitment.
   */
  public static CommittedResult seal(
      Digest taskId, NodeId providerId, Bytes output, RandomSource random) {
    return new CommittedResult(
        taskId, providerId, random.nextBytes(ResultCommitment.SALT_LENGTH), output);
  }

  /** The commitment to send in the commit phase. */
  public ResultCommitment commitment() {
    return ResultCommitment.of(taskId, providerId, salt, output);
  }
}
