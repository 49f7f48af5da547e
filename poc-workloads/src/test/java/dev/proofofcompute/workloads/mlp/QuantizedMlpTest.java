package dev.proofofcompute.workloads.mlp;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.proofofcompute.core.linalg.IntMatrix;
import dev.proofofcompute.crypto.Bytes;
import dev.proofofcompute.crypto.DecodingException;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class QuantizedMlpTest {

  /** The 2 -> 2 -> 1 model of {@link #knownAnswer}. */
  static QuantizedMlp tinyModel() {
    Layer l0 =
        new Layer(
            IntMatrix.of(2, 2, new int[] {1, -1, 2, 1}), IntMatrix.of(1, 2, new int[] {0, 3}));
    Layer l1 = new Layer(IntMatrix.of(2, 1, new int[] {1, 2}), IntMatrix.of(1, 1, new int[] {-5}));
    return QuantizedMlp.of(List.of(l0, l1), List.of(new Requantization(1, 1)));
  }

  /** The batch of {@link #knownAnswer}. */
  static IntMatrix tinyBatch() {
    return IntMatrix.of(3, 2, new int[] {3, 4, -3, 1, 100, 100});
  }

  @Test
  void knownAnswer() {
    // W0 = [1 -1; 2 1], b0 = [0 3], requant x/2 rounded half up, ReLU, clamp 127; W1 = [1; 2], b1 =
    // -5.
    // row [3 4]:     C0 = [3+8, -3+4] = [11 1];   +b0 = [11 4]; /2 -> [5.5 2] -> [6 2];
    //                C1 = 6 + 4 = 10;  logit 10 - 5 = 5
    // row [-3 1]:    C0 = [-3+2, 3+1] = [-1 4];  +b0 = [-1 7]; /2 -> [-0.5 3.5] -> [0 4];
    //                C1 = 0 + 8 = 8;   logit 3
    // row [100 100]: C0 = [100+200, -100+100] = [300 0]; +b0 = [300 3]; /2 -> [150 1.5] -> [127 2];
    //                C1 = 127 + 4 = 131; logit 126
    QuantizedMlp model = tinyModel();
    IntMatrix batch = tinyBatch();
    assertThat(model.forward(batch)).isEqualTo(IntMatrix.of(3, 1, new int[] {5, 3, 126}));
    List<IntMatrix> products = model.products(batch);
    assertThat(products.get(0)).isEqualTo(IntMatrix.of(3, 2, new int[] {11, 1, -1, 4, 300, 0}));
    assertThat(products.get(1)).isEqualTo(IntMatrix.of(3, 1, new int[] {10, 8, 131}));
    assertThat(model.activation(0, products.get(0)))
        .isEqualTo(IntMatrix.of(3, 2, new int[] {6, 2, 0, 4, 127, 2}));
  }

  @ParameterizedTest(name = "seed {0}")
  @ValueSource(longs = {11L, 12L, 13L})
  void agreesWithANaiveReference(long seed) {
    QuantizedMlp model = MlpGenerator.randomModel(seed, 17, 33, 9, 5);
    IntMatrix batch = MlpGenerator.randomBatch(seed + 1, 21, 17);
    IntMatrix logits = model.forward(batch);
    int saturatedOrZero = 0;
    int activations = 0;
    for (int i = 0; i < batch.rows(); i++) {
      long[] a = new long[batch.cols()];
      for (int t = 0; t < a.length; t++) {
        a[t] = batch.get(i, t);
      }
      for (int k = 0; k < model.layers().size(); k++) {
        Layer layer = model.layers().get(k);
        long[] next = new long[layer.outputs()];
        for (int j = 0; j < next.length; j++) {
          long acc = layer.bias().get(0, j);
          for (int t = 0; t < a.length; t++) {
            acc += a[t] * layer.weights().get(t, j);
          }
          if (k + 1 < model.layers().size()) {
            Requantization r = model.requantizations().get(k);
            long scaled = acc * r.multiplier();
            long q = Math.floorDiv(scaled + (1L << (r.shift() - 1)), 1L << r.shift());
            next[j] = Math.min(127, Math.max(0, q));
            activations++;
            if (next[j] == 0 || next[j] == 127) {
              saturatedOrZero++;
            }
          } else {
            next[j] = acc;
          }
        }
        a = next;
      }
      for (int j = 0; j < a.length; j++) {
        assertThat((long) logits.get(i, j))
            .as("seed %d row %d logit %d", seed, i, j)
            .isEqualTo(a[j]);
      }
    }
    // The generated requantisation keeps most activations strictly inside (0, 127).
    assertThat(saturatedOrZero).as("seed %d", seed).isLessThan(activations * 3 / 4);
  }

  @Test
  void rejectsInconsistentModelsAndBatches() {
    Layer l0 = new Layer(IntMatrix.of(2, 2, new int[4]), IntMatrix.of(1, 2, new int[2]));
    Layer l1 = new Layer(IntMatrix.of(3, 1, new int[3]), IntMatrix.of(1, 1, new int[1]));
    Requantization r = new Requantization(1, 1);
    assertThatThrownBy(() -> QuantizedMlp.of(List.of(l0, l1), List.of(r)))
        .hasMessageContaining("layer 1 takes 3 inputs but layer 0 gives 2");
    assertThatThrownBy(() -> QuantizedMlp.of(List.of(l0), List.of(r)))
        .hasMessageContaining("has 0 requantisations, got 1");
    assertThatThrownBy(() -> QuantizedMlp.of(List.of(), List.of()))
        .hasMessageContaining("1..64 layers");
    assertThatThrownBy(
            () -> new Layer(IntMatrix.of(1, 1, new int[] {128}), IntMatrix.of(1, 1, new int[1])))
        .hasMessageContaining("outside int8");
    assertThatThrownBy(() ->
            new Layer(IntMatrix.of(1, 1, new int[1]), IntMatrix.of(1, 1, new int[] {1 << 30})))
        .hasMessageContaining("outside (-2^30, 2^30)");
    assertThatThrownBy(
            () -> new Layer(IntMatrix.of(1, 2, new int[2]), IntMatrix.of(1, 1, new int[1])))
        .hasMessageContaining("bias of a layer with 2 outputs is 1x2, got 1x1");
    assertThatThrownBy(() -> new Requantization(0, 1)).hasMessageContaining("multiplier");
    assertThatThrownBy(() -> new Requantization(1, 63)).hasMessageContaining("shift");
    QuantizedMlp model = tinyModel();
    assertThatThrownBy(() -> model.forward(IntMatrix.of(1, 3, new int[3])))
        .hasMessageContaining("rows of 2 entries, the batch has 3");
    assertThatThrownBy(() -> model.forward(IntMatrix.of(1, 2, new int[] {0, -200})))
        .hasMessageContaining("outside int8");
  }

  @Test
  void logitsOfAnImpossibleClaimedProductAreRejected() {
    QuantizedMlp model = tinyModel();
    // Honest products are below 2^30 in magnitude; a claimed MIN_VALUE plus the bias -5 is not an
    // int32.
    assertThatThrownBy(() -> model.logits(IntMatrix.of(1, 1, new int[] {Integer.MIN_VALUE})))
        .hasMessageContaining("leaves the int32 range");
  }

  @Test
  void modelDecodingIsStrict() throws DecodingException {
    long seed = 21L;
    byte[] good = MlpGenerator.randomModel(seed, 3, 2, 2).encode().toByteArray();
    for (int len = 0; len < good.length; len++) {
      Bytes prefix = Bytes.of(good, 0, len);
      assertThatThrownBy(() -> QuantizedMlp.decode(prefix))
          .as("seed %d prefix %d", seed, len)
          .isInstanceOf(DecodingException.class);
    }
    // Every single-bit flip is rejected or yields a model whose encoding is exactly the flipped
    // bytes: no model has two accepted encodings.
    for (int i = 0; i < good.length; i++) {
      for (int bit = 0; bit < 8; bit++) {
        byte[] m = good.clone();
        m[i] = (byte) (m[i] ^ (1 << bit));
        QuantizedMlp decoded;
        try {
          decoded = QuantizedMlp.decode(Bytes.of(m));
        } catch (DecodingException e) {
          continue;
        }
        assertThat(decoded.encode())
            .as("seed %d byte %d bit %d", seed, i, bit)
            .isEqualTo(Bytes.of(m));
      }
    }
  }

  @Test
  void generatorIsReproducible() {
    assertThat(MlpGenerator.randomModel(3, 4, 5, 6))
        .isEqualTo(MlpGenerator.randomModel(3, 4, 5, 6));
    assertThat(MlpGenerator.randomModel(3, 4, 5, 6))
        .isNotEqualTo(MlpGenerator.randomModel(4, 4, 5, 6));
    assertThat(MlpGenerator.isqrt(1)).isEqualTo(1);
    assertThat(MlpGenerator.isqrt(15)).isEqualTo(3);
    assertThat(MlpGenerator.isqrt(16)).isEqualTo(4);
    assertThat(MlpGenerator.isqrt(65536)).isEqualTo(256);
  }
}
