package dev.proofofcompute.workloads.matmul;

import dev.proofofcompute.core.linalg.IntMatrix;
import dev.proofofcompute.workloads.SplitMix64;

/**
 * The operands of an int8 product: {@code a} (n × k) and {@code b} (k × m), every entry in [-128,
 * 127], {@code k <= }{@link MatrixProducts#MAX_INT8_INNER}.
 */
public record MatMulInput(IntMatrix a, IntMatrix b) {
  /**
   * @throws IllegalArgumentException when the operands do not chain or are not int8
   */
  public MatMulInput {
    MatrixProducts.checkInt8Operands(a, b);
  }

  /**
   * A seeded random input (tests, benchmarks, the arena): {@code a} is {@code n × k} and {@code b}
   * is {@code k × m}, entries uniform in [-128, 127] from {@link SplitMix64}, {@code a} first, both
   * row-major.
   */
  public static MatMulInput random(long seed, int n, int k, int m) {
    SplitMix64 rnd = new SplitMix64(seed);
    IntMatrix a = IntMatrix.generate(n, k, (r, c) -> rnd.nextInt(-128, 127));
    IntMatrix b = IntMatrix.generate(k, m, (r, c) -> rnd.nextInt(-128, 127));
    return new MatMulInput(a, b);
  }
}
