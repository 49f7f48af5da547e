package dev.proofofcompute.workloads.matmul;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.proofofcompute.core.linalg.DoubleMatrix;
import dev.proofofcompute.core.linalg.IntMatrix;
import dev.proofofcompute.core.workload.Workload.OutputKind;
import dev.proofofcompute.crypto.Bytes;
import dev.proofofcompute.crypto.DecodingException;
import dev.proofofcompute.crypto.cbor.CborMap;
import dev.proofofcompute.workloads.WorkloadCodecs;
import org.junit.jupiter.api.Test;

class MatMulF64Test {
  private final MatMulF64 w = MatMulF64.create();

  @Test
  void knownAnswerInTheFixedOrder() {
    // Row 0: 1e16 + 1 rounds (tie, to even) to 1e16, minus 1e16 gives 0 although the exact sum is
    // 1.
    // Row 1: 0.5*1 + 0.25*1 + 0.125*1 = 0.875 exactly.
    MatMulF64Input in =
        new MatMulF64Input(
            DoubleMatrix.of(2, 3, new double[] {1e16, 1.0, -1e16, 0.5, 0.25, 0.125}),
            DoubleMatrix.of(3, 1, new double[] {1.0, 1.0, 1.0}));
    assertThat(w.execute(in).c()).isEqualTo(DoubleMatrix.of(2, 1, new double[] {0.0, 0.875}));
    assertThat(w.outputKind()).isEqualTo(OutputKind.FLOATING);
    assertThat(w.id()).isNotEqualTo(MatMul.create().id());
  }

  @Test
  void negativeZeroSurvivesTheRoundTrip() throws DecodingException {
    // 0.0 + (-1 * 0) = 0.0 + -0.0 = +0.0 under round-to-nearest: the sum starts from +0.0.
    MatMulF64Input in =
        new MatMulF64Input(
            DoubleMatrix.of(1, 1, new double[] {-0.0}), DoubleMatrix.of(1, 1, new double[] {1.0}));
    assertThat(w.inputCodec().decode(w.inputCodec().encode(in))).isEqualTo(in);
    assertThat(Double.doubleToRawLongBits(w.execute(in).c().get(0, 0))).isZero();
  }

  @Test
  void nonFiniteOperandsAndIntMatricesAreRejected() {
    for (double bad : new double[] {Double.NaN, Double.POSITIVE_INFINITY}) {
      Bytes enc =
          CborMap.builder()
              .put("a", WorkloadCodecs.matrix(DoubleMatrix.of(1, 1, new double[] {bad})))
              .put("b", WorkloadCodecs.matrix(DoubleMatrix.of(1, 1, new double[] {1})))
              .build()
              .encode();
      assertThatThrownBy(() -> w.inputCodec().decode(enc))
          .isInstanceOf(DecodingException.class)
          .hasMessageContaining("matmul-f64 input: left operand entry 0 is not finite");
    }
    Bytes ints =
        CborMap.builder()
            .put("a", WorkloadCodecs.matrix(IntMatrix.of(1, 1, new int[] {1})))
            .put("b", WorkloadCodecs.matrix(DoubleMatrix.of(1, 1, new double[] {1})))
            .build()
            .encode();
    assertThatThrownBy(() -> w.inputCodec().decode(ints))
        .hasMessage("matmul-f64 input: field 'a' must be a float64 matrix");
  }
}
