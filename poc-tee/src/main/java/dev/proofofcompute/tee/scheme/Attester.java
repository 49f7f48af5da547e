package dev.proofofcompute.tee.scheme;

import dev.proofofcompute.crypto.Digest;
import dev.proofofcompute.tee.Format;

/**
 * The worker-side port to a TEE: produces evidence whose user_data / report_data carries a given
 * {@link TeeBinding}. A hardware attester (the Nitro NSM device, {@code /dev/sev-guest}) lives in
 * the worker, outside this pure module.
 *
 * <p>Contract: the returned evidence binds exactly {@link TeeBinding#reportData(Format, Digest)} of
 * {@code binding}; an attester never returns evidence for another binding.
 */
public interface Attester {
  /** The format of the evidence this attester produces. */
  Format format();

  /**
   * Evidence binding {@code binding}.
   *
   * @throws AttestationUnavailableException when no evidence can be produced
   */
  Attestation attest(Digest binding) throws AttestationUnavailableException;
}
