package dev.proofofcompute.schemes.spotcheck;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.proofofcompute.crypto.Bytes;
import dev.proofofcompute.crypto.DecodingException;
import dev.proofofcompute.crypto.Digest;
import dev.proofofcompute.crypto.cbor.CborArray;
import dev.proofofcompute.crypto.cbor.CborBytes;
import dev.proofofcompute.crypto.cbor.CborInteger;
import dev.proofofcompute.crypto.cbor.CborMap;
import dev.proofofcompute.crypto.merkle.MerkleTree;
import dev.proofofcompute.crypto.merkle.MultiProof;
import java.util.List;
import org.junit.jupiter.api.Test;

class SpotCheckOpeningTest {
  private final Digest task = Digest.sha256(new byte[] {9});
  private final List<Bytes> leaves =
      List.of(Bytes.fromHex("00"), Bytes.fromHex("0101"), Bytes.fromHex("020202"), Bytes.EMPTY);
  private final MultiProof proof = MerkleTree.ofLeaves(leaves).multiProof(List.of(1L, 3L));

  @Test
  void roundTrips() throws Exception {
    SpotCheckOpening opening =
        new SpotCheckOpening(task, List.of(leaves.get(1), leaves.get(3)), proof);
    assertThat(SpotCheckOpening.parse(opening.toBytes())).isEqualTo(opening);
  }

  @Test
  void needsOneOutputPerProvenIndex() {
    assertThatThrownBy(() -> new SpotCheckOpening(task, List.of(leaves.get(1)), proof))
        .isInstanceOf(IllegalArgumentException.class);
    CborMap missing =
        CborMap.builder()
            .put("task", task)
            .put("outputs", CborArray.of(new CborBytes(leaves.get(1))))
            .put("proof", proof.toBytes())
            .build();
    assertThatThrownBy(() -> SpotCheckOpening.fromCbor(missing))
        .isInstanceOf(DecodingException.class)
        .hasMessageContaining("1 outputs for 2");
  }

  @Test
  void rejectsMistypedOutputsAndBadProofs() {
    CborMap mistyped =
        CborMap.builder()
            .put("task", task)
            .put("outputs", CborArray.of(new CborBytes(leaves.get(1)), CborInteger.of(3)))
            .put("proof", proof.toBytes())
            .build();
    assertThatThrownBy(() -> SpotCheckOpening.fromCbor(mistyped))
        .isInstanceOf(DecodingException.class);
    Bytes p = proof.toBytes();
    CborMap badProof =
        CborMap.builder()
            .put("task", task)
            .put(
                "outputs", CborArray.of(new CborBytes(leaves.get(1)), new CborBytes(leaves.get(3))))
            .put("proof", p.slice(0, p.length() - 1))
            .build();
    assertThatThrownBy(() -> SpotCheckOpening.fromCbor(badProof))
        .isInstanceOf(DecodingException.class);
  }
}
