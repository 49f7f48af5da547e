package dev.proofofcompute.tee.fuzz;

import dev.proofofcompute.crypto.Bytes;
import dev.proofofcompute.crypto.DecodingException;
import dev.proofofcompute.tee.AttestationPolicy;
import dev.proofofcompute.tee.EvidenceEncoding;
import dev.proofofcompute.tee.TrustedRoots;
import dev.proofofcompute.tee.nitro.CoseSign1;
import dev.proofofcompute.tee.nitro.NitroDocument;
import dev.proofofcompute.tee.nitro.NitroVerifier;
import java.time.Instant;
import java.util.List;

/** Fuzzes the COSE_Sign1 and Nitro payload parsers and the Nitro verifier. */
public final class NitroFuzzTarget {
  private static final NitroVerifier VERIFIER =
      NitroVerifier.create(TrustedRoots.vendorDefaults().nitro());
  private static final Instant AS_OF = Instant.parse("2024-09-07T14:37:39.545Z");

  private NitroFuzzTarget() {}

  /**
   * Checks {@code data} and, when it is base64 or hex text (as the seed documents are), the bytes
   * it decodes to.
   */
  public static void fuzzerTestOneInput(byte[] data) {
    check(Bytes.of(data));
    try {
      Bytes decoded = EvidenceEncoding.AUTO.decode(Bytes.of(data));
      if (decoded.length() != data.length) {
        check(decoded);
      }
    } catch (DecodingException expected) {
      // not text
    }
  }

  private static void check(Bytes input) {
    try {
      CoseSign1 c = CoseSign1.parse(input);
      c.toBeSigned();
      NitroDocument.parseSigningFields(c.payload());
      NitroDocument.parse(c.payload());
    } catch (DecodingException expected) {
      // malformed input, reported as such
    }
    try {
      NitroDocument.parse(input);
    } catch (DecodingException expected) {
      // malformed input, reported as such
    }
    FuzzChecks.requireNoUnexpectedError(
        VERIFIER.verify(input, List.of(), AS_OF, AttestationPolicy.defaults()));
  }
}
