package dev.proofofcompute.protocol;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.proofofcompute.core.scheme.Verdict;
import dev.proofofcompute.crypto.Bytes;
import dev.proofofcompute.crypto.cbor.CborDecoder;
import dev.proofofcompute.crypto.cbor.CborMap;
import dev.proofofcompute.crypto.random.RandomSource;
import dev.proofofcompute.workloads.heat.HeatSim;
import dev.proofofcompute.workloads.heat.HeatSimInput;
import dev.proofofcompute.workloads.matmul.MatMul;
import dev.proofofcompute.workloads.matmul.MatMulInput;
import java.util.List;
import org.junit.jupiter.api.Test;

class SpotCheckProtocolTest {
  static final SpotCheckProtocol PROTOCOL = SpotCheckProtocol.create(WorkloadCatalog.standard());
  static final ProviderBehaviour HONEST = new ProviderBehaviour.Honest();
  static final int N = 30;

  static JobSpec job(long seed, int samples, int canaries, int validatorCanaries) {
    return Harness.job(
        seed,
        MatMul.create(),
        MatMulInput.random(seed, N, 4, 3),
        "spot-check",
        SpotCheckProtocol.encodeParameters(samples, canaries, validatorCanaries));
  }

  static TaskCheck finalCheck(JobSpec job, ProviderBehaviour b, long seed)
      throws ProtocolException {
    return Harness.run(PROTOCOL, job, 0, Harness.provider(seed, b), seed, Harness.HONEST_VALIDATOR)
        .check();
  }

  @Test
  void honestProvidersAreAlwaysAcceptedWithTheRequesterOutputs() throws Exception {
    for (long seed = 1; seed <= 40; seed++) {
      JobSpec job = job(seed, 6, 2, 2);
      assertThat(PROTOCOL.plan(job).replicas()).isEqualTo(1);
      Harness.Decision d =
          Harness.runJob(PROTOCOL, job, List.of(Harness.provider(seed, HONEST)), seed);
      assertThat(d.verdict(0)).as(Harness.seedNote(seed)).isInstanceOf(Verdict.Accepted.class);
      Bytes result = ((JobDecision.Decided) d.decision()).result().orElseThrow();
      MatMul w = MatMul.create();
      List<Bytes> expected =
          w.items().orElseThrow().itemOutputs(w.execute(MatMulInput.random(seed, N, 4, 3)));
      assertThat(
              SpotCheckProtocol.bytesList(
                  CborDecoder.decodeCanonicalMap(result).getArray("items"), "result"))
          .as(Harness.seedNote(seed))
          .isEqualTo(expected);
    }
  }

  @Test
  void theProviderRunsABatchWithTheCanariesMixedIn() throws ProtocolException {
    JobSpec job = job(3, 6, 4, 0);
    TaskSpec task = PROTOCOL.prepareTask(Harness.id("t", 3), job, 0, Bytes.of(new byte[32]));
    MatMulInput batch;
    try {
      batch = MatMul.create().inputCodec().decode(task.forProvider().input());
    } catch (dev.proofofcompute.crypto.DecodingException e) {
      throw new AssertionError(e);
    }
    assertThat(batch.a().rows()).isEqualTo(N + 4);
    assertThat(task.forProvider().secret().length()).isZero();
    assertThat(task.toString()).doesNotContain(task.secret().toHex());
    TaskSpec again = PROTOCOL.prepareTask(Harness.id("t", 3), job, 0, Bytes.of(new byte[32]));
    assertThat(again.input()).isEqualTo(task.input());
  }

  @Test
  void wrongProvidersAreAlwaysCaught() throws ProtocolException {
    for (long seed = 1; seed <= 40; seed++) {
      TaskCheck c = finalCheck(job(seed, 3, 1, 2), new ProviderBehaviour.Wrong(seed), seed);
      assertThat(c).as(Harness.seedNote(seed)).isInstanceOf(TaskCheck.Failed.class);
    }
  }

  @Test
  void lazyProvidersAreCaughtAtTheSchemesDetectionRate() throws ProtocolException {
    // Each item is faked independently with probability f; s + c = 10 positions are opened, so
    // detection is 1 - (1 - f)^10 = 0.6513 for f = 0.1.
    double f = 0.1;
    int n = 200;
    int caught = 0;
    for (long seed = 1; seed <= n; seed++) {
      TaskCheck c = finalCheck(job(seed + 500, 8, 2, 1), new ProviderBehaviour.Lazy(f, seed), seed);
      assertThat(c)
          .as(Harness.seedNote(seed))
          .isInstanceOfAny(TaskCheck.Failed.class, TaskCheck.Verified.class);
      if (c instanceof TaskCheck.Failed) {
        caught++;
      }
    }
    double p = 1 - Math.pow(1 - f, 10);
    double sd = Math.sqrt(n * p * (1 - p));
    assertThat((double) caught)
        .as("lazy f=" + f + " over seeds 1.." + n + ", expected " + n * p)
        .isBetween(n * p - 5 * sd, n * p + 5 * sd);
  }

  @Test
  void canariesAloneCatchAWrongProviderWithoutAnyValidator() throws ProtocolException {
    for (long seed = 1; seed <= 10; seed++) {
      Harness.Run r =
          Harness.run(
              PROTOCOL,
              job(seed, 0, 3, 0),
              0,
              Harness.provider(seed, new ProviderBehaviour.Wrong(seed)),
              seed,
              (protocol, job, work) -> {
                throw new AssertionError("no validation expected");
              });
      assertThat(r.check())
          .isInstanceOfSatisfying(
              TaskCheck.Failed.class,
              f -> assertThat(f.verdict().reason()).isEqualTo(Verdict.Reason.CANARY_FAILED));
    }
  }

  @Test
  void theChallengeDependsOnTheRandomnessDrawnAfterTheCommitment() throws ProtocolException {
    JobSpec job = job(5, 6, 2, 0);
    TaskSpec task = PROTOCOL.prepareTask(Harness.id("t", 5), job, 0, Bytes.of(new byte[32]));
    Harness.Provider p = Harness.provider(5, HONEST);
    Bytes commitment = PROTOCOL.execute(task.forProvider(), p.context(5)).commitment();
    RandomSource r = RandomSource.seeded(99);
    Bytes c1 = PROTOCOL.challenge(task, p.info(), commitment, r.nextBytes(32));
    Bytes c2 = PROTOCOL.challenge(task, p.info(), commitment, r.nextBytes(32));
    assertThat(indices(c1)).isNotEqualTo(indices(c2));
    assertThat(PROTOCOL.challenge(task, p.info(), commitment, Bytes.of(new byte[32])))
        .isEqualTo(PROTOCOL.challenge(task, p.info(), commitment, Bytes.of(new byte[32])));
  }

  static Object indices(Bytes challenge) {
    try {
      return CborDecoder.decodeCanonicalMap(challenge).getArray("indices");
    } catch (dev.proofofcompute.crypto.DecodingException e) {
      throw new AssertionError(e);
    }
  }

  @Test
  void tamperedCommitmentsAndResponsesAreNeverAccepted() throws ProtocolException {
    JobSpec job = job(6, 4, 1, 1);
    Harness.Provider p = Harness.provider(6, HONEST);
    Harness.Run run = Harness.run(PROTOCOL, job, 0, p, 6, Harness.HONEST_VALIDATOR);
    assertThat(run.check()).isInstanceOf(TaskCheck.Verified.class);
    for (int bit = 0; bit < run.commitment().length() * 8; bit++) {
      assertNotAccepted(
          run, Harness.flip(run.commitment(), bit), run.response(), "commitment " + bit);
    }
    for (int bit = 0; bit < run.response().length() * 8; bit += 3) {
      assertNotAccepted(
          run, run.commitment(), Harness.flip(run.response(), bit), "response " + bit);
    }
  }

  private static void assertNotAccepted(
      Harness.Run run, Bytes commitment, Bytes response, String what) {
    TaskCheck c =
        PROTOCOL.check(
            run.task(),
            run.provider().info(),
            commitment,
            run.challenge(),
            response,
            Harness.AS_OF);
    if (c instanceof TaskCheck.NeedsValidation needs) {
      Bytes work = needs.work();
      try {
        c =
            PROTOCOL.completeValidation(
                run.task(),
                run.provider().info(),
                commitment,
                run.challenge(),
                response,
                work,
                PROTOCOL.validate(run.task().job(), work));
      } catch (ProtocolException e) {
        return;
      }
    }
    assertThat(c).as(what).isInstanceOf(TaskCheck.Failed.class);
  }

  @Test
  void aResponseForOneTaskFailsForAnother() throws ProtocolException {
    JobSpec job = job(8, 4, 1, 1);
    Harness.Provider p = Harness.provider(8, HONEST);
    Harness.Run a = Harness.run(PROTOCOL, job, 0, p, 8, Harness.HONEST_VALIDATOR);
    Harness.Run b = Harness.run(PROTOCOL, job, 0, p, 9, Harness.HONEST_VALIDATOR);
    assertThat(
            PROTOCOL.check(
                b.task(), p.info(), b.commitment(), b.challenge(), a.response(), Harness.AS_OF))
        .isInstanceOf(TaskCheck.Failed.class);
    assertThat(
            PROTOCOL.check(
                b.task(), p.info(), a.commitment(), b.challenge(), a.response(), Harness.AS_OF))
        .isInstanceOf(TaskCheck.Failed.class);
  }

  @Test
  void validatorCanariesCatchALazyValidatorAndSpareTheProvider() throws ProtocolException {
    for (long seed = 1; seed <= 20; seed++) {
      JobSpec job = job(seed, 4, 1, 2);
      // Approves without computing: echoes the provider's claims.
      Harness.Validator echo =
          (protocol, j, work) -> {
            try {
              CborMap map = CborDecoder.decodeCanonicalMap(work);
              List<Bytes> claimed = new java.util.ArrayList<>();
              for (var v : map.getArray("items").items()) {
                claimed.add(((CborMap) v).getBytes("claimed"));
              }
              return CborMap.builder()
                  .put("task", map.getDigest("task"))
                  .put("outputs", SpotCheckProtocol.bytesArray(claimed))
                  .build()
                  .encode();
            } catch (dev.proofofcompute.crypto.DecodingException e) {
              throw new AssertionError(e);
            }
          };
      for (ProviderBehaviour b : List.of(HONEST, new ProviderBehaviour.Wrong(seed))) {
        TaskCheck c = Harness.run(PROTOCOL, job, 0, Harness.provider(seed, b), seed, echo).check();
        if (b instanceof ProviderBehaviour.Wrong && c instanceof TaskCheck.Failed) {
          continue; // caught by a provider canary before any validator was involved
        }
        assertThat(c)
            .as(b + ", " + Harness.seedNote(seed))
            .isInstanceOf(TaskCheck.Unresolved.class);
      }
    }
  }

  @Test
  void badParametersAndWorkloadsAreRefused() {
    assertThatThrownBy(() -> PROTOCOL.plan(job(1, N + 1, 0, 0)))
        .isInstanceOf(ProtocolException.class)
        .hasMessageContaining("distinct samples");
    assertThatThrownBy(() -> PROTOCOL.plan(job(1, 0, 0, 0)))
        .isInstanceOf(ProtocolException.class)
        .hasMessageContaining("samples + canaries");
    JobSpec heat =
        Harness.job(
            1,
            HeatSim.create(),
            HeatSimInput.random(1, 4, 3),
            "spot-check",
            SpotCheckProtocol.encodeParameters(1, 0, 0));
    assertThatThrownBy(() -> PROTOCOL.plan(heat))
        .isInstanceOf(ProtocolException.class)
        .hasMessageContaining("independent items");
  }
}
