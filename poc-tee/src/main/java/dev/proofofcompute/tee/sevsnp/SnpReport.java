package dev.proofofcompute.tee.sevsnp;

import dev.proofofcompute.crypto.Bytes;
import dev.proofofcompute.crypto.DecodingException;
import dev.proofofcompute.tee.pki.Signatures;

/**
 * An SEV-SNP attestation report, parsed but not verified.
 *
 * <p>Layout: SEV Secure Nested Paging Firmware ABI Specification (AMD publication 56860), Table 23
 * "ATTESTATION_REPORT Structure": 1184 bytes, little-endian; the signature (Table 140, "ECDSA P-384
 * with SHA-384 Signature Format") covers bytes 0x000–0x29F and sits at 0x2A0 as R and S, each a
 * 72-byte little-endian field of which only the low 48 bytes may be non-zero; 0x330–0x49F are
 * reserved and unsigned. Version 3 adds the CPUID family/model/stepping at 0x188; the parser
 * accepts versions 2 and 3, the versions of the vendor samples it is tested against.
 *
 * @param raw the whole 1184-byte report
 */
public record SnpReport(
    Bytes raw,
    int version,
    long guestSvn,
    long policy,
    Bytes familyId,
    Bytes imageId,
    int vmpl,
    int signatureAlgorithm,
    Bytes currentTcb,
    long platformInfo,
    int flags,
    Bytes reportData,
    Bytes measurement,
    Bytes hostData,
    Bytes idKeyDigest,
    Bytes authorKeyDigest,
    Bytes reportId,
    Bytes reportIdMa,
    Bytes reportedTcb,
    int cpuidFamily,
    int cpuidModel,
    int cpuidStepping,
    Bytes chipId,
    Bytes committedTcb,
    Bytes launchTcb,
    Bytes signatureR,
    Bytes signatureS) {
  public static final int LENGTH = 0x4A0;
  public static final int SIGNED_LENGTH = 0x2A0;
  public static final int OFFSET_REPORTED_TCB = 0x180;
  public static final int OFFSET_SIGNATURE_R = 0x2A0;
  public static final int OFFSET_SIGNATURE_S = 0x2E8;
  static final int SIGNATURE_COMPONENT = 72;

  /** ECDSA P-384 with SHA-384, the only SIGNATURE_ALGO defined. */
  public static final int SIGNATURE_ALGO_ECDSA_P384_SHA384 = 1;

  /** Guest policy bit 19: DEBUG, the hypervisor may debug the guest. */
  public static final long POLICY_DEBUG = 1L << 19;

  /**
   * Parses a bare 1184-byte report.
   *
   * @throws DecodingException for another length or an unsupported version
   */
  public static SnpReport parse(Bytes report) throws DecodingException {
    if (report.length() != LENGTH) {
      throw new DecodingException(
          "an SEV-SNP report is " + LENGTH + " bytes, got " + report.length());
    }
    byte[] b = report.toByteArray();
    int version = (int) u32(b, 0x00);
    if (version != 2 && version != 3) {
      throw new DecodingException("unsupported SEV-SNP report version " + version);
    }
    boolean v3 = version >= 3;
    return new SnpReport(
        report,
        version,
        u32(b, 0x04),
        u64(b, 0x08),
        Bytes.of(b, 0x10, 16),
        Bytes.of(b, 0x20, 16),
        (int) u32(b, 0x30),
        (int) u32(b, 0x34),
        Bytes.of(b, 0x38, 8),
        u64(b, 0x40),
        (int) u32(b, 0x48),
        Bytes.of(b, 0x50, 64),
        Bytes.of(b, 0x90, 48),
        Bytes.of(b, 0xC0, 32),
        Bytes.of(b, 0xE0, 48),
        Bytes.of(b, 0x110, 48),
        Bytes.of(b, 0x140, 32),
        Bytes.of(b, 0x160, 32),
        Bytes.of(b, OFFSET_REPORTED_TCB, 8),
        v3 ? b[0x188] & 0xff : 0,
        v3 ? b[0x189] & 0xff : 0,
        v3 ? b[0x18A] & 0xff : 0,
        Bytes.of(b, 0x1A0, 64),
        Bytes.of(b, 0x1E0, 8),
        Bytes.of(b, 0x1F0, 8),
        Bytes.of(b, OFFSET_SIGNATURE_R, SIGNATURE_COMPONENT),
        Bytes.of(b, OFFSET_SIGNATURE_S, SIGNATURE_COMPONENT));
  }

  /** Bytes 0x000–0x29F, the signed part. */
  public Bytes signedPart() {
    return raw.slice(0, SIGNED_LENGTH);
  }

  /** Whether guest policy bit 19 (DEBUG) is set. */
  public boolean debugAllowed() {
    return (policy & POLICY_DEBUG) != 0;
  }

  /** The SIGNING_KEY field, bits 4:2 of the flags: 0 VCEK, 1 VLEK, 7 none. */
  public int signingKey() {
    return (flags >>> 2) & 0x7;
  }

  /** The TCB layout of the product, from the CPUID family of a version 3 report (1Ah: Turin). */
  public TcbVersion.Layout tcbLayout() {
    return cpuidFamily == 0x1A ? TcbVersion.Layout.TURIN : TcbVersion.Layout.MILAN_GENOA;
  }

  public TcbVersion reportedTcbVersion() {
    return TcbVersion.parse(reportedTcb.toByteArray(), 0, tcbLayout());
  }

  /**
   * The signature as {@code r || s}, two 48-byte big-endian integers.
   *
   * @throws DecodingException when a component has a non-zero byte above its low 48 bytes
   */
  public byte[] signatureP1363() throws DecodingException {
    byte[] out = new byte[2 * Signatures.P384_SCALAR];
    littleEndianToBigEndian(signatureR, out, 0, "R");
    littleEndianToBigEndian(signatureS, out, Signatures.P384_SCALAR, "S");
    return out;
  }

  private static void littleEndianToBigEndian(Bytes component, byte[] out, int at, String name)
      throws DecodingException {
    for (int i = Signatures.P384_SCALAR; i < SIGNATURE_COMPONENT; i++) {
      if (component.get(i) != 0) {
        throw new DecodingException(
            "signature " + name + " has a non-zero byte above its 48-byte value");
      }
    }
    for (int i = 0; i < Signatures.P384_SCALAR; i++) {
      out[at + i] = component.get(Signatures.P384_SCALAR - 1 - i);
    }
  }

  static long u32(byte[] b, int off) {
    return (b[off] & 0xffL)
        | (b[off + 1] & 0xffL) << 8
        | (b[off + 2] & 0xffL) << 16
        | (b[off + 3] & 0xffL) << 24;
  }

  static long u64(byte[] b, int off) {
    return u32(b, off) | u32(b, off + 4) << 32;
  }
}
