package dev.proofofcompute.protocol;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.proofofcompute.core.scheme.Verdict;
import dev.proofofcompute.crypto.Bytes;
import dev.proofofcompute.crypto.random.RandomSource;
import dev.proofofcompute.workloads.heat.HeatSim;
import dev.proofofcompute.workloads.heat.HeatSimInput;
import dev.proofofcompute.workloads.matmul.MatMul;
import dev.proofofcompute.workloads.matmul.MatMulInput;
import dev.proofofcompute.workloads.mlp.MlpGenerator;
import dev.proofofcompute.workloads.mlp.MlpInfer;
import java.util.List;
import org.junit.jupiter.api.Test;

class FreivaldsProtocolTest {
  static final MlpInfer MLP = MlpInfer.create(MlpGenerator.randomModel(7, 6, 5, 3));
  static final FreivaldsProtocol PROTOCOL =
      FreivaldsProtocol.create(WorkloadCatalog.standard().with(MLP));
  static final ProviderBehaviour HONEST = new ProviderBehaviour.Honest();

  static JobSpec matmul(long seed) {
    return Harness.job(
        seed,
        MatMul.create(),
        MatMulInput.random(seed, 6, 5, 4),
        "freivalds",
        FreivaldsProtocol.encodeParameters(2, 60));
  }

  static JobSpec mlp(long seed) {
    return Harness.job(
        seed,
        MLP,
        MLP.input(MlpGenerator.randomBatch(seed, 4, 6)),
        "freivalds",
        FreivaldsProtocol.encodeParameters(1, 60));
  }

  static TaskCheck check(JobSpec job, ProviderBehaviour b, long seed) throws ProtocolException {
    return Harness.run(PROTOCOL, job, 0, Harness.provider(seed, b), seed, Harness.HONEST_VALIDATOR)
        .check();
  }

  @Test
  void honestProvidersAreAlwaysAccepted() throws ProtocolException {
    for (long seed = 1; seed <= 30; seed++) {
      for (JobSpec job : List.of(matmul(seed), mlp(seed))) {
        PROTOCOL.plan(job);
        Harness.Decision d =
            Harness.runJob(PROTOCOL, job, List.of(Harness.provider(seed, HONEST)), seed);
        assertThat(d.verdict(0)).as(Harness.seedNote(seed)).isInstanceOf(Verdict.Accepted.class);
        assertThat(((JobDecision.Decided) d.decision()).result()).isPresent();
      }
    }
  }

  @Test
  void wrongProductsAreAlwaysCaught() throws ProtocolException {
    for (long seed = 1; seed <= 30; seed++) {
      for (JobSpec job : List.of(matmul(seed), mlp(seed))) {
        assertThat(check(job, new ProviderBehaviour.Wrong(seed), seed))
            .as(Harness.seedNote(seed))
            .isInstanceOfSatisfying(
                TaskCheck.Failed.class,
                f -> assertThat(f.verdict().reason()).isEqualTo(Verdict.Reason.WRONG_RESULT));
      }
    }
  }

  @Test
  void lazyProvidersAreCaughtWheneverTheyFake() throws ProtocolException {
    // Single output: a lazy provider fakes with probability f and Freivalds then catches it
    // (error <= 2^-60): caught ~ Binomial(n, f).
    int n = 200;
    double f = 0.25;
    int caught = 0;
    for (long seed = 1; seed <= n; seed++) {
      TaskCheck c = check(matmul(seed), new ProviderBehaviour.Lazy(f, seed), seed);
      assertThat(c).isInstanceOfAny(TaskCheck.Failed.class, TaskCheck.Verified.class);
      caught += c instanceof TaskCheck.Failed ? 1 : 0;
    }
    double sd = Math.sqrt(n * f * (1 - f));
    assertThat((double) caught)
        .as("lazy f=" + f + " over seeds 1.." + n)
        .isBetween(n * f - 5 * sd, n * f + 5 * sd);
  }

  @Test
  void tamperedCommitmentsAndResponsesAreNeverAccepted() throws ProtocolException {
    Harness.Run run =
        Harness.run(PROTOCOL, mlp(3), 0, Harness.provider(3, HONEST), 3, Harness.HONEST_VALIDATOR);
    assertThat(run.check()).isInstanceOf(TaskCheck.Verified.class);
    for (int bit = 0; bit < run.commitment().length() * 8; bit++) {
      assertThat(
              PROTOCOL.check(
                  run.task(),
                  run.provider().info(),
                  Harness.flip(run.commitment(), bit),
                  run.challenge(),
                  run.response(),
                  Harness.AS_OF))
          .isInstanceOf(TaskCheck.Failed.class);
    }
    for (int bit = 0; bit < run.response().length() * 8; bit += 5) {
      assertThat(
              PROTOCOL.check(
                  run.task(),
                  run.provider().info(),
                  run.commitment(),
                  run.challenge(),
                  Harness.flip(run.response(), bit),
                  Harness.AS_OF))
          .isInstanceOf(TaskCheck.Failed.class);
    }
  }

  @Test
  void aResponseForOneTaskFailsForAnother() throws ProtocolException {
    Harness.Provider p = Harness.provider(4, HONEST);
    Harness.Run a = Harness.run(PROTOCOL, matmul(4), 0, p, 4, Harness.HONEST_VALIDATOR);
    Harness.Run b = Harness.run(PROTOCOL, matmul(4), 0, p, 5, Harness.HONEST_VALIDATOR);
    assertThat(
            PROTOCOL.check(
                b.task(), p.info(), a.commitment(), b.challenge(), a.response(), Harness.AS_OF))
        .isInstanceOf(TaskCheck.Failed.class);
    assertThat(
            PROTOCOL.check(
                b.task(), p.info(), b.commitment(), b.challenge(), a.response(), Harness.AS_OF))
        .isInstanceOf(TaskCheck.Failed.class);
  }

  @Test
  void theChallengeSeedComesFromTheCoordinatorsRandomness() throws ProtocolException {
    JobSpec job = matmul(5);
    TaskSpec task = PROTOCOL.prepareTask(Harness.id("t", 5), job, 0, Bytes.of(new byte[32]));
    Harness.Provider p = Harness.provider(5, HONEST);
    Bytes commitment = PROTOCOL.execute(task.forProvider(), p.context(5)).commitment();
    RandomSource r = RandomSource.seeded(5);
    assertThat(PROTOCOL.challenge(task, p.info(), commitment, r.nextBytes(32)))
        .isNotEqualTo(PROTOCOL.challenge(task, p.info(), commitment, r.nextBytes(32)));
  }

  @Test
  void workloadsWithoutMatrixProductsAreRefused() {
    JobSpec heat =
        Harness.job(
            1,
            HeatSim.create(),
            HeatSimInput.random(1, 4, 3),
            "freivalds",
            FreivaldsProtocol.encodeParameters(1, 60));
    assertThatThrownBy(() -> PROTOCOL.plan(heat)).isInstanceOf(ProtocolException.class);
    assertThatThrownBy(() ->
            PROTOCOL.plan(
                ReplicationProtocolTest.withParameters(
                    matmul(1), FreivaldsProtocol.encodeParameters(0, 60))))
        .isInstanceOf(ProtocolException.class)
        .hasMessageContaining("rounds");
  }
}
