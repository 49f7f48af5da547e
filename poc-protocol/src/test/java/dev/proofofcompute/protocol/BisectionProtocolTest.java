package dev.proofofcompute.protocol;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.proofofcompute.core.scheme.Verdict;
import dev.proofofcompute.crypto.Bytes;
import dev.proofofcompute.workloads.heat.HeatSim;
import dev.proofofcompute.workloads.heat.HeatSimInput;
import dev.proofofcompute.workloads.matmul.MatMul;
import dev.proofofcompute.workloads.matmul.MatMulInput;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class BisectionProtocolTest {
  static final BisectionProtocol PROTOCOL = BisectionProtocol.create(WorkloadCatalog.standard());
  static final ProviderBehaviour HONEST = new ProviderBehaviour.Honest();

  static JobSpec job(long seed, int steps, int interval) {
    return Harness.job(
        seed,
        HeatSim.create(),
        HeatSimInput.random(seed, 5, steps),
        "bisection",
        BisectionProtocol.encodeParameters(interval));
  }

  /** Plays the job: decide, dispute if needed, fold the dispute's rejections in, decide again. */
  static Harness.Decision play(
      JobSpec job, ProviderBehaviour first, ProviderBehaviour second, long seed)
      throws ProtocolException {
    Harness.Decision d =
        Harness.runJob(
            PROTOCOL,
            job,
            List.of(Harness.provider(seed * 2, first), Harness.provider(seed * 2 + 1, second)),
            seed);
    if (d.dispute().isEmpty()) {
      return d;
    }
    List<Harness.Run> folded = new ArrayList<>();
    for (Harness.Run r : d.runs()) {
      Verdict v = d.dispute().get().verdicts().get(r.task().taskId());
      folded.add(
          v instanceof Verdict.Rejected rej
              ? new Harness.Run(
                  r.task(),
                  r.provider(),
                  r.session(),
                  r.commitment(),
                  r.challenge(),
                  r.response(),
                  new TaskCheck.Failed(rej))
              : r);
    }
    Harness.Decision again = Harness.decide(PROTOCOL, job, folded);
    return new Harness.Decision(again.decision(), d.dispute(), folded);
  }

  @Test
  void honestReplicasAgreeAndAreAccepted() throws ProtocolException {
    for (long seed = 1; seed <= 20; seed++) {
      JobSpec job = job(seed, 12, 1 + (int) (seed % 3));
      assertThat(PROTOCOL.plan(job).replicas()).isEqualTo(2);
      Harness.Decision d = play(job, HONEST, HONEST, seed);
      assertThat(d.dispute()).isEmpty();
      assertThat(d.verdict(0)).as(Harness.seedNote(seed)).isInstanceOf(Verdict.Accepted.class);
      assertThat(d.verdict(1)).as(Harness.seedNote(seed)).isInstanceOf(Verdict.Accepted.class);
    }
  }

  @Test
  void aWrongReplicaLosesTheDisputeAndTheHonestOneWins() throws ProtocolException {
    for (long seed = 1; seed <= 20; seed++) {
      JobSpec job = job(seed, 16, 1 + (int) (seed % 3));
      boolean cheaterFirst = seed % 2 == 0;
      ProviderBehaviour wrong = new ProviderBehaviour.Wrong(seed);
      Harness.Decision d =
          play(job, cheaterFirst ? wrong : HONEST, cheaterFirst ? HONEST : wrong, seed);
      int cheater = cheaterFirst ? 0 : 1;
      assertThat(d.dispute()).as(Harness.seedNote(seed)).isPresent();
      assertThat(d.verdict(cheater))
          .as(Harness.seedNote(seed))
          .isInstanceOfSatisfying(
              Verdict.Rejected.class,
              r -> assertThat(r.reason()).isEqualTo(Verdict.Reason.DISPUTE_LOST));
      assertThat(d.verdict(1 - cheater))
          .as(Harness.seedNote(seed))
          .isInstanceOf(Verdict.Accepted.class);
      assertThat(d.decision()).isInstanceOf(JobDecision.Decided.class);
      assertThat(((JobDecision.Decided) d.decision()).result())
          .contains(((TaskCheck.Verified) d.runs().get(1 - cheater).check()).output());
    }
  }

  @Test
  void lazyReplicasAreCaughtWhenTheyFakeAStep() throws ProtocolException {
    // Each of T = 8 steps is faked with probability f; a faked step changes every later state, so
    // the replica is caught with probability 1 - (1 - f)^T (minus runs whose corruption the
    // dynamics erase, which end inconclusive, never with a wrong conviction).
    int n = 120;
    double f = 0.1;
    int t = 8;
    int caught = 0;
    for (long seed = 1; seed <= n; seed++) {
      Harness.Decision d =
          play(job(seed + 100, t, 1), new ProviderBehaviour.Lazy(f, seed), HONEST, seed);
      assertThat(d.verdict(1)).as(Harness.seedNote(seed)).isNotInstanceOf(Verdict.Rejected.class);
      caught += d.verdict(0) instanceof Verdict.Rejected ? 1 : 0;
    }
    double p = 1 - Math.pow(1 - f, t);
    double sd = Math.sqrt(n * p * (1 - p));
    assertThat((double) caught)
        .as("lazy f=" + f + " over seeds 1.." + n + ", expected " + n * p)
        .isBetween(n * p - 5 * sd, n * p + 5 * sd);
  }

  @Test
  void tamperedCommitmentsAndResponsesAreNeverAccepted() throws ProtocolException {
    JobSpec job = job(3, 10, 2);
    Harness.Provider p = Harness.provider(3, HONEST);
    Harness.Run run = Harness.run(PROTOCOL, job, 0, p, 3, Harness.HONEST_VALIDATOR);
    assertThat(run.check()).isInstanceOf(TaskCheck.Verified.class);
    for (int bit = 0; bit < run.commitment().length() * 8; bit++) {
      assertThat(
              PROTOCOL.check(
                  run.task(),
                  p.info(),
                  Harness.flip(run.commitment(), bit),
                  run.challenge(),
                  run.response(),
                  Harness.AS_OF))
          .as("commitment bit " + bit)
          .isNotInstanceOf(TaskCheck.Verified.class);
    }
    for (int bit = 0; bit < run.response().length() * 8; bit += 3) {
      assertThat(
              PROTOCOL.check(
                  run.task(),
                  p.info(),
                  run.commitment(),
                  run.challenge(),
                  Harness.flip(run.response(), bit),
                  Harness.AS_OF))
          .as("response bit " + bit)
          .isInstanceOf(TaskCheck.Failed.class);
    }
    Harness.Run other = Harness.run(PROTOCOL, job, 1, p, 4, Harness.HONEST_VALIDATOR);
    assertThat(
            PROTOCOL.check(
                other.task(),
                p.info(),
                other.commitment(),
                other.challenge(),
                run.response(),
                Harness.AS_OF))
        .isInstanceOf(TaskCheck.Failed.class);
  }

  @Test
  void aTamperedDisputeAnswerConvictsItsSender() throws ProtocolException {
    JobSpec job = job(5, 16, 1);
    Harness.Run honest =
        Harness.run(PROTOCOL, job, 0, Harness.provider(50, HONEST), 5, Harness.HONEST_VALIDATOR);
    Harness.Run wrong =
        Harness.run(
            PROTOCOL,
            job,
            1,
            Harness.provider(51, new ProviderBehaviour.Wrong(5)),
            6,
            Harness.HONEST_VALIDATOR);
    List<SchemeProtocol.DisputeAnswer> answers = new ArrayList<>();
    DisputeStep step = PROTOCOL.dispute(job, honest.outcome(), wrong.outcome(), answers);
    // The cheater answers the first request with a corrupted opening.
    while (step instanceof DisputeStep.Ask(String taskId, Bytes request)) {
      Harness.Run who = taskId.equals(honest.task().taskId()) ? honest : wrong;
      Bytes answer = who.session().answerDispute(request);
      if (who.task().taskId().equals(wrong.task().taskId())) {
        answer = Harness.flip(answer, answer.length() * 8 - 9);
      }
      answers.add(new SchemeProtocol.DisputeAnswer(taskId, request, answer));
      step = PROTOCOL.dispute(job, honest.outcome(), wrong.outcome(), answers);
    }
    DisputeStep.Resolved r = (DisputeStep.Resolved) step;
    assertThat(r.verdicts().get(wrong.task().taskId())).isInstanceOf(Verdict.Rejected.class);
    assertThat(r.verdicts().get(honest.task().taskId())).isInstanceOf(Verdict.Accepted.class);
  }

  @Test
  void aSilentPartyForfeitsWithoutAConviction() throws ProtocolException {
    JobSpec job = job(6, 16, 1);
    Harness.Run a =
        Harness.run(PROTOCOL, job, 0, Harness.provider(60, HONEST), 7, Harness.HONEST_VALIDATOR);
    Harness.Run b =
        Harness.run(
            PROTOCOL,
            job,
            1,
            Harness.provider(61, new ProviderBehaviour.Wrong(6)),
            8,
            Harness.HONEST_VALIDATOR);
    List<SchemeProtocol.DisputeAnswer> answers = new ArrayList<>();
    DisputeStep step = PROTOCOL.dispute(job, a.outcome(), b.outcome(), answers);
    while (step instanceof DisputeStep.Ask(String taskId, Bytes request)) {
      Bytes answer =
          taskId.equals(a.task().taskId()) ? Bytes.EMPTY : b.session().answerDispute(request);
      answers.add(new SchemeProtocol.DisputeAnswer(taskId, request, answer));
      step = PROTOCOL.dispute(job, a.outcome(), b.outcome(), answers);
    }
    assertThat(((DisputeStep.Resolved) step).verdicts().get(a.task().taskId()))
        .isInstanceOf(Verdict.Inconclusive.class);
  }

  @Test
  void workloadsWithoutStepsAreRefused() {
    JobSpec matmul =
        Harness.job(
            1,
            MatMul.create(),
            MatMulInput.random(1, 2, 2, 2),
            "bisection",
            BisectionProtocol.encodeParameters(1));
    assertThatThrownBy(() -> PROTOCOL.plan(matmul))
        .isInstanceOf(ProtocolException.class)
        .hasMessageContaining("step by step");
    assertThatThrownBy(() ->
            PROTOCOL.plan(
                ReplicationProtocolTest.withParameters(
                    job(1, 4, 1), BisectionProtocol.encodeParameters(0))))
        .isInstanceOf(ProtocolException.class)
        .hasMessageContaining("checkpoint-interval");
  }
}
