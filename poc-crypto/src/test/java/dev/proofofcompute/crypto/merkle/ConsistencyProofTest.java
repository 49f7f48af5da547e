package dev.proofofcompute.crypto.merkle;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.proofofcompute.crypto.Bytes;
import dev.proofofcompute.crypto.DecodingException;
import dev.proofofcompute.crypto.Digest;
import java.util.Collections;
import java.util.List;
import org.junit.jupiter.api.Test;

class ConsistencyProofTest {
  private static final Digest A = Rfc6962Vectors.ROOTS.get(1);

  @Test
  void encodingIsTheDocumentedLayoutAndRoundTrips() throws DecodingException {
    ConsistencyProof proof = new ConsistencyProof(3, 7, List.of(A));
    Bytes enc = proof.toBytes();
    assertThat(enc.toHex())
        .isEqualTo("02" + "0000000000000003" + "0000000000000007" + "01" + A.toHex());
    assertThat(ConsistencyProof.parse(enc)).isEqualTo(proof);
  }

  @Test
  void parseRejectsMalformedInput() {
    String ok = "02" + "0000000000000003" + "0000000000000007" + "01" + A.toHex();
    assertThat(parseError(ok + "ff")).contains("trailing");
    assertThat(parseError(ok.substring(0, 20))).contains("inside new size");
    assertThat(parseError("01" + ok.substring(2))).contains("type tag");
    assertThat(parseError("02" + "0000000000000003" + "ffffffffffffffff" + "00"))
        .contains("exceeds 2^63 - 1");
    assertThat(parseError("02" + "0000000000000003" + "0000000000000007" + "ff"))
        .contains("path length 255 exceeds 64");
  }

  @Test
  void constructorRefusesImpossibleValues() {
    assertThatThrownBy(() -> new ConsistencyProof(1, -2, List.of()))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> new ConsistencyProof(1, 2, Collections.nCopies(65, A)))
        .isInstanceOf(IllegalArgumentException.class);
  }

  private static String parseError(String hex) {
    try {
      ConsistencyProof.parse(Bytes.fromHex(hex));
      return "accepted";
    } catch (DecodingException e) {
      return String.valueOf(e.getMessage());
    }
  }
}
