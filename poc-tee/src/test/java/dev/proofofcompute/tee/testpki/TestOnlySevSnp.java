package dev.proofofcompute.tee.testpki;

import dev.proofofcompute.crypto.Bytes;
import dev.proofofcompute.crypto.Digest;
import dev.proofofcompute.tee.pki.Certificates;
import java.math.BigInteger;
import java.security.KeyPair;
import java.security.cert.X509Certificate;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.jspecify.annotations.Nullable;

/**
 * TEST-ONLY SEV-SNP platform: a made-up ARK ← ASK ← VCEK chain (ECDSA P-384 throughout, unlike
 * AMD's RSA-PSS ARK and ASK) and reports laid out as in the SEV-SNP ABI specification, Table 23,
 * signed by the VCEK. Trusted by no verifier unless a test pins {@link #arkFingerprint()}.
 */
public final class TestOnlySevSnp {
  public static final Instant NOT_BEFORE = Instant.parse("2020-01-01T00:00:00Z");
  public static final Instant NOT_AFTER = Instant.parse("2040-01-01T00:00:00Z");

  /** reported_tcb bytes (Milan layout): bl=3, tee=0, snp=8, ucode=115. */
  private static final byte[] TCB = {3, 0, 0, 0, 0, 0, 8, 115};

  /** A copy of the reported_tcb bytes every test-only report carries. */
  public static byte[] tcb() {
    return TCB.clone();
  }

  private final TestOnlyPki pki;
  private final KeyPair vcekKey;
  private final X509Certificate ark;
  private final X509Certificate ask;
  private final X509Certificate vcek;
  private final byte[] chipId = new byte[64];

  public TestOnlySevSnp(long seed) {
    this(seed, TCB, null);
  }

  /**
   * A platform whose VCEK carries SPLs {@code vcekTcb} (Milan layout) and hwID {@code vcekHwId}
   * (the platform's chip_id when null).
   */
  public TestOnlySevSnp(long seed, byte[] vcekTcb, byte @Nullable [] vcekHwId) {
    this.pki = TestOnlyPki.seeded(seed);
    pki.random().nextBytes(chipId);
    KeyPair arkKey = pki.p384();
    KeyPair askKey = pki.p384();
    this.vcekKey = pki.p384();
    this.ark =
        pki.issue(
            "ARK-TestOnly",
            arkKey.getPublic(),
            "ARK-TestOnly",
            arkKey.getPrivate(),
            NOT_BEFORE,
            NOT_AFTER,
            true,
            List.of());
    this.ask =
        pki.issue(
            "SEV-TestOnly",
            askKey.getPublic(),
            "ARK-TestOnly",
            arkKey.getPrivate(),
            NOT_BEFORE,
            NOT_AFTER,
            true,
            List.of());
    List<TestOnlyPki.Extension> amd = new ArrayList<>();
    amd.add(spl("1", vcekTcb[0]));
    amd.add(spl("2", vcekTcb[1]));
    amd.add(spl("3", vcekTcb[6]));
    amd.add(spl("8", vcekTcb[7]));
    amd.add(
        new TestOnlyPki.Extension(
            "1.3.6.1.4.1.3704.1.4", false, vcekHwId == null ? chipId.clone() : vcekHwId.clone()));
    this.vcek =
        pki.issue(
            "SEV-VCEK",
            vcekKey.getPublic(),
            "SEV-TestOnly",
            askKey.getPrivate(),
            NOT_BEFORE,
            NOT_AFTER,
            false,
            amd);
  }

  private static TestOnlyPki.Extension spl(String arc, byte value) {
    return new TestOnlyPki.Extension(
        "1.3.6.1.4.1.3704.1.3." + arc,
        false,
        TestOnlyPki.integer(BigInteger.valueOf(value & 0xff)));
  }

  /** VCEK, ASK, ARK. */
  public List<X509Certificate> chain() {
    return List.of(vcek, ask, ark);
  }

  public List<Bytes> chainDer() {
    return chain().stream().map(Certificates::encoded).toList();
  }

  public Digest arkFingerprint() {
    return Certificates.fingerprint(ark);
  }

  /** A version 2 report, VMPL {@code vmpl}, guest {@code policy}, signed by the VCEK. */
  public Bytes report(Bytes reportData, Bytes measurement, long policy, int vmpl) {
    byte[] r = new byte[0x4A0];
    putLe(r, 0x00, 2, 4);
    putLe(r, 0x08, policy, 8);
    putLe(r, 0x30, vmpl, 4);
    putLe(r, 0x34, 1, 4);
    System.arraycopy(TCB, 0, r, 0x38, 8);
    System.arraycopy(reportData.toByteArray(), 0, r, 0x50, reportData.length());
    System.arraycopy(measurement.toByteArray(), 0, r, 0x90, measurement.length());
    System.arraycopy(TCB, 0, r, 0x180, 8);
    System.arraycopy(chipId, 0, r, 0x1A0, 64);
    byte[] signed = new byte[0x2A0];
    System.arraycopy(r, 0, signed, 0, signed.length);
    byte[] rs = pki.signP1363(vcekKey.getPrivate(), signed);
    for (int i = 0; i < 48; i++) {
      r[0x2A0 + i] = rs[47 - i];
      r[0x2E8 + i] = rs[95 - i];
    }
    return Bytes.of(r);
  }

  private static void putLe(byte[] b, int off, long v, int n) {
    for (int i = 0; i < n; i++) {
      b[off + i] = (byte) (v >>> (8 * i));
    }
  }
}
