package dev.proofofcompute.schemes.spotcheck.adversary;

import dev.proofofcompute.core.scheme.PolicyException;
import dev.proofofcompute.core.scheme.Verdict;
import dev.proofofcompute.core.workload.Workload;
import dev.proofofcompute.crypto.Bytes;
import dev.proofofcompute.crypto.VerificationException;
import dev.proofofcompute.crypto.random.RandomSource;
import dev.proofofcompute.schemes.spotcheck.SpotCheckChallenge;
import dev.proofofcompute.schemes.spotcheck.SpotCheckCommitment;
import dev.proofofcompute.schemes.spotcheck.SpotCheckExecution;
import dev.proofofcompute.schemes.spotcheck.SpotCheckOpening;
import dev.proofofcompute.schemes.spotcheck.SpotCheckProver;
import dev.proofofcompute.schemes.spotcheck.SpotCheckTask;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * Adversary: a provider that executes honestly and commits honestly, but answers the challenge with
 * a malformed opening of the chosen {@link Malformation}.
 */
public final class MalformedOpeningProvider<I, O> implements SpotCheckBehaviour<I> {
  /** How the opening is spoiled, and the verdict the validator must reach. */
  public enum Malformation {
    /** The encoding without its last byte. */
    TRUNCATED(Verdict.Reason.MALFORMED_EVIDENCE),
    /** The encoding with a zero byte appended. */
    TRAILING_BYTE(Verdict.Reason.MALFORMED_EVIDENCE),
    /** Random bytes of the length of the honest encoding. */
    GARBAGE(Verdict.Reason.MALFORMED_EVIDENCE),
    /** A valid opening of all challenged items but the last (or of another item, for one). */
    MISSING_ITEM(Verdict.Reason.MALFORMED_EVIDENCE),
    /** A valid opening with the first challenged item replaced by an unchallenged one. */
    OTHER_INDICES(Verdict.Reason.MALFORMED_EVIDENCE),
    /** The honest proof with a zero byte appended to the first opened output. */
    ALTERED_OUTPUT(Verdict.Reason.BAD_OPENING);

    private final Verdict.Reason expected;

    Malformation(Verdict.Reason expected) {
      this.expected = expected;
    }

    /** The rejection reason a correct validator gives this opening. */
    public Verdict.Reason expected() {
      return expected;
    }
  }

  private final SpotCheckProver<I, O> prover;
  private final Malformation malformation;
  private final RandomSource random;

  private MalformedOpeningProvider(
      SpotCheckProver<I, O> prover, Malformation malformation, RandomSource random) {
    this.prover = prover;
    this.malformation = malformation;
    this.random = random;
  }

  /**
   * A provider that spoils every opening with {@code malformation}.
   *
   * @param random for {@link Malformation#GARBAGE}
   * @throws PolicyException when {@code workload} cannot be spot-checked
   */
  public static <I, O> MalformedOpeningProvider<I, O> create(
      Workload<I, O> workload, Malformation malformation, RandomSource random)
      throws PolicyException {
    return new MalformedOpeningProvider<>(SpotCheckProver.create(workload), malformation, random);
  }

  @Override
  public String name() {
    return "malformed-opening(" + malformation.name().toLowerCase(Locale.ROOT) + ")";
  }

  @Override
  public Round commit(SpotCheckTask<I> task) {
    SpotCheckExecution execution = prover.execute(task);
    return new Round() {
      @Override
      public SpotCheckCommitment commitment() {
        return execution.commitment();
      }

      @Override
      public Bytes answer(SpotCheckChallenge challenge) throws VerificationException {
        SpotCheckOpening honest = execution.open(challenge);
        return spoil(execution, honest, challenge.indices());
      }

      @Override
      public Set<Long> faked() {
        return Set.of();
      }
    };
  }

  private Bytes spoil(SpotCheckExecution execution, SpotCheckOpening honest, List<Long> indices) {
    Bytes encoded = honest.toBytes();
    int size = execution.outputs().size();
    return switch (malformation) {
      case TRUNCATED -> encoded.slice(0, encoded.length() - 1);
      case TRAILING_BYTE -> encoded.concat(Bytes.of(new byte[1]));
      case GARBAGE -> random.nextBytes(encoded.length());
      case MISSING_ITEM -> {
        if (indices.size() > 1) {
          yield execution.openAt(indices.subList(0, indices.size() - 1)).toBytes();
        }
        if (size == 1) {
          // The only item is challenged and an opening holds at least one: cut the last byte.
          yield encoded.slice(0, encoded.length() - 1);
        }
        yield execution.openAt(List.of(indices.get(0) == 0 ? 1L : 0L)).toBytes();
      }
      case OTHER_INDICES -> {
        List<Long> other = new ArrayList<>(indices.subList(1, indices.size()));
        long unchallenged = 0;
        while (indices.contains(unchallenged)) {
          unchallenged++;
        }
        if (unchallenged >= size) {
          // Everything is challenged: nothing else to open, so open one item fewer.
          yield execution.openAt(indices.subList(1, indices.size())).toBytes();
        }
        other.add(unchallenged);
        other.sort(null);
        yield execution.openAt(other).toBytes();
      }
      case ALTERED_OUTPUT -> {
        List<Bytes> outputs = new ArrayList<>(honest.outputs());
        outputs.set(0, outputs.get(0).concat(Bytes.of(new byte[1])));
        yield new SpotCheckOpening(honest.taskId(), outputs, honest.proof()).toBytes();
      }
    };
  }
}
