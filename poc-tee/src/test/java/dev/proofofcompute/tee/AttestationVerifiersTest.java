package dev.proofofcompute.tee;

import static org.assertj.core.api.Assertions.assertThat;

import dev.proofofcompute.crypto.DecodingException;
import dev.proofofcompute.crypto.Digest;
import dev.proofofcompute.tee.AttestationPolicy.SnpSigningKey;
import dev.proofofcompute.tee.AttestationVerdict.Reason;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.Test;

/**
 * Every Nitro and SEV-SNP verdict of shared/vectors/tee/MANIFEST.md (per-file rows and "Derived
 * negative cases"), run the way {@code poc attest verify} runs them: file bytes through {@link
 * AttestationVerifiers#decodeEvidence}, then {@link AttestationVerifiers#verify}. Collects every
 * wrong verdict and asserts there is none.
 */
class AttestationVerifiersTest {
  static final TrustedRoots VENDOR = TrustedRoots.vendorDefaults();
  static final AttestationPolicy DEFAULT = AttestationPolicy.defaults();
  static final AttestationPolicy VLEK_VMPL1 =
      AttestationPolicy.builder().allowSigningKey(SnpSigningKey.VLEK).allowVmpl(1).build();
  static final AttestationPolicy VLEK_VMPL0 =
      AttestationPolicy.builder().allowSigningKey(SnpSigningKey.VLEK).build();

  /** One MANIFEST verdict; {@code expected} null means accept. */
  record Case(
      String name,
      Format format,
      String evidence,
      List<String> certs,
      String asOf,
      AttestationPolicy policy,
      TrustedRoots roots,
      @Nullable Reason expected) {}

  static List<Case> cases() {
    Digest sgxRoot =
        dev.proofofcompute.tee.pki.Certificates.fingerprint(
            TeeVectors.certs("sgx/intel_sgx_root_ca.pem").get(0));
    TrustedRoots genoaOnly = VENDOR.withSevSnp(Set.of(TrustedRoots.AMD_ARK_GENOA));
    String nitro = "nitro/blocky_nitro_attestation.b64";
    String virtee = "sev-snp/virtee_report_milan.hex";
    String vlek = "sev-snp/trustee_test-vlek-report.bin";
    List<String> virteeChain =
        List.of("sev-snp/virtee_vcek_milan.der", "sev-snp/amd_ask_ark_milan.pem");
    List<String> vlekChain =
        List.of("sev-snp/trustee_test-vlek.der", "sev-snp/amd_ask_ark_milan_vlek.pem");
    return List.of(
        new Case(
            "nitro accept",
            Format.NITRO,
            nitro,
            List.of(),
            "2024-09-07T14:37:39.545Z",
            DEFAULT,
            VENDOR,
            null),
        new Case(
            "nitro expired",
            Format.NITRO,
            nitro,
            List.of(),
            "2024-09-07T17:37:40Z",
            DEFAULT,
            VENDOR,
            Reason.EXPIRED),
        new Case(
            "nitro wrong pin",
            Format.NITRO,
            nitro,
            List.of(),
            "2024-09-07T14:37:39.545Z",
            DEFAULT,
            VENDOR.withNitro(Set.of(sgxRoot)),
            Reason.CHAIN_NOT_TO_PINNED_ROOT),
        new Case(
            "nitro debug",
            Format.NITRO,
            "nitro/blocky_nitro_attestation_debug.b64",
            List.of(),
            "2024-09-07T14:38:06.508Z",
            DEFAULT,
            VENDOR,
            Reason.DEBUG_MODE),
        new Case(
            "nitro self-signed",
            Format.NITRO,
            "nitro/blocky_selfsigned_attestation.b64",
            List.of(),
            "2024-04-17T18:51:46Z",
            DEFAULT,
            VENDOR,
            Reason.CHAIN_NOT_TO_PINNED_ROOT),
        new Case(
            "gsg debug",
            Format.SEV_SNP,
            "sev-snp/gsg_attestation.bin",
            List.of("sev-snp/gsg_vcek.der", "sev-snp/amd_ask_ark_milan.pem"),
            "2022-09-24T01:00:00Z",
            DEFAULT,
            VENDOR,
            Reason.DEBUG_MODE),
        new Case(
            "virtee accept",
            Format.SEV_SNP,
            virtee,
            virteeChain,
            "2024-01-01T00:00:00Z",
            DEFAULT,
            VENDOR,
            null),
        new Case(
            "vlek accept",
            Format.SEV_SNP,
            vlek,
            vlekChain,
            "2025-02-19T00:00:00Z",
            VLEK_VMPL1,
            VENDOR,
            null),
        new Case(
            "vlek vmpl",
            Format.SEV_SNP,
            vlek,
            vlekChain,
            "2025-02-19T00:00:00Z",
            VLEK_VMPL0,
            VENDOR,
            Reason.VMPL_NOT_ALLOWED),
        new Case(
            "vlek expired",
            Format.SEV_SNP,
            vlek,
            vlekChain,
            "2025-12-10T22:14:22Z",
            VLEK_VMPL1,
            VENDOR,
            Reason.EXPIRED),
        new Case(
            "hcl accept",
            Format.SEV_SNP,
            "sev-snp/trustee_az-snp-vtpm_hcl-report.bin",
            List.of("sev-snp/trustee_az-snp-vtpm_vcek.pem"),
            "2024-01-01T00:00:00Z",
            DEFAULT,
            VENDOR,
            null),
        new Case(
            "derived: genoa root for milan vcek",
            Format.SEV_SNP,
            virtee,
            List.of("sev-snp/virtee_vcek_milan.der", "sev-snp/amd_ask_ark_genoa.pem"),
            "2024-01-01T00:00:00Z",
            DEFAULT,
            genoaOnly,
            Reason.CHAIN_NOT_TO_PINNED_ROOT),
        new Case(
            "derived: genoa fingerprint pinned",
            Format.SEV_SNP,
            virtee,
            virteeChain,
            "2024-01-01T00:00:00Z",
            DEFAULT,
            genoaOnly,
            Reason.CHAIN_NOT_TO_PINNED_ROOT),
        new Case(
            "derived: vlek with the ask",
            Format.SEV_SNP,
            vlek,
            List.of("sev-snp/trustee_test-vlek.der", "sev-snp/amd_ask_ark_milan.pem"),
            "2025-02-19T00:00:00Z",
            VLEK_VMPL1,
            VENDOR,
            Reason.CHAIN_NOT_TO_PINNED_ROOT),
        new Case(
            "derived: vlek expired",
            Format.SEV_SNP,
            vlek,
            vlekChain,
            "2026-11-27T00:00:00Z",
            VLEK_VMPL1,
            VENDOR,
            Reason.EXPIRED),
        new Case(
            "derived: wrong vcek",
            Format.SEV_SNP,
            "sev-snp/gsg_attestation.bin",
            virteeChain,
            "2024-01-01T00:00:00Z",
            DEFAULT,
            VENDOR,
            Reason.BAD_SIGNATURE));
  }

  @Test
  void everyManifestVerdictIsReproduced() throws DecodingException {
    List<String> wrong = new ArrayList<>();
    List<Case> cases = cases();
    for (Case c : cases) {
      byte[] evidence = AttestationVerifiers.decodeEvidence(TeeVectors.raw(c.evidence()));
      AttestationVerdict v =
          AttestationVerifiers.verify(
              c.format(),
              evidence,
              TeeVectors.certs(c.certs().toArray(new String[0])),
              Instant.parse(c.asOf()),
              c.policy(),
              c.roots());
      String got =
          switch (v) {
            case AttestationVerdict.Accepted a -> "accept";
            case AttestationVerdict.Rejected r -> r.reason() + " (" + r.detail() + ")";
          };
      boolean ok =
          c.expected() == null
              ? v instanceof AttestationVerdict.Accepted
              : v instanceof AttestationVerdict.Rejected r && r.reason() == c.expected();
      if (!ok) {
        wrong.add(
            c.name()
                + ": expected "
                + (c.expected() == null ? "accept" : c.expected())
                + ", got "
                + got);
      }
    }
    assertThat(cases).hasSize(16);
    assertThat(wrong).isEmpty();
  }

  @Test
  void certificateFilesParseAsPemOrDer() throws DecodingException {
    assertThat(
            AttestationVerifiers.parseCertificates(
                TeeVectors.raw("sev-snp/trustee_az-snp-vtpm_vcek.pem")))
        .hasSize(3);
    assertThat(AttestationVerifiers.parseCertificates(TeeVectors.raw("sev-snp/gsg_vcek.der")))
        .hasSize(1);
  }

  @Test
  void defaultVerifyTrustsTheVendorRoots() throws DecodingException {
    byte[] evidence =
        AttestationVerifiers.decodeEvidence(TeeVectors.raw("nitro/blocky_nitro_attestation.b64"));
    assertThat(
            AttestationVerifiers.verify(
                Format.NITRO,
                evidence,
                List.of(),
                Instant.parse("2024-09-07T14:37:39.545Z"),
                DEFAULT))
        .isInstanceOf(AttestationVerdict.Accepted.class);
  }
}
