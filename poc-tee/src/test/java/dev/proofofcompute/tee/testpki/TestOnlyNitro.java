package dev.proofofcompute.tee.testpki;

import dev.proofofcompute.crypto.Bytes;
import dev.proofofcompute.crypto.Digest;
import dev.proofofcompute.crypto.cbor.CborArray;
import dev.proofofcompute.crypto.cbor.CborBytes;
import dev.proofofcompute.crypto.cbor.CborEncoder;
import dev.proofofcompute.crypto.cbor.CborInteger;
import dev.proofofcompute.crypto.cbor.CborMap;
import dev.proofofcompute.crypto.cbor.CborText;
import dev.proofofcompute.crypto.cbor.CborValue;
import dev.proofofcompute.tee.Format;
import dev.proofofcompute.tee.pki.Certificates;
import dev.proofofcompute.tee.scheme.Attestation;
import dev.proofofcompute.tee.scheme.Attester;
import dev.proofofcompute.tee.scheme.TeeBinding;
import java.security.KeyPair;
import java.security.cert.X509Certificate;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;

/**
 * TEST-ONLY Nitro hypervisor: a made-up root ← intermediate ← enclave-leaf chain (ECDSA P-384) and
 * attestation documents laid out as in aws/aws-nitro-enclaves-nsm-api docs/attestation_process.md,
 * signed as COSE_Sign1 ES384. Also an {@link Attester} putting the scheme binding in user_data.
 * Trusted by no verifier unless a test pins {@link #rootFingerprint()}.
 */
public final class TestOnlyNitro implements Attester {
  public static final Instant NOT_BEFORE = Instant.parse("2020-01-01T00:00:00Z");
  public static final Instant NOT_AFTER = Instant.parse("2040-01-01T00:00:00Z");

  private final TestOnlyPki pki;
  private final KeyPair leafKey;
  private final X509Certificate root;
  private final X509Certificate intermediate;
  private final X509Certificate leaf;
  private final Bytes pcr0;

  /** A hypervisor whose enclaves all measure {@code pcr0} (48 bytes). */
  public TestOnlyNitro(long seed, Bytes pcr0) {
    this.pki = TestOnlyPki.seeded(seed);
    this.pcr0 = pcr0;
    KeyPair rootKey = pki.p384();
    KeyPair intKey = pki.p384();
    this.leafKey = pki.p384();
    this.root =
        pki.issue(
            "nitro-test-only-root",
            rootKey.getPublic(),
            "nitro-test-only-root",
            rootKey.getPrivate(),
            NOT_BEFORE,
            NOT_AFTER,
            true,
            List.of());
    this.intermediate =
        pki.issue(
            "nitro-test-only-zone",
            intKey.getPublic(),
            "nitro-test-only-root",
            rootKey.getPrivate(),
            NOT_BEFORE,
            NOT_AFTER,
            true,
            List.of());
    this.leaf =
        pki.issue(
            "i-test-only-enclave",
            leafKey.getPublic(),
            "nitro-test-only-zone",
            intKey.getPrivate(),
            NOT_BEFORE,
            NOT_AFTER,
            false,
            List.of());
  }

  public Digest rootFingerprint() {
    return Certificates.fingerprint(root);
  }

  /** A signed document with {@code userData} and {@code nonce}, PCR1 and PCR2 non-zero. */
  public Bytes document(Bytes userData, Bytes nonce) {
    CborMap pcrs =
        CborMap.ofEntries(
            List.of(
                new CborMap.Entry(CborInteger.of(0), new CborBytes(pcr0)),
                new CborMap.Entry(CborInteger.of(1), new CborBytes(filled(48, 1))),
                new CborMap.Entry(CborInteger.of(2), new CborBytes(filled(48, 2)))));
    CborMap payload =
        CborMap.ofEntries(
            List.of(
                entry("module_id", new CborText("i-test-only-enc0123456789abcdef")),
                entry("digest", new CborText("SHA384")),
                entry("timestamp", CborInteger.of(1_735_689_600_000L)),
                entry("pcrs", pcrs),
                entry("certificate", new CborBytes(Certificates.encoded(leaf))),
                entry(
                    "cabundle",
                    CborArray.of(
                        new CborBytes(Certificates.encoded(root)),
                        new CborBytes(Certificates.encoded(intermediate)))),
                entry("user_data", new CborBytes(userData)),
                entry("nonce", new CborBytes(nonce))));
    Bytes payloadBytes = CborEncoder.encode(payload);
    Bytes protectedHeader = Bytes.fromHex("a1013822");
    Bytes toBeSigned =
        CborEncoder.encode(
            CborArray.of(
                new CborText("Signature1"),
                new CborBytes(protectedHeader),
                new CborBytes(Bytes.EMPTY),
                new CborBytes(payloadBytes)));
    byte[] signature = pki.signP1363(leafKey.getPrivate(), toBeSigned.toByteArray());
    return CborEncoder.encode(
        CborArray.of(
            new CborBytes(protectedHeader),
            CborMap.EMPTY,
            new CborBytes(payloadBytes),
            new CborBytes(Bytes.of(signature))));
  }

  @Override
  public Format format() {
    return Format.NITRO;
  }

  @Override
  public Attestation attest(Digest binding) {
    return new Attestation(
        Format.NITRO,
        document(TeeBinding.reportData(Format.NITRO, binding), Bytes.EMPTY),
        List.of());
  }

  private static CborMap.Entry entry(String key, CborValue value) {
    return new CborMap.Entry(new CborText(key), value);
  }

  private static Bytes filled(int n, int value) {
    byte[] b = new byte[n];
    Arrays.fill(b, (byte) value);
    return Bytes.of(b);
  }
}
