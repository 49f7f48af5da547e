package dev.proofofcompute.coordinator.service;

import dev.proofofcompute.crypto.Bytes;
import dev.proofofcompute.crypto.Digest;
import dev.proofofcompute.crypto.Hashes;
import dev.proofofcompute.crypto.identity.NodeIdentity;
import dev.proofofcompute.translog.RandomnessBeacon;
import java.nio.charset.StandardCharsets;

/**
 * The coordinator's per-lease task secrets ({@code SchemeProtocol.prepareTask}): for spot-check,
 * where the canaries sit in the batch a provider runs. A secret must be fixed before the provider
 * sees its input and stay unknown to it; it must also be the same on every request about the lease
 * and on every coordinator sharing the database, without a write before the lease is handed out.
 *
 * <p>Design: {@code secret = H("poc/coordinator/task-secret/v1", K || taskId || leaseId)} with a
 * master key {@code K} derived from the coordinator's Ed25519 key as {@code H(tag, Sign(tag))}.
 * Ed25519 signatures are deterministic (RFC 8032 §5.1.6), so {@code K} is a secret function of the
 * private key that needs no extra key file, and coordinators of one deployment (which share the
 * operator key) derive the same secrets. The lease id is fresh randomness from storage for every
 * lease, so a provider re-leasing a task gets fresh canary positions. The canary secret is stored
 * with the commitment and revealed in the log's verdict entry once the task is final (never while
 * it is open), so that an auditor can re-derive the challenge and re-run the check.
 */
public final class TaskSecrets {
  private static final String KEY_TAG = "poc/coordinator/task-secret-key/v1";
  private static final String SECRET_TAG = "poc/coordinator/task-secret/v1";
  private static final String BEACON_TAG = "poc/coordinator/beacon-secret/v1";

  private final Digest masterKey;

  private TaskSecrets(Digest masterKey) {
    this.masterKey = masterKey;
  }

  /** Secrets derived from {@code coordinatorKey}. */
  public static TaskSecrets from(NodeIdentity coordinatorKey) {
    Bytes tag = Bytes.of(KEY_TAG.getBytes(StandardCharsets.UTF_8));
    return new TaskSecrets(Hashes.hash(KEY_TAG, coordinatorKey.sign(tag).bytes()));
  }

  /** The secret of lease {@code leaseId} of task {@code taskId}: 32 bytes. */
  public Bytes secret(String taskId, String leaseId) {
    return Hashes.hash(
            SECRET_TAG, masterKey.toByteArray(), lengthPrefixed(taskId), lengthPrefixed(leaseId))
        .toBytes();
  }

  /**
   * The challenge-randomness secret of lease {@code leaseId} of task {@code taskId}
   * (docs/translog.md, "Auditable challenge randomness"): committed in the log when the task is
   * leased, revealed after the challenge. Derived like {@link #secret} under another tag, so it is
   * independent of the canary secret (revealing one says nothing of the other or of the master
   * key), fixed before the provider sees the task, and the same on every coordinator of the
   * deployment. The beacon's task name is {@link #beaconTask}: each lease commits afresh.
   */
  public RandomnessBeacon.Secret beacon(String taskId, String leaseId) {
    Bytes value =
        Hashes.hash(
                BEACON_TAG,
                masterKey.toByteArray(),
                lengthPrefixed(taskId),
                lengthPrefixed(leaseId))
            .toBytes();
    return new RandomnessBeacon.Secret(beaconTask(taskId, leaseId), value);
  }

  /** The name of one lease of a task in the randomness beacon's entries: {@code task/lease}. */
  public static String beaconTask(String taskId, String leaseId) {
    return taskId + "/" + leaseId;
  }

  private static byte[] lengthPrefixed(String s) {
    byte[] b = s.getBytes(StandardCharsets.UTF_8);
    return java.nio.ByteBuffer.allocate(4 + b.length).putInt(b.length).put(b).array();
  }

  @Override
  public String toString() {
    return "TaskSecrets[redacted]";
  }
}
