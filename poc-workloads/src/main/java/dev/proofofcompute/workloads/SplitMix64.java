package dev.proofofcompute.workloads;

/**
 * The SplitMix64 generator, used wherever a workload derives data from a seed (data sets, initial
 * weights, test models), so that the derivation is part of the workload's definition and identical
 * on every JVM.
 *
 * <p>Design: Steele, Lea and Flood, "Fast splittable pseudorandom number generators", OOPSLA 2014,
 * §3 (the {@code mix64} finaliser variant 13 with the golden-gamma increment {@code
 * 0x9e3779b97f4a7c15}), as in the public-domain reference {@code splitmix64.c} by S. Vigna. We do
 * not use {@link java.util.SplittableRandom}: its algorithm is an implementation detail of the JDK,
 * not a specified contract. Bounded draws reduce an unsigned 64-bit value modulo the range; the
 * bias is below 2^-32 for every range we use and, more importantly, fixed by this definition.
 *
 * <p>Not thread-safe (mutable state); not a cryptographic generator.
 */
public final class SplitMix64 {
  private static final long GOLDEN_GAMMA = 0x9e3779b97f4a7c15L;

  private long state;

  public SplitMix64(long seed) {
    this.state = seed;
  }

  /**
   * A generator for sub-stream {@code stream} of {@code seed}: a seed derived by mixing both, so
   * that for example sample {@code j} of a data set is generated without generating samples {@code
   * 0..j-1}.
   */
  public static SplitMix64 stream(long seed, long stream) {
    return new SplitMix64(mix64(seed ^ mix64(stream * GOLDEN_GAMMA + GOLDEN_GAMMA)));
  }

  /** The next 64 uniformly distributed bits. */
  public long nextLong() {
    state += GOLDEN_GAMMA;
    return mix64(state);
  }

  /** A value in {@code [lo, hi]} (inclusive), {@code lo <= hi}. */
  public int nextInt(int lo, int hi) {
    if (lo > hi) {
      throw new IllegalArgumentException("empty range [" + lo + ", " + hi + "]");
    }
    long span = (long) hi - lo + 1;
    return (int) (lo + Long.remainderUnsigned(nextLong(), span));
  }

  /** The SplitMix64 finaliser (variant 13 of Stafford's mixers). */
  static long mix64(long z) {
    z = (z ^ (z >>> 30)) * 0xbf58476d1ce4e5b9L;
    z = (z ^ (z >>> 27)) * 0x94d049bb133111ebL;
    return z ^ (z >>> 31);
  }
}
