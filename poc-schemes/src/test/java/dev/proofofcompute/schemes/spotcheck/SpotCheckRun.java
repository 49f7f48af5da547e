package dev.proofofcompute.schemes.spotcheck;

import dev.proofofcompute.core.scheme.Verdict;
import dev.proofofcompute.crypto.Bytes;
import dev.proofofcompute.crypto.Digest;
import dev.proofofcompute.crypto.Hashes;
import dev.proofofcompute.crypto.random.RandomSource;
import dev.proofofcompute.schemes.spotcheck.LongItemsWorkload.Batch;
import dev.proofofcompute.schemes.spotcheck.LongItemsWorkload.Results;
import dev.proofofcompute.schemes.spotcheck.adversary.SpotCheckBehaviour;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.List;

/** One whole spot-check of the test workload, driven as the arena drives it. */
public record SpotCheckRun(
    PreparedTask<Batch> prepared,
    SpotCheckBehaviour.Round round,
    SpotCheckChallenge challenge,
    Bytes opening,
    Verdict verdict) {

  /** A task id for run {@code seed}. */
  public static Digest taskId(long seed) {
    return Hashes.hash("poc/test/spotcheck-task/v1", ByteBuffer.allocate(8).putLong(seed).array());
  }

  /**
   * Prepares a task with the validator's randomness seeded by {@code seed}, lets {@code provider}
   * commit and answer, and verifies.
   */
  public static SpotCheckRun run(
      SpotCheckValidator<Batch, Results> validator,
      SpotCheckBehaviour<Batch> provider,
      Batch requester,
      CanarySet canaries,
      long seed)
      throws Exception {
    PreparedTask<Batch> prepared =
        validator.prepare(taskId(seed), requester, canaries, RandomSource.seeded(seed));
    SpotCheckBehaviour.Round round = provider.commit(prepared.task());
    SpotCheckChallenge challenge = validator.challenge(prepared, round.commitment());
    Bytes opening = round.answer(challenge);
    Verdict verdict = validator.verify(prepared, round.commitment(), opening);
    return new SpotCheckRun(prepared, round, challenge, opening, verdict);
  }

  /**
   * {@code c} canaries with random inputs, answered by the validator in {@code template}'s context.
   */
  public static CanarySet canaries(
      LongItemsWorkload workload, Batch template, int c, RandomSource random) throws Exception {
    List<Bytes> inputs = new ArrayList<>(c);
    for (int j = 0; j < c; j++) {
      inputs.add(LongItemsWorkload.u64(random.nextLong()));
    }
    return CanarySet.compute(workload, template, inputs);
  }

  /** Whether the challenge opened none of the faked positions. */
  public boolean missedEveryFake() {
    return challenge.indices().stream().noneMatch(round.faked()::contains);
  }
}
