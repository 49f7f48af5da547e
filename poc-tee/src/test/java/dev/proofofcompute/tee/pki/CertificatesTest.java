package dev.proofofcompute.tee.pki;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.proofofcompute.crypto.Bytes;
import dev.proofofcompute.crypto.DecodingException;
import dev.proofofcompute.tee.TeeVectors;
import dev.proofofcompute.tee.TrustedRoots;
import java.security.cert.X509Certificate;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Fingerprints from shared/vectors/tee/MANIFEST.md, "Pinned roots" and intermediates. */
class CertificatesTest {
  @Test
  void pemBundlesParseInOrderWithTheManifestFingerprints() throws DecodingException {
    List<X509Certificate> milan =
        Certificates.parseAll(Bytes.of(TeeVectors.raw("sev-snp/amd_ask_ark_milan.pem")));
    assertThat(milan).hasSize(2);
    assertThat(Certificates.fingerprint(milan.get(0)).toHex())
        .isEqualTo("67d303bd3905fd38db8b20e0793699870e7fa612eaad5dec358293fd8c0bac1b");
    assertThat(Certificates.fingerprint(milan.get(1))).isEqualTo(TrustedRoots.AMD_ARK_MILAN);
    List<X509Certificate> genoa =
        Certificates.parseAll(Bytes.of(TeeVectors.raw("sev-snp/amd_ask_ark_genoa.pem")));
    assertThat(Certificates.fingerprint(genoa.get(1))).isEqualTo(TrustedRoots.AMD_ARK_GENOA);
    List<X509Certificate> azure =
        Certificates.parseAll(Bytes.of(TeeVectors.raw("sev-snp/trustee_az-snp-vtpm_vcek.pem")));
    assertThat(azure).hasSize(3);
    assertThat(Certificates.fingerprint(azure.get(2))).isEqualTo(TrustedRoots.AMD_ARK_MILAN);
  }

  @Test
  void derParsesExactlyOneCertificate() throws DecodingException {
    byte[] der = TeeVectors.raw("sev-snp/virtee_vcek_milan.der");
    X509Certificate c = Certificates.parseDer(Bytes.of(der));
    assertThat(Certificates.encoded(c)).isEqualTo(Bytes.of(der));
    byte[] trailing = Arrays.copyOf(der, der.length + 1);
    assertThatThrownBy(() -> Certificates.parseDer(Bytes.of(trailing)))
        .isInstanceOf(DecodingException.class);
    assertThatThrownBy(() -> Certificates.parseDer(Bytes.EMPTY))
        .isInstanceOf(DecodingException.class);
    assertThatThrownBy(() -> Certificates.parseAll(Bytes.fromHex("3000")))
        .isInstanceOf(DecodingException.class);
    assertThatThrownBy(() -> Certificates.parseAll(Bytes.EMPTY))
        .isInstanceOf(DecodingException.class);
  }
}
