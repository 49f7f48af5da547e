package dev.proofofcompute.tee.scheme;

import dev.proofofcompute.crypto.Digest;
import dev.proofofcompute.tee.Format;
import java.util.Map;

/**
 * An {@link Attester} that replays recorded evidence, for tests and demonstrations without TEE
 * hardware: {@link #attest} returns the recording made for that binding, and fails for any other.
 */
public final class ReplayingAttester implements Attester {
  private final Format format;
  private final Map<Digest, Attestation> recordings;

  private ReplayingAttester(Format format, Map<Digest, Attestation> recordings) {
    this.format = format;
    this.recordings = Map.copyOf(recordings);
  }

  /**
   * Replays {@code recordings}, keyed by the binding each one carries.
   *
   * @throws IllegalArgumentException when a recording is of another format
   */
  public static ReplayingAttester of(Format format, Map<Digest, Attestation> recordings) {
    for (Attestation a : recordings.values()) {
      if (a.format() != format) {
        throw new IllegalArgumentException(
            "a " + a.format() + " recording given to a " + format + " attester");
      }
    }
    return new ReplayingAttester(format, recordings);
  }

  @Override
  public Format format() {
    return format;
  }

  @Override
  public Attestation attest(Digest binding) throws AttestationUnavailableException {
    Attestation a = recordings.get(binding);
    if (a == null) {
      throw new AttestationUnavailableException("no recorded evidence for binding " + binding);
    }
    return a;
  }
}
