package dev.proofofcompute.storage;

import dev.proofofcompute.crypto.Bytes;
import org.jspecify.annotations.Nullable;

/**
 * The protocol bytes of a task, each absent until its step happened. In an update ({@link
 * TaskStore#advance}) a null field means "leave as it is".
 *
 * @param secret the coordinator's private material for the task (never sent to a provider)
 * @param commitment the provider's commitment
 * @param randomness what the coordinator drew after storing the commitment
 * @param challenge the challenge derived from it
 * @param response the provider's response
 * @param work re-execution work for a validator (on the EXECUTE task that needs it, and on the
 *     VALIDATE task that carries it)
 * @param report the validator's report (on the VALIDATE task)
 * @param check the encoded check of the task
 * @param verdict the encoded verdict of the task
 */
public record TaskArtifacts(
    @Nullable Bytes secret,
    @Nullable Bytes commitment,
    @Nullable Bytes randomness,
    @Nullable Bytes challenge,
    @Nullable Bytes response,
    @Nullable Bytes work,
    @Nullable Bytes report,
    @Nullable Bytes check,
    @Nullable Bytes verdict) {

  private static final TaskArtifacts NONE =
      new TaskArtifacts(null, null, null, null, null, null, null, null, null);

  /** No bytes at all; as an update, changes nothing. */
  public static TaskArtifacts none() {
    return NONE;
  }

  public TaskArtifacts withSecret(Bytes v) {
    return new TaskArtifacts(
        v, commitment, randomness, challenge, response, work, report, check, verdict);
  }

  public TaskArtifacts withCommitment(Bytes v) {
    return new TaskArtifacts(
        secret, v, randomness, challenge, response, work, report, check, verdict);
  }

  public TaskArtifacts withRandomness(Bytes v) {
    return new TaskArtifacts(
        secret, commitment, v, challenge, response, work, report, check, verdict);
  }

  public TaskArtifacts withChallenge(Bytes v) {
    return new TaskArtifacts(
        secret, commitment, randomness, v, response, work, report, check, verdict);
  }

  public TaskArtifacts withResponse(Bytes v) {
    return new TaskArtifacts(
        secret, commitment, randomness, challenge, v, work, report, check, verdict);
  }

  public TaskArtifacts withWork(Bytes v) {
    return new TaskArtifacts(
        secret, commitment, randomness, challenge, response, v, report, check, verdict);
  }

  public TaskArtifacts withReport(Bytes v) {
    return new TaskArtifacts(
        secret, commitment, randomness, challenge, response, work, v, check, verdict);
  }

  public TaskArtifacts withCheck(Bytes v) {
    return new TaskArtifacts(
        secret, commitment, randomness, challenge, response, work, report, v, verdict);
  }

  public TaskArtifacts withVerdict(Bytes v) {
    return new TaskArtifacts(
        secret, commitment, randomness, challenge, response, work, report, check, v);
  }

  /** These bytes with every non-null field of {@code update} written over them. */
  public TaskArtifacts merge(TaskArtifacts update) {
    return new TaskArtifacts(
        pick(update.secret, secret),
        pick(update.commitment, commitment),
        pick(update.randomness, randomness),
        pick(update.challenge, challenge),
        pick(update.response, response),
        pick(update.work, work),
        pick(update.report, report),
        pick(update.check, check),
        pick(update.verdict, verdict));
  }

  private static @Nullable Bytes pick(@Nullable Bytes a, @Nullable Bytes b) {
    return a != null ? a : b;
  }
}
