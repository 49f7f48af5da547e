package dev.proofofcompute.tee;

import static org.assertj.core.api.Assertions.assertThat;

import dev.proofofcompute.crypto.Bytes;
import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;

class VerdictTextTest {
  @Test
  void acceptedListsEveryValueAndAttributeInOrder() {
    Map<String, Bytes> values = new LinkedHashMap<>();
    values.put("PCR1", Bytes.fromHex("01"));
    values.put("nonce", Bytes.fromHex("ff"));
    Measured m =
        new Measured(
            Format.NITRO,
            Bytes.fromHex("aa"),
            Bytes.EMPTY,
            false,
            values,
            Map.of("module_id", "i-1"));
    assertThat(VerdictText.lines(new AttestationVerdict.Accepted(m)))
        .containsExactly(
            "ACCEPTED nitro",
            "measurement: aa",
            "report_data: ",
            "debug: false",
            "PCR1: 01",
            "nonce: ff",
            "module_id: i-1");
  }

  @Test
  void rejectedIsOneLineWithReasonAndDetail() {
    assertThat(
            VerdictText.lines(
                new AttestationVerdict.Rejected(AttestationVerdict.Reason.EXPIRED, "leaf expired")))
        .containsExactly("REJECTED EXPIRED: leaf expired");
  }
}
