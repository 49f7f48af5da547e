package dev.proofofcompute.tee.sevsnp;

import static dev.proofofcompute.tee.TeeVectors.at;
import static dev.proofofcompute.tee.TeeVectors.certs;
import static org.assertj.core.api.Assertions.assertThat;

import dev.proofofcompute.crypto.Bytes;
import dev.proofofcompute.tee.AttestationPolicy;
import dev.proofofcompute.tee.AttestationPolicy.SnpSigningKey;
import dev.proofofcompute.tee.AttestationVerdict;
import dev.proofofcompute.tee.AttestationVerdict.Accepted;
import dev.proofofcompute.tee.AttestationVerdict.Reason;
import dev.proofofcompute.tee.AttestationVerdict.Rejected;
import dev.proofofcompute.tee.Measured;
import dev.proofofcompute.tee.TeeVectors;
import dev.proofofcompute.tee.TrustedRoots;
import dev.proofofcompute.tee.testpki.TestOnlySevSnp;
import java.security.cert.X509Certificate;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import org.junit.jupiter.api.Test;

/**
 * SEV-SNP verdicts of shared/vectors/tee/MANIFEST.md, section "AMD SEV-SNP (sev-snp/)" and the
 * SEV-SNP rows of "Derived negative cases". Samples: google/go-sev-guest
 * (verify/testdata/attestation.bin, vcek.testcer), virtee/sev (tests/certs_data/report_milan.hex,
 * vcek_milan.der), confidential-containers/trustee (deps/verifier/test_data/snp/test-vlek-*,
 * az-snp-vtpm/hcl-report.bin, vcek.pem); commits in the MANIFEST.
 */
class SevSnpVerifierTest {
  static final SevSnpVerifier VERIFIER =
      SevSnpVerifier.create(TrustedRoots.vendorDefaults().sevSnp());
  static final AttestationPolicy DEFAULT = AttestationPolicy.defaults();
  static final AttestationPolicy VLEK_VMPL1 =
      AttestationPolicy.builder().allowSigningKey(SnpSigningKey.VLEK).allowVmpl(1).build();

  static final String MILAN = "sev-snp/amd_ask_ark_milan.pem";
  static final String MILAN_VLEK = "sev-snp/amd_ask_ark_milan_vlek.pem";
  static final String GENOA = "sev-snp/amd_ask_ark_genoa.pem";
  static final Instant VIRTEE_AS_OF = at("2024-01-01T00:00:00Z");
  static final Instant GSG_AS_OF = at("2022-09-24T01:00:00Z");
  static final Instant VLEK_AS_OF = at("2025-02-19T00:00:00Z");

  static Bytes virteeReport() {
    return TeeVectors.hex("sev-snp/virtee_report_milan.hex");
  }

  static List<X509Certificate> virteeCerts() {
    return certs("sev-snp/virtee_vcek_milan.der", MILAN);
  }

  static Bytes gsgReport() {
    return Bytes.of(TeeVectors.raw("sev-snp/gsg_attestation.bin"));
  }

  static Bytes vlekReport() {
    return Bytes.of(TeeVectors.raw("sev-snp/trustee_test-vlek-report.bin"));
  }

  static Bytes hclReport() {
    return Bytes.of(TeeVectors.raw("sev-snp/trustee_az-snp-vtpm_hcl-report.bin"));
  }

  static Measured accepted(AttestationVerdict v) {
    assertThat(v).isInstanceOf(Accepted.class);
    return ((Accepted) v).measured();
  }

  static void assertRejected(AttestationVerdict v, Reason reason) {
    assertThat(v).isInstanceOf(Rejected.class);
    assertThat(((Rejected) v).reason()).as(((Rejected) v).detail()).isEqualTo(reason);
  }

  @Test
  void virteeMilanReportIsAccepted() {
    Measured m = accepted(VERIFIER.verify(virteeReport(), virteeCerts(), VIRTEE_AS_OF, DEFAULT));
    assertThat(m.measurement().toHex())
        .isEqualTo(
            "7a1e5c266c0108dbc9bb94fa926951320940915d0aafb42464bd88b579ea158d"
                + "3e1a0dc39b2c60bd95b9c480cd81841f");
    assertThat(m.debug()).isFalse();
    assertThat(m.attributes())
        .containsEntry("version", "2")
        .containsEntry("vmpl", "0")
        .containsEntry("policy", "0x30000")
        .containsEntry("signing_key", "VCEK")
        .containsEntry("reported_tcb", "bl=3 tee=0 snp=8 ucode=115");
    assertThat(m.attributes().get("ark")).contains(TrustedRoots.AMD_ARK_MILAN.toHex());
  }

  @Test
  void aCertificateGivenTwiceCountsOnce() {
    List<X509Certificate> twice = new ArrayList<>(virteeCerts());
    twice.addAll(certs("sev-snp/virtee_vcek_milan.der"));
    assertThat(VERIFIER.verify(virteeReport(), twice, VIRTEE_AS_OF, DEFAULT))
        .isInstanceOf(Accepted.class);
  }

  @Test
  void virteeReportBeforeTheVcekIsValidIsRejectedAsExpired() {
    assertRejected(
        VERIFIER.verify(virteeReport(), virteeCerts(), at("2023-04-03T19:23:42Z"), DEFAULT),
        Reason.EXPIRED);
  }

  @Test
  void gsgReportIsRejectedForDebugButPassesEveryOtherCheck() {
    List<X509Certificate> chain = certs("sev-snp/gsg_vcek.der", MILAN);
    assertRejected(VERIFIER.verify(gsgReport(), chain, GSG_AS_OF, DEFAULT), Reason.DEBUG_MODE);

    AttestationPolicy allowDebug = AttestationPolicy.builder().allowDebug(true).build();
    Measured m = accepted(VERIFIER.verify(gsgReport(), chain, GSG_AS_OF, allowDebug));
    assertThat(m.debug()).isTrue();
    assertThat(m.attributes())
        .containsEntry("policy", "0xb0000")
        .containsEntry("reported_tcb", "bl=2 tee=0 snp=5 ucode=68");
    assertThat(m.measurement().toHex()).startsWith("b07af962").endsWith("e4872b01");
    assertThat(m.reportData().toHex()).isEqualTo("0102030405" + "00".repeat(59));
  }

  @Test
  void vlekReportIsAcceptedWhenVlekAndVmpl1AreAllowed() {
    Measured m =
        accepted(
            VERIFIER.verify(
                vlekReport(),
                certs("sev-snp/trustee_test-vlek.der", MILAN_VLEK),
                VLEK_AS_OF,
                VLEK_VMPL1));
    assertThat(m.measurement().toHex()).startsWith("8922ebbd").endsWith("570d7bf0");
    assertThat(m.attributes())
        .containsEntry("version", "3")
        .containsEntry("vmpl", "1")
        .containsEntry("signing_key", "VLEK")
        .containsEntry("reported_tcb", "bl=4 tee=0 snp=24 ucode=217");
  }

  @Test
  void vlekReportIsRejectedUnderAVmpl0OnlyPolicy() {
    AttestationPolicy vlekVmpl0 =
        AttestationPolicy.builder().allowSigningKey(SnpSigningKey.VLEK).build();
    assertRejected(
        VERIFIER.verify(
            vlekReport(),
            certs("sev-snp/trustee_test-vlek.der", MILAN_VLEK),
            VLEK_AS_OF,
            vlekVmpl0),
        Reason.VMPL_NOT_ALLOWED);
  }

  @Test
  void vlekReportIsRejectedWhenOnlyVcekSigningIsAllowed() {
    AttestationPolicy vcekVmpl1 = AttestationPolicy.builder().allowVmpl(1).build();
    assertRejected(
        VERIFIER.verify(
            vlekReport(),
            certs("sev-snp/trustee_test-vlek.der", MILAN_VLEK),
            VLEK_AS_OF,
            vcekVmpl1),
        Reason.SIGNING_KEY_NOT_ALLOWED);
  }

  @Test
  void vlekReportIsRejectedOnceTheVlekHasExpired() {
    List<X509Certificate> chain = certs("sev-snp/trustee_test-vlek.der", MILAN_VLEK);
    assertThat(VERIFIER.verify(vlekReport(), chain, at("2025-12-10T22:14:21Z"), VLEK_VMPL1))
        .isInstanceOf(Accepted.class);
    assertRejected(
        VERIFIER.verify(vlekReport(), chain, at("2025-12-10T22:14:22Z"), VLEK_VMPL1),
        Reason.EXPIRED);
    // MANIFEST derived case "SEV-SNP, VLEK expired".
    assertRejected(
        VERIFIER.verify(vlekReport(), chain, at("2026-11-27T00:00:00Z"), VLEK_VMPL1),
        Reason.EXPIRED);
  }

  @Test
  void azureHclReportIsAcceptedAndItsRuntimeDataIsBound() {
    Measured m =
        accepted(
            VERIFIER.verify(
                hclReport(), certs("sev-snp/trustee_az-snp-vtpm_vcek.pem"), VIRTEE_AS_OF, DEFAULT));
    assertThat(m.debug()).isFalse();
    assertThat(m.attributes())
        .containsEntry("policy", "0x3001f")
        .containsEntry("reported_tcb", "bl=3 tee=0 snp=8 ucode=115");
    Bytes runtime = Objects.requireNonNull(m.values().get("hcl_runtime_data"));
    assertThat(runtime).isNotNull();
    assertThat(new String(runtime.toByteArray(), java.nio.charset.StandardCharsets.UTF_8))
        .startsWith("{\"keys\":[{\"kid\":\"HCLAkPub\"");
  }

  @Test
  void azureHclReportWithChangedRuntimeDataIsABindingMismatch() {
    byte[] b = hclReport().toByteArray();
    b[0x20 + SnpReport.LENGTH + 20 + 10] ^= 0x01; // inside the runtime JSON, outside the report
    assertRejected(
        VERIFIER.verify(
            Bytes.of(b), certs("sev-snp/trustee_az-snp-vtpm_vcek.pem"), VIRTEE_AS_OF, DEFAULT),
        Reason.BINDING_MISMATCH);
  }

  @Test
  void genoaArkForAMilanVcekDoesNotChain() {
    SevSnpVerifier genoaOnly = SevSnpVerifier.create(Set.of(TrustedRoots.AMD_ARK_GENOA));
    assertRejected(
        genoaOnly.verify(
            virteeReport(), certs("sev-snp/virtee_vcek_milan.der", GENOA), VIRTEE_AS_OF, DEFAULT),
        Reason.CHAIN_NOT_TO_PINNED_ROOT);
  }

  @Test
  void milanChainWithTheGenoaFingerprintPinnedIsRejected() {
    SevSnpVerifier genoaOnly = SevSnpVerifier.create(Set.of(TrustedRoots.AMD_ARK_GENOA));
    assertRejected(
        genoaOnly.verify(virteeReport(), virteeCerts(), VIRTEE_AS_OF, DEFAULT),
        Reason.CHAIN_NOT_TO_PINNED_ROOT);
  }

  @Test
  void vlekWithTheVcekIntermediateIsRejected() {
    assertRejected(
        VERIFIER.verify(
            vlekReport(), certs("sev-snp/trustee_test-vlek.der", MILAN), VLEK_AS_OF, VLEK_VMPL1),
        Reason.CHAIN_NOT_TO_PINNED_ROOT);
  }

  @Test
  void gsgReportWithTheVirteeVcekHasABadSignature() {
    assertRejected(
        VERIFIER.verify(gsgReport(), virteeCerts(), VIRTEE_AS_OF, DEFAULT), Reason.BAD_SIGNATURE);
  }

  @Test
  void missingArkOrAskIsAChainFailure() {
    List<X509Certificate> milan = certs(MILAN);
    X509Certificate vcek = certs("sev-snp/virtee_vcek_milan.der").get(0);
    assertRejected(
        VERIFIER.verify(virteeReport(), List.of(vcek, milan.get(0)), VIRTEE_AS_OF, DEFAULT),
        Reason.CHAIN_NOT_TO_PINNED_ROOT);
    assertRejected(
        VERIFIER.verify(virteeReport(), List.of(vcek, milan.get(1)), VIRTEE_AS_OF, DEFAULT),
        Reason.CHAIN_NOT_TO_PINNED_ROOT);
    assertRejected(
        VERIFIER.verify(virteeReport(), milan, VIRTEE_AS_OF, DEFAULT),
        Reason.CHAIN_NOT_TO_PINNED_ROOT);
  }

  @Test
  void measurementAllowListAndReportDataBinding() {
    Bytes measurement =
        accepted(VERIFIER.verify(virteeReport(), virteeCerts(), VIRTEE_AS_OF, DEFAULT))
            .measurement();
    byte[] other = measurement.toByteArray();
    other[0] ^= 1;
    AttestationPolicy allowed = AttestationPolicy.builder().allowMeasurement(measurement).build();
    AttestationPolicy notAllowed =
        AttestationPolicy.builder().allowMeasurement(Bytes.of(other)).build();
    assertThat(VERIFIER.verify(virteeReport(), virteeCerts(), VIRTEE_AS_OF, allowed))
        .isInstanceOf(Accepted.class);
    assertRejected(
        VERIFIER.verify(virteeReport(), virteeCerts(), VIRTEE_AS_OF, notAllowed),
        Reason.MEASUREMENT_NOT_ALLOWED);

    List<X509Certificate> gsgChain = certs("sev-snp/gsg_vcek.der", MILAN);
    AttestationPolicy bound =
        AttestationPolicy.builder()
            .allowDebug(true)
            .expectReportData(Bytes.fromHex("0102030405"))
            .build();
    AttestationPolicy wrong =
        AttestationPolicy.builder()
            .allowDebug(true)
            .expectReportData(Bytes.fromHex("0102030406"))
            .build();
    assertThat(VERIFIER.verify(gsgReport(), gsgChain, GSG_AS_OF, bound))
        .isInstanceOf(Accepted.class);
    assertRejected(
        VERIFIER.verify(gsgReport(), gsgChain, GSG_AS_OF, wrong), Reason.BINDING_MISMATCH);
  }

  @Test
  void malformedInputIsRejectedAsMalformed() {
    byte[] report = virteeReport().toByteArray();
    assertRejected(
        VERIFIER.verify(Bytes.of(report, 0, 1183), virteeCerts(), VIRTEE_AS_OF, DEFAULT),
        Reason.MALFORMED);
    assertRejected(
        VERIFIER.verify(Bytes.EMPTY, virteeCerts(), VIRTEE_AS_OF, DEFAULT), Reason.MALFORMED);
    byte[] v4 = report.clone();
    v4[0] = 4;
    assertRejected(
        VERIFIER.verify(Bytes.of(v4), virteeCerts(), VIRTEE_AS_OF, DEFAULT), Reason.MALFORMED);
  }

  // --- Test-only platform (dev.proofofcompute.tee.testpki, seeds in the test names) ---

  static final Bytes MEASUREMENT = Bytes.of(new byte[48]);
  static final Bytes REPORT_DATA = Bytes.of(new byte[64]);

  @Test
  void testOnlyPlatformSeed7IsTrustedOnlyWhenItsArkIsPinned() {
    TestOnlySevSnp platform = new TestOnlySevSnp(7);
    Bytes report = platform.report(REPORT_DATA, MEASUREMENT, 0x30000, 0);
    assertRejected(
        VERIFIER.verify(report, platform.chain(), VIRTEE_AS_OF, DEFAULT),
        Reason.CHAIN_NOT_TO_PINNED_ROOT);
    SevSnpVerifier pinned = SevSnpVerifier.create(Set.of(platform.arkFingerprint()));
    assertThat(pinned.verify(report, platform.chain(), VIRTEE_AS_OF, DEFAULT))
        .isInstanceOf(Accepted.class);
  }

  @Test
  void testOnlyVcekSeed8IssuedForAnotherTcbIsATcbMismatch() {
    byte[] olderMicrocode = TestOnlySevSnp.tcb();
    olderMicrocode[7] = 114;
    TestOnlySevSnp platform = new TestOnlySevSnp(8, olderMicrocode, null);
    Bytes report = platform.report(REPORT_DATA, MEASUREMENT, 0x30000, 0);
    SevSnpVerifier pinned = SevSnpVerifier.create(Set.of(platform.arkFingerprint()));
    assertRejected(
        pinned.verify(report, platform.chain(), VIRTEE_AS_OF, DEFAULT), Reason.TCB_STATUS);
  }

  @Test
  void testOnlyVcekSeed9OfAnotherChipIsAKeyMismatch() {
    byte[] otherChip = new byte[64];
    otherChip[0] = 1;
    TestOnlySevSnp platform = new TestOnlySevSnp(9, TestOnlySevSnp.tcb(), otherChip);
    Bytes report = platform.report(REPORT_DATA, MEASUREMENT, 0x30000, 0);
    SevSnpVerifier pinned = SevSnpVerifier.create(Set.of(platform.arkFingerprint()));
    assertRejected(
        pinned.verify(report, platform.chain(), VIRTEE_AS_OF, DEFAULT), Reason.KEY_MISMATCH);
  }

  /**
   * MANIFEST "How to use": each of bytes 0x000–0x32F of every accepted report, XORed with 0x01 and
   * with 0x80, is rejected (816 bytes x 2 masks per report).
   */
  @Test
  void everySingleByteFlipOfTheSignedRegionIsRejected() {
    sweep("virtee", virteeReport(), 0, virteeCerts(), VIRTEE_AS_OF, DEFAULT);
    sweep(
        "trustee VLEK",
        vlekReport(),
        0,
        certs("sev-snp/trustee_test-vlek.der", MILAN_VLEK),
        VLEK_AS_OF,
        VLEK_VMPL1);
    sweep(
        "trustee Azure HCL",
        hclReport(),
        0x20,
        certs("sev-snp/trustee_az-snp-vtpm_vcek.pem"),
        VIRTEE_AS_OF,
        DEFAULT);
  }

  private static void sweep(
      String name,
      Bytes evidence,
      int reportOffset,
      List<X509Certificate> chain,
      Instant asOf,
      AttestationPolicy policy) {
    assertThat(VERIFIER.verify(evidence, chain, asOf, policy))
        .as(name)
        .isInstanceOf(Accepted.class);
    byte[] original = evidence.toByteArray();
    List<String> accepted = new ArrayList<>();
    int tried = 0;
    for (int i = 0; i < 0x330; i++) {
      for (int mask : new int[] {0x01, 0x80}) {
        byte[] mutated = original.clone();
        mutated[reportOffset + i] ^= (byte) mask;
        tried++;
        if (VERIFIER.verify(Bytes.of(mutated), chain, asOf, policy) instanceof Accepted) {
          accepted.add(String.format("0x%03x^0x%02x", i, mask));
        }
      }
    }
    assertThat(tried).isEqualTo(1632);
    assertThat(accepted).as(name + ": accepted mutations").isEmpty();
  }
}
