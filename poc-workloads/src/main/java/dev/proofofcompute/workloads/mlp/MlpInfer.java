package dev.proofofcompute.workloads.mlp;

import dev.proofofcompute.core.linalg.IntMatrix;
import dev.proofofcompute.core.linalg.Matrix;
import dev.proofofcompute.core.workload.Codec;
import dev.proofofcompute.core.workload.ItemStructure;
import dev.proofofcompute.core.workload.MatrixStructure;
import dev.proofofcompute.core.workload.Workload;
import dev.proofofcompute.core.workload.WorkloadId;
import dev.proofofcompute.crypto.Bytes;
import dev.proofofcompute.crypto.DecodingException;
import dev.proofofcompute.crypto.Digest;
import dev.proofofcompute.crypto.cbor.CborMap;
import dev.proofofcompute.workloads.MatrixRows;
import dev.proofofcompute.workloads.WorkloadCodecs;
import java.util.List;
import java.util.Optional;

/**
 * {@code mlp-infer}: the logits of a {@link QuantizedMlp} for every row of a batch.
 *
 * <p>Content addressing: the id's configuration is {@code {"weights": weightsHash}}, so two
 * workloads with the same id run the same weights; the input names the weights hash it expects and
 * {@link #execute} refuses any other ({@link IllegalArgumentException}).
 *
 * <p>Encodings (deterministic CBOR): input {@code {"weights": bstr(32), "batch": bstr}}, output
 * {@code {"logits": bstr}}, matrices as {@code Matrix.encode()}; the output codec also checks that
 * there are as many logit columns as the model has outputs.
 *
 * <p>Structure: items are batch rows (item input: the {@code 1 × in} int8 row; item output: its
 * {@code 1 × out} logits), since rows never mix. Matrix products: {@code C_k = A_k × W_k} with
 * {@code A_0} the batch and {@code A_k} the requantised {@code C_{k-1}} (see {@link QuantizedMlp}).
 */
public final class MlpInfer implements Workload<MlpInferInput, MlpInferOutput> {
  public static final String NAME = "mlp-infer";
  public static final int VERSION = 1;

  private static final String INPUT = "mlp-infer input";
  private static final String OUTPUT = "mlp-infer output";

  private final QuantizedMlp model;
  private final WorkloadId id;
  private final Codec<MlpInferInput> inputCodec = new InputCodec();
  private final Codec<MlpInferOutput> outputCodec = new OutputCodec();

  private MlpInfer(QuantizedMlp model) {
    this.model = model;
    this.id =
        WorkloadId.of(
            NAME, VERSION, CborMap.builder().put("weights", model.weightsHash()).build().encode());
  }

  /** The inference workload of {@code model}. */
  public static MlpInfer create(QuantizedMlp model) {
    return new MlpInfer(model);
  }

  public QuantizedMlp model() {
    return model;
  }

  public Digest weightsHash() {
    return model.weightsHash();
  }

  /** An input for this workload's weights. */
  public MlpInferInput input(IntMatrix batch) {
    return new MlpInferInput(model.weightsHash(), batch);
  }

  @Override
  public WorkloadId id() {
    return id;
  }

  @Override
  public Codec<MlpInferInput> inputCodec() {
    return inputCodec;
  }

  @Override
  public Codec<MlpInferOutput> outputCodec() {
    return outputCodec;
  }

  @Override
  public MlpInferOutput execute(MlpInferInput input) {
    checkWeights(input);
    return new MlpInferOutput(model.forward(input.batch()));
  }

  @Override
  public Optional<ItemStructure<MlpInferInput, MlpInferOutput>> items() {
    return Optional.of(new Items());
  }

  @Override
  public Optional<MatrixStructure<MlpInferInput, MlpInferOutput>> matrices() {
    return Optional.of(new Products());
  }

  @Override
  public String toString() {
    return id + " " + model;
  }

  private void checkWeights(MlpInferInput input) {
    if (!input.weightsHash().equals(model.weightsHash())) {
      throw new IllegalArgumentException(
          "the input expects weights "
              + input.weightsHash().toHex()
              + ", this workload runs weights "
              + model.weightsHash().toHex());
    }
  }

  private static final class InputCodec implements Codec<MlpInferInput> {
    @Override
    public Bytes encode(MlpInferInput value) {
      return CborMap.builder()
          .put("weights", value.weightsHash())
          .put("batch", WorkloadCodecs.matrix(value.batch()))
          .build()
          .encode();
    }

    @Override
    public MlpInferInput decode(Bytes bytes) throws DecodingException {
      CborMap m = WorkloadCodecs.decodeMap(bytes, INPUT, "weights", "batch");
      Digest weights = WorkloadCodecs.within(INPUT, () -> m.getDigest("weights"));
      IntMatrix batch = WorkloadCodecs.intMatrix(m, "batch", INPUT);
      return WorkloadCodecs.validated(INPUT, () -> new MlpInferInput(weights, batch));
    }
  }

  private final class OutputCodec implements Codec<MlpInferOutput> {
    @Override
    public Bytes encode(MlpInferOutput value) {
      return CborMap.builder()
          .put("logits", WorkloadCodecs.matrix(value.logits()))
          .build()
          .encode();
    }

    @Override
    public MlpInferOutput decode(Bytes bytes) throws DecodingException {
      CborMap m = WorkloadCodecs.decodeMap(bytes, OUTPUT, "logits");
      IntMatrix logits = WorkloadCodecs.intMatrix(m, "logits", OUTPUT);
      if (logits.cols() != model.outputs()) {
        throw new DecodingException(
            OUTPUT + ": logits have " + logits.cols() + " columns, the model " + model.outputs());
      }
      return new MlpInferOutput(logits);
    }
  }

  private final class Items implements ItemStructure<MlpInferInput, MlpInferOutput> {
    @Override
    public int itemCount(MlpInferInput input) {
      return input.batch().rows();
    }

    @Override
    public Bytes itemInput(MlpInferInput input, int index) {
      return MatrixRows.row(input.batch(), index).encode();
    }

    @Override
    public Bytes executeItem(MlpInferInput input, int index) {
      checkWeights(input);
      return model.forward(MatrixRows.row(input.batch(), index)).encode();
    }

    @Override
    public MlpInferInput withItems(MlpInferInput template, List<Bytes> itemInputs) {
      return new MlpInferInput(
          template.weightsHash(), MatrixRows.stackInt(itemInputs, model.inputs()));
    }

    @Override
    public List<Bytes> itemOutputs(MlpInferOutput output) {
      return MatrixRows.encodedRows(output.logits());
    }
  }

  private final class Products implements MatrixStructure<MlpInferInput, MlpInferOutput> {
    @Override
    public int productCount(MlpInferInput input) {
      return model.layers().size();
    }

    @Override
    public List<Matrix> products(MlpInferInput input) {
      checkWeights(input);
      return List.copyOf(model.products(input.batch()));
    }

    /** Uses {@code claimedBefore.get(k - 1)}; later entries, if any, are ignored. */
    @Override
    public Matrix left(MlpInferInput input, List<Matrix> claimedBefore, int k) {
      checkWeights(input);
      checkIndex(k);
      if (k == 0) {
        model.checkBatch(input.batch());
        return input.batch();
      }
      if (claimedBefore.size() < k) {
        throw new IllegalArgumentException(
            "product "
                + k
                + " needs the "
                + k
                + " products before it, got "
                + claimedBefore.size());
      }
      return model.activation(k - 1, claimed(input, claimedBefore, k - 1));
    }

    @Override
    public Matrix right(MlpInferInput input, int k) {
      checkIndex(k);
      return model.layers().get(k).weights();
    }

    @Override
    public MlpInferOutput output(MlpInferInput input, List<Matrix> claimedProducts) {
      checkWeights(input);
      int count = model.layers().size();
      if (claimedProducts.size() != count) {
        throw new IllegalArgumentException(
            "mlp-infer has " + count + " products, got " + claimedProducts.size());
      }
      return new MlpInferOutput(model.logits(claimed(input, claimedProducts, count - 1)));
    }

    private IntMatrix claimed(MlpInferInput input, List<Matrix> products, int k) {
      int rows = input.batch().rows();
      int cols = model.layers().get(k).outputs();
      if (!(products.get(k) instanceof IntMatrix c) || c.rows() != rows || c.cols() != cols) {
        throw new IllegalArgumentException(
            "product "
                + k
                + " must be an int32 "
                + rows
                + "x"
                + cols
                + " matrix, got "
                + products.get(k));
      }
      return c;
    }

    private void checkIndex(int k) {
      if (k < 0 || k >= model.layers().size()) {
        throw new IllegalArgumentException(
            "product " + k + " outside 0.." + (model.layers().size() - 1));
      }
    }
  }
}
