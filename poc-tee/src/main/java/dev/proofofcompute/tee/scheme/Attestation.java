package dev.proofofcompute.tee.scheme;

import dev.proofofcompute.crypto.Bytes;
import dev.proofofcompute.tee.Format;
import java.util.List;

/**
 * Attestation evidence as a provider submits it.
 *
 * @param format the evidence format
 * @param evidence the raw evidence (Nitro COSE_Sign1, SEV-SNP report or Azure HCL report)
 * @param certificates DER certificates that do not travel inside the evidence (SEV-SNP VCEK or
 *     VLEK, ASK or ASVK, ARK); empty for Nitro
 */
public record Attestation(Format format, Bytes evidence, List<Bytes> certificates) {
  public Attestation {
    certificates = List.copyOf(certificates);
  }
}
