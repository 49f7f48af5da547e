package dev.proofofcompute.schemes.replication;

import dev.proofofcompute.core.workload.Codec;
import dev.proofofcompute.core.workload.Workload;
import dev.proofofcompute.core.workload.WorkloadId;
import dev.proofofcompute.crypto.Bytes;
import dev.proofofcompute.crypto.DecodingException;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.List;

/**
 * A tiny FLOATING test workload: the sum of a list of doubles. The reference implementation sums in
 * index order; {@link #sumInOrder} sums in another order, as another implementation or hardware
 * might. Output: one big-endian IEEE-754 double.
 */
final class FloatSumWorkload implements Workload<List<Double>, Double> {
  static final FloatSumWorkload INSTANCE = new FloatSumWorkload();

  private static final WorkloadId ID = WorkloadId.of("float-sum", 1, Bytes.EMPTY);

  static final Codec<Double> OUTPUT =
      new Codec<>() {
        @Override
        public Bytes encode(Double value) {
          return Bytes.of(ByteBuffer.allocate(8).putDouble(value).array());
        }

        @Override
        public Double decode(Bytes bytes) throws DecodingException {
          if (bytes.length() != 8) {
            throw new DecodingException("a sum is 8 bytes, got " + bytes.length());
          }
          return ByteBuffer.wrap(bytes.toByteArray()).getDouble();
        }
      };

  static final Codec<List<Double>> INPUT =
      new Codec<>() {
        @Override
        public Bytes encode(List<Double> value) {
          ByteBuffer b = ByteBuffer.allocate(4 + 8 * value.size()).putInt(value.size());
          value.forEach(b::putDouble);
          return Bytes.of(b.array());
        }

        @Override
        public List<Double> decode(Bytes bytes) throws DecodingException {
          if (bytes.length() < 4) {
            throw new DecodingException("missing the term count");
          }
          ByteBuffer b = ByteBuffer.wrap(bytes.toByteArray());
          int n = b.getInt();
          if (n < 0 || bytes.length() != 4 + 8L * n) {
            throw new DecodingException(
                "bad term count " + n + " for " + bytes.length() + " bytes");
          }
          List<Double> out = new ArrayList<>(n);
          for (int i = 0; i < n; i++) {
            out.add(b.getDouble());
          }
          return List.copyOf(out);
        }
      };

  /** The tolerance view of an output: the one double. */
  static final ResultComparator.FloatView<Double> VIEW = d -> new double[] {d};

  private FloatSumWorkload() {}

  @Override
  public WorkloadId id() {
    return ID;
  }

  @Override
  public Codec<List<Double>> inputCodec() {
    return INPUT;
  }

  @Override
  public Codec<Double> outputCodec() {
    return OUTPUT;
  }

  @Override
  public OutputKind outputKind() {
    return OutputKind.FLOATING;
  }

  @Override
  public Double execute(List<Double> input) {
    double s = 0;
    for (double x : input) {
      s += x;
    }
    return s;
  }

  /** The sum taken in the order {@code order} (a permutation of the indices). */
  static double sumInOrder(List<Double> input, int[] order) {
    double s = 0;
    for (int i : order) {
      s += input.get(i);
    }
    return s;
  }

  /** The sum by pairwise (tree) reduction, as a parallel implementation would take it. */
  static double pairwiseSum(List<Double> input, int from, int to) {
    if (to - from == 1) {
      return input.get(from);
    }
    int mid = (from + to) >>> 1;
    return pairwiseSum(input, from, mid) + pairwiseSum(input, mid, to);
  }
}
