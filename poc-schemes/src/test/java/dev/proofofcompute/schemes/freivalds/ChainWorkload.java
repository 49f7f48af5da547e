package dev.proofofcompute.schemes.freivalds;

import dev.proofofcompute.core.linalg.DoubleMatrix;
import dev.proofofcompute.core.linalg.IntMatrix;
import dev.proofofcompute.core.linalg.Matrix;
import dev.proofofcompute.core.workload.Codec;
import dev.proofofcompute.core.workload.MatrixStructure;
import dev.proofofcompute.core.workload.Workload;
import dev.proofofcompute.core.workload.WorkloadId;
import dev.proofofcompute.crypto.Bytes;
import dev.proofofcompute.crypto.DecodingException;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * A test workload: a chain {@code C_k = A_k × W_k} with {@code A_0 = X} and {@code A_k =
 * act(C_{k-1})}, where {@code act} requantises int32 to int8 ({@code clamp(max(v, 0) >> 7, 0,
 * 127)}) or is the ReLU for float64; the output is the last product. Reference products are the
 * naive ones of {@link TestMatrices}.
 */
final class ChainWorkload implements Workload<ChainWorkload.Input, Matrix> {
  /** The input matrix and one weight matrix per layer. */
  record Input(Matrix x, List<Matrix> weights) {
    Input {
      weights = List.copyOf(weights);
    }
  }

  private static final Codec<Matrix> MATRIX =
      new Codec<>() {
        @Override
        public Bytes encode(Matrix value) {
          return value.encode();
        }

        @Override
        public Matrix decode(Bytes bytes) throws DecodingException {
          return Matrix.decode(bytes);
        }
      };

  private static final Codec<Input> INPUT =
      new Codec<>() {
        @Override
        public Bytes encode(Input value) {
          List<Matrix> all = new ArrayList<>();
          all.add(value.x());
          all.addAll(value.weights());
          Bytes out = Bytes.EMPTY;
          for (Matrix m : all) {
            Bytes e = m.encode();
            out = out.concat(Bytes.of(ByteBuffer.allocate(4).putInt(e.length()).array())).concat(e);
          }
          return out;
        }

        @Override
        public Input decode(Bytes bytes) throws DecodingException {
          List<Matrix> all = new ArrayList<>();
          int off = 0;
          while (off < bytes.length()) {
            if (bytes.length() - off < 4) {
              throw new DecodingException("truncated length");
            }
            int len = ByteBuffer.wrap(bytes.slice(off, off + 4).toByteArray()).getInt();
            if (len < 0 || len > bytes.length() - off - 4) {
              throw new DecodingException("bad length " + len);
            }
            all.add(Matrix.decode(bytes.slice(off + 4, off + 4 + len)));
            off += 4 + len;
          }
          if (all.size() < 2) {
            throw new DecodingException("an input needs x and at least one weight matrix");
          }
          return new Input(all.get(0), all.subList(1, all.size()));
        }
      };

  private final String name;
  private final boolean structured;

  private ChainWorkload(String name, boolean structured) {
    this.name = name;
    this.structured = structured;
  }

  /** The chain, exposing its matrix structure. */
  static ChainWorkload chain() {
    return new ChainWorkload("test-chain", true);
  }

  /** The same computation with no structure exposed. */
  static ChainWorkload flat() {
    return new ChainWorkload("flat-test", false);
  }

  @Override
  public WorkloadId id() {
    return WorkloadId.of(name, 1, Bytes.EMPTY);
  }

  @Override
  public Codec<Input> inputCodec() {
    return INPUT;
  }

  @Override
  public Codec<Matrix> outputCodec() {
    return MATRIX;
  }

  @Override
  public Matrix execute(Input input) {
    List<Matrix> products = STRUCTURE.products(input);
    return products.get(products.size() - 1);
  }

  @Override
  public Optional<MatrixStructure<Input, Matrix>> matrices() {
    return structured ? Optional.of(STRUCTURE) : Optional.empty();
  }

  static Matrix activate(Matrix c) {
    return switch (c) {
      case IntMatrix m ->
          IntMatrix.generate(
              m.rows(), m.cols(), (i, j) -> Math.min(127, Math.max(0, m.get(i, j)) >> 7));
      case DoubleMatrix m ->
          DoubleMatrix.generate(m.rows(), m.cols(), (i, j) -> Math.max(0.0, m.get(i, j)));
    };
  }

  static Matrix multiply(Matrix a, Matrix b) {
    if (a instanceof IntMatrix ia && b instanceof IntMatrix ib) {
      return TestMatrices.naive(ia, ib);
    }
    return TestMatrices.forward((DoubleMatrix) a, (DoubleMatrix) b);
  }

  private static final MatrixStructure<Input, Matrix> STRUCTURE =
      new MatrixStructure<>() {
        @Override
        public int productCount(Input input) {
          return input.weights().size();
        }

        @Override
        public List<Matrix> products(Input input) {
          List<Matrix> out = new ArrayList<>();
          for (int k = 0; k < input.weights().size(); k++) {
            out.add(multiply(left(input, out, k), input.weights().get(k)));
          }
          return out;
        }

        @Override
        public Matrix left(Input input, List<Matrix> claimedBefore, int k) {
          return k == 0 ? input.x() : activate(claimedBefore.get(k - 1));
        }

        @Override
        public Matrix right(Input input, int k) {
          return input.weights().get(k);
        }

        @Override
        public Matrix output(Input input, List<Matrix> claimedProducts) {
          return claimedProducts.get(claimedProducts.size() - 1);
        }
      };
}
