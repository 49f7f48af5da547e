package dev.proofofcompute.tee.scheme;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.proofofcompute.core.scheme.Verdict;
import dev.proofofcompute.crypto.Bytes;
import dev.proofofcompute.crypto.Digest;
import dev.proofofcompute.tee.AttestationPolicy;
import dev.proofofcompute.tee.Format;
import dev.proofofcompute.tee.TrustedRoots;
import dev.proofofcompute.tee.testpki.TestOnlyNitro;
import dev.proofofcompute.tee.testpki.TestOnlySevSnp;
import dev.proofofcompute.tee.testpki.TestOnlySnpAttester;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The binding path of the tee scheme, end to end: a TEST-ONLY SEV-SNP platform (seed 11) signs a
 * report binding (task, result, provider); the worker's replaying attester hands it over; the
 * validator accepts it only for that triple and only when the test root is pinned explicitly.
 */
class TeeVerifierTest {
  static final Instant AS_OF = Instant.parse("2025-01-01T00:00:00Z");
  static final Bytes MEASUREMENT = Bytes.fromHex("ab".repeat(48));
  static final Bytes TASK = Bytes.fromHex("7461736b2d3432");
  static final Digest RESULT = Digest.sha256(Bytes.fromHex("c0ffee"));
  static final Bytes PROVIDER = Bytes.fromHex("11".repeat(32));
  static final TeeParameters PARAMETERS =
      new TeeParameters(
          Format.SEV_SNP, AttestationPolicy.builder().allowMeasurement(MEASUREMENT).build());

  static TestOnlySevSnp platform;
  static ReplayingAttester worker;
  static TeeVerifier pinnedToTestRoot;

  @BeforeAll
  static void recordOneAttestation() throws AttestationUnavailableException {
    platform = new TestOnlySevSnp(11);
    Digest binding = TeeBinding.of(TASK, RESULT, PROVIDER);
    Attestation recorded = new TestOnlySnpAttester(platform, MEASUREMENT).attest(binding);
    worker = ReplayingAttester.of(Format.SEV_SNP, Map.of(binding, recorded));
    pinnedToTestRoot =
        TeeVerifier.create(
            TrustedRoots.vendorDefaults().withSevSnp(Set.of(platform.arkFingerprint())));
  }

  static Attestation attestation() throws AttestationUnavailableException {
    return worker.attest(TeeBinding.of(TASK, RESULT, PROVIDER));
  }

  @Test
  void attestationBindingTheTripleIsAccepted() throws AttestationUnavailableException {
    Verdict v = pinnedToTestRoot.verify(PARAMETERS, TASK, RESULT, PROVIDER, attestation(), AS_OF);
    assertThat(v).isInstanceOf(Verdict.Accepted.class);
    assertThat(v.detail()).contains(MEASUREMENT.toHex());
  }

  @Test
  void testRootIsNotTrustedByDefault() throws AttestationUnavailableException {
    Verdict v =
        TeeVerifier.create().verify(PARAMETERS, TASK, RESULT, PROVIDER, attestation(), AS_OF);
    assertRejected(v, Verdict.Reason.BAD_ATTESTATION, "CHAIN_NOT_TO_PINNED_ROOT");
  }

  @Test
  void anotherTaskResultOrProviderIsABindingMismatch() throws AttestationUnavailableException {
    Attestation a = attestation();
    Bytes otherTask = Bytes.fromHex("7461736b2d3433");
    Digest otherResult = Digest.sha256(Bytes.fromHex("c0ffef"));
    Bytes otherProvider = Bytes.fromHex("12" + "11".repeat(31));
    for (Verdict v :
        List.of(
            pinnedToTestRoot.verify(PARAMETERS, otherTask, RESULT, PROVIDER, a, AS_OF),
            pinnedToTestRoot.verify(PARAMETERS, TASK, otherResult, PROVIDER, a, AS_OF),
            pinnedToTestRoot.verify(PARAMETERS, TASK, RESULT, otherProvider, a, AS_OF))) {
      assertRejected(v, Verdict.Reason.BAD_ATTESTATION, "BINDING_MISMATCH");
    }
  }

  @Test
  void measurementOutsideTheJobPolicyIsRejected() throws AttestationUnavailableException {
    TeeParameters otherImage =
        new TeeParameters(
            Format.SEV_SNP,
            AttestationPolicy.builder().allowMeasurement(Bytes.fromHex("cd".repeat(48))).build());
    assertRejected(
        pinnedToTestRoot.verify(otherImage, TASK, RESULT, PROVIDER, attestation(), AS_OF),
        Verdict.Reason.BAD_ATTESTATION,
        "MEASUREMENT_NOT_ALLOWED");
  }

  @Test
  void evidenceOfAnotherFormatOrWithBadCertificatesIsMalformed()
      throws AttestationUnavailableException {
    Attestation a = attestation();
    TeeParameters nitro = new TeeParameters(Format.NITRO, PARAMETERS.policy());
    assertRejected(
        pinnedToTestRoot.verify(nitro, TASK, RESULT, PROVIDER, a, AS_OF),
        Verdict.Reason.MALFORMED_EVIDENCE,
        "requires");
    Attestation badCert =
        new Attestation(Format.SEV_SNP, a.evidence(), List.of(Bytes.fromHex("3000")));
    assertRejected(
        pinnedToTestRoot.verify(PARAMETERS, TASK, RESULT, PROVIDER, badCert, AS_OF),
        Verdict.Reason.MALFORMED_EVIDENCE,
        "certificate");
  }

  @Test
  void replayingAttesterHasNothingForAnotherBinding() {
    assertThatThrownBy(() -> worker.attest(TeeBinding.of(TASK, RESULT, Bytes.EMPTY)))
        .isInstanceOf(AttestationUnavailableException.class)
        .hasMessageContaining("no recorded evidence");
    assertThatThrownBy(() ->
            ReplayingAttester.of(
                Format.NITRO,
                Map.of(
                    TeeBinding.of(TASK, RESULT, PROVIDER),
                    new Attestation(Format.SEV_SNP, Bytes.EMPTY, List.of()))))
        .isInstanceOf(IllegalArgumentException.class);
  }

  /** The same path with a TEST-ONLY Nitro hypervisor (seed 12): user_data carries the binding. */
  @Test
  void nitroAttestationBindingTheTripleIsAcceptedOnlyForThatTriple()
      throws AttestationUnavailableException {
    TestOnlyNitro hypervisor = new TestOnlyNitro(12, MEASUREMENT);
    Digest binding = TeeBinding.of(TASK, RESULT, PROVIDER);
    ReplayingAttester nitroWorker =
        ReplayingAttester.of(Format.NITRO, Map.of(binding, hypervisor.attest(binding)));
    Attestation a = nitroWorker.attest(binding);
    TeeParameters nitro = new TeeParameters(Format.NITRO, PARAMETERS.policy());
    TeeVerifier pinned =
        TeeVerifier.create(
            TrustedRoots.vendorDefaults().withNitro(Set.of(hypervisor.rootFingerprint())));
    assertThat(pinned.verify(nitro, TASK, RESULT, PROVIDER, a, AS_OF))
        .isInstanceOf(Verdict.Accepted.class);
    assertRejected(
        TeeVerifier.create().verify(nitro, TASK, RESULT, PROVIDER, a, AS_OF),
        Verdict.Reason.BAD_ATTESTATION,
        "CHAIN_NOT_TO_PINNED_ROOT");
    assertRejected(
        pinned.verify(nitro, TASK, Digest.sha256(Bytes.EMPTY), PROVIDER, a, AS_OF),
        Verdict.Reason.BAD_ATTESTATION,
        "BINDING_MISMATCH");
  }

  private static void assertRejected(Verdict v, Verdict.Reason reason, String detail) {
    assertThat(v).isInstanceOf(Verdict.Rejected.class);
    assertThat(((Verdict.Rejected) v).reason()).as(v.detail()).isEqualTo(reason);
    assertThat(v.detail()).contains(detail);
  }
}
