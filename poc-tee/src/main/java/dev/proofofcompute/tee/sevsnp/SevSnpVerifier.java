package dev.proofofcompute.tee.sevsnp;

import dev.proofofcompute.crypto.Bytes;
import dev.proofofcompute.crypto.DecodingException;
import dev.proofofcompute.crypto.Digest;
import dev.proofofcompute.tee.AttestationException;
import dev.proofofcompute.tee.AttestationPolicy;
import dev.proofofcompute.tee.AttestationPolicy.SnpSigningKey;
import dev.proofofcompute.tee.AttestationVerdict;
import dev.proofofcompute.tee.AttestationVerdict.Reason;
import dev.proofofcompute.tee.AttestationVerifier;
import dev.proofofcompute.tee.Format;
import dev.proofofcompute.tee.Measured;
import dev.proofofcompute.tee.pki.Certificates;
import dev.proofofcompute.tee.pki.ChainValidator;
import dev.proofofcompute.tee.pki.DerValues;
import dev.proofofcompute.tee.pki.Signatures;
import java.math.BigInteger;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.cert.X509Certificate;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import javax.naming.InvalidNameException;
import javax.naming.ldap.LdapName;
import javax.naming.ldap.Rdn;
import org.jspecify.annotations.Nullable;

/**
 * Verifies AMD SEV-SNP attestation reports offline.
 *
 * <p>Checks, in order (SEV-SNP ABI specification, AMD publication 56860, §7.3 and Table 23; VCEK
 * certificate and KDS interface specification, AMD publication 57230, §3):
 *
 * <ol>
 *   <li>layout: a 1184-byte report (version 2 or 3), bare or in an Azure HCL report; SIGNATURE_ALGO
 *       1; SIGNING_KEY 0 (VCEK) or 1 (VLEK);
 *   <li>signature: ECDSA P-384/SHA-384 over bytes 0x000–0x29F by the one end-entity certificate
 *       given, R and S little-endian with zero upper 24 bytes;
 *   <li>chain: that certificate ← an ASK (VCEK) or ASVK (VLEK) ← an ARK pinned by DER SHA-256,
 *       self-signed, RSASSA-PSS/SHA-384, every certificate valid at the as-of time (PKIX; no CRL);
 *   <li>key: the certificate is a {@code SEV-VCEK} or {@code SEV-VLEK} as the report says; its SPL
 *       extensions (1.3.6.1.4.1.3704.1.3.x) equal reported_tcb; a VCEK's hwID (…3704.1.4) equals
 *       chip_id;
 *   <li>HCL: SHA-2(runtime data) is the start of report_data, the rest zero;
 *   <li>policy: guest policy bit 19 (DEBUG), VMPL, signing key type, measurement, report_data.
 * </ol>
 */
public final class SevSnpVerifier implements AttestationVerifier {
  static final String OID_BL_SPL = "1.3.6.1.4.1.3704.1.3.1";
  static final String OID_TEE_SPL = "1.3.6.1.4.1.3704.1.3.2";
  static final String OID_SNP_SPL = "1.3.6.1.4.1.3704.1.3.3";
  static final String OID_UCODE_SPL = "1.3.6.1.4.1.3704.1.3.8";
  static final String OID_FMC_SPL = "1.3.6.1.4.1.3704.1.3.9";
  static final String OID_HWID = "1.3.6.1.4.1.3704.1.4";
  static final String OID_PRODUCT_NAME = "1.3.6.1.4.1.3704.1.2";
  static final int MAX_EXTRA_CERTS = 16;

  private final Set<Digest> pinnedArks;

  private SevSnpVerifier(Set<Digest> pinnedArks) {
    this.pinnedArks = Set.copyOf(pinnedArks);
  }

  /**
   * A verifier trusting the ARKs whose DER SHA-256 is in {@code pinnedArks}.
   *
   * @throws IllegalArgumentException when {@code pinnedArks} is empty
   */
  public static SevSnpVerifier create(Set<Digest> pinnedArks) {
    if (pinnedArks.isEmpty()) {
      throw new IllegalArgumentException("at least one ARK must be pinned");
    }
    return new SevSnpVerifier(pinnedArks);
  }

  @Override
  public Format format() {
    return Format.SEV_SNP;
  }

  @Override
  public AttestationVerdict verify(
      Bytes evidence, List<X509Certificate> extraCerts, Instant asOf, AttestationPolicy policy) {
    try {
      return new AttestationVerdict.Accepted(check(evidence, extraCerts, asOf, policy));
    } catch (AttestationException e) {
      return e.toVerdict();
    } catch (RuntimeException e) {
      return new AttestationVerdict.Rejected(
          Reason.MALFORMED, "unexpected error while verifying: " + e);
    }
  }

  private Measured check(
      Bytes evidence, List<X509Certificate> extraCerts, Instant asOf, AttestationPolicy policy)
      throws AttestationException {
    @Nullable AzureHclReport hcl = null;
    SnpReport report;
    try {
      Bytes reportBytes = evidence;
      if (AzureHclReport.looksLikeHcl(evidence)) {
        hcl = AzureHclReport.parse(evidence);
        reportBytes = hcl.report();
      }
      report = SnpReport.parse(reportBytes);
    } catch (DecodingException e) {
      throw new AttestationException(Reason.MALFORMED, String.valueOf(e.getMessage()), e);
    }
    if (report.signatureAlgorithm() != SnpReport.SIGNATURE_ALGO_ECDSA_P384_SHA384) {
      throw new AttestationException(
          Reason.MALFORMED, "unsupported SIGNATURE_ALGO " + report.signatureAlgorithm());
    }
    SnpSigningKey keyType =
        switch (report.signingKey()) {
          case 0 -> SnpSigningKey.VCEK;
          case 1 -> SnpSigningKey.VLEK;
          default ->
              throw new AttestationException(
                  Reason.BAD_SIGNATURE,
                  "report is not signed by a VCEK or VLEK (SIGNING_KEY "
                      + report.signingKey()
                      + ")");
        };
    if (extraCerts.size() > MAX_EXTRA_CERTS) {
      throw new AttestationException(
          Reason.MALFORMED, "more than " + MAX_EXTRA_CERTS + " certificates given");
    }
    // The same certificate may come from two files (a VCEK alone and in a bundle).
    List<X509Certificate> certs = List.copyOf(new LinkedHashSet<>(extraCerts));

    X509Certificate leaf = signingCertificate(certs);
    byte[] signature;
    try {
      signature = report.signatureP1363();
    } catch (DecodingException e) {
      throw new AttestationException(Reason.BAD_SIGNATURE, String.valueOf(e.getMessage()), e);
    }
    Signatures.requireP384(
        leaf.getPublicKey(), report.signedPart().toByteArray(), signature, "SEV-SNP report");

    X509Certificate ark = validateChain(leaf, certs, asOf);
    checkKeyMatchesReport(leaf, keyType, report);
    if (hcl != null) {
      checkHclBinding(hcl, report);
    }
    checkPolicy(report, keyType, policy);
    return measured(report, keyType, leaf, ark, hcl);
  }

  /** The one end-entity (not CA) certificate given: the VCEK or VLEK. */
  private static X509Certificate signingCertificate(List<X509Certificate> certs)
      throws AttestationException {
    List<X509Certificate> leaves = new ArrayList<>();
    for (X509Certificate c : certs) {
      if (c.getBasicConstraints() < 0) {
        leaves.add(c);
      }
    }
    if (leaves.isEmpty()) {
      throw new AttestationException(
          Reason.CHAIN_NOT_TO_PINNED_ROOT,
          "no VCEK or VLEK (an end-entity certificate) among the " + certs.size() + " given");
    }
    if (leaves.size() > 1) {
      throw new AttestationException(
          Reason.MALFORMED, "several end-entity certificates given; give exactly one VCEK or VLEK");
    }
    return leaves.get(0);
  }

  /** Returns the pinned ARK the chain validated to. */
  private X509Certificate validateChain(
      X509Certificate leaf, List<X509Certificate> certs, Instant asOf) throws AttestationException {
    List<X509Certificate> arks = new ArrayList<>();
    List<X509Certificate> intermediates = new ArrayList<>();
    for (X509Certificate c : certs) {
      if (c.equals(leaf)) {
        continue;
      }
      if (pinnedArks.contains(Certificates.fingerprint(c))) {
        arks.add(c);
      } else if (!c.getSubjectX500Principal().equals(c.getIssuerX500Principal())) {
        intermediates.add(c);
      }
    }
    if (arks.isEmpty()) {
      throw new AttestationException(
          Reason.CHAIN_NOT_TO_PINNED_ROOT,
          "none of the given certificates is a pinned AMD ARK (by DER SHA-256)");
    }
    if (intermediates.isEmpty()) {
      throw new AttestationException(
          Reason.CHAIN_NOT_TO_PINNED_ROOT, "no ASK or ASVK certificate given");
    }
    @Nullable AttestationException best = null;
    for (X509Certificate ark : arks) {
      for (X509Certificate intermediate : intermediates) {
        try {
          ChainValidator.validate(leaf, List.of(intermediate), ark, pinnedArks, asOf);
          return ark;
        } catch (AttestationException e) {
          boolean namesChain =
              intermediate.getSubjectX500Principal().equals(leaf.getIssuerX500Principal())
                  && ark.getSubjectX500Principal().equals(intermediate.getIssuerX500Principal());
          if (best == null || namesChain) {
            best = e;
          }
        }
      }
    }
    throw Objects.requireNonNull(best);
  }

  private static void checkKeyMatchesReport(
      X509Certificate leaf, SnpSigningKey keyType, SnpReport report) throws AttestationException {
    String expectedCn = keyType == SnpSigningKey.VCEK ? "SEV-VCEK" : "SEV-VLEK";
    String cn = commonName(leaf);
    if (!expectedCn.equals(cn)) {
      throw new AttestationException(
          Reason.KEY_MISMATCH,
          "report says it is signed by a " + keyType + " but the certificate is CN=" + cn);
    }
    TcbVersion reported = report.reportedTcbVersion();
    try {
      checkSpl(leaf, OID_BL_SPL, "boot loader", reported.bootLoader());
      checkSpl(leaf, OID_TEE_SPL, "TEE", reported.tee());
      checkSpl(leaf, OID_SNP_SPL, "SNP", reported.snp());
      checkSpl(leaf, OID_UCODE_SPL, "microcode", reported.microcode());
      if (report.tcbLayout() == TcbVersion.Layout.TURIN) {
        checkSpl(leaf, OID_FMC_SPL, "FMC", reported.fmc());
      }
      if (keyType == SnpSigningKey.VCEK) {
        Bytes hwId =
            DerValues.extension(leaf, OID_HWID)
                .orElseThrow(() ->
                    new AttestationException(Reason.KEY_MISMATCH, "VCEK has no hwID extension"));
        if (hwId.length() == 2 + report.chipId().length() && hwId.get(0) == 0x04) {
          hwId = DerValues.octetString(hwId);
        }
        if (!hwId.equals(report.chipId())) {
          throw new AttestationException(
              Reason.KEY_MISMATCH, "VCEK hwID is not the report's CHIP_ID: a VCEK of another chip");
        }
      }
    } catch (DecodingException e) {
      throw new AttestationException(
          Reason.MALFORMED, "bad AMD extension in the signing certificate: " + e.getMessage(), e);
    }
  }

  private static void checkSpl(X509Certificate leaf, String oid, String name, int reported)
      throws AttestationException, DecodingException {
    Optional<Bytes> ext = DerValues.extension(leaf, oid);
    if (ext.isEmpty()) {
      throw new AttestationException(
          Reason.TCB_STATUS, "signing certificate has no " + name + " SPL extension " + oid);
    }
    BigInteger spl = DerValues.integer(ext.get());
    if (!spl.equals(BigInteger.valueOf(reported))) {
      throw new AttestationException(
          Reason.TCB_STATUS,
          "certificate "
              + name
              + " SPL "
              + spl
              + " differs from the report's reported_tcb "
              + reported
              + ": the key was issued for another TCB");
    }
  }

  private static void checkHclBinding(AzureHclReport hcl, SnpReport report)
      throws AttestationException {
    byte[] hash;
    try {
      hash = MessageDigest.getInstance(hcl.hashAlgorithm()).digest(hcl.runtimeData().toByteArray());
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("the JDK lacks " + hcl.hashAlgorithm(), e);
    }
    byte[] expected = new byte[report.reportData().length()];
    System.arraycopy(hash, 0, expected, 0, hash.length);
    if (!MessageDigest.isEqual(expected, report.reportData().toByteArray())) {
      throw new AttestationException(
          Reason.BINDING_MISMATCH,
          "report_data is not the "
              + hcl.hashAlgorithm()
              + " of the HCL runtime data (zero-padded to 64 bytes)");
    }
  }

  private static void checkPolicy(SnpReport report, SnpSigningKey keyType, AttestationPolicy p)
      throws AttestationException {
    if (report.debugAllowed() && !p.allowDebug()) {
      throw new AttestationException(
          Reason.DEBUG_MODE,
          "guest policy 0x"
              + Long.toHexString(report.policy())
              + " has bit 19 (DEBUG) set: the hypervisor may debug this guest");
    }
    if (!p.allowedVmpls().contains(report.vmpl())) {
      throw new AttestationException(
          Reason.VMPL_NOT_ALLOWED,
          "report was requested at VMPL " + report.vmpl() + ", allowed " + p.allowedVmpls());
    }
    if (!p.allowedSigningKeys().contains(keyType)) {
      throw new AttestationException(
          Reason.SIGNING_KEY_NOT_ALLOWED,
          "report is signed by a " + keyType + ", allowed " + p.allowedSigningKeys());
    }
    if (!p.allowedMeasurements().isEmpty()
        && !p.allowedMeasurements().contains(report.measurement())) {
      throw new AttestationException(
          Reason.MEASUREMENT_NOT_ALLOWED,
          "measurement " + report.measurement().toHex() + " is not on the allow-list");
    }
    Optional<Bytes> expected = p.expectedReportData();
    if (expected.isPresent()) {
      Bytes want = expected.get();
      byte[] padded = new byte[report.reportData().length()];
      if (want.length() > padded.length) {
        throw new AttestationException(
            Reason.BINDING_MISMATCH,
            "expected report data of " + want.length() + " bytes cannot fit in 64");
      }
      System.arraycopy(want.toByteArray(), 0, padded, 0, want.length());
      if (!MessageDigest.isEqual(padded, report.reportData().toByteArray())) {
        throw new AttestationException(
            Reason.BINDING_MISMATCH, "report_data is not the expected binding");
      }
    }
  }

  private static Measured measured(
      SnpReport r,
      SnpSigningKey keyType,
      X509Certificate leaf,
      X509Certificate ark,
      @Nullable AzureHclReport hcl) {
    Map<String, Bytes> values = new LinkedHashMap<>();
    values.put("host_data", r.hostData());
    values.put("family_id", r.familyId());
    values.put("image_id", r.imageId());
    values.put("id_key_digest", r.idKeyDigest());
    values.put("author_key_digest", r.authorKeyDigest());
    values.put("report_id", r.reportId());
    values.put("chip_id", r.chipId());
    if (hcl != null) {
      values.put("hcl_runtime_data", hcl.runtimeData());
    }
    Map<String, String> attributes = new LinkedHashMap<>();
    attributes.put("version", Integer.toString(r.version()));
    attributes.put("guest_svn", Long.toString(r.guestSvn()));
    attributes.put("policy", "0x" + Long.toHexString(r.policy()));
    attributes.put("vmpl", Integer.toString(r.vmpl()));
    attributes.put("signing_key", keyType.name());
    attributes.put("reported_tcb", r.reportedTcbVersion().toString());
    attributes.put("platform_info", "0x" + Long.toHexString(r.platformInfo()));
    attributes.put("ark", commonName(ark) + " " + Certificates.fingerprint(ark));
    attributes.put("signing_certificate", commonName(leaf) + " " + Certificates.fingerprint(leaf));
    return new Measured(
        Format.SEV_SNP, r.measurement(), r.reportData(), r.debugAllowed(), values, attributes);
  }

  static String commonName(X509Certificate c) {
    try {
      for (Rdn rdn : new LdapName(c.getSubjectX500Principal().getName()).getRdns()) {
        if (rdn.getType().equalsIgnoreCase("CN")) {
          return String.valueOf(rdn.getValue());
        }
      }
      return "";
    } catch (InvalidNameException e) {
      return "";
    }
  }
}
