package dev.proofofcompute.workloads.matmul;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class MatMulF64InputTest {

  @Test
  void randomInputsAreReproducibleAndInTheUnitInterval() {
    long seed = 13L;
    MatMulF64Input in = MatMulF64Input.random(seed, 5, 6, 7);
    assertThat(MatMulF64Input.random(seed, 5, 6, 7)).isEqualTo(in);
    assertThat(MatMulF64Input.random(seed + 1, 5, 6, 7)).isNotEqualTo(in);
    for (double v : in.a().toRowMajorArray()) {
      assertThat(v).as("seed %d", seed).isGreaterThanOrEqualTo(-1.0).isLessThan(1.0);
    }
    for (double v : in.b().toRowMajorArray()) {
      assertThat(v).as("seed %d", seed).isGreaterThanOrEqualTo(-1.0).isLessThan(1.0);
    }
  }
}
