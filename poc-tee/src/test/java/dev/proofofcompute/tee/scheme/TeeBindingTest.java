package dev.proofofcompute.tee.scheme;

import static org.assertj.core.api.Assertions.assertThat;

import dev.proofofcompute.crypto.Bytes;
import dev.proofofcompute.crypto.Digest;
import dev.proofofcompute.tee.Format;
import org.junit.jupiter.api.Test;

class TeeBindingTest {
  static final Bytes TASK = Bytes.fromHex("01020304");
  static final Digest RESULT = Digest.sha256(Bytes.fromHex("aa"));
  static final Bytes KEY = Bytes.fromHex("bb".repeat(32));

  @Test
  void isTheSha256OfTheConcatenation() {
    Bytes concatenation = TASK.concat(RESULT.toBytes()).concat(KEY);
    assertThat(TeeBinding.of(TASK, RESULT, KEY)).isEqualTo(Digest.sha256(concatenation));
  }

  @Test
  void everyInputChangesTheBinding() {
    Digest b = TeeBinding.of(TASK, RESULT, KEY);
    assertThat(TeeBinding.of(Bytes.fromHex("01020305"), RESULT, KEY)).isNotEqualTo(b);
    assertThat(TeeBinding.of(TASK, Digest.sha256(Bytes.fromHex("ab")), KEY)).isNotEqualTo(b);
    assertThat(TeeBinding.of(TASK, RESULT, Bytes.fromHex("bc".repeat(32)))).isNotEqualTo(b);
  }

  @Test
  void placementIsUserDataOrZeroPaddedReportData() {
    Digest b = TeeBinding.of(TASK, RESULT, KEY);
    assertThat(TeeBinding.reportData(Format.NITRO, b)).isEqualTo(b.toBytes());
    Bytes snp = TeeBinding.reportData(Format.SEV_SNP, b);
    assertThat(snp.length()).isEqualTo(64);
    assertThat(snp.slice(0, 32)).isEqualTo(b.toBytes());
    assertThat(snp.slice(32, 64)).isEqualTo(Bytes.of(new byte[32]));
  }
}
