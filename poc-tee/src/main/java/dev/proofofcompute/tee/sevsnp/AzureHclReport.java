package dev.proofofcompute.tee.sevsnp;

import dev.proofofcompute.crypto.Bytes;
import dev.proofofcompute.crypto.DecodingException;

/**
 * An Azure confidential VM "HCL report": the SEV-SNP report the paravisor (HCL) requested, plus the
 * runtime data (a JSON document holding the vTPM attestation key) whose hash the report binds in
 * report_data. Layout (as produced by the Azure HCL and read by the Azure confidential-computing
 * tools and confidential-containers/trustee): a 32-byte header starting {@code "HCLA"} whose u32 at
 * offset 8 is the total size; the 1184-byte SNP report at 0x20; a 20-byte runtime-data header (data
 * size, version, report type 2 = SNP, hash type 1/2/3 = SHA-256/ 384/512, runtime-data size); the
 * runtime data; zero padding to the end of the buffer.
 *
 * @param report the embedded SNP report bytes
 * @param hashType the runtime-data hash algorithm: 1 SHA-256, 2 SHA-384, 3 SHA-512
 * @param runtimeData the runtime data whose hash must be the start of report_data
 */
public record AzureHclReport(Bytes report, int hashType, Bytes runtimeData) {
  static final int HEADER = 0x20;
  static final int RUNTIME_HEADER = 20;
  static final int MAX_SIZE = 64 * 1024;
  private static final int REPORT_TYPE_SNP = 2;

  /** Whether {@code evidence} starts with the HCL magic {@code "HCLA"}. */
  public static boolean looksLikeHcl(Bytes evidence) {
    return evidence.length() > HEADER
        && evidence.get(0) == 'H'
        && evidence.get(1) == 'C'
        && evidence.get(2) == 'L'
        && evidence.get(3) == 'A';
  }

  /**
   * Parses an HCL report.
   *
   * @throws DecodingException when a size field disagrees with the buffer, the report type is not
   *     SNP, the hash type is unknown or the padding is not zero
   */
  public static AzureHclReport parse(Bytes evidence) throws DecodingException {
    if (!looksLikeHcl(evidence)) {
      throw new DecodingException("not an HCL report: no 'HCLA' header");
    }
    if (evidence.length() > MAX_SIZE) {
      throw new DecodingException("HCL report is larger than " + MAX_SIZE + " bytes");
    }
    byte[] b = evidence.toByteArray();
    int minimum = HEADER + SnpReport.LENGTH + RUNTIME_HEADER;
    if (b.length < minimum) {
      throw new DecodingException("HCL report of " + b.length + " bytes is too short");
    }
    long total = SnpReport.u32(b, 8);
    int rt = HEADER + SnpReport.LENGTH;
    long dataSize = SnpReport.u32(b, rt);
    long reportType = SnpReport.u32(b, rt + 8);
    long hashType = SnpReport.u32(b, rt + 12);
    long runtimeSize = SnpReport.u32(b, rt + 16);
    if (total < minimum || total > b.length) {
      throw new DecodingException("HCL report size field " + total + " does not fit the buffer");
    }
    if (dataSize != RUNTIME_HEADER + runtimeSize || rt + dataSize != total) {
      throw new DecodingException("HCL runtime data sizes disagree with the report size");
    }
    if (reportType != REPORT_TYPE_SNP) {
      throw new DecodingException("HCL report type " + reportType + " is not SEV-SNP (2)");
    }
    if (hashType < 1 || hashType > 3) {
      throw new DecodingException("unknown HCL runtime data hash type " + hashType);
    }
    for (int i = (int) total; i < b.length; i++) {
      if (b[i] != 0) {
        throw new DecodingException("non-zero byte at " + i + " after the HCL report");
      }
    }
    int start = rt + RUNTIME_HEADER;
    return new AzureHclReport(
        Bytes.of(b, HEADER, SnpReport.LENGTH),
        (int) hashType,
        Bytes.of(b, start, (int) runtimeSize));
  }

  /** The JCA name of the runtime-data hash. */
  public String hashAlgorithm() {
    return switch (hashType) {
      case 1 -> "SHA-256";
      case 2 -> "SHA-384";
      case 3 -> "SHA-512";
      default -> throw new IllegalStateException("hash type " + hashType);
    };
  }
}
