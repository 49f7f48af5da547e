package dev.proofofcompute.workloads.mlp;

import dev.proofofcompute.core.linalg.IntMatrix;
import dev.proofofcompute.crypto.Bytes;
import dev.proofofcompute.crypto.DecodingException;
import dev.proofofcompute.crypto.Digest;
import dev.proofofcompute.crypto.Hashes;
import dev.proofofcompute.crypto.cbor.CborArray;
import dev.proofofcompute.crypto.cbor.CborInteger;
import dev.proofofcompute.crypto.cbor.CborMap;
import dev.proofofcompute.crypto.cbor.CborValue;
import dev.proofofcompute.workloads.WorkloadCodecs;
import dev.proofofcompute.workloads.matmul.MatrixProducts;
import java.util.ArrayList;
import java.util.List;

/**
 * A quantised int8 multilayer perceptron with integer-only inference, in the style of Jacob et al.,
 * "Quantization and Training of Neural Networks for Efficient Integer-Arithmetic-Only Inference",
 * CVPR 2018, §2.2–2.4 (int8 operands, int32 accumulators and biases, a fixed-point multiplier and
 * shift between layers), simplified to zero points of 0 and a ReLU folded into the clamp.
 *
 * <p>For a batch {@code X} ({@code batch × in}, int8) and layers {@code 0..L-1}:
 *
 * <pre>
 *   A_0 = X
 *   C_k = A_k × W_k                                  (exact int32)
 *   A_{k+1}[i][j] = requant_k(C_k[i][j] + b_k[j])     (int8 in [0, 127]), k < L-1
 *   logits[i][j]  = C_{L-1}[i][j] + b_{L-1}[j]         (int32)
 * </pre>
 *
 * Every value is an exact integer; nothing depends on evaluation order. Rows of the batch never
 * mix, so each row is an independent item.
 */
public final class QuantizedMlp {
  /** Largest number of layers. */
  public static final int MAX_LAYERS = 64;

  private static final String WHAT = "mlp model";
  private static final String HASH_TAG = "poc/workloads/mlp-weights/v1";

  private final List<Layer> layers;
  private final List<Requantization> requantizations;
  private final Bytes encoding;
  private final Digest weightsHash;

  private QuantizedMlp(List<Layer> layers, List<Requantization> requantizations) {
    this.layers = layers;
    this.requantizations = requantizations;
    this.encoding = encode(layers, requantizations);
    this.weightsHash = Hashes.hash(HASH_TAG, encoding);
  }

  /**
   * A model of {@code layers} with {@code requantizations.get(k)} applied after layer {@code k} for
   * every layer but the last.
   *
   * @throws IllegalArgumentException when the layer widths do not chain or the counts are wrong
   */
  public static QuantizedMlp of(List<Layer> layers, List<Requantization> requantizations) {
    if (layers.isEmpty() || layers.size() > MAX_LAYERS) {
      throw new IllegalArgumentException(
          "a model has 1.." + MAX_LAYERS + " layers, got " + layers.size());
    }
    if (requantizations.size() != layers.size() - 1) {
      throw new IllegalArgumentException(
          "a model of "
              + layers.size()
              + " layers has "
              + (layers.size() - 1)
              + " requantisations, got "
              + requantizations.size());
    }
    for (int k = 1; k < layers.size(); k++) {
      if (layers.get(k).inputs() != layers.get(k - 1).outputs()) {
        throw new IllegalArgumentException(
            "layer "
                + k
                + " takes "
                + layers.get(k).inputs()
                + " inputs but layer "
                + (k - 1)
                + " gives "
                + layers.get(k - 1).outputs());
      }
    }
    return new QuantizedMlp(List.copyOf(layers), List.copyOf(requantizations));
  }

  /** The canonical encoding of the model. */
  public Bytes encode() {
    return encoding;
  }

  /** The content address of the weights: the tagged hash of {@link #encode()}. */
  public Digest weightsHash() {
    return weightsHash;
  }

  /**
   * Decodes a canonical model encoding.
   *
   * @throws DecodingException when {@code bytes} is not the canonical encoding of a valid model
   */
  public static QuantizedMlp decode(Bytes bytes) throws DecodingException {
    CborMap m = WorkloadCodecs.decodeMap(bytes, WHAT, "layers", "requant");
    CborArray layerArray = WorkloadCodecs.within(WHAT, () -> m.getArray("layers"));
    CborArray requantArray = WorkloadCodecs.within(WHAT, () -> m.getArray("requant"));
    if (layerArray.size() > MAX_LAYERS || requantArray.size() > MAX_LAYERS) {
      throw new DecodingException(WHAT + ": more than " + MAX_LAYERS + " layers");
    }
    List<Layer> layers = new ArrayList<>();
    for (int k = 0; k < layerArray.size(); k++) {
      String what = WHAT + " layer " + k;
      CborMap l = WorkloadCodecs.checkMap(layerArray.get(k), what, "w", "b");
      IntMatrix w = WorkloadCodecs.intMatrix(l, "w", what);
      IntMatrix b = WorkloadCodecs.intMatrix(l, "b", what);
      layers.add(WorkloadCodecs.validated(what, () -> new Layer(w, b)));
    }
    List<Requantization> requants = new ArrayList<>();
    for (int k = 0; k < requantArray.size(); k++) {
      String what = WHAT + " requantisation " + k;
      CborMap r = WorkloadCodecs.checkMap(requantArray.get(k), what, "m", "s");
      int mult = WorkloadCodecs.intField(r, "m", what);
      int shift = WorkloadCodecs.intField(r, "s", what);
      requants.add(WorkloadCodecs.validated(what, () -> new Requantization(mult, shift)));
    }
    return WorkloadCodecs.validated(WHAT, () -> of(layers, requants));
  }

  private static Bytes encode(List<Layer> layers, List<Requantization> requantizations) {
    List<CborValue> ls = new ArrayList<>();
    for (Layer l : layers) {
      ls.add(
          CborMap.builder()
              .put("w", WorkloadCodecs.matrix(l.weights()))
              .put("b", WorkloadCodecs.matrix(l.bias()))
              .build());
    }
    List<CborValue> rs = new ArrayList<>();
    for (Requantization r : requantizations) {
      rs.add(
          CborMap.builder()
              .put("m", CborInteger.of(r.multiplier()))
              .put("s", CborInteger.of(r.shift()))
              .build());
    }
    return CborMap.builder()
        .put("layers", new CborArray(ls))
        .put("requant", new CborArray(rs))
        .build()
        .encode();
  }

  public List<Layer> layers() {
    return layers;
  }

  public List<Requantization> requantizations() {
    return requantizations;
  }

  /** Width of an input row. */
  public int inputs() {
    return layers.get(0).inputs();
  }

  /** Number of logits per row. */
  public int outputs() {
    return layers.get(layers.size() - 1).outputs();
  }

  /** The logits of {@code batch} (rows × {@link #inputs()}, int8). */
  public IntMatrix forward(IntMatrix batch) {
    List<IntMatrix> products = products(batch);
    return logits(products.get(products.size() - 1));
  }

  /** The honest products {@code C_0 .. C_{L-1}} for {@code batch}. */
  public List<IntMatrix> products(IntMatrix batch) {
    checkBatch(batch);
    List<IntMatrix> out = new ArrayList<>(layers.size());
    IntMatrix a = batch;
    for (int k = 0; k < layers.size(); k++) {
      IntMatrix c = MatrixProducts.int8(a, layers.get(k).weights());
      out.add(c);
      if (k + 1 < layers.size()) {
        a = activation(k, c);
      }
    }
    return List.copyOf(out);
  }

  /**
   * {@code A_{k+1}}: the int8 activations after layer {@code k < L-1} given its product {@code c}
   * (any int32 matrix of the right shape, so that claimed products can be replayed).
   */
  public IntMatrix activation(int k, IntMatrix c) {
    if (k < 0 || k >= layers.size() - 1) {
      throw new IllegalArgumentException(
          "layer " + k + " of " + layers.size() + " has no requantisation");
    }
    Layer layer = layers.get(k);
    checkProductShape(k, c);
    Requantization r = requantizations.get(k);
    return IntMatrix.generate(
        c.rows(), c.cols(), (i, j) -> r.apply((long) c.get(i, j) + layer.bias().get(0, j)));
  }

  /**
   * The logits given the last product {@code c}.
   *
   * @throws IllegalArgumentException when {@code c} has the wrong shape, or an entry plus its bias
   *     leaves the int32 range (impossible for an honest product)
   */
  public IntMatrix logits(IntMatrix c) {
    int last = layers.size() - 1;
    checkProductShape(last, c);
    IntMatrix bias = layers.get(last).bias();
    return IntMatrix.generate(
        c.rows(),
        c.cols(),
        (i, j) -> {
          long v = (long) c.get(i, j) + bias.get(0, j);
          if (v != (int) v) {
            throw new IllegalArgumentException(
                "logit (" + i + ", " + j + ") = " + v + " leaves the int32 range");
          }
          return (int) v;
        });
  }

  /** Checks that {@code batch} is an int8 matrix of rows of {@link #inputs()} entries. */
  void checkBatch(IntMatrix batch) {
    if (batch.cols() != inputs()) {
      throw new IllegalArgumentException(
          "the model takes rows of " + inputs() + " entries, the batch has " + batch.cols());
    }
    if (!batch.isInt8()) {
      throw new IllegalArgumentException("the batch has an entry outside int8 [-128, 127]");
    }
  }

  private void checkProductShape(int k, IntMatrix c) {
    if (c.cols() != layers.get(k).outputs()) {
      throw new IllegalArgumentException(
          "product "
              + k
              + " has "
              + layers.get(k).outputs()
              + " columns, got "
              + c.rows()
              + "x"
              + c.cols());
    }
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof QuantizedMlp m && m.encoding.equals(encoding);
  }

  @Override
  public int hashCode() {
    return weightsHash.hashCode();
  }

  @Override
  public String toString() {
    StringBuilder widths = new StringBuilder().append(inputs());
    for (Layer l : layers) {
      widths.append('-').append(l.outputs());
    }
    return "QuantizedMlp[" + widths + "]";
  }
}
