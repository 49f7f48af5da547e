package dev.proofofcompute.stark.air;

import dev.proofofcompute.crypto.Bytes;
import dev.proofofcompute.stark.field.Ext2;
import dev.proofofcompute.stark.field.Goldilocks;
import java.nio.ByteBuffer;
import java.util.List;

/**
 * The Fibonacci sequence over Goldilocks in two columns {@code (a, b)}: {@code a' = b}, {@code b' =
 * a + b}, with {@code a_0 = first}, {@code b_0 = second} and {@code b_{n-1} = result}. Row {@code
 * i} holds terms {@code F_i, F_{i+1}}, so the last row holds term {@code n} of the sequence started
 * from {@code (first, second)}. This is the example AIR of Winterfell's and ethSTARK's
 * documentation, kept for comparison with their published figures.
 */
public final class FibonacciAir implements Air {
  private final int traceLength;
  private final long first;
  private final long second;
  private final long result;

  private FibonacciAir(int traceLength, long first, long second, long result) {
    this.traceLength = traceLength;
    this.first = first;
    this.second = second;
    this.result = result;
  }

  /**
   * The statement "the sequence from {@code (first, second)} reaches {@code result} in row {@code
   * traceLength - 1}, column b".
   */
  public static FibonacciAir create(int traceLength, long first, long second, long result) {
    if (traceLength < 8 || Integer.bitCount(traceLength) != 1) {
      throw new IllegalArgumentException("trace length must be a power of two >= 8");
    }
    for (long v : new long[] {first, second, result}) {
      if (!Goldilocks.isCanonical(v)) {
        throw new IllegalArgumentException("public inputs must be canonical field elements");
      }
    }
    return new FibonacciAir(traceLength, first, second, result);
  }

  /** The honest trace for {@code (first, second)} over {@code traceLength} rows. */
  public static Trace trace(int traceLength, long first, long second) {
    long[] a = new long[traceLength];
    long[] b = new long[traceLength];
    a[0] = first;
    b[0] = second;
    for (int i = 1; i < traceLength; i++) {
      a[i] = b[i - 1];
      b[i] = Goldilocks.add(a[i - 1], b[i - 1]);
    }
    return Trace.of(new long[][] {a, b});
  }

  @Override
  public String name() {
    return "fibonacci/v1";
  }

  @Override
  public Bytes publicInputs() {
    return Bytes.of(
        ByteBuffer.allocate(28)
            .putInt(traceLength)
            .putLong(first)
            .putLong(second)
            .putLong(result)
            .array());
  }

  @Override
  public int traceWidth() {
    return 2;
  }

  @Override
  public int traceLength() {
    return traceLength;
  }

  @Override
  public int transitionConstraintCount() {
    return 2;
  }

  @Override
  public int transitionDegree(int index) {
    return 1;
  }

  @Override
  public List<long[]> periodicColumns() {
    return List.of();
  }

  @Override
  public List<BoundaryConstraint> boundaryConstraints() {
    return List.of(
        new BoundaryConstraint(0, 0, first),
        new BoundaryConstraint(1, 0, second),
        new BoundaryConstraint(1, traceLength - 1, result));
  }

  @Override
  public void evaluateTransition(long[] current, long[] next, long[] periodic, long[] out) {
    out[0] = Goldilocks.sub(next[0], current[1]);
    out[1] = Goldilocks.sub(next[1], Goldilocks.add(current[0], current[1]));
  }

  @Override
  public void evaluateTransition(Ext2[] current, Ext2[] next, Ext2[] periodic, Ext2[] out) {
    out[0] = next[0].sub(current[1]);
    out[1] = next[1].sub(current[0].add(current[1]));
  }
}
