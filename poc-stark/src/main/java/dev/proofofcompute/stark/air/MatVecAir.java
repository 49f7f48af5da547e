package dev.proofofcompute.stark.air;

import dev.proofofcompute.core.linalg.IntMatrix;
import dev.proofofcompute.crypto.Bytes;
import dev.proofofcompute.stark.field.Ext2;
import dev.proofofcompute.stark.field.Goldilocks;
import java.nio.ByteBuffer;
import java.util.List;

/**
 * The quantised matrix–vector product {@code y = W·x}: {@code W} an {@code m × n} int8 matrix,
 * {@code x} an int8 vector of length {@code n} (an {@code n × 1} matrix), {@code y} the int32
 * result ({@code m × 1}), the core operation of a quantised dense layer ({@code mlp-infer}).
 *
 * <p>Layout: output row {@code i} owns a block of {@code n' = nextPowerOfTwo(n)} consecutive trace
 * rows; row {@code k = i·n' + j} holds the weight {@code W[i][j]}, the input element {@code x[j]}
 * and the running sum {@code acc_k = Σ_{t ≤ j} W[i][t]·x[t]}. Slots {@code j ≥ n} and blocks {@code
 * i ≥ m} are padding with weight 0 (and input 0 in slots {@code j ≥ n}), so the sum does not change
 * there. The trace has {@code T = max(8, nextPowerOfTwo(m)·n')} rows and three columns {@code (acc,
 * w, x)}.
 *
 * <p>Public data enters as four periodic columns (one value per row, the AIR's statement):
 *
 * <ul>
 *   <li>{@code Wp} (period {@code T}): the weights in the layout above;
 *   <li>{@code Xp} (period {@code n'}): {@code x[j]} in slot {@code j < n}, 0 after;
 *   <li>{@code E} (period {@code n'}): 1 in the last slot of a block, 0 elsewhere;
 *   <li>{@code Ye} (period {@code T}): {@code y[i]} in the last slot of block {@code i < m}, 0
 *       elsewhere.
 * </ul>
 *
 * <p>Transition constraints on rows {@code (k, k+1)}, {@code k < T - 1}:
 *
 * <pre>
 *   C0: w - Wp                        = 0   degree 1   (the weight column is W)
 *   C1: x - Xp                        = 0   degree 1   (the input column is x)
 *   C2: acc' - (1 - E)·acc - w'·x'    = 0   degree 2   (accumulate; restart after a block's end)
 *   C3: E·acc - Ye                    = 0   degree 2   (a block's sum is its output)
 * </pre>
 *
 * Boundary constraints cover what the transitions cannot reach: {@code acc_0 = W[0][0]·x[0]} (the
 * first row has no predecessor) and, on the last row (which has no outgoing transition), {@code w =
 * Wp}, {@code x = Xp} and {@code acc = Ye}. So every cell of a valid trace is determined by {@code
 * W} and {@code x}, and {@code y} is checked entry by entry.
 *
 * <p>Integers: entries map to Goldilocks by {@code v ↦ v mod p}. Every partial sum satisfies {@code
 * |acc| ≤ 16384·n ≤ 16384·131071 < 2^31}, and claimed outputs are int32, so both sides of C3 are
 * integers of absolute value below {@code 2^31}; two such integers congruent modulo {@code p ≈
 * 2^64} are equal, so the field statement is exactly the integer statement and no wrap-around is
 * possible. Larger {@code n} is refused (then the int32 result itself could overflow, as in {@code
 * matmul}'s {@code MatrixProducts.MAX_INT8_INNER}).
 *
 * <p>Cost to verify: the verifier reads all of {@code W}, {@code x} and {@code y} (the public
 * inputs, absorbed into the transcript) and interpolates the two full-length periodic columns at
 * the out-of-domain point, {@code O(T log T)} field operations, on top of the usual polylogarithmic
 * STARK checks. See {@code docs/stark.md}, "Matrix–vector product".
 */
public final class MatVecAir implements Air {
  /** The AIR's name. */
  public static final String NAME = "matvec/v1";

  /** The longest input vector: {@code 131071·128·128 < 2^31}, so every sum fits an int32. */
  public static final int MAX_COLS = 131_071;

  /** The longest trace. */
  public static final int MAX_TRACE_LENGTH = 1 << 20;

  /** Trace column of the running sum. */
  public static final int ACC = 0;

  /** Trace column of the weight. */
  public static final int WEIGHT = 1;

  /** Trace column of the input element. */
  public static final int INPUT = 2;

  private final IntMatrix weights;
  private final IntMatrix vector;
  private final IntMatrix result;
  private final int traceLength;
  private final long[] weightColumn;
  private final long[] inputColumn;
  private final long[] endColumn;
  private final long[] outputColumn;
  private final Bytes publicInputs;

  private MatVecAir(IntMatrix weights, IntMatrix vector, IntMatrix result) {
    this.weights = weights;
    this.vector = vector;
    this.result = result;
    int m = weights.rows();
    int n = weights.cols();
    int block = blockLength(n);
    this.traceLength = traceLengthFor(m, n);
    this.weightColumn = new long[traceLength];
    this.outputColumn = new long[traceLength];
    this.inputColumn = new long[block];
    this.endColumn = new long[block];
    int[] w = weights.toRowMajorArray();
    for (int i = 0; i < m; i++) {
      for (int j = 0; j < n; j++) {
        weightColumn[i * block + j] = Goldilocks.fromSigned(w[i * n + j]);
      }
      outputColumn[i * block + block - 1] = Goldilocks.fromSigned(result.get(i, 0));
    }
    for (int j = 0; j < n; j++) {
      inputColumn[j] = Goldilocks.fromSigned(vector.get(j, 0));
    }
    endColumn[block - 1] = 1;
    ByteBuffer b = ByteBuffer.allocate(8 + m * n + n + 4 * m);
    b.putInt(m).putInt(n);
    for (int v : w) {
      b.put((byte) v);
    }
    for (int j = 0; j < n; j++) {
      b.put((byte) vector.get(j, 0));
    }
    for (int i = 0; i < m; i++) {
      b.putInt(result.get(i, 0));
    }
    this.publicInputs = Bytes.of(b.array());
  }

  /**
   * The statement "{@code result = weights · vector}".
   *
   * @param weights {@code m × n}, every entry in {@code [-128, 127]}
   * @param vector {@code n × 1}, every entry in {@code [-128, 127]}
   * @param result {@code m × 1}, any int32 entries (a wrong one makes the statement false, not
   *     malformed)
   * @throws IllegalArgumentException when the shapes do not chain, an operand is not int8, {@code n
   *     > }{@value #MAX_COLS} or the trace would exceed {@value #MAX_TRACE_LENGTH} rows
   */
  public static MatVecAir create(IntMatrix weights, IntMatrix vector, IntMatrix result) {
    checkOperands(weights, vector);
    if (result.rows() != weights.rows() || result.cols() != 1) {
      throw new IllegalArgumentException(
          "the result of a "
              + weights.rows()
              + "x"
              + weights.cols()
              + " matrix times a vector is "
              + weights.rows()
              + "x1, got "
              + result.rows()
              + "x"
              + result.cols());
    }
    return new MatVecAir(weights, vector, result);
  }

  /**
   * Checks that {@code weights · vector} is a product this AIR can state.
   *
   * @throws IllegalArgumentException when it is not, with the reason
   */
  public static void checkOperands(IntMatrix weights, IntMatrix vector) {
    int n = weights.cols();
    if (vector.rows() != n || vector.cols() != 1) {
      throw new IllegalArgumentException(
          "a "
              + weights.rows()
              + "x"
              + n
              + " matrix needs a "
              + n
              + "x1 vector, got "
              + vector.rows()
              + "x"
              + vector.cols());
    }
    if (n > MAX_COLS) {
      throw new IllegalArgumentException(
          "vector length " + n + " exceeds " + MAX_COLS + " (int32 sums could overflow)");
    }
    long rows = (long) blockLength(weights.rows()) * blockLength(n);
    if (rows > MAX_TRACE_LENGTH) {
      throw new IllegalArgumentException(
          "a "
              + weights.rows()
              + "x"
              + n
              + " product needs "
              + rows
              + " trace rows, more than "
              + MAX_TRACE_LENGTH);
    }
    if (!weights.isInt8()) {
      throw new IllegalArgumentException("the weights have an entry outside int8 [-128, 127]");
    }
    if (!vector.isInt8()) {
      throw new IllegalArgumentException("the vector has an entry outside int8 [-128, 127]");
    }
  }

  /** The rows of one output's block: {@code nextPowerOfTwo(n)}. */
  static int blockLength(int n) {
    return n == 1 ? 1 : Integer.highestOneBit(n - 1) << 1;
  }

  /**
   * The trace length for an {@code m × n} matrix: {@code max(8, nextPowerOfTwo(m) ·
   * nextPowerOfTwo(n))}; the caller has checked that it is at most {@value #MAX_TRACE_LENGTH}.
   */
  public static int traceLengthFor(int m, int n) {
    return Math.max(8, blockLength(m) * blockLength(n));
  }

  /**
   * The exact product {@code weights · vector} in int32 (no sum can overflow).
   *
   * @throws IllegalArgumentException as {@link #checkOperands}
   */
  public static IntMatrix multiply(IntMatrix weights, IntMatrix vector) {
    checkOperands(weights, vector);
    int m = weights.rows();
    int n = weights.cols();
    int[] w = weights.toRowMajorArray();
    int[] x = vector.toRowMajorArray();
    int[] y = new int[m];
    for (int i = 0; i < m; i++) {
      int sum = 0;
      for (int j = 0; j < n; j++) {
        sum += w[i * n + j] * x[j];
      }
      y[i] = sum;
    }
    return IntMatrix.of(m, 1, y);
  }

  /**
   * The honest trace of {@code weights · vector}: columns {@code acc}, {@code w}, {@code x}.
   *
   * @throws IllegalArgumentException as {@link #checkOperands}
   */
  public static Trace trace(IntMatrix weights, IntMatrix vector) {
    checkOperands(weights, vector);
    int m = weights.rows();
    int n = weights.cols();
    int block = blockLength(n);
    int t = traceLengthFor(m, n);
    int[] w = weights.toRowMajorArray();
    int[] x = vector.toRowMajorArray();
    long[] accColumn = new long[t];
    long[] wColumn = new long[t];
    long[] xColumn = new long[t];
    long acc = 0;
    for (int k = 0; k < t; k++) {
      int i = k / block;
      int j = k % block;
      int wv = i < m && j < n ? w[i * n + j] : 0;
      int xv = j < n ? x[j] : 0;
      acc = (j == 0 ? 0 : acc) + (long) wv * xv;
      accColumn[k] = Goldilocks.fromSigned(acc);
      wColumn[k] = Goldilocks.fromSigned(wv);
      xColumn[k] = Goldilocks.fromSigned(xv);
    }
    return Trace.of(new long[][] {accColumn, wColumn, xColumn});
  }

  public IntMatrix weights() {
    return weights;
  }

  public IntMatrix vector() {
    return vector;
  }

  public IntMatrix result() {
    return result;
  }

  @Override
  public String name() {
    return NAME;
  }

  /**
   * {@code u32 m | u32 n | W as int8 bytes, row-major | x as int8 bytes | y as i32be}: all of the
   * statement, absorbed into the transcript before the first challenge.
   */
  @Override
  public Bytes publicInputs() {
    return publicInputs;
  }

  @Override
  public int traceWidth() {
    return 3;
  }

  @Override
  public int traceLength() {
    return traceLength;
  }

  @Override
  public int transitionConstraintCount() {
    return 4;
  }

  @Override
  public int transitionDegree(int index) {
    return index < 2 ? 1 : 2;
  }

  /** {@code Wp}, {@code Xp}, {@code E}, {@code Ye}, in that order (copies). */
  @Override
  public List<long[]> periodicColumns() {
    return List.of(
        weightColumn.clone(), inputColumn.clone(), endColumn.clone(), outputColumn.clone());
  }

  @Override
  public List<BoundaryConstraint> boundaryConstraints() {
    int last = traceLength - 1;
    return List.of(
        new BoundaryConstraint(ACC, 0, Goldilocks.mul(weightColumn[0], inputColumn[0])),
        new BoundaryConstraint(WEIGHT, last, weightColumn[last]),
        new BoundaryConstraint(INPUT, last, inputColumn[last % inputColumn.length]),
        new BoundaryConstraint(ACC, last, outputColumn[last]));
  }

  @Override
  public void evaluateTransition(long[] current, long[] next, long[] periodic, long[] out) {
    long end = periodic[2];
    out[0] = Goldilocks.sub(current[WEIGHT], periodic[0]);
    out[1] = Goldilocks.sub(current[INPUT], periodic[1]);
    long carried = Goldilocks.mul(Goldilocks.sub(1, end), current[ACC]);
    long product = Goldilocks.mul(next[WEIGHT], next[INPUT]);
    out[2] = Goldilocks.sub(next[ACC], Goldilocks.add(carried, product));
    out[3] = Goldilocks.sub(Goldilocks.mul(end, current[ACC]), periodic[3]);
  }

  @Override
  public void evaluateTransition(Ext2[] current, Ext2[] next, Ext2[] periodic, Ext2[] out) {
    Ext2 end = periodic[2];
    out[0] = current[WEIGHT].sub(periodic[0]);
    out[1] = current[INPUT].sub(periodic[1]);
    Ext2 carried = Ext2.ONE.sub(end).mul(current[ACC]);
    out[2] = next[ACC].sub(carried.add(next[WEIGHT].mul(next[INPUT])));
    out[3] = end.mul(current[ACC]).sub(periodic[3]);
  }
}
