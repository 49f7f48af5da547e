package dev.proofofcompute.tee.fuzz;

import dev.proofofcompute.crypto.Bytes;
import dev.proofofcompute.crypto.DecodingException;
import dev.proofofcompute.tee.AttestationPolicy;
import dev.proofofcompute.tee.EvidenceEncoding;
import java.nio.charset.StandardCharsets;

/** Fuzzes the policy file parser and the evidence encodings. */
public final class PolicyAndEncodingFuzzTarget {
  private PolicyAndEncodingFuzzTarget() {}

  public static void fuzzerTestOneInput(byte[] data) {
    try {
      AttestationPolicy.parse(new String(data, StandardCharsets.UTF_8));
    } catch (DecodingException expected) {
      // malformed input, reported as such
    }
    for (EvidenceEncoding e : EvidenceEncoding.values()) {
      try {
        e.decode(Bytes.of(data));
      } catch (DecodingException expected) {
        // malformed input, reported as such
      }
    }
  }
}
