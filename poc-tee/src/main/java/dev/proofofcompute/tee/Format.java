package dev.proofofcompute.tee;

import java.util.Locale;

/** An attestation evidence format, by the name used on the command line and in policies. */
public enum Format {
  /** AWS Nitro Enclaves attestation document: COSE_Sign1 (RFC 9052) over a CBOR payload. */
  NITRO("nitro"),
  /** AMD SEV-SNP attestation report (1184 bytes), bare or inside an Azure HCL report. */
  SEV_SNP("sev-snp");

  private final String cliName;

  Format(String cliName) {
    this.cliName = cliName;
  }

  /** The stable name, e.g. {@code "sev-snp"}. */
  public String cliName() {
    return cliName;
  }

  /**
   * The format called {@code name} (case-insensitive).
   *
   * @throws IllegalArgumentException naming the known formats when there is none
   */
  public static Format fromName(String name) {
    String n = name.toLowerCase(Locale.ROOT);
    for (Format f : values()) {
      if (f.cliName.equals(n)) {
        return f;
      }
    }
    throw new IllegalArgumentException(
        "unknown attestation format '" + name + "' (known: nitro, sev-snp)");
  }
}
