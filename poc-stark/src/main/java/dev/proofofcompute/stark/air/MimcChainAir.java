package dev.proofofcompute.stark.air;

import dev.proofofcompute.crypto.Bytes;
import dev.proofofcompute.crypto.Digest;
import dev.proofofcompute.crypto.Hashes;
import dev.proofofcompute.stark.field.Ext2;
import dev.proofofcompute.stark.field.Goldilocks;
import java.nio.ByteBuffer;
import java.util.List;

/**
 * A MiMC-7 hash chain over Goldilocks as a sequential proof of work: the statement is "{@code x_T =
 * digest}, where {@code x_0 = seed} and {@code x_{i+1} = (x_i + c_{i mod 64})^7}".
 *
 * <p>Design: the round function of MiMC (Albrecht, Grassi, Rechberger, Roy, Tiessen, "MiMC:
 * Efficient Encryption and Cryptographic Hashing with Minimal Multiplicative Complexity", ASIACRYPT
 * 2016: the MiMC-p/p permutation, here with a zero key), with the S-box {@code x^7} instead of
 * {@code x^3}: {@code x^3} is not a permutation of Goldilocks because 3 divides {@code p - 1},
 * while {@code gcd(7, p - 1) = 1}. Every 64 consecutive steps apply the 64-round permutation once;
 * the paper sizes MiMC at {@code ceil(log_3 p)} rounds for the cube against interpolation attacks,
 * which for exponent 7 becomes {@code ceil(log_7 p) = 23}, so 64 leaves a wide margin. Each step is
 * one field operation chain that cannot be parallelised, so the work is sequential in {@code T}.
 *
 * <p>Round constants: {@code c_i = (first 8 bytes of H_tag(u32be(i))) mod p} with tag {@code
 * poc/stark/mimc7-round-constant/v1} (nothing up the sleeve), {@code i < 64}; they enter the AIR as
 * one periodic column of period 64.
 *
 * <p>AIR: one column; transition {@code x' - (x + c)^7 = 0} of degree 7 (so the blowup must be at
 * least 8); boundaries {@code x_0 = seed}, {@code x_T = digest}. The trace has {@code n = max(64,
 * nextPowerOfTwo(T + 1))} rows; rows past {@code T} keep applying the round function.
 */
public final class MimcChainAir implements Air {
  /** The number of rounds per permutation, and the period of the constants. */
  public static final int ROUNDS = 64;

  /** The S-box exponent. */
  public static final int ALPHA = 7;

  private static final long[] CONSTANTS = new long[ROUNDS];

  static {
    for (int i = 0; i < ROUNDS; i++) {
      Digest d =
          Hashes.hash(
              "poc/stark/mimc7-round-constant/v1", ByteBuffer.allocate(4).putInt(i).array());
      CONSTANTS[i] = Goldilocks.reduce(ByteBuffer.wrap(d.toByteArray()).getLong());
    }
  }

  private final long seed;
  private final int steps;
  private final long digest;
  private final int traceLength;

  private MimcChainAir(long seed, int steps, long digest) {
    this.seed = seed;
    this.steps = steps;
    this.digest = digest;
    this.traceLength = traceLengthFor(steps);
  }

  /** The statement "the chain from {@code seed} reaches {@code digest} after {@code steps}". */
  public static MimcChainAir create(long seed, int steps, long digest) {
    if (steps < 1 || steps >= (1 << 24)) {
      throw new IllegalArgumentException("steps must be in [1, 2^24)");
    }
    if (!Goldilocks.isCanonical(seed) || !Goldilocks.isCanonical(digest)) {
      throw new IllegalArgumentException("seed and digest must be canonical field elements");
    }
    return new MimcChainAir(seed, steps, digest);
  }

  /** The trace length for a chain of {@code steps} steps. */
  public static int traceLengthFor(int steps) {
    return Math.max(ROUNDS, Integer.highestOneBit(steps) << 1);
  }

  /** The round constant {@code c_i}, {@code i < 64}. */
  public static long roundConstant(int i) {
    return CONSTANTS[i];
  }

  /** One step: {@code (x + c_{i mod 64})^7}. */
  public static long step(long x, int i) {
    return pow7(Goldilocks.add(x, CONSTANTS[i & (ROUNDS - 1)]));
  }

  /** {@code x_steps} from {@code x_0 = seed}: the honest digest. */
  public static long digest(long seed, int steps) {
    long x = seed;
    for (int i = 0; i < steps; i++) {
      x = step(x, i);
    }
    return x;
  }

  /**
   * The honest trace for {@code steps} steps from {@code seed}: columns {@code x} and {@code a}.
   */
  public static Trace trace(long seed, int steps) {
    int n = traceLengthFor(steps);
    long[] x = new long[n];
    long[] a = new long[n];
    x[0] = seed;
    for (int i = 0; i < n; i++) {
      long t = Goldilocks.add(x[i], CONSTANTS[i & (ROUNDS - 1)]);
      a[i] = cube(t);
      if (i + 1 < n) {
        x[i + 1] = Goldilocks.mul(Goldilocks.square(a[i]), t);
      }
    }
    return Trace.of(new long[][] {x, a});
  }

  private static long cube(long t) {
    return Goldilocks.mul(Goldilocks.square(t), t);
  }

  private static long pow7(long t) {
    return Goldilocks.mul(Goldilocks.square(cube(t)), t);
  }

  public int steps() {
    return steps;
  }

  @Override
  public String name() {
    return "mimc7-chain/v1";
  }

  @Override
  public Bytes publicInputs() {
    return Bytes.of(ByteBuffer.allocate(20).putLong(seed).putInt(steps).putLong(digest).array());
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
    return 3;
  }

  @Override
  public List<long[]> periodicColumns() {
    return List.of(CONSTANTS.clone());
  }

  @Override
  public List<BoundaryConstraint> boundaryConstraints() {
    return List.of(new BoundaryConstraint(0, 0, seed), new BoundaryConstraint(0, steps, digest));
  }

  @Override
  public void evaluateTransition(long[] current, long[] next, long[] periodic, long[] out) {
    long t = Goldilocks.add(current[0], periodic[0]);
    long a = current[1];
    out[0] = Goldilocks.sub(a, cube(t));
    out[1] = Goldilocks.sub(next[0], Goldilocks.mul(Goldilocks.square(a), t));
  }

  @Override
  public void evaluateTransition(Ext2[] current, Ext2[] next, Ext2[] periodic, Ext2[] out) {
    Ext2 t = current[0].add(periodic[0]);
    Ext2 a = current[1];
    out[0] = a.sub(t.square().mul(t));
    out[1] = next[0].sub(a.square().mul(t));
  }
}
