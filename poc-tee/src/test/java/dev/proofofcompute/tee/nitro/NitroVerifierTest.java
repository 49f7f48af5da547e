package dev.proofofcompute.tee.nitro;

import static dev.proofofcompute.tee.TeeVectors.at;
import static org.assertj.core.api.Assertions.assertThat;

import dev.proofofcompute.crypto.Bytes;
import dev.proofofcompute.crypto.Digest;
import dev.proofofcompute.tee.AttestationPolicy;
import dev.proofofcompute.tee.AttestationVerdict;
import dev.proofofcompute.tee.AttestationVerdict.Accepted;
import dev.proofofcompute.tee.AttestationVerdict.Reason;
import dev.proofofcompute.tee.AttestationVerdict.Rejected;
import dev.proofofcompute.tee.Measured;
import dev.proofofcompute.tee.TeeVectors;
import dev.proofofcompute.tee.TrustedRoots;
import dev.proofofcompute.tee.pki.Certificates;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.HexFormat;
import java.util.List;
import java.util.Objects;
import java.util.Random;
import java.util.Set;
import java.util.zip.ZipEntry;
import java.util.zip.ZipInputStream;
import org.junit.jupiter.api.Test;

/**
 * Nitro verdicts of shared/vectors/tee/MANIFEST.md, section "AWS Nitro Enclaves (nitro/)" and the
 * Nitro rows of "Derived negative cases". Samples: blocky/nitrite internal/testdata/*.b64 and
 * internal/assets/AWS_NitroEnclaves_Root-G1.* at commit a6f5b6da1e509d7600dfdf9ba5000e38f7113186.
 */
class NitroVerifierTest {
  static final NitroVerifier VERIFIER = NitroVerifier.create(TrustedRoots.vendorDefaults().nitro());
  static final AttestationPolicy DEFAULT = AttestationPolicy.defaults();
  static final Instant AS_OF = at("2024-09-07T14:37:39.545Z");
  static final Instant DEBUG_AS_OF = at("2024-09-07T14:38:06.508Z");
  static final String PCR0 =
      "e72a46ca80a260fb044a125442f0c7e331813bcbaf9724d9f3857758992766f2"
          + "d65710a27aa94ae3949dd54e7c9fe86a";

  /** Samples the full sweep when the system property is set: -Dpoc.tee.fullSweep=true. */
  static final boolean FULL_SWEEP = Boolean.getBoolean("poc.tee.fullSweep");

  static final long SWEEP_SEED = 0x5eed_7ee5L;
  static final int SWEEP_SAMPLE = 2000;

  static Bytes document() {
    return TeeVectors.base64("nitro/blocky_nitro_attestation.b64");
  }

  static Measured accepted(AttestationVerdict v) {
    assertThat(v).isInstanceOf(Accepted.class);
    return ((Accepted) v).measured();
  }

  static void assertRejected(AttestationVerdict v, Reason reason) {
    assertThat(v).isInstanceOf(Rejected.class);
    assertThat(((Rejected) v).reason()).as(((Rejected) v).detail()).isEqualTo(reason);
  }

  @Test
  void pinnedRootIsTheRootInsideTheAwsZipWhoseHashAwsPublishes() throws IOException {
    byte[] zip = TeeVectors.raw("nitro/AWS_NitroEnclaves_Root-G1.zip");
    assertThat(Digest.sha256(zip).toHex())
        .isEqualTo(TeeVectors.text("nitro/AWS_NitroEnclaves_Root-G1.sha256.hex").strip());
    byte[] rootPem;
    try (ZipInputStream in = new ZipInputStream(new ByteArrayInputStream(zip))) {
      ZipEntry e = in.getNextEntry();
      assertThat(e).isNotNull();
      assertThat(Objects.requireNonNull(e).getName()).isEqualTo("root.pem");
      rootPem = in.readAllBytes();
    }
    assertThat(rootPem).isEqualTo(TeeVectors.raw("nitro/aws_nitro_root_g1.pem"));
    assertThat(Certificates.fingerprint(TeeVectors.certs("nitro/aws_nitro_root_g1.pem").get(0)))
        .isEqualTo(TrustedRoots.AWS_NITRO_ROOT_G1);
  }

  @Test
  void productionDocumentIsAccepted() {
    Measured m = accepted(VERIFIER.verify(document(), List.of(), AS_OF, DEFAULT));
    assertThat(m.measurement().toHex()).isEqualTo(PCR0);
    assertThat(m.debug()).isFalse();
    assertThat(m.values().get("PCR1")).isNotNull();
    assertThat(Objects.requireNonNull(m.values().get("PCR1")).toHex())
        .startsWith("0343b056")
        .endsWith("b3d8b0c6aa");
    assertThat(Objects.requireNonNull(m.values().get("PCR3"))).isEqualTo(Bytes.of(new byte[48]));
    assertThat(m.reportData()).isEqualTo(ones(1024));
    assertThat(m.values())
        .containsEntry("nonce", ones(1024))
        .containsEntry("public_key", ones(1024));
    assertThat(m.attributes())
        .containsEntry("timestamp", "1725719859545 ms (2024-09-07T14:37:39.545Z)")
        .containsEntry("cabundle_length", "4")
        .containsEntry("root", TrustedRoots.AWS_NITRO_ROOT_G1.toHex());
  }

  @Test
  void productionDocumentExpiresOneSecondAfterTheLeafNotAfter() {
    assertThat(VERIFIER.verify(document(), List.of(), at("2024-09-07T17:37:39Z"), DEFAULT))
        .isInstanceOf(Accepted.class);
    assertRejected(
        VERIFIER.verify(document(), List.of(), at("2024-09-07T17:37:40Z"), DEFAULT),
        Reason.EXPIRED);
    assertRejected(
        VERIFIER.verify(document(), List.of(), at("2024-09-07T14:37:35Z"), DEFAULT),
        Reason.EXPIRED);
  }

  @Test
  void debugDocumentIsRejectedAsDebugButIsOtherwiseValid() {
    Bytes debug = TeeVectors.base64("nitro/blocky_nitro_attestation_debug.b64");
    assertRejected(VERIFIER.verify(debug, List.of(), DEBUG_AS_OF, DEFAULT), Reason.DEBUG_MODE);
    Measured m =
        accepted(
            VERIFIER.verify(
                debug,
                List.of(),
                DEBUG_AS_OF,
                AttestationPolicy.builder().allowDebug(true).build()));
    assertThat(m.debug()).isTrue();
    assertThat(m.measurement()).isEqualTo(Bytes.of(new byte[48]));
  }

  @Test
  void selfSignedDocumentDoesNotReachThePinnedRoot() {
    Bytes selfSigned = TeeVectors.base64("nitro/blocky_selfsigned_attestation.b64");
    for (Instant t : List.of(at("2024-04-17T18:51:46Z"), AS_OF, at("2030-01-01T00:00:00Z"))) {
      assertRejected(
          VERIFIER.verify(selfSigned, List.of(), t, DEFAULT), Reason.CHAIN_NOT_TO_PINNED_ROOT);
    }
  }

  @Test
  void documentIsRejectedWhenAnotherRootIsPinned() {
    Digest sgxRoot = Certificates.fingerprint(TeeVectors.certs("sgx/intel_sgx_root_ca.pem").get(0));
    NitroVerifier wrongPin = NitroVerifier.create(Set.of(sgxRoot));
    assertRejected(
        wrongPin.verify(document(), List.of(), AS_OF, DEFAULT), Reason.CHAIN_NOT_TO_PINNED_ROOT);
  }

  @Test
  void measurementAllowListUserDataAndNonce() {
    Bytes pcr0 = Bytes.fromHex(PCR0);
    byte[] other = pcr0.toByteArray();
    other[47] ^= 1;
    assertThat(
            VERIFIER.verify(
                document(),
                List.of(),
                AS_OF,
                AttestationPolicy.builder().allowMeasurement(pcr0).build()))
        .isInstanceOf(Accepted.class);
    assertRejected(
        VERIFIER.verify(
            document(),
            List.of(),
            AS_OF,
            AttestationPolicy.builder().allowMeasurement(Bytes.of(other)).build()),
        Reason.MEASUREMENT_NOT_ALLOWED);
    assertThat(
            VERIFIER.verify(
                document(),
                List.of(),
                AS_OF,
                AttestationPolicy.builder()
                    .expectReportData(ones(1024))
                    .expectNonce(ones(1024))
                    .build()))
        .isInstanceOf(Accepted.class);
    assertRejected(
        VERIFIER.verify(
            document(),
            List.of(),
            AS_OF,
            AttestationPolicy.builder().expectReportData(ones(1023)).build()),
        Reason.BINDING_MISMATCH);
    assertRejected(
        VERIFIER.verify(
            document(),
            List.of(),
            AS_OF,
            AttestationPolicy.builder().expectNonce(ones(32)).build()),
        Reason.BINDING_MISMATCH);
  }

  @Test
  void tag18IsAcceptedAndOtherEnvelopesAreMalformed() {
    byte[] doc = document().toByteArray();
    assertThat(VERIFIER.verify(prefixed(0xd2, doc), List.of(), AS_OF, DEFAULT))
        .isInstanceOf(Accepted.class);
    // Tag 17 (COSE_Mac0) is not COSE_Sign1.
    assertRejected(
        VERIFIER.verify(prefixed(0xd1, doc), List.of(), AS_OF, DEFAULT), Reason.MALFORMED);
    // A trailing byte.
    byte[] trailing = Arrays.copyOf(doc, doc.length + 1);
    assertRejected(
        VERIFIER.verify(Bytes.of(trailing), List.of(), AS_OF, DEFAULT), Reason.MALFORMED);
    // The same array with an indefinite length (0x9f ... 0xff).
    byte[] indefinite = new byte[doc.length + 1];
    indefinite[0] = (byte) 0x9f;
    System.arraycopy(doc, 1, indefinite, 1, doc.length - 1);
    indefinite[doc.length] = (byte) 0xff;
    assertRejected(
        VERIFIER.verify(Bytes.of(indefinite), List.of(), AS_OF, DEFAULT), Reason.MALFORMED);
    // The same array with a non-shortest head (0x98 0x04).
    byte[] longHead = new byte[doc.length + 1];
    longHead[0] = (byte) 0x98;
    longHead[1] = 4;
    System.arraycopy(doc, 1, longHead, 2, doc.length - 1);
    assertRejected(
        VERIFIER.verify(Bytes.of(longHead), List.of(), AS_OF, DEFAULT), Reason.MALFORMED);
    assertRejected(VERIFIER.verify(Bytes.EMPTY, List.of(), AS_OF, DEFAULT), Reason.MALFORMED);
  }

  /**
   * MANIFEST "How to use": no single byte of the document XORed with 0x01 or 0x80 is accepted. The
   * default run checks {@value #SWEEP_SAMPLE} distinct positions drawn with seed 0x5eed7ee5 (both
   * masks each); -Dpoc.tee.fullSweep=true checks all 7,539 positions.
   */
  @Test
  void singleByteFlipsOfTheDocumentAreRejectedSeed5eed7ee5() {
    byte[] original = document().toByteArray();
    assertThat(VERIFIER.verify(Bytes.of(original), List.of(), AS_OF, DEFAULT))
        .isInstanceOf(Accepted.class);
    List<Integer> positions = new ArrayList<>();
    if (FULL_SWEEP) {
      for (int i = 0; i < original.length; i++) {
        positions.add(i);
      }
    } else {
      for (int i = 0; i < original.length; i++) {
        positions.add(i);
      }
      Collections.shuffle(positions, new Random(SWEEP_SEED));
      positions = positions.subList(0, SWEEP_SAMPLE);
    }
    List<String> accepted = new ArrayList<>();
    for (int i : positions) {
      for (int mask : new int[] {0x01, 0x80}) {
        byte[] mutated = original.clone();
        mutated[i] ^= (byte) mask;
        if (VERIFIER.verify(Bytes.of(mutated), List.of(), AS_OF, DEFAULT) instanceof Accepted) {
          accepted.add(i + "^0x" + HexFormat.of().toHexDigits((byte) mask));
        }
      }
    }
    assertThat(accepted).as("accepted mutations (seed 0x5eed7ee5)").isEmpty();
  }

  private static Bytes prefixed(int head, byte[] doc) {
    byte[] out = new byte[doc.length + 1];
    out[0] = (byte) head;
    System.arraycopy(doc, 0, out, 1, doc.length);
    return Bytes.of(out);
  }

  static Bytes ones(int n) {
    byte[] b = new byte[n];
    Arrays.fill(b, (byte) 1);
    return Bytes.of(b);
  }
}
