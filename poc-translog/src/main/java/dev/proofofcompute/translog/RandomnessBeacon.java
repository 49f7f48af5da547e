package dev.proofofcompute.translog;

import dev.proofofcompute.crypto.Bytes;
import dev.proofofcompute.crypto.DecodingException;
import dev.proofofcompute.crypto.Digest;
import dev.proofofcompute.crypto.Hashes;
import dev.proofofcompute.crypto.VerificationException;
import dev.proofofcompute.crypto.cbor.CborMap;
import dev.proofofcompute.crypto.random.RandomSource;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;

/**
 * Auditable challenge randomness by commit-reveal through the log.
 *
 * <ol>
 *   <li>When a task is leased, the coordinator draws a 32-byte secret {@code s} and logs a {@link
 *       EntryKind#RANDOMNESS_COMMITTED} entry with {@code c = H_commit(task, s)}.
 *   <li>The provider commits to its result ({@link EntryKind#COMMITMENT} entry, body {@code task},
 *       {@code commitment}).
 *   <li>The challenge randomness is {@code r = H_rand(s, provider commitment)}; the {@link
 *       EntryKind#CHALLENGE} entry records {@code task}, {@code commitment} and {@code r}.
 *   <li>After the provider has answered, the coordinator logs {@link EntryKind#RANDOMNESS_REVEALED}
 *       with {@code s}.
 * </ol>
 *
 * An auditor checks that {@code c} was logged before the provider's commitment, that {@code s}
 * opens {@code c} ({@link #verifyReveal}), and that every challenge's randomness is {@link
 * #deriveRandomness}{@code (s, commitment)}. The coordinator fixed {@code s} before it saw the
 * provider's commitment and cannot change it afterwards (SHA-256 binding), so it could not pick
 * samples to favour or frame anyone; the provider did not know {@code s} when it committed (hiding:
 * 256 random bits), so it could not grind its commitment against the samples either.
 *
 * <pre>
 *   H_commit(task, s)   = H("poc/translog/beacon-commit/v1", u16 len(task) || task (UTF-8) || s)
 *   H_rand(s, pc)       = H("poc/translog/beacon-randomness/v1", s || u32 len(pc) || pc)
 * </pre>
 *
 * where {@code H(tag, m)} is {@link Hashes#hash} and {@code s} is always 32 bytes, so both
 * encodings are injective.
 */
public final class RandomnessBeacon {
  public static final String COMMIT_TAG = "poc/translog/beacon-commit/v1";
  public static final String RANDOMNESS_TAG = "poc/translog/beacon-randomness/v1";
  public static final int SECRET_LENGTH = 32;

  /** Longest task id in bytes (UTF-8). */
  public static final int MAX_TASK_ID_BYTES = 1024;

  private RandomnessBeacon() {}

  /** A drawn secret for one task; {@link #toString()} does not show it. */
  public record Secret(String taskId, Bytes value) {
    public Secret {
      checkTaskId(taskId);
      checkSecret(value);
    }

    /** The commitment to log before the provider commits. */
    public Digest commitment() {
      return RandomnessBeacon.commitment(taskId, value);
    }

    /** The challenge randomness for {@code providerCommitment}. */
    public Digest randomness(Bytes providerCommitment) {
      return deriveRandomness(value, providerCommitment);
    }

    @Override
    public String toString() {
      return "Secret[task=" + taskId + ", value=<hidden>]";
    }
  }

  /** Draws a fresh secret for {@code taskId}. */
  public static Secret draw(String taskId, RandomSource random) {
    return new Secret(taskId, random.nextBytes(SECRET_LENGTH));
  }

  /** {@code H_commit(taskId, secret)}. */
  public static Digest commitment(String taskId, Bytes secret) {
    byte[] task = checkTaskId(taskId);
    checkSecret(secret);
    MessageDigest md = Hashes.tagged(COMMIT_TAG);
    md.update(ByteBuffer.allocate(2).putShort((short) task.length).array());
    md.update(task);
    secret.writeTo(md::update);
    return Hashes.finish(md);
  }

  /** {@code H_rand(secret, providerCommitment)}: the challenge randomness. */
  public static Digest deriveRandomness(Bytes secret, Bytes providerCommitment) {
    checkSecret(secret);
    MessageDigest md = Hashes.tagged(RANDOMNESS_TAG);
    secret.writeTo(md::update);
    md.update(ByteBuffer.allocate(4).putInt(providerCommitment.length()).array());
    providerCommitment.writeTo(md::update);
    return Hashes.finish(md);
  }

  /**
   * Checks that {@code secret} opens {@code commitment} for {@code taskId}.
   *
   * @throws VerificationException when it does not (or the secret is not 32 bytes)
   */
  public static void verifyReveal(String taskId, Digest commitment, Bytes secret)
      throws VerificationException {
    if (secret.length() != SECRET_LENGTH) {
      throw new VerificationException(
          "a revealed secret is " + SECRET_LENGTH + " bytes, got " + secret.length());
    }
    Digest expected;
    try {
      expected = commitment(taskId, secret);
    } catch (IllegalArgumentException e) {
      throw new VerificationException("reveal: " + e.getMessage(), e);
    }
    if (!expected.equalsConstantTime(commitment)) {
      throw new VerificationException(
          "revealed secret does not open the randomness commitment of task " + taskId);
    }
  }

  // --- entry bodies: the fields the auditor reads; the coordinator may add others ---

  /** Body of a {@link EntryKind#RANDOMNESS_COMMITTED} entry: {@code {task, commitment}}. */
  public static CborMap commitBody(String taskId, Digest commitment) {
    checkTaskId(taskId);
    return CborMap.builder().put("task", taskId).put("commitment", commitment).build();
  }

  /** Body of a {@link EntryKind#RANDOMNESS_REVEALED} entry: {@code {task, secret}}. */
  public static CborMap revealBody(Secret secret) {
    return CborMap.builder().put("task", secret.taskId()).put("secret", secret.value()).build();
  }

  /**
   * The fields of a {@link EntryKind#COMMITMENT} entry the auditor reads: {@code {task,
   * commitment}}. A coordinator with more to log builds its own map with these two fields.
   */
  public static CborMap providerCommitmentBody(String taskId, Bytes providerCommitment) {
    checkTaskId(taskId);
    return CborMap.builder().put("task", taskId).put("commitment", providerCommitment).build();
  }

  /**
   * The fields of a {@link EntryKind#CHALLENGE} entry the auditor reads: {@code {task, commitment,
   * randomness}}.
   */
  public static CborMap challengeBody(String taskId, Bytes providerCommitment, Digest randomness) {
    checkTaskId(taskId);
    return CborMap.builder()
        .put("task", taskId)
        .put("commitment", providerCommitment)
        .put("randomness", randomness)
        .build();
  }

  /**
   * The task id of a beacon-related entry body.
   *
   * @throws DecodingException when {@code task} is missing, not text, empty or too long
   */
  public static String taskOf(CborMap body) throws DecodingException {
    String task = body.getText("task");
    try {
      checkTaskId(task);
    } catch (IllegalArgumentException e) {
      throw new DecodingException("field 'task': " + e.getMessage(), e);
    }
    return task;
  }

  private static byte[] checkTaskId(String taskId) {
    byte[] bytes = taskId.getBytes(StandardCharsets.UTF_8);
    if (bytes.length == 0 || bytes.length > MAX_TASK_ID_BYTES) {
      throw new IllegalArgumentException(
          "a task id is 1.." + MAX_TASK_ID_BYTES + " UTF-8 bytes, got " + bytes.length);
    }
    return bytes;
  }

  private static void checkSecret(Bytes secret) {
    if (secret.length() != SECRET_LENGTH) {
      throw new IllegalArgumentException(
          "a beacon secret is " + SECRET_LENGTH + " bytes, got " + secret.length());
    }
  }
}
