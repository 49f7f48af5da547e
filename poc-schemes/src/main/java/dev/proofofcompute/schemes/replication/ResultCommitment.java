package dev.proofofcompute.schemes.replication;

import dev.proofofcompute.crypto.Bytes;
import dev.proofofcompute.crypto.Digest;
import dev.proofofcompute.crypto.Hashes;
import dev.proofofcompute.crypto.VerificationException;
import dev.proofofcompute.crypto.identity.NodeId;
import java.security.MessageDigest;

/**
 * A provider's commitment to its result for one task:
 *
 * <pre>
 *   C = H_tag( taskId || providerId || salt || output )      tag = "poc/replication/commit/v1"
 * </pre>
 *
 * with {@code taskId} and {@code providerId} (the provider's {@code NodeId}, the SHA-256 of its
 * Ed25519 public key) 32 bytes each, {@code salt} exactly {@value #SALT_LENGTH} secret random bytes
 * chosen by the provider, and {@code output} the canonical bytes of the result. Every field but the
 * last has a fixed length, so the encoding is injective and a commitment opens to exactly one
 * (salt, output) pair.
 *
 * <p>Why each part is there: {@code providerId} binds the result to its author, so a lazy provider
 * that copies another's commitment holds a commitment it cannot open under its own id; {@code
 * taskId} stops replay across tasks; the salt hides the output until the reveal, so nobody can
 * confirm a guessed answer against someone else's commitment. Copying a revealed result is
 * impossible because every commitment is collected before the first reveal is accepted (a
 * hash-based commitment scheme as in Blum, "Coin flipping by telephone", 1981, made binding by
 * SHA-256 collision resistance and hiding by the 256-bit salt).
 */
public record ResultCommitment(Digest value) {
  public static final String TAG = "poc/replication/commit/v1";
  public static final int SALT_LENGTH = 32;

  /**
   * The commitment of {@code providerId} to {@code output} for {@code taskId} under {@code salt}.
   *
   * @throws IllegalArgumentException unless the salt is {@value #SALT_LENGTH} bytes
   */
  public static ResultCommitment of(Digest taskId, NodeId providerId, Bytes salt, Bytes output) {
    checkSalt(salt);
    MessageDigest md = Hashes.tagged(TAG);
    taskId.updateInto(md);
    providerId.digest().updateInto(md);
    salt.writeTo(md::update);
    output.writeTo(md::update);
    return new ResultCommitment(Hashes.finish(md));
  }

  /**
   * Checks that {@code (salt, output)} opens this commitment for {@code providerId} on {@code
   * taskId}.
   *
   * @throws VerificationException when it does not, or the salt has the wrong length
   */
  public void verifyOpening(Digest taskId, NodeId providerId, Bytes salt, Bytes output)
      throws VerificationException {
    if (salt.length() != SALT_LENGTH) {
      throw new VerificationException(
          "a commitment salt is " + SALT_LENGTH + " bytes, got " + salt.length());
    }
    ResultCommitment recomputed = of(taskId, providerId, salt, output);
    if (!recomputed.value.equalsConstantTime(value)) {
      throw new VerificationException(
          "the revealed result does not open provider "
              + providerId.shortForm()
              + "'s commitment "
              + shortHex(value));
    }
  }

  static void checkSalt(Bytes salt) {
    if (salt.length() != SALT_LENGTH) {
      throw new IllegalArgumentException(
          "a commitment salt is " + SALT_LENGTH + " bytes, got " + salt.length());
    }
  }

  static String shortHex(Digest d) {
    return d.toHex().substring(0, 12);
  }
}
