package dev.proofofcompute.workloads.matmul;

import dev.proofofcompute.core.linalg.IntMatrix;
import dev.proofofcompute.core.linalg.Matrix;
import dev.proofofcompute.core.workload.Codec;
import dev.proofofcompute.core.workload.ItemStructure;
import dev.proofofcompute.core.workload.MatrixStructure;
import dev.proofofcompute.core.workload.Workload;
import dev.proofofcompute.core.workload.WorkloadId;
import dev.proofofcompute.crypto.Bytes;
import dev.proofofcompute.crypto.DecodingException;
import dev.proofofcompute.crypto.cbor.CborMap;
import dev.proofofcompute.workloads.MatrixRows;
import dev.proofofcompute.workloads.WorkloadCodecs;
import java.util.List;
import java.util.Optional;

/**
 * {@code matmul}: the exact product {@code C = A × B} of int8 matrices, in int32 ({@link
 * MatrixProducts#int8}).
 *
 * <p>Encodings: input {@code {"a": bstr, "b": bstr}}, output {@code {"c": bstr}}, deterministic
 * CBOR with matrices as {@link Matrix#encode()} byte strings. The id's configuration is the empty
 * map: name and version define the function.
 *
 * <p>Structure: one matrix product ({@code A}, {@code B}, {@code C}); and the rows of {@code A} as
 * independent items, item {@code i} being row {@code i} of {@code A} ({@code 1 × k}) with output
 * row {@code i} of {@code C} ({@code 1 × m}).
 */
public final class MatMul implements Workload<MatMulInput, MatMulOutput> {
  public static final String NAME = "matmul";
  public static final int VERSION = 1;

  private static final MatMul INSTANCE = new MatMul();
  private static final String INPUT = "matmul input";
  private static final String OUTPUT = "matmul output";

  private final WorkloadId id = WorkloadId.of(NAME, VERSION, CborMap.EMPTY.encode());

  private MatMul() {}

  public static MatMul create() {
    return INSTANCE;
  }

  @Override
  public WorkloadId id() {
    return id;
  }

  @Override
  public Codec<MatMulInput> inputCodec() {
    return InputCodec.INSTANCE;
  }

  @Override
  public Codec<MatMulOutput> outputCodec() {
    return OutputCodec.INSTANCE;
  }

  @Override
  public MatMulOutput execute(MatMulInput input) {
    return new MatMulOutput(MatrixProducts.int8(input.a(), input.b()));
  }

  @Override
  public Optional<ItemStructure<MatMulInput, MatMulOutput>> items() {
    return Optional.of(Items.INSTANCE);
  }

  @Override
  public Optional<MatrixStructure<MatMulInput, MatMulOutput>> matrices() {
    return Optional.of(Products.INSTANCE);
  }

  @Override
  public String toString() {
    return id.toString();
  }

  private enum InputCodec implements Codec<MatMulInput> {
    INSTANCE;

    @Override
    public Bytes encode(MatMulInput value) {
      return CborMap.builder()
          .put("a", WorkloadCodecs.matrix(value.a()))
          .put("b", WorkloadCodecs.matrix(value.b()))
          .build()
          .encode();
    }

    @Override
    public MatMulInput decode(Bytes bytes) throws DecodingException {
      CborMap m = WorkloadCodecs.decodeMap(bytes, INPUT, "a", "b");
      IntMatrix a = WorkloadCodecs.intMatrix(m, "a", INPUT);
      IntMatrix b = WorkloadCodecs.intMatrix(m, "b", INPUT);
      return WorkloadCodecs.validated(INPUT, () -> new MatMulInput(a, b));
    }
  }

  private enum OutputCodec implements Codec<MatMulOutput> {
    INSTANCE;

    @Override
    public Bytes encode(MatMulOutput value) {
      return CborMap.builder().put("c", WorkloadCodecs.matrix(value.c())).build().encode();
    }

    @Override
    public MatMulOutput decode(Bytes bytes) throws DecodingException {
      CborMap m = WorkloadCodecs.decodeMap(bytes, OUTPUT, "c");
      return new MatMulOutput(WorkloadCodecs.intMatrix(m, "c", OUTPUT));
    }
  }

  private enum Items implements ItemStructure<MatMulInput, MatMulOutput> {
    INSTANCE;

    @Override
    public int itemCount(MatMulInput input) {
      return input.a().rows();
    }

    @Override
    public Bytes itemInput(MatMulInput input, int index) {
      return MatrixRows.row(input.a(), index).encode();
    }

    @Override
    public Bytes executeItem(MatMulInput input, int index) {
      return MatrixProducts.int8(MatrixRows.row(input.a(), index), input.b()).encode();
    }

    @Override
    public MatMulInput withItems(MatMulInput template, List<Bytes> itemInputs) {
      return new MatMulInput(MatrixRows.stackInt(itemInputs, template.a().cols()), template.b());
    }

    @Override
    public List<Bytes> itemOutputs(MatMulOutput output) {
      return MatrixRows.encodedRows(output.c());
    }
  }

  private enum Products implements MatrixStructure<MatMulInput, MatMulOutput> {
    INSTANCE;

    @Override
    public int productCount(MatMulInput input) {
      return 1;
    }

    @Override
    public List<Matrix> products(MatMulInput input) {
      return List.of(MatrixProducts.int8(input.a(), input.b()));
    }

    @Override
    public Matrix left(MatMulInput input, List<Matrix> claimedBefore, int k) {
      checkOnlyProduct(k);
      return input.a();
    }

    @Override
    public Matrix right(MatMulInput input, int k) {
      checkOnlyProduct(k);
      return input.b();
    }

    @Override
    public MatMulOutput output(MatMulInput input, List<Matrix> claimedProducts) {
      if (claimedProducts.size() != 1) {
        throw new IllegalArgumentException("matmul has 1 product, got " + claimedProducts.size());
      }
      if (!(claimedProducts.get(0) instanceof IntMatrix c)
          || c.rows() != input.a().rows()
          || c.cols() != input.b().cols()) {
        throw new IllegalArgumentException(
            "the product must be an int32 "
                + input.a().rows()
                + "x"
                + input.b().cols()
                + " matrix, got "
                + claimedProducts.get(0));
      }
      return new MatMulOutput(c);
    }
  }

  /** Checks that {@code k} names the only product. */
  static void checkOnlyProduct(int k) {
    if (k != 0) {
      throw new IllegalArgumentException("matmul has only product 0, got " + k);
    }
  }
}
