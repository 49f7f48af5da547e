package dev.proofofcompute.tee.fuzz;

import dev.proofofcompute.crypto.Bytes;
import dev.proofofcompute.crypto.DecodingException;
import dev.proofofcompute.tee.AttestationPolicy;
import dev.proofofcompute.tee.TrustedRoots;
import dev.proofofcompute.tee.sevsnp.AzureHclReport;
import dev.proofofcompute.tee.sevsnp.SevSnpVerifier;
import dev.proofofcompute.tee.sevsnp.SnpReport;
import java.time.Instant;
import java.util.List;

/** Fuzzes the SEV-SNP report and HCL parsers and the verifier (with no certificates given). */
public final class SevSnpFuzzTarget {
  private static final SevSnpVerifier VERIFIER =
      SevSnpVerifier.create(TrustedRoots.vendorDefaults().sevSnp());
  private static final Instant AS_OF = Instant.parse("2024-01-01T00:00:00Z");

  private SevSnpFuzzTarget() {}

  public static void fuzzerTestOneInput(byte[] data) {
    Bytes input = Bytes.of(data);
    try {
      SnpReport r = SnpReport.parse(input);
      r.reportedTcbVersion();
      r.signatureP1363();
    } catch (DecodingException expected) {
      // malformed input, reported as such
    }
    try {
      AzureHclReport.parse(input);
    } catch (DecodingException expected) {
      // malformed input, reported as such
    }
    FuzzChecks.requireNoUnexpectedError(
        VERIFIER.verify(input, List.of(), AS_OF, AttestationPolicy.defaults()));
  }
}
