package dev.proofofcompute.schemes.spotcheck.adversary;

import dev.proofofcompute.crypto.Bytes;
import dev.proofofcompute.crypto.VerificationException;
import dev.proofofcompute.schemes.spotcheck.SpotCheckChallenge;
import dev.proofofcompute.schemes.spotcheck.SpotCheckCommitment;
import dev.proofofcompute.schemes.spotcheck.SpotCheckTask;
import java.util.Set;

/**
 * How a provider plays one spot-check, honestly or not: it receives a task, commits, and answers
 * the challenge with the encoded bytes of an opening (which need not parse). The arena drives every
 * behaviour through this one interface.
 */
public interface SpotCheckBehaviour<I> {
  /** A short name for reports, e.g. {@code "lazy(f=0.1)"}. */
  String name();

  /** Receives {@code task} and commits to some per-item outputs. */
  Round commit(SpotCheckTask<I> task);

  /** One task in progress, after the commitment. */
  interface Round {
    SpotCheckCommitment commitment();

    /**
     * The encoded opening sent for {@code challenge}.
     *
     * @throws VerificationException if the provider refuses the challenge (wrong task or seed)
     */
    Bytes answer(SpotCheckChallenge challenge) throws VerificationException;

    /** The batch positions whose committed outputs are wrong: the ground truth for the arena. */
    Set<Long> faked();
  }
}
