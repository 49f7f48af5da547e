package dev.proofofcompute.workloads;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.proofofcompute.core.linalg.IntMatrix;
import dev.proofofcompute.crypto.Bytes;
import dev.proofofcompute.crypto.DecodingException;
import dev.proofofcompute.crypto.cbor.CborMap;
import org.junit.jupiter.api.Test;

class WorkloadCodecsTest {

  @Test
  void inputsBeyondTheSizeLimitAreRejectedBeforeParsing() {
    Bytes huge = Bytes.of(new byte[WorkloadCodecs.LIMITS.maxInputBytes() + 1]);
    assertThatThrownBy(() -> WorkloadCodecs.decodeMap(huge, "test value", "a"))
        .isInstanceOf(DecodingException.class)
        .hasMessage("test value: CBOR input of 67108865 bytes exceeds the limit of 67108864");
  }

  @Test
  void nonCanonicalCborIsRejected() {
    // {"a": 1} with the integer in a two-byte head (18 01) instead of the immediate 01.
    assertThatThrownBy(() -> WorkloadCodecs.decodeMap(Bytes.fromHex("a161611801"), "v", "a"))
        .hasMessageContaining("v: non-canonical encoding");
    // Keys out of order: {"b": 1, "a": 2}.
    assertThatThrownBy(
            () -> WorkloadCodecs.decodeMap(Bytes.fromHex("a2616201616102"), "v", "a", "b"))
        .hasMessageContaining("map keys not in sorted order");
  }

  @Test
  void typedFieldsNameTheValueAndField() throws DecodingException {
    CborMap m =
        CborMap.builder()
            .put("n", 1L << 31)
            .put("m", WorkloadCodecs.matrix(IntMatrix.of(1, 1, new int[] {7})))
            .put("junk", Bytes.fromHex("01"))
            .build();
    assertThatThrownBy(() -> WorkloadCodecs.intField(m, "n", "v"))
        .hasMessage("v: field 'n' = 2147483648 is outside the int32 range");
    assertThat(WorkloadCodecs.intMatrix(m, "m", "v")).isEqualTo(IntMatrix.of(1, 1, new int[] {7}));
    assertThatThrownBy(() -> WorkloadCodecs.doubleMatrix(m, "m", "v"))
        .hasMessage("v: field 'm' must be a float64 matrix");
    assertThatThrownBy(() -> WorkloadCodecs.intMatrix(m, "junk", "v"))
        .hasMessage("v: field 'junk': matrix encoding is 1 bytes, shorter than its header");
    assertThatThrownBy(() -> WorkloadCodecs.intMatrix(m, "absent", "v"))
        .hasMessage("v: field 'absent' is missing");
  }
}
