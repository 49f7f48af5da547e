package dev.proofofcompute.storage;

import dev.proofofcompute.crypto.Hashes;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.regex.Pattern;

/**
 * Deterministic ids of the records the stores create themselves, and the shape rules of ids callers
 * pass in. Deterministic ids make a retried transaction write the same rows: task {@code r} of job
 * {@code j} has the same id on every coordinator.
 *
 * <p>Each id is the lower-case hex of a tagged SHA-256 ({@link Hashes#hash}) over length-prefixed
 * fields, so distinct inputs never share an encoding.
 */
public final class RecordIds {
  private static final Pattern ID = Pattern.compile("[A-Za-z0-9._/-]{1,128}");

  private RecordIds() {}

  /** The id of EXECUTE task {@code replica} (from 0) of job {@code jobId}. */
  public static String executeTask(String jobId, int replica) {
    requireId("job id", jobId);
    if (replica < 0) {
      throw new IllegalArgumentException("a replica index is >= 0, got " + replica);
    }
    return Hashes.hash("poc/storage/task/execute/v1", field(jobId), intField(replica)).toHex();
  }

  /** The id of the {@code index}-th (from 0) VALIDATE task of parent task {@code parentTaskId}. */
  public static String validateTask(String parentTaskId, int index) {
    requireId("task id", parentTaskId);
    if (index < 0) {
      throw new IllegalArgumentException("a validation index is >= 0, got " + index);
    }
    return Hashes.hash("poc/storage/task/validate/v1", field(parentTaskId), intField(index))
        .toHex();
  }

  /** The id of the dispute between tasks {@code taskA} and {@code taskB} of job {@code jobId}. */
  public static String dispute(String jobId, String taskA, String taskB) {
    requireId("job id", jobId);
    requireId("task id", taskA);
    requireId("task id", taskB);
    return Hashes.hash("poc/storage/dispute/v1", field(jobId), field(taskA), field(taskB)).toHex();
  }

  /**
   * Checks an id: 1 to 128 characters from {@code [A-Za-z0-9._/-]}.
   *
   * @return {@code id}
   * @throws IllegalArgumentException naming {@code what} otherwise
   */
  public static String requireId(String what, String id) {
    if (!ID.matcher(id).matches()) {
      throw new IllegalArgumentException(
          "a " + what + " is 1 to 128 characters from [A-Za-z0-9._/-]: \"" + shown(id) + "\"");
    }
    return id;
  }

  /**
   * Checks a caller's key (idempotency key, nonce): 1 to 128 visible ASCII characters.
   *
   * @return {@code key}
   * @throws IllegalArgumentException naming {@code what} otherwise
   */
  public static String requireKey(String what, String key) {
    if (key.isEmpty() || key.length() > 128) {
      throw new IllegalArgumentException(
          "a " + what + " has 1 to 128 characters, got " + key.length());
    }
    for (int i = 0; i < key.length(); i++) {
      char c = key.charAt(i);
      if (c < 0x21 || c > 0x7e) {
        throw new IllegalArgumentException(
            "a " + what + " is visible ASCII; character " + i + " is not");
      }
    }
    return key;
  }

  private static String shown(String s) {
    return s.length() > 140 ? s.substring(0, 140) + "..." : s;
  }

  private static byte[] field(String s) {
    byte[] b = s.getBytes(StandardCharsets.UTF_8);
    return ByteBuffer.allocate(4 + b.length).putInt(b.length).put(b).array();
  }

  private static byte[] intField(int v) {
    return ByteBuffer.allocate(4).putInt(v).array();
  }
}
