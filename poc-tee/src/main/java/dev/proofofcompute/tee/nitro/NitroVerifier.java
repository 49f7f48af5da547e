package dev.proofofcompute.tee.nitro;

import dev.proofofcompute.crypto.Bytes;
import dev.proofofcompute.crypto.DecodingException;
import dev.proofofcompute.crypto.Digest;
import dev.proofofcompute.tee.AttestationException;
import dev.proofofcompute.tee.AttestationPolicy;
import dev.proofofcompute.tee.AttestationVerdict;
import dev.proofofcompute.tee.AttestationVerdict.Reason;
import dev.proofofcompute.tee.AttestationVerifier;
import dev.proofofcompute.tee.Format;
import dev.proofofcompute.tee.Measured;
import dev.proofofcompute.tee.pki.Certificates;
import dev.proofofcompute.tee.pki.ChainValidator;
import dev.proofofcompute.tee.pki.Signatures;
import java.security.MessageDigest;
import java.security.cert.X509Certificate;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Verifies AWS Nitro Enclaves attestation documents offline, following
 * aws/aws-nitro-enclaves-nsm-api {@code docs/attestation_process.md} §3 and COSE (RFC 9052 §4):
 *
 * <ol>
 *   <li>envelope: strict CBOR COSE_Sign1, protected header {@code {1: -35}} ({@link CoseSign1});
 *   <li>signature: ES384 by the payload's {@code certificate} over the Sig_structure;
 *   <li>chain: {@code cabundle[0]} is a root pinned by DER SHA-256; the PKIX path certificate ←
 *       cabundle[n-1] ← … ← cabundle[1] ← cabundle[0] is valid at the as-of time (no CRL: AWS
 *       publishes none for this chain);
 *   <li>payload: every field as specified ({@link NitroDocument});
 *   <li>policy: debug mode (PCR0, PCR1, PCR2 all zero), PCR0 allow-list, user_data and nonce.
 * </ol>
 *
 * <p>The certificate and CA bundle are read from the payload before it is authenticated — they are
 * what authenticates it — and the rest of the payload is interpreted only after the signature and
 * chain have passed.
 */
public final class NitroVerifier implements AttestationVerifier {
  private final Set<Digest> pinnedRoots;

  private NitroVerifier(Set<Digest> pinnedRoots) {
    this.pinnedRoots = Set.copyOf(pinnedRoots);
  }

  /**
   * A verifier trusting the roots whose DER SHA-256 is in {@code pinnedRoots}.
   *
   * @throws IllegalArgumentException when {@code pinnedRoots} is empty
   */
  public static NitroVerifier create(Set<Digest> pinnedRoots) {
    if (pinnedRoots.isEmpty()) {
      throw new IllegalArgumentException("at least one Nitro root must be pinned");
    }
    return new NitroVerifier(pinnedRoots);
  }

  @Override
  public Format format() {
    return Format.NITRO;
  }

  /** Verifies {@code evidence}; {@code extraCerts} is ignored, the chain is in the document. */
  @Override
  public AttestationVerdict verify(
      Bytes evidence, List<X509Certificate> extraCerts, Instant asOf, AttestationPolicy policy) {
    try {
      return new AttestationVerdict.Accepted(check(evidence, asOf, policy));
    } catch (AttestationException e) {
      return e.toVerdict();
    } catch (RuntimeException e) {
      return new AttestationVerdict.Rejected(
          Reason.MALFORMED, "unexpected error while verifying: " + e);
    }
  }

  private Measured check(Bytes evidence, Instant asOf, AttestationPolicy policy)
      throws AttestationException {
    CoseSign1 cose;
    NitroDocument.SigningFields signing;
    X509Certificate leaf;
    try {
      cose = CoseSign1.parse(evidence);
      signing = NitroDocument.parseSigningFields(cose.payload());
      leaf = Certificates.parseDer(signing.certificate());
    } catch (DecodingException e) {
      throw new AttestationException(Reason.MALFORMED, String.valueOf(e.getMessage()), e);
    }
    Signatures.requireP384(
        leaf.getPublicKey(),
        cose.toBeSigned().toByteArray(),
        cose.signature().toByteArray(),
        "Nitro COSE_Sign1");

    X509Certificate root = validateChain(leaf, signing.cabundle(), asOf);

    NitroDocument doc;
    try {
      doc = NitroDocument.parse(cose.payload());
    } catch (DecodingException e) {
      throw new AttestationException(Reason.MALFORMED, String.valueOf(e.getMessage()), e);
    }
    checkPolicy(doc, policy);
    return measured(doc, root);
  }

  private X509Certificate validateChain(X509Certificate leaf, List<Bytes> cabundle, Instant asOf)
      throws AttestationException {
    if (cabundle.isEmpty()) {
      throw new AttestationException(
          Reason.CHAIN_NOT_TO_PINNED_ROOT,
          "document has no cabundle: its certificate "
              + leaf.getSubjectX500Principal()
              + " does not chain to a pinned AWS root");
    }
    List<X509Certificate> bundle = new ArrayList<>();
    for (int i = 0; i < cabundle.size(); i++) {
      try {
        bundle.add(Certificates.parseDer(cabundle.get(i)));
      } catch (DecodingException e) {
        throw new AttestationException(
            Reason.MALFORMED, "cabundle[" + i + "]: " + e.getMessage(), e);
      }
    }
    X509Certificate root = bundle.get(0);
    Digest fp = Certificates.fingerprint(root);
    if (!pinnedRoots.contains(fp)) {
      throw new AttestationException(
          Reason.CHAIN_NOT_TO_PINNED_ROOT,
          "cabundle[0] " + root.getSubjectX500Principal() + " (SHA-256 " + fp + ") is not pinned");
    }
    List<X509Certificate> intermediates = new ArrayList<>();
    for (int i = bundle.size() - 1; i >= 1; i--) {
      intermediates.add(bundle.get(i));
    }
    ChainValidator.validate(leaf, intermediates, root, pinnedRoots, asOf);
    return root;
  }

  private static void checkPolicy(NitroDocument doc, AttestationPolicy p)
      throws AttestationException {
    if (doc.debug() && !p.allowDebug()) {
      throw new AttestationException(
          Reason.DEBUG_MODE, "PCR0, PCR1 and PCR2 are all zero: the enclave runs in debug mode");
    }
    Bytes pcr0 = pcr0(doc);
    if (!p.allowedMeasurements().isEmpty() && !p.allowedMeasurements().contains(pcr0)) {
      throw new AttestationException(
          Reason.MEASUREMENT_NOT_ALLOWED, "PCR0 " + pcr0.toHex() + " is not on the allow-list");
    }
    Optional<Bytes> userData = p.expectedReportData();
    if (userData.isPresent() && !equalsOptional(userData.get(), doc.userData())) {
      throw new AttestationException(
          Reason.BINDING_MISMATCH, "user_data is not the expected binding");
    }
    Optional<Bytes> nonce = p.expectedNonce();
    if (nonce.isPresent() && !equalsOptional(nonce.get(), doc.nonce())) {
      throw new AttestationException(Reason.BINDING_MISMATCH, "nonce is not the expected nonce");
    }
  }

  private static boolean equalsOptional(Bytes expected, Optional<Bytes> actual) {
    return actual.isPresent()
        && MessageDigest.isEqual(expected.toByteArray(), actual.get().toByteArray());
  }

  private static Bytes pcr0(NitroDocument doc) {
    Bytes pcr0 = doc.pcrs().get(0);
    if (pcr0 == null) {
      throw new IllegalStateException("a parsed document has PCR0");
    }
    return pcr0;
  }

  private static Measured measured(NitroDocument doc, X509Certificate root) {
    Map<String, Bytes> values = new LinkedHashMap<>();
    doc.pcrs().forEach((i, v) -> values.put("PCR" + i, v));
    doc.publicKey().ifPresent(v -> values.put("public_key", v));
    doc.nonce().ifPresent(v -> values.put("nonce", v));
    Map<String, String> attributes = new LinkedHashMap<>();
    attributes.put("module_id", doc.moduleId());
    attributes.put("digest", doc.digest());
    attributes.put(
        "timestamp", doc.timestamp() + " ms (" + Instant.ofEpochMilli(doc.timestamp()) + ")");
    attributes.put("cabundle_length", Integer.toString(doc.cabundle().size()));
    attributes.put("root", Certificates.fingerprint(root).toHex());
    return new Measured(
        Format.NITRO,
        pcr0(doc),
        doc.userData().orElse(Bytes.EMPTY),
        doc.debug(),
        values,
        attributes);
  }
}
