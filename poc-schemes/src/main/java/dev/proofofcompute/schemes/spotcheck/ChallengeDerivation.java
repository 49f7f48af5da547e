package dev.proofofcompute.schemes.spotcheck;

import dev.proofofcompute.crypto.Bytes;
import dev.proofofcompute.crypto.Digest;
import dev.proofofcompute.crypto.Hashes;
import dev.proofofcompute.crypto.VerificationException;
import dev.proofofcompute.crypto.transcript.Transcript;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/**
 * How a spot-check challenge is derived, so that the validator, the provider and a later auditor
 * all compute the same one.
 *
 * <h2>No grinding: interactive randomness, committed before and revealed after</h2>
 *
 * DESIGN.md §2 offers two ways to keep a provider from choosing its commitment so that the samples
 * miss its fakes: validator randomness revealed after the commitment (interactive), or a
 * Fiat–Shamir challenge with a sample count sized against grinding. We take the interactive one.
 * When it prepares a task the validator draws a secret 32-byte {@code seed} from its {@code
 * RandomSource} and publishes only
 *
 * <pre>
 *   seedCommitment = H("poc/spotcheck/seed/v1", taskId || seed)
 * </pre>
 *
 * in the task. After it has received the provider's commitment it reveals {@code seed} in the
 * challenge, and the sampled items are
 *
 * <pre>
 *   T = Transcript("poc/spotcheck/challenge/v1")
 *         .absorb("task", taskId).absorb("seed-commitment", seedCommitment)
 *         .absorb("samples", s).absorb("canaries", c).absorb("requester-items", N)
 *         .absorb("batch-items", M)
 *         .absorb("root", commitment.root).absorb("committed-items", commitment.itemCount)
 *         .absorb("seed", seed)
 *   ranks    = T.squeezeIndices("samples", s, N, distinct = true)   (requester item numbers)
 *   indices  = sort( { layout.positionOfItem(r) : r in ranks } ∪ layout.canaryPositions() )
 * </pre>
 *
 * The seed is 256 bits of validator randomness, hidden by the hash until the commitment is in, so
 * every root the provider could try leads to samples it cannot predict: re-rolling its commitment R
 * times gains it nothing (its escape chance stays the hypergeometric one of {@link
 * SpotCheckParameters}). Because the seed is fixed before the commitment, the validator cannot pick
 * the samples after seeing the root either, and an auditor given the seed and the {@link
 * BatchLayout} recomputes the challenge from public messages. The transcript absorbs every
 * parameter and the whole commitment before the seed, following Bernhard, Pereira and Warinschi,
 * "How Not to Prove Yourself" (ASIACRYPT 2012).
 *
 * <p>Samples are drawn among the N requester items only (canaries are opened anyway); the layout
 * maps them to positions. The result is a uniformly random s-subset of the requester items, so the
 * opened positions are a uniformly random (s + c)-subset of the batch from the provider's view.
 */
public final class ChallengeDerivation {
  /** Bytes of a challenge seed. */
  public static final int SEED_LENGTH = 32;

  static final String SEED_TAG = "poc/spotcheck/seed/v1";
  static final String TRANSCRIPT_LABEL = "poc/spotcheck/challenge/v1";

  private ChallengeDerivation() {}

  /** {@code H("poc/spotcheck/seed/v1", taskId || seed)}. */
  public static Digest seedCommitment(Digest taskId, Bytes seed) {
    checkSeed(seed);
    return Hashes.hash(SEED_TAG, taskId.toByteArray(), seed.toByteArray());
  }

  /**
   * Checks that {@code seed} opens {@code seedCommitment} for task {@code taskId}.
   *
   * @throws VerificationException when it does not
   */
  public static void verifySeed(Digest taskId, Bytes seed, Digest seedCommitment)
      throws VerificationException {
    if (seed.length() != SEED_LENGTH) {
      throw new VerificationException("challenge seed of " + seed.length() + " bytes");
    }
    if (!seedCommitment(taskId, seed).equalsConstantTime(seedCommitment)) {
      throw new VerificationException("challenge seed does not open the seed commitment");
    }
  }

  /**
   * The challenge for {@code commitment}: the canary positions of {@code layout} and {@code
   * parameters.samples()} requester items drawn from the transcript above.
   *
   * @throws IllegalArgumentException if {@code layout} does not match {@code parameters}, or the
   *     seed is not {@value #SEED_LENGTH} bytes
   */
  public static SpotCheckChallenge derive(
      Digest seedCommitment,
      Bytes seed,
      SpotCheckParameters parameters,
      BatchLayout layout,
      SpotCheckCommitment commitment) {
    checkSeed(seed);
    if (layout.canaryCount() != parameters.canaries()
        || layout.itemCount() < parameters.samples()) {
      throw new IllegalArgumentException(
          layout + " does not fit " + parameters + ": canaries differ or too few items to sample");
    }
    Transcript t =
        Transcript.create(TRANSCRIPT_LABEL)
            .absorb("task", commitment.taskId())
            .absorb("seed-commitment", seedCommitment)
            .absorb("samples", parameters.samples())
            .absorb("canaries", parameters.canaries())
            .absorb("requester-items", layout.itemCount())
            .absorb("batch-items", layout.size())
            .absorb("root", commitment.root())
            .absorb("committed-items", commitment.itemCount())
            .absorb("seed", seed);
    long[] ranks = t.squeezeIndices("samples", parameters.samples(), layout.itemCount(), true);
    List<Long> indices = new ArrayList<>(parameters.opened());
    for (long rank : ranks) {
      indices.add((long) layout.positionOfItem((int) rank));
    }
    indices.addAll(layout.canaryPositions());
    Collections.sort(indices);
    return new SpotCheckChallenge(commitment.taskId(), seed, indices);
  }

  private static void checkSeed(Bytes seed) {
    if (seed.length() != SEED_LENGTH) {
      throw new IllegalArgumentException(
          "a challenge seed is " + SEED_LENGTH + " bytes, got " + seed.length());
    }
  }
}
