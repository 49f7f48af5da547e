package dev.proofofcompute.protocol;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.proofofcompute.core.scheme.Verdict;
import dev.proofofcompute.crypto.Bytes;
import dev.proofofcompute.tee.Format;
import dev.proofofcompute.tee.TrustedRoots;
import dev.proofofcompute.tee.scheme.TeeVerifier;
import dev.proofofcompute.tee.testpki.TestOnlySevSnp;
import dev.proofofcompute.tee.testpki.TestOnlySnpAttester;
import dev.proofofcompute.workloads.matmul.MatMul;
import dev.proofofcompute.workloads.matmul.MatMulInput;
import java.time.Instant;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The tee protocol end to end with the TEST-ONLY SEV-SNP platform of poc-tee's tests (seed 11, the
 * one {@code TeeVerifierTest} uses): its root is pinned explicitly, never trusted by default.
 */
class TeeProtocolTest {
  static final Bytes MEASUREMENT = Bytes.fromHex("ab".repeat(48));
  static final ProviderBehaviour HONEST = new ProviderBehaviour.Honest();
  static TestOnlySevSnp platform;
  static TeeProtocol protocol;
  static TestOnlySnpAttester enclave;

  @BeforeAll
  static void platform() {
    platform = new TestOnlySevSnp(11);
    protocol =
        TeeProtocol.create(
            WorkloadCatalog.standard(),
            TeeVerifier.create(
                TrustedRoots.vendorDefaults().withSevSnp(Set.of(platform.arkFingerprint()))));
    enclave = new TestOnlySnpAttester(platform, MEASUREMENT);
  }

  static JobSpec job(long seed, Bytes measurement) {
    return Harness.job(
        seed,
        MatMul.create(),
        MatMulInput.random(seed, 3, 3, 3),
        "tee",
        TeeProtocol.encodeParameters(Format.SEV_SNP, List.of(measurement)));
  }

  static Harness.Run run(JobSpec job, ProviderBehaviour b, long seed) throws ProtocolException {
    return Harness.run(
        protocol, job, 0, Harness.provider(seed, b, enclave), seed, Harness.HONEST_VALIDATOR);
  }

  @Test
  void honestEnclaveResultsAreAccepted() throws ProtocolException {
    for (long seed = 1; seed <= 10; seed++) {
      JobSpec job = job(seed, MEASUREMENT);
      assertThat(protocol.plan(job).summary()).contains("sev-snp");
      assertThat(run(job, HONEST, seed).check())
          .as(Harness.seedNote(seed))
          .isInstanceOf(TaskCheck.Verified.class);
    }
  }

  @Test
  void aWrongOutputBesideTheEnclavesEvidenceIsABadAttestation() throws ProtocolException {
    for (long seed = 1; seed <= 10; seed++) {
      assertThat(run(job(seed, MEASUREMENT), new ProviderBehaviour.Wrong(seed), seed).check())
          .as(Harness.seedNote(seed))
          .isInstanceOfSatisfying(
              TaskCheck.Failed.class,
              f -> assertThat(f.verdict().reason()).isEqualTo(Verdict.Reason.BAD_ATTESTATION));
    }
  }

  @Test
  void lazyProvidersAreCaughtWheneverTheyFake() throws ProtocolException {
    int n = 60;
    double f = 0.5;
    int caught = 0;
    for (long seed = 1; seed <= n; seed++) {
      TaskCheck c = run(job(seed, MEASUREMENT), new ProviderBehaviour.Lazy(f, seed), seed).check();
      assertThat(c).isInstanceOfAny(TaskCheck.Failed.class, TaskCheck.Verified.class);
      caught += c instanceof TaskCheck.Failed ? 1 : 0;
    }
    double sd = Math.sqrt(n * f * (1 - f));
    assertThat((double) caught)
        .as("lazy f=" + f + " over seeds 1.." + n)
        .isBetween(n * f - 5 * sd, n * f + 5 * sd);
  }

  @Test
  void anotherMeasurementTheDefaultRootsOrAnotherTaskAreRejected() throws ProtocolException {
    Harness.Run ok = run(job(2, MEASUREMENT), HONEST, 2);
    assertThat(run(job(2, Bytes.fromHex("cd".repeat(48))), HONEST, 2).check())
        .isInstanceOf(TaskCheck.Failed.class);
    TeeProtocol production = TeeProtocol.create(WorkloadCatalog.standard());
    assertThat(
            production.check(
                ok.task(),
                ok.provider().info(),
                ok.commitment(),
                ok.challenge(),
                ok.response(),
                Harness.AS_OF))
        .isInstanceOf(TaskCheck.Failed.class);
    Harness.Run other = run(job(2, MEASUREMENT), HONEST, 3);
    assertThat(
            protocol.check(
                other.task(),
                ok.provider().info(),
                ok.commitment(),
                other.challenge(),
                ok.response(),
                Harness.AS_OF))
        .isInstanceOf(TaskCheck.Failed.class);
    Harness.Provider thief = Harness.provider(99, HONEST, enclave);
    assertThat(
            protocol.check(
                ok.task(),
                thief.info(),
                ok.commitment(),
                ok.challenge(),
                ok.response(),
                Harness.AS_OF))
        .isInstanceOf(TaskCheck.Failed.class);
    assertThat(
            protocol.check(
                ok.task(),
                ok.provider().info(),
                ok.commitment(),
                ok.challenge(),
                ok.response(),
                Instant.parse("2041-01-01T00:00:00Z")))
        .isInstanceOf(TaskCheck.Failed.class);
  }

  @Test
  void tamperedCommitmentsAndResponsesAreNeverAccepted() throws ProtocolException {
    Harness.Run ok = run(job(4, MEASUREMENT), HONEST, 4);
    for (int bit = 0; bit < ok.response().length() * 8; bit += 41) {
      assertThat(
              protocol.check(
                  ok.task(),
                  ok.provider().info(),
                  ok.commitment(),
                  ok.challenge(),
                  Harness.flip(ok.response(), bit),
                  Harness.AS_OF))
          .isInstanceOf(TaskCheck.Failed.class);
    }
    for (int bit = 0; bit < ok.commitment().length() * 8; bit++) {
      assertThat(
              protocol.check(
                  ok.task(),
                  ok.provider().info(),
                  Harness.flip(ok.commitment(), bit),
                  ok.challenge(),
                  ok.response(),
                  Harness.AS_OF))
          .isInstanceOf(TaskCheck.Failed.class);
    }
  }

  @Test
  void withoutAnAttesterTheProviderCannotRun() {
    JobSpec job = job(5, MEASUREMENT);
    assertThatThrownBy(() ->
            protocol.execute(
                new TaskSpec(Harness.id("t", 5), job, 0), Harness.provider(5, HONEST).context(5)))
        .isInstanceOf(ProtocolException.class)
        .hasMessageContaining("attester");
  }
}
