package dev.proofofcompute.workloads.matmul;

import dev.proofofcompute.core.linalg.DoubleMatrix;
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
 * {@code matmul-f64}: the float64 product {@code C = A × B} with the fixed summation order of
 * {@link MatrixProducts#float64} (t ascending from +0.0, no FMA). Bit-reproducible on every JVM;
 * {@link OutputKind#FLOATING} because another implementation (BLAS, a GPU) may legitimately sum in
 * another order, so schemes compare its outputs with a tolerance.
 *
 * <p>Encodings as {@link MatMul}: input {@code {"a": bstr, "b": bstr}}, output {@code {"c": bstr}},
 * float64 matrices (kind 0x02, IEEE-754 bit patterns). Inputs must be finite. Structure as {@link
 * MatMul}: one product, and the rows of {@code A} as items.
 */
public final class MatMulF64 implements Workload<MatMulF64Input, MatMulF64Output> {
  public static final String NAME = "matmul-f64";
  public static final int VERSION = 1;

  private static final MatMulF64 INSTANCE = new MatMulF64();
  private static final String INPUT = "matmul-f64 input";
  private static final String OUTPUT = "matmul-f64 output";

  private final WorkloadId id = WorkloadId.of(NAME, VERSION, CborMap.EMPTY.encode());

  private MatMulF64() {}

  public static MatMulF64 create() {
    return INSTANCE;
  }

  @Override
  public WorkloadId id() {
    return id;
  }

  @Override
  public OutputKind outputKind() {
    return OutputKind.FLOATING;
  }

  @Override
  public Codec<MatMulF64Input> inputCodec() {
    return InputCodec.INSTANCE;
  }

  @Override
  public Codec<MatMulF64Output> outputCodec() {
    return OutputCodec.INSTANCE;
  }

  @Override
  public MatMulF64Output execute(MatMulF64Input input) {
    return new MatMulF64Output(MatrixProducts.float64(input.a(), input.b()));
  }

  @Override
  public Optional<ItemStructure<MatMulF64Input, MatMulF64Output>> items() {
    return Optional.of(Items.INSTANCE);
  }

  @Override
  public Optional<MatrixStructure<MatMulF64Input, MatMulF64Output>> matrices() {
    return Optional.of(Products.INSTANCE);
  }

  @Override
  public String toString() {
    return id.toString();
  }

  private enum InputCodec implements Codec<MatMulF64Input> {
    INSTANCE;

    @Override
    public Bytes encode(MatMulF64Input value) {
      return CborMap.builder()
          .put("a", WorkloadCodecs.matrix(value.a()))
          .put("b", WorkloadCodecs.matrix(value.b()))
          .build()
          .encode();
    }

    @Override
    public MatMulF64Input decode(Bytes bytes) throws DecodingException {
      CborMap m = WorkloadCodecs.decodeMap(bytes, INPUT, "a", "b");
      DoubleMatrix a = WorkloadCodecs.doubleMatrix(m, "a", INPUT);
      DoubleMatrix b = WorkloadCodecs.doubleMatrix(m, "b", INPUT);
      return WorkloadCodecs.validated(INPUT, () -> new MatMulF64Input(a, b));
    }
  }

  private enum OutputCodec implements Codec<MatMulF64Output> {
    INSTANCE;

    @Override
    public Bytes encode(MatMulF64Output value) {
      return CborMap.builder().put("c", WorkloadCodecs.matrix(value.c())).build().encode();
    }

    @Override
    public MatMulF64Output decode(Bytes bytes) throws DecodingException {
      CborMap m = WorkloadCodecs.decodeMap(bytes, OUTPUT, "c");
      return new MatMulF64Output(WorkloadCodecs.doubleMatrix(m, "c", OUTPUT));
    }
  }

  private enum Items implements ItemStructure<MatMulF64Input, MatMulF64Output> {
    INSTANCE;

    @Override
    public int itemCount(MatMulF64Input input) {
      return input.a().rows();
    }

    @Override
    public Bytes itemInput(MatMulF64Input input, int index) {
      return MatrixRows.row(input.a(), index).encode();
    }

    @Override
    public Bytes executeItem(MatMulF64Input input, int index) {
      return MatrixProducts.float64(MatrixRows.row(input.a(), index), input.b()).encode();
    }

    @Override
    public MatMulF64Input withItems(MatMulF64Input template, List<Bytes> itemInputs) {
      return new MatMulF64Input(
          MatrixRows.stackDouble(itemInputs, template.a().cols()), template.b());
    }

    @Override
    public List<Bytes> itemOutputs(MatMulF64Output output) {
      return MatrixRows.encodedRows(output.c());
    }
  }

  private enum Products implements MatrixStructure<MatMulF64Input, MatMulF64Output> {
    INSTANCE;

    @Override
    public int productCount(MatMulF64Input input) {
      return 1;
    }

    @Override
    public List<Matrix> products(MatMulF64Input input) {
      return List.of(MatrixProducts.float64(input.a(), input.b()));
    }

    @Override
    public Matrix left(MatMulF64Input input, List<Matrix> claimedBefore, int k) {
      MatMul.checkOnlyProduct(k);
      return input.a();
    }

    @Override
    public Matrix right(MatMulF64Input input, int k) {
      MatMul.checkOnlyProduct(k);
      return input.b();
    }

    @Override
    public MatMulF64Output output(MatMulF64Input input, List<Matrix> claimedProducts) {
      if (claimedProducts.size() != 1) {
        throw new IllegalArgumentException(
            "matmul-f64 has 1 product, got " + claimedProducts.size());
      }
      if (!(claimedProducts.get(0) instanceof DoubleMatrix c)
          || c.rows() != input.a().rows()
          || c.cols() != input.b().cols()) {
        throw new IllegalArgumentException(
            "the product must be a float64 "
                + input.a().rows()
                + "x"
                + input.b().cols()
                + " matrix, got "
                + claimedProducts.get(0));
      }
      return new MatMulF64Output(c);
    }
  }
}
