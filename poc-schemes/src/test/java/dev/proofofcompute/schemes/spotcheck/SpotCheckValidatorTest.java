package dev.proofofcompute.schemes.spotcheck;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.proofofcompute.core.scheme.PolicyException;
import dev.proofofcompute.core.scheme.Verdict;
import dev.proofofcompute.crypto.Bytes;
import dev.proofofcompute.crypto.Digest;
import dev.proofofcompute.crypto.VerificationException;
import dev.proofofcompute.crypto.random.RandomSource;
import dev.proofofcompute.schemes.spotcheck.LongItemsWorkload.Batch;
import dev.proofofcompute.schemes.spotcheck.LongItemsWorkload.Results;
import dev.proofofcompute.schemes.spotcheck.adversary.HonestProvider;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class SpotCheckValidatorTest {
  private final LongItemsWorkload workload = LongItemsWorkload.create();

  /** Zero false positives: 1,000 honest runs with seeds 1..1000, varied sizes, all accepted. */
  @Test
  void honestProvidersAreAlwaysAcceptedSeeds1To1000() throws Exception {
    HonestProvider<Batch, Results> honest = HonestProvider.create(workload);
    List<String> failures = new ArrayList<>();
    for (long seed = 1; seed <= 1000; seed++) {
      RandomSource random = RandomSource.seeded(-seed);
      int n = 1 + (int) (seed % 60);
      int c = (int) (seed % 6);
      int s = c == 0 ? 1 + (int) (seed % n) : (int) (seed % (n + 1));
      SpotCheckValidator<Batch, Results> validator =
          SpotCheckValidator.create(workload, new SpotCheckParameters(s, c));
      Batch requester = LongItemsWorkload.randomBatch(n, random);
      CanarySet canaries = SpotCheckRun.canaries(workload, requester, c, random);
      SpotCheckRun run = SpotCheckRun.run(validator, honest, requester, canaries, seed);
      if (!(run.verdict() instanceof Verdict.Accepted)) {
        failures.add("seed " + seed + ": " + run.verdict());
        continue;
      }
      List<Bytes> result =
          validator.requesterOutputs(
              run.prepared(), run.round().commitment(), providerOutputs(run));
      if (!result.equals(items().itemOutputs(workload.execute(requester)))) {
        failures.add("seed " + seed + ": requester outputs differ from a direct execution");
      }
    }
    assertThat(failures).isEmpty();
  }

  @Test
  void aWrongCanaryIsCaughtSeed41() throws Exception {
    Fixture f = new Fixture(41, 20, 5, 3);
    for (int j = 0; j < 3; j++) {
      List<Bytes> outputs = f.honestOutputs();
      int position = f.prepared.layout().positionOfCanary(j);
      outputs.set(position, flip(outputs.get(position)));
      Verdict verdict = f.verifyCommitted(outputs);
      assertThat(verdict).as("canary %d", j).isInstanceOf(Verdict.Rejected.class);
      assertThat(((Verdict.Rejected) verdict).reason()).isEqualTo(Verdict.Reason.CANARY_FAILED);
    }
  }

  @Test
  void aWrongSampledItemIsCaughtSeed42() throws Exception {
    Fixture f = new Fixture(42, 12, 12, 2); // s = N: every requester item is sampled
    for (int i = 0; i < 12; i++) {
      List<Bytes> outputs = f.honestOutputs();
      int position = f.prepared.layout().positionOfItem(i);
      outputs.set(position, flip(outputs.get(position)));
      Verdict verdict = f.verifyCommitted(outputs);
      assertThat(verdict).as("item %d", i).isInstanceOf(Verdict.Rejected.class);
      assertThat(((Verdict.Rejected) verdict).reason()).isEqualTo(Verdict.Reason.WRONG_RESULT);
    }
  }

  @Test
  void deliveredOutputsMustBeTheCommittedOnesSeed43() throws Exception {
    Fixture f = new Fixture(43, 30, 3, 2);
    List<Bytes> outputs = f.honestOutputs();
    SpotCheckCommitment commitment = f.commit(outputs).commitment();
    for (int position = 0; position < outputs.size(); position++) {
      List<Bytes> changed = new ArrayList<>(outputs);
      changed.set(position, flip(changed.get(position)));
      assertThatThrownBy(() -> f.validator.requesterOutputs(f.prepared, commitment, changed))
          .as("position %d", position)
          .isInstanceOf(VerificationException.class)
          .hasMessageContaining("root");
    }
    assertThat(f.validator.requesterOutputs(f.prepared, commitment, outputs)).hasSize(30);
  }

  @Test
  void aCommitmentWithAnotherRootFailsTheOpeningSeed44() throws Exception {
    Fixture f = new Fixture(44, 25, 6, 2);
    SpotCheckExecution honest = f.commit(f.honestOutputs());
    SpotCheckCommitment wrongRoot =
        new SpotCheckCommitment(
            f.prepared.taskId(), Digest.sha256(new byte[] {1}), honest.commitment().itemCount());
    SpotCheckOpening opening = honest.open(f.validator.challenge(f.prepared, wrongRoot));
    Verdict verdict = f.validator.verify(f.prepared, wrongRoot, opening);
    assertThat(verdict).isInstanceOf(Verdict.Rejected.class);
    assertThat(((Verdict.Rejected) verdict).reason()).isEqualTo(Verdict.Reason.BAD_OPENING);
  }

  @Test
  void aCommitmentOfAnotherSizeOrTaskIsMalformedSeed45() throws Exception {
    Fixture f = new Fixture(45, 25, 6, 2);
    SpotCheckExecution honest = f.commit(f.honestOutputs());
    SpotCheckCommitment c = honest.commitment();
    SpotCheckOpening opening = honest.open(f.validator.challenge(f.prepared, c));
    for (SpotCheckCommitment wrong :
        List.of(
            new SpotCheckCommitment(c.taskId(), c.root(), c.itemCount() + 1),
            new SpotCheckCommitment(c.taskId(), c.root(), c.itemCount() - 1),
            new SpotCheckCommitment(Digest.sha256(new byte[] {2}), c.root(), c.itemCount()))) {
      Verdict verdict = f.validator.verify(f.prepared, wrong, opening);
      assertThat(verdict).as("%s", wrong).isInstanceOf(Verdict.Rejected.class);
      assertThat(((Verdict.Rejected) verdict).reason())
          .isEqualTo(Verdict.Reason.MALFORMED_EVIDENCE);
    }
    assertThat(f.validator.verify(f.prepared, c, opening)).isInstanceOf(Verdict.Accepted.class);
  }

  /**
   * Every single-byte mutation (each position, each of the 255 other values) of an encoded honest
   * opening of a small task is rejected.
   */
  @Test
  void everySingleByteMutationOfAnOpeningIsRejectedSeed46() throws Exception {
    Fixture f = new Fixture(46, 3, 1, 1);
    SpotCheckExecution honest = f.commit(f.honestOutputs());
    SpotCheckCommitment commitment = honest.commitment();
    byte[] encoded =
        honest.open(f.validator.challenge(f.prepared, commitment)).toBytes().toByteArray();
    assertThat(f.validator.verify(f.prepared, commitment, Bytes.of(encoded)))
        .isInstanceOf(Verdict.Accepted.class);
    List<String> accepted = new ArrayList<>();
    for (int i = 0; i < encoded.length; i++) {
      for (int delta = 1; delta < 256; delta++) {
        byte[] mutated = encoded.clone();
        mutated[i] = (byte) (mutated[i] ^ delta);
        Verdict verdict = f.validator.verify(f.prepared, commitment, Bytes.of(mutated));
        if (!(verdict instanceof Verdict.Rejected)) {
          accepted.add("byte " + i + " ^ " + delta + ": " + verdict);
        }
      }
    }
    assertThat(accepted).isEmpty();
  }

  @Test
  void aVerifierSideFailureIsInconclusiveNeverARejectionSeed47() throws Exception {
    LongItemsWorkload failing = LongItemsWorkload.failingItems();
    SpotCheckValidator<Batch, Results> validator =
        SpotCheckValidator.create(failing, new SpotCheckParameters(3, 0));
    Batch requester = LongItemsWorkload.randomBatch(10, RandomSource.seeded(47));
    SpotCheckRun run =
        SpotCheckRun.run(
            validator, HonestProvider.create(failing), requester, CanarySet.none(), 47);
    assertThat(run.verdict()).isInstanceOf(Verdict.Inconclusive.class);
    assertThat(run.verdict().detail()).contains("verifier error");
  }

  @Test
  void requesterOutputsCheckTheCountAndTheCanaries() throws Exception {
    Fixture f = new Fixture(48, 10, 2, 2);
    List<Bytes> outputs = f.honestOutputs();
    SpotCheckExecution honest = f.commit(outputs);
    assertThatThrownBy(() ->
            f.validator.requesterOutputs(
                f.prepared, honest.commitment(), outputs.subList(0, outputs.size() - 1)))
        .isInstanceOf(VerificationException.class);
    List<Bytes> badCanary = new ArrayList<>(outputs);
    int position = f.prepared.layout().positionOfCanary(0);
    badCanary.set(position, flip(badCanary.get(position)));
    SpotCheckExecution cheat = f.commit(badCanary);
    assertThatThrownBy(
            () -> f.validator.requesterOutputs(f.prepared, cheat.commitment(), cheat.outputs()))
        .isInstanceOf(VerificationException.class)
        .hasMessageContaining("canary");
  }

  @Test
  void prepareChecksTheBatchAndTheCanaries() throws Exception {
    SpotCheckValidator<Batch, Results> validator =
        SpotCheckValidator.create(workload, new SpotCheckParameters(5, 2));
    RandomSource random = RandomSource.seeded(49);
    Batch small = LongItemsWorkload.randomBatch(4, random);
    Batch enough = LongItemsWorkload.randomBatch(5, random);
    CanarySet two = SpotCheckRun.canaries(workload, enough, 2, random);
    Digest task = SpotCheckRun.taskId(49);
    assertThatThrownBy(() -> validator.prepare(task, small, two, random))
        .isInstanceOf(PolicyException.class);
    assertThatThrownBy(() ->
            validator.prepare(
                task, enough, SpotCheckRun.canaries(workload, enough, 1, random), random))
        .isInstanceOf(PolicyException.class)
        .hasMessageContaining("canaries");
    PreparedTask<Batch> prepared = validator.prepare(task, enough, two, random);
    assertThat(prepared.task().itemCount()).isEqualTo(7);
    assertThat(prepared.toString()).doesNotContain(prepared.layout().sources().toString());
  }

  @Test
  void refusesATaskPreparedForAnotherWorkload() throws Exception {
    Fixture f = new Fixture(50, 5, 2, 0);
    SpotCheckValidator<Batch, Results> other =
        SpotCheckValidator.create(LongItemsWorkload.failingItems(), new SpotCheckParameters(2, 0));
    SpotCheckExecution honest = f.commit(f.honestOutputs());
    assertThatThrownBy(() -> other.challenge(f.prepared, honest.commitment()))
        .isInstanceOf(IllegalArgumentException.class);
  }

  private static Bytes flip(Bytes b) {
    byte[] a = b.toByteArray();
    a[0] ^= 1;
    return Bytes.of(a);
  }

  private List<Bytes> providerOutputs(SpotCheckRun run) {
    return items().itemOutputs(workload.execute(run.prepared().task().batch()));
  }

  private dev.proofofcompute.core.workload.ItemStructure<Batch, Results> items() {
    return workload.items().orElseThrow();
  }

  /** A prepared task of the test workload with N items, s samples and c canaries. */
  private final class Fixture {
    final SpotCheckValidator<Batch, Results> validator;
    final PreparedTask<Batch> prepared;

    Fixture(long seed, int n, int s, int c) throws Exception {
      RandomSource random = RandomSource.seeded(seed);
      validator = SpotCheckValidator.create(workload, new SpotCheckParameters(s, c));
      Batch requester = LongItemsWorkload.randomBatch(n, random);
      prepared =
          validator.prepare(
              SpotCheckRun.taskId(seed),
              requester,
              SpotCheckRun.canaries(workload, requester, c, random),
              random);
    }

    List<Bytes> honestOutputs() {
      return new ArrayList<>(items().itemOutputs(workload.execute(prepared.task().batch())));
    }

    SpotCheckExecution commit(List<Bytes> outputs) {
      return SpotCheckExecution.commitTo(prepared.task(), outputs);
    }

    Verdict verifyCommitted(List<Bytes> outputs) throws VerificationException {
      SpotCheckExecution execution = commit(outputs);
      SpotCheckChallenge challenge = validator.challenge(prepared, execution.commitment());
      return validator.verify(
          prepared, execution.commitment(), execution.open(challenge).toBytes());
    }
  }
}
