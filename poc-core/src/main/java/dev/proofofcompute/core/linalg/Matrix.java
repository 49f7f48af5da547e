package dev.proofofcompute.core.linalg;

import dev.proofofcompute.crypto.Bytes;
import dev.proofofcompute.crypto.DecodingException;
import java.nio.ByteBuffer;

/**
 * A dense row-major matrix, immutable. Canonical encoding: one kind byte ({@code 0x01} int32,
 * {@code 0x02} float64), rows and columns as big-endian u32, then the entries big-endian in
 * row-major order (float64 as their IEEE-754 bit patterns, so that the encoding is exact).
 */
public sealed interface Matrix permits IntMatrix, DoubleMatrix {
  /** Largest accepted dimension product, 2^26 entries (256 MiB of int32). */
  long MAX_ENTRIES = 1L << 26;

  int rows();

  int cols();

  Bytes encode();

  static Matrix decode(Bytes bytes) throws DecodingException {
    byte[] b = bytes.toByteArray();
    if (b.length < 9) {
      throw new DecodingException(
          "matrix encoding is " + b.length + " bytes, shorter than its header");
    }
    ByteBuffer buf = ByteBuffer.wrap(b);
    byte kind = buf.get();
    long rows = Integer.toUnsignedLong(buf.getInt());
    long cols = Integer.toUnsignedLong(buf.getInt());
    checkShape(rows, cols);
    long width =
        switch (kind) {
          case 0x01 -> 4;
          case 0x02 -> 8;
          default ->
              throw new DecodingException(
                  "unknown matrix kind 0x" + Integer.toHexString(kind & 0xff));
        };
    long expected = 9 + rows * cols * width;
    if (b.length != expected) {
      throw new DecodingException(
          "matrix " + rows + "x" + cols + " needs " + expected + " bytes, got " + b.length);
    }
    int n = (int) (rows * cols);
    if (kind == 0x01) {
      int[] data = new int[n];
      buf.asIntBuffer().get(data);
      return IntMatrix.wrap((int) rows, (int) cols, data);
    }
    double[] data = new double[n];
    for (int i = 0; i < n; i++) {
      data[i] = Double.longBitsToDouble(buf.getLong());
    }
    return DoubleMatrix.wrap((int) rows, (int) cols, data);
  }

  private static void checkShape(long rows, long cols) throws DecodingException {
    if (rows < 1 || cols < 1 || rows > MAX_ENTRIES / cols) {
      throw new DecodingException(
          "matrix shape " + rows + "x" + cols + " is empty or exceeds " + MAX_ENTRIES + " entries");
    }
  }
}
