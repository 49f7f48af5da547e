package dev.proofofcompute.worker;

import static org.assertj.core.api.Assertions.assertThat;

import dev.proofofcompute.core.scheme.Verdict;
import dev.proofofcompute.crypto.Bytes;
import dev.proofofcompute.crypto.identity.NodeIdentity;
import dev.proofofcompute.crypto.random.RandomSource;
import dev.proofofcompute.protocol.JobSpec;
import dev.proofofcompute.protocol.ProtocolException;
import dev.proofofcompute.protocol.SpotCheckProtocol;
import dev.proofofcompute.protocol.TaskCheck;
import dev.proofofcompute.protocol.WorkloadCatalog;
import dev.proofofcompute.workloads.matmul.MatMul;
import dev.proofofcompute.workloads.matmul.MatMulInput;
import org.junit.jupiter.api.Test;

class StrategiesTest {
  static final WorkloadCatalog CATALOG = WorkloadCatalog.standard();
  static final SpotCheckProtocol PROTOCOL = SpotCheckProtocol.create(CATALOG);

  static JobSpec job(long seed, int samples, int canaries, int validatorCanaries) {
    MatMul w = MatMul.create();
    return new JobSpec(
        ProtocolRuns.id("job", seed),
        w.id(),
        w.inputCodec().encode(MatMulInput.random(seed, 20, 4, 3)),
        "spot-check",
        SpotCheckProtocol.encodeParameters(samples, canaries, validatorCanaries));
  }

  static TaskCheck run(JobSpec job, Behaviour provider, Behaviour validator, long seed)
      throws ProtocolException {
    NodeIdentity id = ProtocolRuns.identity(seed);
    return ProtocolRuns.run(
            PROTOCOL,
            job,
            0,
            id,
            task ->
                Strategies.execute(
                    PROTOCOL, CATALOG, task, id, provider, seed, RandomSource.seeded(seed)),
            (j, work) -> Strategies.validate(PROTOCOL, j, work, validator),
            seed)
        .check();
  }

  @Test
  void anHonestWorkerIsVerifiedByAnHonestValidator() throws ProtocolException {
    for (long seed = 1; seed <= 10; seed++) {
      assertThat(run(job(seed, 4, 1, 2), new Behaviour.Honest(), new Behaviour.Honest(), seed))
          .as(ProtocolRuns.seedNote(seed))
          .isInstanceOf(TaskCheck.Verified.class);
    }
  }

  @Test
  void aWrongWorkerIsCaughtByAnHonestValidator() throws ProtocolException {
    for (long seed = 1; seed <= 10; seed++) {
      TaskCheck c = run(job(seed, 4, 0, 2), new Behaviour.Wrong(), new Behaviour.Honest(), seed);
      assertThat(c)
          .as(ProtocolRuns.seedNote(seed))
          .isInstanceOfSatisfying(
              TaskCheck.Failed.class,
              f -> assertThat(f.verdict().reason()).isEqualTo(Verdict.Reason.WRONG_RESULT));
    }
  }

  @Test
  void theLazyValidatorsEchoIsCaughtByTheValidatorCanariesAndSparesTheProvider()
      throws ProtocolException {
    for (long seed = 1; seed <= 10; seed++) {
      // No provider canaries, so that the validator alone decides a wrong provider's fate.
      for (Behaviour provider :
          java.util.List.<Behaviour>of(new Behaviour.Honest(), new Behaviour.Wrong())) {
        TaskCheck c = run(job(seed, 4, 0, 2), provider, new Behaviour.LazyValidator(), seed);
        assertThat(c)
            .as(provider + ", " + ProtocolRuns.seedNote(seed))
            .isInstanceOf(TaskCheck.Unresolved.class);
      }
    }
  }

  @Test
  void theLazyValidatorOnlyEchoesWorkShapedAsClaims() {
    assertThat(Strategies.echoClaims(Bytes.of(new byte[] {1, 2, 3}))).isEmpty();
    assertThat(
            Strategies.echoClaims(
                dev.proofofcompute.crypto.cbor.CborMap.builder().put("x", 1).build().encode()))
        .isEmpty();
  }

  @Test
  void cheatSeedsDependOnTheTask() {
    assertThat(Strategies.taskSeed(1, "a")).isNotEqualTo(Strategies.taskSeed(1, "b"));
    assertThat(Strategies.taskSeed(1, "a")).isNotEqualTo(Strategies.taskSeed(2, "a"));
    assertThat(Strategies.taskSeed(1, "a")).isEqualTo(Strategies.taskSeed(1, "a"));
  }
}
