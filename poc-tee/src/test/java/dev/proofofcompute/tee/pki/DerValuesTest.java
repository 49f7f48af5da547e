package dev.proofofcompute.tee.pki;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.proofofcompute.crypto.Bytes;
import dev.proofofcompute.crypto.DecodingException;
import dev.proofofcompute.tee.TeeVectors;
import java.math.BigInteger;
import java.security.cert.X509Certificate;
import org.junit.jupiter.api.Test;

class DerValuesTest {
  @Test
  void readsIntegersAndOctetStrings() throws DecodingException {
    assertThat(DerValues.integer(Bytes.fromHex("020100"))).isEqualTo(BigInteger.ZERO);
    assertThat(DerValues.integer(Bytes.fromHex("020200d9"))).isEqualTo(BigInteger.valueOf(217));
    assertThat(DerValues.integer(Bytes.fromHex("0201ff"))).isEqualTo(BigInteger.valueOf(-1));
    assertThat(DerValues.octetString(Bytes.fromHex("0403010203")))
        .isEqualTo(Bytes.fromHex("010203"));
    byte[] long200 = new byte[203];
    long200[0] = 0x04;
    long200[1] = (byte) 0x81;
    long200[2] = (byte) 200;
    assertThat(DerValues.octetString(Bytes.of(long200)).length()).isEqualTo(200);
  }

  @Test
  void rejectsNonDer() {
    for (String hex :
        new String[] {
          "",
          "02",
          "0200",
          "02020001",
          "0202ff80",
          "020101ff",
          "0401",
          "0381000",
          "048101aa",
          "0482000100",
          "0201"
        }) {
      assertThatThrownBy(
              () -> {
                Bytes b = Bytes.fromHex(hex.length() % 2 == 0 ? hex : hex + "0");
                if (hex.startsWith("02")) {
                  DerValues.integer(b);
                } else {
                  DerValues.octetString(b);
                }
              })
          .as(hex)
          .isInstanceOf(DecodingException.class);
    }
  }

  /** The VCEK of google/go-sev-guest verify/testdata/vcek.testcer: SPLs bl2/tee0/snp5/ucode68. */
  @Test
  void readsTheAmdSplExtensionsOfARealVcek() throws DecodingException {
    X509Certificate vcek = TeeVectors.certs("sev-snp/gsg_vcek.der").get(0);
    assertThat(DerValues.integer(DerValues.extension(vcek, "1.3.6.1.4.1.3704.1.3.1").orElseThrow()))
        .isEqualTo(BigInteger.TWO);
    assertThat(DerValues.integer(DerValues.extension(vcek, "1.3.6.1.4.1.3704.1.3.3").orElseThrow()))
        .isEqualTo(BigInteger.valueOf(5));
    assertThat(DerValues.integer(DerValues.extension(vcek, "1.3.6.1.4.1.3704.1.3.8").orElseThrow()))
        .isEqualTo(BigInteger.valueOf(68));
    assertThat(DerValues.extension(vcek, "1.3.6.1.4.1.3704.1.4").orElseThrow().length())
        .isEqualTo(64);
    assertThat(DerValues.extension(vcek, "1.2.3.4")).isEmpty();
  }
}
