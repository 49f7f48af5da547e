package dev.proofofcompute.crypto.merkle;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.proofofcompute.crypto.Bytes;
import dev.proofofcompute.crypto.DecodingException;
import dev.proofofcompute.crypto.Digest;
import java.util.Collections;
import java.util.List;
import org.junit.jupiter.api.Test;

class MultiProofTest {
  private static final Digest A = Rfc6962Vectors.ROOTS.get(1);

  @Test
  void encodingIsTheDocumentedLayoutAndRoundTrips() throws DecodingException {
    MultiProof proof = new MultiProof(8, List.of(2L, 5L), List.of(A));
    Bytes enc = proof.toBytes();
    assertThat(enc.toHex())
        .isEqualTo(
            "03"
                + "0000000000000008"
                + "00000002"
                + "0000000000000002"
                + "0000000000000005"
                + "00000001"
                + A.toHex());
    assertThat(MultiProof.parse(enc)).isEqualTo(proof);
  }

  /** The walk of docs/merkle.md on the 8-leaf reference tree, leaves 1 and 6. */
  @Test
  void layoutListsTheIndexFreeSubtreesLeftToRight() {
    MerkleTree tree = MerkleTree.ofLeaves(Rfc6962Vectors.LEAVES);
    MultiProof proof = tree.multiProof(List.of(1L, 6L));
    // Subtrees without a proven leaf, left to right: [0], [2,4), [4,6), [7].
    assertThat(proof.hashes())
        .containsExactly(
            tree.leafHash(0),
            MerkleTree.ofLeaves(Rfc6962Vectors.LEAVES.subList(2, 4)).root(),
            MerkleTree.ofLeaves(Rfc6962Vectors.LEAVES.subList(4, 6)).root(),
            tree.leafHash(7));
  }

  @Test
  void parseRejectsMalformedInput() {
    String head = "03" + "0000000000000008";
    String ok = head + "00000001" + "0000000000000002" + "00000001" + A.toHex();
    assertThat(parseError(ok + "00")).contains("trailing");
    assertThat(parseError(ok.substring(0, ok.length() - 2))).contains("inside hashes");
    assertThat(parseError(head + "00000000" + "00000000")).contains("index count 0");
    assertThat(parseError(head + "ffffffff")).contains("not in 1..");
    assertThat(parseError(head + "00000002" + "0000000000000005" + "0000000000000005"))
        .contains("inside hash count");
    assertThat(parseError(head + "00000002" + "0000000000000005" + "0000000000000005" + "00000000"))
        .contains("not strictly increasing");
    assertThat(parseError(head + "00000001" + "0000000000000002" + "00000041"))
        .contains("exceeds 64 per index");
    assertThat(parseError(head + "00000001" + "8000000000000002" + "00000000"))
        .contains("exceeds 2^63 - 1");
  }

  @Test
  void constructorRefusesImpossibleValues() {
    assertThatThrownBy(() -> new MultiProof(8, List.of(), List.of()))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> new MultiProof(8, List.of(3L, 1L), List.of()))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> new MultiProof(8, List.of(-1L), List.of()))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> new MultiProof(8, List.of(1L), Collections.nCopies(65, A)))
        .isInstanceOf(IllegalArgumentException.class);
  }

  private static String parseError(String hex) {
    try {
      MultiProof.parse(Bytes.fromHex(hex));
      return "accepted";
    } catch (DecodingException e) {
      return String.valueOf(e.getMessage());
    }
  }
}
