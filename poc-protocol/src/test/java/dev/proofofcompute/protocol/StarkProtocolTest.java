package dev.proofofcompute.protocol;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.proofofcompute.core.scheme.Verdict;
import dev.proofofcompute.stark.StarkParameters;
import dev.proofofcompute.stark.scheme.StarkSchemeParameters;
import dev.proofofcompute.stark.workload.MimcChain;
import dev.proofofcompute.stark.workload.MimcChainInput;
import dev.proofofcompute.workloads.matmul.MatMul;
import dev.proofofcompute.workloads.matmul.MatMulInput;
import java.util.List;
import org.junit.jupiter.api.Test;

class StarkProtocolTest {
  static final StarkProtocol PROTOCOL = StarkProtocol.create(WorkloadCatalog.standard());
  static final ProviderBehaviour HONEST = new ProviderBehaviour.Honest();

  static JobSpec job(long seed) {
    return Harness.job(
        seed,
        MimcChain.create(),
        new MimcChainInput(seed, 31),
        "stark",
        StarkProtocol.encodeParameters(StarkSchemeParameters.defaults(MimcChain.AIR)));
  }

  static TaskCheck check(JobSpec job, ProviderBehaviour b, long seed) throws ProtocolException {
    return Harness.run(PROTOCOL, job, 0, Harness.provider(seed, b), seed, Harness.HONEST_VALIDATOR)
        .check();
  }

  @Test
  void honestProofsAreAlwaysAccepted() throws ProtocolException {
    for (long seed = 1; seed <= 8; seed++) {
      JobSpec job = job(seed);
      assertThat(PROTOCOL.plan(job).summary()).contains("mimc7-chain/v1");
      Harness.Decision d =
          Harness.runJob(PROTOCOL, job, List.of(Harness.provider(seed, HONEST)), seed);
      assertThat(d.verdict(0)).as(Harness.seedNote(seed)).isInstanceOf(Verdict.Accepted.class);
    }
  }

  @Test
  void wrongOutputsAreAlwaysRejectedAsBadProofs() throws ProtocolException {
    for (long seed = 1; seed <= 8; seed++) {
      assertThat(check(job(seed), new ProviderBehaviour.Wrong(seed), seed))
          .as(Harness.seedNote(seed))
          .isInstanceOfSatisfying(
              TaskCheck.Failed.class,
              f -> assertThat(f.verdict().reason()).isEqualTo(Verdict.Reason.BAD_PROOF));
    }
  }

  @Test
  void lazyProvidersAreCaughtWheneverTheyFake() throws ProtocolException {
    int n = 24;
    double f = 0.5;
    int caught = 0;
    for (long seed = 1; seed <= n; seed++) {
      TaskCheck c = check(job(seed), new ProviderBehaviour.Lazy(f, seed), seed);
      assertThat(c).isInstanceOfAny(TaskCheck.Failed.class, TaskCheck.Verified.class);
      caught += c instanceof TaskCheck.Failed ? 1 : 0;
    }
    double sd = Math.sqrt(n * f * (1 - f));
    assertThat((double) caught)
        .as("lazy f=" + f + " over seeds 1.." + n)
        .isBetween(n * f - 4 * sd, n * f + 4 * sd);
  }

  @Test
  void tamperedResponsesAndReplaysAreNeverAccepted() throws ProtocolException {
    Harness.Provider p = Harness.provider(2, HONEST);
    Harness.Run a = Harness.run(PROTOCOL, job(2), 0, p, 2, Harness.HONEST_VALIDATOR);
    Harness.Run b = Harness.run(PROTOCOL, job(2), 0, p, 3, Harness.HONEST_VALIDATOR);
    assertThat(a.check()).isInstanceOf(TaskCheck.Verified.class);
    for (int bit = 0; bit < a.response().length() * 8; bit += 97) {
      assertThat(
              PROTOCOL.check(
                  a.task(),
                  p.info(),
                  a.commitment(),
                  a.challenge(),
                  Harness.flip(a.response(), bit),
                  Harness.AS_OF))
          .isInstanceOf(TaskCheck.Failed.class);
    }
    for (int bit = 0; bit < a.commitment().length() * 8; bit++) {
      assertThat(
              PROTOCOL.check(
                  a.task(),
                  p.info(),
                  Harness.flip(a.commitment(), bit),
                  a.challenge(),
                  a.response(),
                  Harness.AS_OF))
          .isInstanceOf(TaskCheck.Failed.class);
    }
    assertThat(
            PROTOCOL.check(
                b.task(), p.info(), a.commitment(), b.challenge(), a.response(), Harness.AS_OF))
        .isInstanceOf(TaskCheck.Failed.class);
  }

  @Test
  void weakParametersAndNonAirWorkloadsAreRefused() {
    JobSpec weak =
        ReplicationProtocolTest.withParameters(
            job(1),
            StarkProtocol.encodeParameters(
                new StarkSchemeParameters(new StarkParameters(4, 8, 0, 8, 2, 128), MimcChain.AIR)));
    assertThatThrownBy(() -> PROTOCOL.plan(weak))
        .isInstanceOf(ProtocolException.class)
        .hasMessageContaining("conjectured bits");
    JobSpec matmul =
        Harness.job(
            1,
            MatMul.create(),
            MatMulInput.random(1, 2, 2, 2),
            "stark",
            StarkProtocol.encodeParameters(StarkSchemeParameters.defaults(MimcChain.AIR)));
    assertThatThrownBy(() -> PROTOCOL.plan(matmul))
        .isInstanceOf(ProtocolException.class)
        .hasMessageContaining("not STARK-provable");
  }
}
