package dev.proofofcompute.tee;

import dev.proofofcompute.crypto.Digest;
import java.util.Set;

/**
 * The vendor roots evidence must chain to, pinned by the SHA-256 of their DER certificate (never by
 * subject name: test roots with production subject names exist).
 *
 * @param nitro AWS Nitro Enclaves roots
 * @param sevSnp AMD Root Keys (ARK), one per product line
 */
public record TrustedRoots(Set<Digest> nitro, Set<Digest> sevSnp) {
  /**
   * AWS Nitro Enclaves Root G1, {@code CN=aws.nitro-enclaves}: SHA-256 of the DER of {@code
   * root.pem} in AWS_NitroEnclaves_Root-G1.zip (the zip's SHA-256 is published in
   * aws/aws-nitro-enclaves-nsm-api docs/attestation_process.md).
   */
  public static final Digest AWS_NITRO_ROOT_G1 =
      Digest.fromHex("641a0321a3e244efe456463195d606317ed7cdcc3c1756e09893f3c68f79bb5b");

  /** AMD {@code CN=ARK-Milan}, as served by AMD KDS {@code /vcek/v1/Milan/cert_chain}. */
  public static final Digest AMD_ARK_MILAN =
      Digest.fromHex("69d063b45344d26a2e94e1f4210de49ef555308287d4c174445c95639a540bcd");

  /** AMD {@code CN=ARK-Genoa}, as served by AMD KDS {@code /vcek/v1/Genoa/cert_chain}. */
  public static final Digest AMD_ARK_GENOA =
      Digest.fromHex("4c6598d19c18719c5dfd4a7d335f674e5bfe1d8f800cea2cf270c10d103db2f1");

  /**
   * AMD {@code CN=ARK-Turin}: the DER of the ARK in google/go-sev-guest {@code
   * verify/trust/ask_ark_turin_vlek.pem} (commit 6953342c36144851a06fb20b8e8fbbd5a6a9196b), a copy
   * of the KDS Turin chain; the same value is published independently as the KDS Turin ARK.
   */
  public static final Digest AMD_ARK_TURIN =
      Digest.fromHex("1f084161a44bb6d93778a904877d4819cafa5d05ef4193b2ded9dd9c73dd3f6a");

  public TrustedRoots {
    nitro = Set.copyOf(nitro);
    sevSnp = Set.copyOf(sevSnp);
  }

  /** The production vendor roots: AWS Nitro G1; AMD ARK Milan, Genoa and Turin. */
  public static TrustedRoots vendorDefaults() {
    return new TrustedRoots(
        Set.of(AWS_NITRO_ROOT_G1), Set.of(AMD_ARK_MILAN, AMD_ARK_GENOA, AMD_ARK_TURIN));
  }

  /** These roots, with the Nitro pins replaced by {@code pins}. */
  public TrustedRoots withNitro(Set<Digest> pins) {
    return new TrustedRoots(pins, sevSnp);
  }

  /** These roots, with the SEV-SNP ARK pins replaced by {@code pins}. */
  public TrustedRoots withSevSnp(Set<Digest> pins) {
    return new TrustedRoots(nitro, pins);
  }
}
