package dev.proofofcompute.tee.sevsnp;

/**
 * The security patch levels (SPLs) packed in a 64-bit SEV-SNP TCB_VERSION. The packing depends on
 * the product (SEV-SNP ABI specification, AMD publication 56860, "TCB_VERSION"): Milan and Genoa
 * (family 19h) use bytes {@code [bl, tee, 0, 0, 0, 0, snp, ucode]}; Turin (family 1Ah) uses {@code
 * [fmc, bl, tee, snp, 0, 0, 0, ucode]}.
 *
 * @param fmc the FMC SPL (Turin only; 0 otherwise)
 * @param bootLoader the boot loader SPL
 * @param tee the PSP OS (TEE) SPL
 * @param snp the SNP firmware SPL
 * @param microcode the microcode SPL
 */
public record TcbVersion(int fmc, int bootLoader, int tee, int snp, int microcode) {
  /** How a product packs its TCB_VERSION. */
  public enum Layout {
    MILAN_GENOA,
    TURIN
  }

  /** Unpacks the 8 little-endian bytes of a TCB_VERSION field at {@code offset}. */
  public static TcbVersion parse(byte[] report, int offset, Layout layout) {
    int[] b = new int[8];
    for (int i = 0; i < 8; i++) {
      b[i] = report[offset + i] & 0xff;
    }
    return switch (layout) {
      case MILAN_GENOA -> new TcbVersion(0, b[0], b[1], b[6], b[7]);
      case TURIN -> new TcbVersion(b[0], b[1], b[2], b[3], b[7]);
    };
  }

  @Override
  public String toString() {
    return (fmc != 0 ? "fmc=" + fmc + " " : "")
        + "bl="
        + bootLoader
        + " tee="
        + tee
        + " snp="
        + snp
        + " ucode="
        + microcode;
  }
}
