package dev.proofofcompute.protocol;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.proofofcompute.core.scheme.Verdict;
import dev.proofofcompute.crypto.Bytes;
import dev.proofofcompute.schemes.replication.FloatTolerance;
import dev.proofofcompute.workloads.matmul.MatMul;
import dev.proofofcompute.workloads.matmul.MatMulF64;
import dev.proofofcompute.workloads.matmul.MatMulF64Input;
import dev.proofofcompute.workloads.matmul.MatMulInput;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class ReplicationProtocolTest {
  static final ReplicationProtocol PROTOCOL =
      ReplicationProtocol.create(WorkloadCatalog.standard());
  static final ProviderBehaviour HONEST = new ProviderBehaviour.Honest();

  static JobSpec job(long seed, int replicas, int quorum) {
    return Harness.job(
        seed,
        MatMul.create(),
        MatMulInput.random(seed, 4, 5, 3),
        "replication",
        ReplicationProtocol.encodeParameters(replicas, quorum, Optional.empty()));
  }

  static Bytes honestOutput(long seed) {
    MatMul w = MatMul.create();
    return w.outputCodec().encode(w.execute(MatMulInput.random(seed, 4, 5, 3)));
  }

  @Test
  void honestReplicasAreAlwaysAcceptedAndTheResultIsTheOutput() throws ProtocolException {
    for (long seed = 1; seed <= 40; seed++) {
      JobSpec job = job(seed, 3, 2);
      assertThat(PROTOCOL.plan(job).replicas()).isEqualTo(3);
      Harness.Decision d =
          Harness.runJob(
              PROTOCOL,
              job,
              List.of(
                  Harness.provider(seed * 3, HONEST),
                  Harness.provider(seed * 3 + 1, HONEST),
                  Harness.provider(seed * 3 + 2, HONEST)),
              seed);
      assertThat(d.decision()).as(Harness.seedNote(seed)).isInstanceOf(JobDecision.Decided.class);
      for (int r = 0; r < 3; r++) {
        assertThat(d.verdict(r)).as(Harness.seedNote(seed)).isInstanceOf(Verdict.Accepted.class);
      }
      assertThat(((JobDecision.Decided) d.decision()).result()).contains(honestOutput(seed));
    }
  }

  @Test
  void aWrongReplicaIsAlwaysOutvoted() throws ProtocolException {
    for (long seed = 1; seed <= 40; seed++) {
      JobSpec job = job(seed, 3, 2);
      int cheater = (int) (seed % 3);
      List<Harness.Provider> providers = new ArrayList<>();
      for (int r = 0; r < 3; r++) {
        providers.add(
            Harness.provider(
                seed * 3 + r, r == cheater ? new ProviderBehaviour.Wrong(seed) : HONEST));
      }
      Harness.Decision d = Harness.runJob(PROTOCOL, job, providers, seed);
      for (int r = 0; r < 3; r++) {
        if (r == cheater) {
          assertThat(d.verdict(r))
              .as(Harness.seedNote(seed))
              .isInstanceOfSatisfying(
                  Verdict.Rejected.class,
                  v -> assertThat(v.reason()).isEqualTo(Verdict.Reason.OUTVOTED));
        } else {
          assertThat(d.verdict(r)).as(Harness.seedNote(seed)).isInstanceOf(Verdict.Accepted.class);
        }
      }
      assertThat(((JobDecision.Decided) d.decision()).result()).contains(honestOutput(seed));
    }
  }

  @Test
  void withoutAQuorumMoreReplicasAreAskedForAndThenDecide() throws ProtocolException {
    long seed = 7;
    JobSpec job = job(seed, 2, 2);
    Harness.Run honest =
        Harness.run(PROTOCOL, job, 0, Harness.provider(70, HONEST), 1, Harness.HONEST_VALIDATOR);
    Harness.Run wrong =
        Harness.run(
            PROTOCOL,
            job,
            1,
            Harness.provider(71, new ProviderBehaviour.Wrong(3)),
            2,
            Harness.HONEST_VALIDATOR);
    JobDecision d = PROTOCOL.decide(job, List.of(honest.outcome(), wrong.outcome()));
    assertThat(d).isInstanceOf(JobDecision.MoreReplicas.class);
    Harness.Run extra =
        Harness.run(PROTOCOL, job, 2, Harness.provider(72, HONEST), 3, Harness.HONEST_VALIDATOR);
    Harness.Decision decided = Harness.decide(PROTOCOL, job, List.of(honest, wrong, extra));
    assertThat(decided.verdict(0)).isInstanceOf(Verdict.Accepted.class);
    assertThat(decided.verdict(1)).isInstanceOf(Verdict.Rejected.class);
    assertThat(decided.verdict(2)).isInstanceOf(Verdict.Accepted.class);
  }

  @Test
  void aSingleValidResultIsNeverJudgedAlone() throws ProtocolException {
    JobSpec job = job(9, 3, 2);
    Harness.Run only =
        Harness.run(
            PROTOCOL,
            job,
            0,
            Harness.provider(90, new ProviderBehaviour.Wrong(1)),
            1,
            Harness.HONEST_VALIDATOR);
    assertThat(PROTOCOL.decide(job, List.of(only.outcome())))
        .isInstanceOfSatisfying(
            JobDecision.MoreReplicas.class, m -> assertThat(m.additional()).isEqualTo(1));
  }

  @Test
  void lazyReplicasAreCaughtAtTheirCheatingRate() throws ProtocolException {
    // A single-output lazy provider fakes its whole result with probability f (seeded) and is
    // then always outvoted by two honest replicas: caught ~ Binomial(n, f).
    int n = 200;
    double f = 0.3;
    int caught = 0;
    for (long seed = 1; seed <= n; seed++) {
      JobSpec job = job(seed + 1000, 3, 2);
      Harness.Decision d =
          Harness.runJob(
              PROTOCOL,
              job,
              List.of(
                  Harness.provider(seed * 3, new ProviderBehaviour.Lazy(f, seed)),
                  Harness.provider(seed * 3 + 1, HONEST),
                  Harness.provider(seed * 3 + 2, HONEST)),
              seed);
      if (d.verdict(0) instanceof Verdict.Rejected) {
        caught++;
      }
      assertThat(d.verdict(1)).as(Harness.seedNote(seed)).isInstanceOf(Verdict.Accepted.class);
      assertThat(d.verdict(2)).as(Harness.seedNote(seed)).isInstanceOf(Verdict.Accepted.class);
    }
    // mean 60, sd ~6.5: a 5-sigma band.
    assertThat(caught).as("lazy f=" + f + " over seeds 1.." + n).isBetween(28, 92);
  }

  @Test
  void tamperedCommitmentsAndRevealsAreNeverAccepted() throws ProtocolException {
    JobSpec job = job(11, 3, 2);
    Harness.Provider p = Harness.provider(110, HONEST);
    Harness.Run run = Harness.run(PROTOCOL, job, 0, p, 5, Harness.HONEST_VALIDATOR);
    assertThat(run.check()).isInstanceOf(TaskCheck.Verified.class);
    for (int bit = 0; bit < run.commitment().length() * 8; bit++) {
      Bytes bad = Harness.flip(run.commitment(), bit);
      TaskCheck c =
          PROTOCOL.check(run.task(), p.info(), bad, run.challenge(), run.response(), Harness.AS_OF);
      assertThat(c).as("commitment bit " + bit).isInstanceOf(TaskCheck.Failed.class);
    }
    for (int bit = 0; bit < run.response().length() * 8; bit++) {
      Bytes bad = Harness.flip(run.response(), bit);
      TaskCheck c =
          PROTOCOL.check(
              run.task(), p.info(), run.commitment(), run.challenge(), bad, Harness.AS_OF);
      assertThat(c).as("response bit " + bit).isInstanceOf(TaskCheck.Failed.class);
    }
  }

  @Test
  void aRevealForOneTaskOrProviderDoesNotOpenAnother() throws ProtocolException {
    JobSpec job = job(12, 3, 2);
    Harness.Provider p = Harness.provider(120, HONEST);
    Harness.Run a = Harness.run(PROTOCOL, job, 0, p, 5, Harness.HONEST_VALIDATOR);
    Harness.Run b = Harness.run(PROTOCOL, job, 1, p, 6, Harness.HONEST_VALIDATOR);
    assertThat(
            PROTOCOL.check(
                b.task(), p.info(), b.commitment(), b.challenge(), a.response(), Harness.AS_OF))
        .isInstanceOf(TaskCheck.Failed.class);
    assertThat(
            PROTOCOL.check(
                b.task(), p.info(), a.commitment(), b.challenge(), a.response(), Harness.AS_OF))
        .isInstanceOf(TaskCheck.Failed.class);
    Harness.Provider other = Harness.provider(121, HONEST);
    assertThat(
            PROTOCOL.check(
                a.task(), other.info(), a.commitment(), a.challenge(), a.response(), Harness.AS_OF))
        .isInstanceOfSatisfying(
            TaskCheck.Failed.class,
            f -> assertThat(f.verdict().reason()).isEqualTo(Verdict.Reason.COMMITMENT_MISMATCH));
  }

  @Test
  void floatingOutputsAgreeWithinTheToleranceAndWrongOnesAreCaught() throws ProtocolException {
    for (long seed = 1; seed <= 10; seed++) {
      MatMulF64 w = MatMulF64.create();
      JobSpec job =
          Harness.job(
              seed,
              w,
              MatMulF64Input.random(seed, 3, 4, 2),
              "replication",
              ReplicationProtocol.encodeParameters(
                  3, 2, Optional.of(FloatTolerance.forSummation(4, 1.0))));
      assertThat(PROTOCOL.plan(job).summary()).contains("tolerance");
      Harness.Decision d =
          Harness.runJob(
              PROTOCOL,
              job,
              List.of(
                  Harness.provider(seed * 3, HONEST),
                  Harness.provider(seed * 3 + 1, new ProviderBehaviour.Wrong(seed)),
                  Harness.provider(seed * 3 + 2, HONEST)),
              seed);
      assertThat(d.verdict(0)).as(Harness.seedNote(seed)).isInstanceOf(Verdict.Accepted.class);
      assertThat(d.verdict(1)).as(Harness.seedNote(seed)).isInstanceOf(Verdict.Rejected.class);
      assertThat(d.verdict(2)).as(Harness.seedNote(seed)).isInstanceOf(Verdict.Accepted.class);
    }
  }

  @Test
  void badParametersAreRefusedWithTheReason() {
    JobSpec good = job(1, 3, 2);
    assertThatThrownBy(() ->
            PROTOCOL.plan(
                withParameters(good, ReplicationProtocol.encodeParameters(4, 2, Optional.empty()))))
        .isInstanceOf(ProtocolException.class)
        .hasMessageContaining("strict majority");
    assertThatThrownBy(() -> PROTOCOL.plan(withParameters(good, Harness.utf8("junk"))))
        .isInstanceOf(ProtocolException.class)
        .hasMessageContaining("replication parameters");
    assertThatThrownBy(() ->
            PROTOCOL.plan(
                withParameters(
                    good,
                    ReplicationProtocol.encodeParameters(
                        3, 2, Optional.of(FloatTolerance.relative(1e-9))))))
        .isInstanceOf(ProtocolException.class)
        .hasMessageContaining("EXACT");
    assertThatThrownBy(() ->
            PROTOCOL.plan(
                withParameters(
                    good,
                    dev.proofofcompute.crypto.cbor.CborMap.builder()
                        .put("replicas", 3)
                        .put("quorum", 2)
                        .put("extra", 1)
                        .build()
                        .encode())))
        .isInstanceOf(ProtocolException.class)
        .hasMessageContaining("extra");
    assertThatThrownBy(() ->
            PROTOCOL.plan(
                new JobSpec(
                    good.jobId(),
                    good.workload(),
                    Harness.utf8("x"),
                    "replication",
                    good.parameters())))
        .isInstanceOf(ProtocolException.class)
        .hasMessageContaining("input");
  }

  static JobSpec withParameters(JobSpec job, Bytes parameters) {
    return new JobSpec(job.jobId(), job.workload(), job.input(), job.scheme(), parameters);
  }
}
