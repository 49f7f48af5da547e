package dev.proofofcompute.workloads.matmul;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.proofofcompute.core.linalg.DoubleMatrix;
import dev.proofofcompute.core.linalg.IntMatrix;
import dev.proofofcompute.core.linalg.Matrix;
import dev.proofofcompute.core.workload.ItemStructure;
import dev.proofofcompute.core.workload.MatrixStructure;
import dev.proofofcompute.core.workload.Workload.OutputKind;
import dev.proofofcompute.crypto.Bytes;
import dev.proofofcompute.crypto.DecodingException;
import dev.proofofcompute.crypto.cbor.CborMap;
import dev.proofofcompute.workloads.WorkloadCodecs;
import java.util.List;
import org.junit.jupiter.api.Test;

class MatMulTest {
  private final MatMul w = MatMul.create();

  @Test
  void knownAnswerThroughEveryStructure() {
    // [1 2; 3 4] x [5 6; 7 8] = [19 22; 43 50]
    MatMulInput in =
        new MatMulInput(
            IntMatrix.of(2, 2, new int[] {1, 2, 3, 4}), IntMatrix.of(2, 2, new int[] {5, 6, 7, 8}));
    IntMatrix expected = IntMatrix.of(2, 2, new int[] {19, 22, 43, 50});
    assertThat(w.execute(in).c()).isEqualTo(expected);
    ItemStructure<MatMulInput, MatMulOutput> items = w.items().orElseThrow();
    assertThat(items.itemCount(in)).isEqualTo(2);
    assertThat(items.itemInput(in, 1)).isEqualTo(IntMatrix.of(1, 2, new int[] {3, 4}).encode());
    assertThat(items.executeItem(in, 1)).isEqualTo(IntMatrix.of(1, 2, new int[] {43, 50}).encode());
    MatrixStructure<MatMulInput, MatMulOutput> ms = w.matrices().orElseThrow();
    assertThat(ms.products(in)).containsExactly(expected);
    assertThat(ms.left(in, List.of(), 0)).isEqualTo(in.a());
    assertThat(ms.right(in, 0)).isEqualTo(in.b());
    assertThat(w.outputKind()).isEqualTo(OutputKind.EXACT);
  }

  @Test
  void encodingIsTheDocumentedCborMap() {
    // RFC 8949: a2 = map(2); 61 61 = "a"; 4d = bstr(13); then Matrix.encode(): kind 01, rows
    // 00000001, cols 00000001, entry 00000002. Key "b" (61 62) sorts after "a". -3 = fffffffd.
    MatMulInput in =
        new MatMulInput(IntMatrix.of(1, 1, new int[] {2}), IntMatrix.of(1, 1, new int[] {-3}));
    assertThat(w.inputCodec().encode(in).toHex())
        .isEqualTo(
            "a2"
                + "6161"
                + "4d"
                + "01000000010000000100000002"
                + "6162"
                + "4d"
                + "010000000100000001fffffffd");
    // Output {"c": [-6]}: a1 = map(1), 61 63 = "c", -6 = fffffffa.
    assertThat(w.outputCodec().encode(w.execute(in)).toHex())
        .isEqualTo("a1" + "6163" + "4d" + "010000000100000001fffffffa");
  }

  @Test
  void decodingRejectsInvalidOperandsWithAReason() {
    IntMatrix a = IntMatrix.of(1, 2, new int[] {128, 0});
    IntMatrix b = IntMatrix.of(2, 1, new int[] {1, 1});
    assertThatThrownBy(() -> w.inputCodec().decode(input(a, b)))
        .isInstanceOf(DecodingException.class)
        .hasMessage("matmul input: left operand has an entry outside int8 [-128, 127]");
    IntMatrix a2 = IntMatrix.of(1, 3, new int[3]);
    assertThatThrownBy(() -> w.inputCodec().decode(input(a2, b)))
        .hasMessageContaining("cannot multiply 1x3 by 2x1");
    Bytes f64 =
        CborMap.builder()
            .put("a", WorkloadCodecs.matrix(DoubleMatrix.of(1, 1, new double[] {1})))
            .put("b", WorkloadCodecs.matrix(b))
            .build()
            .encode();
    assertThatThrownBy(() -> w.inputCodec().decode(f64))
        .hasMessage("matmul input: field 'a' must be an int32 matrix");
    Bytes extra =
        CborMap.builder()
            .put("a", WorkloadCodecs.matrix(a2))
            .put("b", WorkloadCodecs.matrix(IntMatrix.of(3, 1, new int[3])))
            .put("note", "hi")
            .build()
            .encode();
    assertThatThrownBy(() -> w.inputCodec().decode(extra))
        .hasMessageContaining("matmul input: unexpected field \"note\"");
    Bytes notBytes = CborMap.builder().put("a", 1).put("b", 2).build().encode();
    assertThatThrownBy(() -> w.inputCodec().decode(notBytes))
        .hasMessageContaining("field 'a' must be a byte string, got an integer");
  }

  @Test
  void anInnerDimensionThatCouldOverflowIsRejected() {
    int k = MatrixProducts.MAX_INT8_INNER + 1;
    Bytes big = input(IntMatrix.generate(1, k, (r, c) -> 0), IntMatrix.generate(k, 1, (r, c) -> 0));
    assertThatThrownBy(() -> w.inputCodec().decode(big))
        .isInstanceOf(DecodingException.class)
        .hasMessageContaining("inner dimension 131072 exceeds 131071");
  }

  @Test
  void claimedProductsOfTheWrongKindOrShapeAreRefused() {
    MatMulInput in =
        new MatMulInput(IntMatrix.of(1, 1, new int[] {1}), IntMatrix.of(1, 2, new int[] {1, 2}));
    MatrixStructure<MatMulInput, MatMulOutput> ms = w.matrices().orElseThrow();
    List<Matrix> wrongShape = List.of(IntMatrix.of(2, 1, new int[2]));
    assertThatThrownBy(() -> ms.output(in, wrongShape))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("must be an int32 1x2 matrix");
    List<Matrix> wrongKind = List.of(DoubleMatrix.of(1, 2, new double[2]));
    assertThatThrownBy(() -> ms.output(in, wrongKind))
        .hasMessageContaining("must be an int32 1x2 matrix");
    assertThatThrownBy(() -> ms.left(in, List.of(), 1)).hasMessageContaining("only product 0");
  }

  private static Bytes input(IntMatrix a, IntMatrix b) {
    return CborMap.builder()
        .put("a", WorkloadCodecs.matrix(a))
        .put("b", WorkloadCodecs.matrix(b))
        .build()
        .encode();
  }
}
