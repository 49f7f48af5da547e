package dev.proofofcompute.tee.scheme;

import dev.proofofcompute.crypto.Bytes;
import dev.proofofcompute.crypto.Digest;
import dev.proofofcompute.crypto.Hashes;
import dev.proofofcompute.tee.Format;
import java.security.MessageDigest;

/**
 * The value a TEE attestation must carry for the {@code tee} scheme: {@code SHA-256(task id ||
 * result commitment || provider public key)} (DESIGN.md, TEE attestation row). It ties the evidence
 * to one task, one result and one provider, so that evidence cannot be replayed for another task,
 * reused for another result, or presented by another provider.
 *
 * <p>The concatenation has no length prefixes; it is unambiguous because the verifier recomputes
 * the value from the task id it assigned and the public key it registered, and the commitment is a
 * fixed 32 bytes. Placement: Nitro {@code user_data} is exactly these 32 bytes; SEV-SNP {@code
 * report_data} is these 32 bytes followed by 32 zero bytes.
 */
public final class TeeBinding {
  private TeeBinding() {}

  /** SHA-256(taskId || resultCommitment || providerPublicKey). */
  public static Digest of(Bytes taskId, Digest resultCommitment, Bytes providerPublicKey) {
    MessageDigest md = Hashes.sha256();
    taskId.writeTo(md::update);
    resultCommitment.updateInto(md);
    providerPublicKey.writeTo(md::update);
    return Digest.of(md.digest());
  }

  /** The user_data (Nitro) or report_data (SEV-SNP) an attester puts in the evidence. */
  public static Bytes reportData(Format format, Digest binding) {
    return switch (format) {
      case NITRO -> binding.toBytes();
      case SEV_SNP -> binding.toBytes().concat(Bytes.of(new byte[32]));
    };
  }
}
