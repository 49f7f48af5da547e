package dev.proofofcompute.stark.workload;

import dev.proofofcompute.core.linalg.IntMatrix;
import dev.proofofcompute.core.linalg.Matrix;
import dev.proofofcompute.core.workload.Codec;
import dev.proofofcompute.core.workload.MatrixStructure;
import dev.proofofcompute.core.workload.WorkloadId;
import dev.proofofcompute.crypto.Bytes;
import dev.proofofcompute.crypto.DecodingException;
import dev.proofofcompute.crypto.cbor.CborBytes;
import dev.proofofcompute.crypto.cbor.CborDecoder;
import dev.proofofcompute.crypto.cbor.CborLimits;
import dev.proofofcompute.crypto.cbor.CborMap;
import dev.proofofcompute.crypto.cbor.CborValue;
import dev.proofofcompute.stark.air.Air;
import dev.proofofcompute.stark.air.MatVecAir;
import dev.proofofcompute.stark.air.Trace;
import dev.proofofcompute.stark.scheme.AirWorkload;
import java.util.List;
import java.util.Optional;

/**
 * {@code matvec}: the quantised matrix–vector product {@code y = W·x} of an int8 {@code m × n}
 * matrix and an int8 vector of length {@code n}, exact in int32 — one dense layer of {@code
 * mlp-infer} before requantisation, for one input row. The result is STARK-provable: the statement
 * is {@code MatVecAir.create(W, x, y)} ({@code matvec/v1}). It also exposes its single product to
 * Freivalds ({@link #matrices()}), so the same job can be checked either way.
 *
 * <p>Encodings (deterministic CBOR, RFC 8949 §4.2.1; matrices are byte strings holding the {@link
 * Matrix#encode()} int32 encoding, as for {@code matmul}): input {@code {"weights": bstr (m × n),
 * "vector": bstr (n × 1)}}; output {@code {"result": bstr (m × 1)}}. The id's configuration is
 * {@code {"air": "matvec/v1"}}. Decoding is strict: non-canonical CBOR, unknown or missing fields,
 * malformed matrices, float matrices, non-int8 operands and shapes the AIR cannot state are
 * rejected with the field named. A result whose length is not {@code m} decodes, but is refused by
 * {@link #checkOutput} (the provider's claim is malformed for this input).
 */
public final class MatVec implements AirWorkload<MatVecInput, MatVecOutput> {
  public static final String NAME = "matvec";
  public static final int VERSION = 1;

  /** The name of the AIR this workload is stated in. */
  public static final String AIR = MatVecAir.NAME;

  private static final MatVec INSTANCE = new MatVec();

  /**
   * Room for the largest input: a 2^20-entry int32 matrix and a vector of {@value
   * MatVecAir#MAX_COLS}, plus the map; few items, since the data travels in byte strings.
   */
  private static final CborLimits LIMITS = new CborLimits((5 << 20) + 4096, 2, 16);

  private final WorkloadId id =
      WorkloadId.of(NAME, VERSION, CborMap.builder().put("air", AIR).build().encode());

  private MatVec() {}

  public static MatVec create() {
    return INSTANCE;
  }

  @Override
  public WorkloadId id() {
    return id;
  }

  @Override
  public Codec<MatVecInput> inputCodec() {
    return InputCodec.INSTANCE;
  }

  @Override
  public Codec<MatVecOutput> outputCodec() {
    return OutputCodec.INSTANCE;
  }

  @Override
  public MatVecOutput execute(MatVecInput input) {
    return new MatVecOutput(MatVecAir.multiply(input.weights(), input.vector()));
  }

  @Override
  public Optional<MatrixStructure<MatVecInput, MatVecOutput>> matrices() {
    return Optional.of(Products.INSTANCE);
  }

  @Override
  public String airName() {
    return AIR;
  }

  @Override
  public int constraintDegree() {
    return 2;
  }

  @Override
  public void checkOutput(MatVecInput input, MatVecOutput output) throws DecodingException {
    int m = input.weights().rows();
    if (output.result().rows() != m) {
      throw new DecodingException(
          "matvec output: the result has "
              + output.result().rows()
              + " entries, the "
              + m
              + "x"
              + input.weights().cols()
              + " weights give "
              + m);
    }
  }

  @Override
  public Air air(MatVecInput input, MatVecOutput output) {
    return MatVecAir.create(input.weights(), input.vector(), output.result());
  }

  @Override
  public Trace trace(MatVecInput input) {
    return MatVecAir.trace(input.weights(), input.vector());
  }

  @Override
  public String toString() {
    return id.toString();
  }

  private static CborMap decodeMap(Bytes bytes, String what, String... keys)
      throws DecodingException {
    try {
      CborValue value = CborDecoder.decodeCanonical(bytes, LIMITS);
      if (!(value instanceof CborMap map)) {
        throw new DecodingException("expected a CBOR map");
      }
      map.requireOnlyKeys(keys);
      for (String k : keys) {
        map.getRequired(k);
      }
      return map;
    } catch (DecodingException e) {
      throw new DecodingException(what + ": " + e.getMessage(), e);
    }
  }

  /** The int32 matrix in byte-string field {@code key}. */
  static IntMatrix intMatrix(CborMap map, String key, String what) throws DecodingException {
    try {
      if (!(Matrix.decode(map.getBytes(key)) instanceof IntMatrix m)) {
        throw new DecodingException("not an int32 matrix");
      }
      return m;
    } catch (DecodingException e) {
      throw new DecodingException(what + ": field '" + key + "': " + e.getMessage(), e);
    }
  }

  private enum InputCodec implements Codec<MatVecInput> {
    INSTANCE;

    private static final String WHAT = "matvec input";

    @Override
    public Bytes encode(MatVecInput value) {
      return CborMap.builder()
          .put("weights", new CborBytes(value.weights().encode()))
          .put("vector", new CborBytes(value.vector().encode()))
          .build()
          .encode();
    }

    @Override
    public MatVecInput decode(Bytes bytes) throws DecodingException {
      CborMap map = decodeMap(bytes, WHAT, "weights", "vector");
      IntMatrix weights = intMatrix(map, "weights", WHAT);
      IntMatrix vector = intMatrix(map, "vector", WHAT);
      try {
        return new MatVecInput(weights, vector);
      } catch (IllegalArgumentException e) {
        throw new DecodingException(WHAT + ": " + e.getMessage(), e);
      }
    }
  }

  private enum OutputCodec implements Codec<MatVecOutput> {
    INSTANCE;

    private static final String WHAT = "matvec output";

    @Override
    public Bytes encode(MatVecOutput value) {
      return CborMap.builder()
          .put("result", new CborBytes(value.result().encode()))
          .build()
          .encode();
    }

    @Override
    public MatVecOutput decode(Bytes bytes) throws DecodingException {
      CborMap map = decodeMap(bytes, WHAT, "result");
      IntMatrix result = intMatrix(map, "result", WHAT);
      try {
        return new MatVecOutput(result);
      } catch (IllegalArgumentException e) {
        throw new DecodingException(WHAT + ": " + e.getMessage(), e);
      }
    }
  }

  /** The single product {@code W × x}, for Freivalds. */
  private enum Products implements MatrixStructure<MatVecInput, MatVecOutput> {
    INSTANCE;

    @Override
    public int productCount(MatVecInput input) {
      return 1;
    }

    @Override
    public List<Matrix> products(MatVecInput input) {
      return List.of(MatVecAir.multiply(input.weights(), input.vector()));
    }

    @Override
    public Matrix left(MatVecInput input, List<Matrix> claimedBefore, int k) {
      only(k);
      return input.weights();
    }

    @Override
    public Matrix right(MatVecInput input, int k) {
      only(k);
      return input.vector();
    }

    @Override
    public MatVecOutput output(MatVecInput input, List<Matrix> claimedProducts) {
      if (claimedProducts.size() != 1
          || !(claimedProducts.get(0) instanceof IntMatrix result)
          || result.rows() != input.weights().rows()
          || result.cols() != 1) {
        throw new IllegalArgumentException(
            "matvec has one int32 product of shape " + input.weights().rows() + "x1");
      }
      return new MatVecOutput(result);
    }

    private static void only(int k) {
      if (k != 0) {
        throw new IllegalArgumentException("matvec has only product 0, got " + k);
      }
    }
  }
}
