package dev.proofofcompute.crypto.merkle;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.proofofcompute.crypto.Bytes;
import dev.proofofcompute.crypto.DecodingException;
import dev.proofofcompute.crypto.Digest;
import java.util.Collections;
import java.util.List;
import org.junit.jupiter.api.Test;

class InclusionProofTest {
  private static final Digest A = Rfc6962Vectors.ROOTS.get(1);
  private static final Digest B = Rfc6962Vectors.ROOTS.get(2);

  @Test
  void encodingIsTheDocumentedLayoutAndRoundTrips() throws DecodingException {
    InclusionProof proof = new InclusionProof(5, 8, List.of(A, B));
    Bytes enc = proof.toBytes();
    assertThat(enc.toHex())
        .isEqualTo("01" + "0000000000000005" + "0000000000000008" + "02" + A.toHex() + B.toHex());
    assertThat(InclusionProof.parse(enc)).isEqualTo(proof);
    InclusionProof empty = new InclusionProof(0, 1, List.of());
    assertThat(InclusionProof.parse(empty.toBytes())).isEqualTo(empty);
  }

  @Test
  void parseRejectsMalformedInput() {
    String ok = "01" + "0000000000000005" + "0000000000000008" + "01" + A.toHex();
    assertThat(parseError(ok + "00")).contains("1 trailing bytes");
    assertThat(parseError(ok.substring(0, ok.length() - 2))).contains("inside path");
    assertThat(parseError("02" + ok.substring(2))).contains("type tag");
    assertThat(parseError("")).contains("inside type tag");
    assertThat(parseError("01" + "8000000000000000" + "0000000000000008" + "00"))
        .contains("exceeds 2^63 - 1");
    assertThat(parseError("01" + "0000000000000000" + "0000000000000008" + "41"))
        .contains("path length 65 exceeds 64");
  }

  @Test
  void constructorRefusesImpossibleValues() {
    assertThatThrownBy(() -> new InclusionProof(-1, 8, List.of()))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> new InclusionProof(0, 8, Collections.nCopies(65, A)))
        .isInstanceOf(IllegalArgumentException.class);
  }

  private static String parseError(String hex) {
    try {
      InclusionProof.parse(Bytes.fromHex(hex));
      return "accepted";
    } catch (DecodingException e) {
      return String.valueOf(e.getMessage());
    }
  }
}
