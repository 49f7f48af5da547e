package dev.proofofcompute.workloads.mlp;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.proofofcompute.core.linalg.IntMatrix;
import dev.proofofcompute.core.linalg.Matrix;
import dev.proofofcompute.core.workload.ItemStructure;
import dev.proofofcompute.core.workload.MatrixStructure;
import dev.proofofcompute.core.workload.WorkloadId;
import dev.proofofcompute.crypto.Bytes;
import dev.proofofcompute.crypto.DecodingException;
import dev.proofofcompute.crypto.Digest;
import dev.proofofcompute.crypto.Hashes;
import dev.proofofcompute.crypto.cbor.CborArray;
import dev.proofofcompute.crypto.cbor.CborMap;
import dev.proofofcompute.workloads.WorkloadCodecs;
import java.util.List;
import org.junit.jupiter.api.Test;

class MlpInferTest {
  private final QuantizedMlp model = QuantizedMlpTest.tinyModel();
  private final MlpInfer w = MlpInfer.create(model);

  @Test
  void knownAnswerThroughEveryStructure() {
    // The hand computation is in QuantizedMlpTest.knownAnswer: logits [5, 3, 126], C0 = [11 1; -1
    // 4;
    // 300 0], A1 = [6 2; 0 4; 127 2], C1 = [10; 8; 131].
    MlpInferInput in = w.input(QuantizedMlpTest.tinyBatch());
    assertThat(w.execute(in).logits()).isEqualTo(IntMatrix.of(3, 1, new int[] {5, 3, 126}));
    ItemStructure<MlpInferInput, MlpInferOutput> items = w.items().orElseThrow();
    assertThat(items.executeItem(in, 2)).isEqualTo(IntMatrix.of(1, 1, new int[] {126}).encode());
    MatrixStructure<MlpInferInput, MlpInferOutput> ms = w.matrices().orElseThrow();
    List<Matrix> products = ms.products(in);
    assertThat(products)
        .containsExactly(
            IntMatrix.of(3, 2, new int[] {11, 1, -1, 4, 300, 0}),
            IntMatrix.of(3, 1, new int[] {10, 8, 131}));
    assertThat(ms.left(in, products, 1))
        .isEqualTo(IntMatrix.of(3, 2, new int[] {6, 2, 0, 4, 127, 2}));
    assertThat(ms.right(in, 1)).isEqualTo(model.layers().get(1).weights());
    // A corrupted hidden product that ReLU absorbs: C0[1][0] = -1 -> -2 still requantises to 0, so
    // the output is unchanged; only the product check (C0 != A0 x W0) can catch it.
    List<Matrix> claimed =
        List.of(IntMatrix.of(3, 2, new int[] {11, 1, -2, 4, 300, 0}), products.get(1));
    assertThat(ms.output(in, claimed)).isEqualTo(w.execute(in));
    assertThat(claimed.get(0)).isNotEqualTo(products.get(0));
  }

  @Test
  void theWeightsAreContentAddressed() {
    Digest hash = Hashes.hash("poc/workloads/mlp-weights/v1", model.encode());
    assertThat(model.weightsHash()).isEqualTo(hash);
    assertThat(w.id())
        .isEqualTo(
            WorkloadId.of("mlp-infer", 1, CborMap.builder().put("weights", hash).build().encode()));
    Layer l0 = model.layers().get(0);
    Layer changed =
        new Layer(
            IntMatrix.of(2, 2, new int[] {1, -1, 2, 2}), // one weight differs
            l0.bias());
    QuantizedMlp other =
        QuantizedMlp.of(List.of(changed, model.layers().get(1)), model.requantizations());
    assertThat(other.weightsHash()).isNotEqualTo(model.weightsHash());
    assertThat(MlpInfer.create(other).id()).isNotEqualTo(w.id());
    QuantizedMlp otherShift = QuantizedMlp.of(model.layers(), List.of(new Requantization(1, 2)));
    assertThat(otherShift.weightsHash()).isNotEqualTo(model.weightsHash());
  }

  @Test
  void anInputForOtherWeightsIsRefused() {
    QuantizedMlp other = MlpGenerator.randomModel(1, 2, 3, 1);
    MlpInferInput foreign = MlpInfer.create(other).input(QuantizedMlpTest.tinyBatch());
    String expected = "the input expects weights " + other.weightsHash().toHex();
    assertThatThrownBy(() -> w.execute(foreign))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining(expected)
        .hasMessageContaining("this workload runs weights " + model.weightsHash().toHex());
    assertThatThrownBy(() -> w.items().orElseThrow().executeItem(foreign, 0))
        .hasMessageContaining(expected);
    assertThatThrownBy(() -> w.matrices().orElseThrow().products(foreign))
        .hasMessageContaining(expected);
    assertThatThrownBy(() -> w.matrices().orElseThrow().output(foreign, List.of()))
        .hasMessageContaining(expected);
  }

  @Test
  void modelEncodingRoundTripsAndRejectsInvalidModels() throws DecodingException {
    QuantizedMlp big = MlpGenerator.randomModel(77, 5, 8, 8, 3);
    assertThat(QuantizedMlp.decode(big.encode())).isEqualTo(big);
    assertThat(QuantizedMlp.decode(big.encode()).weightsHash()).isEqualTo(big.weightsHash());
    CborMap layerOk =
        CborMap.builder()
            .put("w", WorkloadCodecs.matrix(IntMatrix.of(1, 1, new int[] {1})))
            .put("b", WorkloadCodecs.matrix(IntMatrix.of(1, 1, new int[] {0})))
            .build();
    CborMap layerBad =
        CborMap.builder()
            .put("w", WorkloadCodecs.matrix(IntMatrix.of(1, 1, new int[] {-129})))
            .put("b", WorkloadCodecs.matrix(IntMatrix.of(1, 1, new int[] {0})))
            .build();
    CborMap requant = CborMap.builder().put("m", 1).put("s", 1).build();
    assertThatThrownBy(() -> QuantizedMlp.decode(model(CborArray.of(layerBad), CborArray.of())))
        .isInstanceOf(DecodingException.class)
        .hasMessage("mlp model layer 0: weights have an entry outside int8 [-128, 127]");
    assertThatThrownBy(
            () -> QuantizedMlp.decode(model(CborArray.of(layerOk, layerOk), CborArray.of())))
        .hasMessageContaining("a model of 2 layers has 1 requantisations, got 0");
    assertThatThrownBy(() -> QuantizedMlp.decode(model(CborArray.of(), CborArray.of())))
        .hasMessageContaining("1..64 layers");
    CborMap badShift = CborMap.builder().put("m", 1).put("s", 63).build();
    assertThatThrownBy(() ->
            QuantizedMlp.decode(model(CborArray.of(layerOk, layerOk), CborArray.of(badShift))))
        .hasMessageContaining("mlp model requantisation 0: requantisation shift is in [1, 62]");
    CborMap bigMult = CborMap.builder().put("m", 1L << 31).put("s", 1).build();
    assertThatThrownBy(
            () -> QuantizedMlp.decode(model(CborArray.of(layerOk, layerOk), CborArray.of(bigMult))))
        .hasMessageContaining("field 'm' = 2147483648 is outside the int32 range");
    assertThat(
            QuantizedMlp.decode(model(CborArray.of(layerOk, layerOk), CborArray.of(requant)))
                .layers())
        .hasSize(2);
  }

  @Test
  void outputCodecChecksTheLogitWidthAndStructureChecksClaimedShapes() {
    Bytes wide =
        CborMap.builder()
            .put("logits", WorkloadCodecs.matrix(IntMatrix.of(1, 2, new int[2])))
            .build()
            .encode();
    assertThatThrownBy(() -> w.outputCodec().decode(wide))
        .isInstanceOf(DecodingException.class)
        .hasMessage("mlp-infer output: logits have 2 columns, the model 1");
    MlpInferInput in = w.input(QuantizedMlpTest.tinyBatch());
    MatrixStructure<MlpInferInput, MlpInferOutput> ms = w.matrices().orElseThrow();
    assertThatThrownBy(() -> ms.left(in, List.of(), 1))
        .hasMessageContaining("product 1 needs the 1 products before it, got 0");
    List<Matrix> shortRows = List.of(IntMatrix.of(2, 2, new int[4]));
    assertThatThrownBy(() -> ms.left(in, shortRows, 1))
        .hasMessageContaining("product 0 must be an int32 3x2 matrix");
    assertThatThrownBy(() -> ms.right(in, 2)).hasMessageContaining("product 2 outside 0..1");
  }

  private static Bytes model(CborArray layers, CborArray requants) {
    return CborMap.builder().put("layers", layers).put("requant", requants).build().encode();
  }
}
