package dev.proofofcompute.tee;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.proofofcompute.crypto.Bytes;
import dev.proofofcompute.crypto.DecodingException;
import dev.proofofcompute.tee.AttestationPolicy.SnpSigningKey;
import java.util.Locale;
import java.util.Set;
import org.junit.jupiter.api.Test;

class AttestationPolicyTest {
  static final String M1 =
      "7a1e5c266c0108dbc9bb94fa926951320940915d0aafb42464bd88b579ea158d"
          + "3e1a0dc39b2c60bd95b9c480cd81841f";
  static final String M2 =
      "e72a46ca80a260fb044a125442f0c7e331813bcbaf9724d9f3857758992766f2"
          + "d65710a27aa94ae3949dd54e7c9fe86a";

  @Test
  void defaultsRejectDebugAndAllowAnyMeasurementAtVmpl0WithAVcek() {
    AttestationPolicy p = AttestationPolicy.defaults();
    assertThat(p.allowDebug()).isFalse();
    assertThat(p.allowedMeasurements()).isEmpty();
    assertThat(p.allowedVmpls()).containsExactly(0);
    assertThat(p.allowedSigningKeys()).containsExactly(SnpSigningKey.VCEK);
    assertThat(p.expectedReportData()).isEmpty();
    assertThat(p.expectedNonce()).isEmpty();
  }

  @Test
  void parsesEveryKey() throws DecodingException {
    AttestationPolicy p =
        AttestationPolicy.parse(
            "# job 42\r\n"
                + "\n"
                + "allow_debug = true\n"
                + "allowed_measurement = "
                + M1
                + "\n"
                + "allowed_measurement="
                + M2.toUpperCase(Locale.ROOT)
                + "\n"
                + "  allowed_vmpl = 1  \n"
                + "allowed_vmpl = 0\n"
                + "allowed_signing_key = VLEK\n"
                + "expected_report_data = 0102\n"
                + "expected_nonce = ff\n");
    assertThat(p.allowDebug()).isTrue();
    assertThat(p.allowedMeasurements()).containsExactly(Bytes.fromHex(M1), Bytes.fromHex(M2));
    assertThat(p.allowedVmpls()).isEqualTo(Set.of(0, 1));
    assertThat(p.allowedSigningKeys()).containsExactly(SnpSigningKey.VLEK);
    assertThat(p.expectedReportData()).contains(Bytes.fromHex("0102"));
    assertThat(p.expectedNonce()).contains(Bytes.fromHex("ff"));
  }

  @Test
  void emptyFileIsTheDefaultPolicy() throws DecodingException {
    AttestationPolicy p = AttestationPolicy.parse("# nothing\n\n");
    assertThat(p.toString()).isEqualTo(AttestationPolicy.defaults().toString());
  }

  @Test
  void rejectsMalformedLinesNamingTheLine() {
    assertRejected("allow_debug = yes", "line 1");
    assertRejected("\nallow_debug", "line 2: expected 'key = value'");
    assertRejected("a = b = c", "expected 'key = value'");
    assertRejected("allow_debug =", "has no value");
    assertRejected("measurement = " + M1, "unknown key 'measurement'");
    assertRejected("allow_debug = false\nallow_debug = true", "line 2: 'allow_debug' given twice");
    assertRejected("expected_nonce = 01\nexpected_nonce = 02", "given twice");
    assertRejected("allowed_measurement = " + M1.substring(2), "48 bytes");
    assertRejected("allowed_measurement = zz" + M1.substring(2), "not a hex string");
    assertRejected("expected_report_data = 012", "odd length");
    assertRejected("allowed_vmpl = 4", "VMPL");
    assertRejected("allowed_vmpl = 01", "VMPL");
    assertRejected("allowed_signing_key = ask", "vcek or vlek");
    assertRejected("expected_nonce = " + "00".repeat(1025), "at most 1024");
    assertRejected("#".repeat(AttestationPolicy.MAX_POLICY_FILE_CHARS + 1), "1 MiB");
  }

  private static void assertRejected(String text, String message) {
    assertThatThrownBy(() -> AttestationPolicy.parse(text))
        .isInstanceOf(DecodingException.class)
        .hasMessageContaining(message);
  }

  @Test
  void toBuilderKeepsEverySetting() throws DecodingException {
    AttestationPolicy p =
        AttestationPolicy.parse(
            "allow_debug = true\nallowed_measurement = "
                + M1
                + "\nallowed_vmpl = 2\n"
                + "allowed_signing_key = vlek\nexpected_nonce = 01\n");
    AttestationPolicy q = p.toBuilder().expectReportData(Bytes.fromHex("aa")).build();
    assertThat(q.allowDebug()).isTrue();
    assertThat(q.allowedMeasurements()).isEqualTo(p.allowedMeasurements());
    assertThat(q.allowedVmpls()).containsExactly(2);
    assertThat(q.allowedSigningKeys()).containsExactly(SnpSigningKey.VLEK);
    assertThat(q.expectedNonce()).contains(Bytes.fromHex("01"));
    assertThat(q.expectedReportData()).contains(Bytes.fromHex("aa"));
  }
}
