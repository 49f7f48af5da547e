package dev.proofofcompute.workloads.matmul;

import dev.proofofcompute.core.linalg.DoubleMatrix;
import dev.proofofcompute.workloads.SplitMix64;

/**
 * The operands of a float64 product: {@code a} (n × k) and {@code b} (k × m) with finite entries
 * (no NaN or infinity, whose propagation other implementations may not reproduce).
 */
public record MatMulF64Input(DoubleMatrix a, DoubleMatrix b) {
  /**
   * @throws IllegalArgumentException when the operands do not chain or hold a non-finite entry
   */
  public MatMulF64Input {
    if (a.cols() != b.rows()) {
      throw new IllegalArgumentException(
          "cannot multiply "
              + a.rows()
              + "x"
              + a.cols()
              + " by "
              + b.rows()
              + "x"
              + b.cols()
              + ": inner dimensions differ");
    }
    checkFinite(a, "left");
    checkFinite(b, "right");
  }

  /**
   * A seeded random input (tests, benchmarks, the arena): {@code a} is {@code n × k} and {@code b}
   * is {@code k × m}, entries uniform in [-1, 1): {@code (x >>> 11) · 2^-52 - 1} for successive
   * {@link SplitMix64} values {@code x} (exact in float64), {@code a} first, both row-major.
   */
  public static MatMulF64Input random(long seed, int n, int k, int m) {
    SplitMix64 rnd = new SplitMix64(seed);
    DoubleMatrix a = DoubleMatrix.generate(n, k, (r, c) -> unit(rnd));
    DoubleMatrix b = DoubleMatrix.generate(k, m, (r, c) -> unit(rnd));
    return new MatMulF64Input(a, b);
  }

  private static double unit(SplitMix64 rnd) {
    return (rnd.nextLong() >>> 11) * 0x1.0p-52 - 1.0;
  }

  private static void checkFinite(DoubleMatrix m, String which) {
    double[] d = m.toRowMajorArray();
    for (int i = 0; i < d.length; i++) {
      if (!Double.isFinite(d[i])) {
        throw new IllegalArgumentException(
            which + " operand entry " + i + " is not finite: " + d[i]);
      }
    }
  }
}
