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
 * A tiny EXACT test workload: the sum of squares of a list of longs, wrapping modulo 2^64. Input:
 * u32 count then count big-endian i64; output: one big-endian i64.
 */
final class SumOfSquaresWorkload implements Workload<List<Long>, Long> {
  static final int MAX_TERMS = 100_000;
  static final SumOfSquaresWorkload INSTANCE = new SumOfSquaresWorkload();

  private static final WorkloadId ID = WorkloadId.of("sum-of-squares", 1, Bytes.EMPTY);

  static final Codec<Long> OUTPUT =
      new Codec<>() {
        @Override
        public Bytes encode(Long value) {
          return Bytes.of(ByteBuffer.allocate(8).putLong(value).array());
        }

        @Override
        public Long decode(Bytes bytes) throws DecodingException {
          if (bytes.length() != 8) {
            throw new DecodingException("a sum is 8 bytes, got " + bytes.length());
          }
          return ByteBuffer.wrap(bytes.toByteArray()).getLong();
        }
      };

  static final Codec<List<Long>> INPUT =
      new Codec<>() {
        @Override
        public Bytes encode(List<Long> value) {
          ByteBuffer b = ByteBuffer.allocate(4 + 8 * value.size()).putInt(value.size());
          value.forEach(b::putLong);
          return Bytes.of(b.array());
        }

        @Override
        public List<Long> decode(Bytes bytes) throws DecodingException {
          if (bytes.length() < 4) {
            throw new DecodingException("missing the term count");
          }
          ByteBuffer b = ByteBuffer.wrap(bytes.toByteArray());
          int n = b.getInt();
          if (n < 0 || n > MAX_TERMS || bytes.length() != 4 + 8L * n) {
            throw new DecodingException(
                "bad term count " + n + " for " + bytes.length() + " bytes");
          }
          List<Long> out = new ArrayList<>(n);
          for (int i = 0; i < n; i++) {
            out.add(b.getLong());
          }
          return List.copyOf(out);
        }
      };

  private SumOfSquaresWorkload() {}

  @Override
  public WorkloadId id() {
    return ID;
  }

  @Override
  public Codec<List<Long>> inputCodec() {
    return INPUT;
  }

  @Override
  public Codec<Long> outputCodec() {
    return OUTPUT;
  }

  @Override
  public Long execute(List<Long> input) {
    long s = 0;
    for (long x : input) {
      s += x * x;
    }
    return s;
  }
}
