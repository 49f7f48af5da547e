package dev.proofofcompute.schemes.spotcheck;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.proofofcompute.crypto.DecodingException;
import dev.proofofcompute.crypto.Digest;
import dev.proofofcompute.crypto.cbor.CborMap;
import org.junit.jupiter.api.Test;

class SpotCheckCommitmentTest {
  private final SpotCheckCommitment commitment =
      new SpotCheckCommitment(Digest.sha256(new byte[] {1}), Digest.sha256(new byte[] {2}), 1234);

  @Test
  void roundTrips() throws Exception {
    assertThat(SpotCheckCommitment.parse(commitment.toBytes())).isEqualTo(commitment);
    assertThat(SpotCheckCommitment.fromCbor(commitment.toCbor())).isEqualTo(commitment);
  }

  @Test
  void rejectsOutOfRangeCountsAndUnknownFields() {
    assertThatThrownBy(() -> new SpotCheckCommitment(commitment.taskId(), commitment.root(), 0))
        .isInstanceOf(IllegalArgumentException.class);
    CborMap zero =
        CborMap.builder()
            .put("task", commitment.taskId())
            .put("root", commitment.root())
            .put("items", 0)
            .build();
    assertThatThrownBy(() -> SpotCheckCommitment.fromCbor(zero))
        .isInstanceOf(DecodingException.class);
    CborMap huge =
        CborMap.builder()
            .put("task", commitment.taskId())
            .put("root", commitment.root())
            .put("items", 1L << 31)
            .build();
    assertThatThrownBy(() -> SpotCheckCommitment.fromCbor(huge))
        .isInstanceOf(DecodingException.class);
    CborMap extra =
        CborMap.builder()
            .put("task", commitment.taskId())
            .put("root", commitment.root())
            .put("items", 3)
            .put("note", "x")
            .build();
    assertThatThrownBy(() -> SpotCheckCommitment.fromCbor(extra))
        .isInstanceOf(DecodingException.class)
        .hasMessageContaining("note");
  }

  @Test
  void rejectsTruncation() {
    var bytes = commitment.toBytes();
    assertThatThrownBy(() -> SpotCheckCommitment.parse(bytes.slice(0, bytes.length() - 1)))
        .isInstanceOf(DecodingException.class);
  }
}
