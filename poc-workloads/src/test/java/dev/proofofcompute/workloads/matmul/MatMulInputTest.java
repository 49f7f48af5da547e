package dev.proofofcompute.workloads.matmul;

import static org.assertj.core.api.Assertions.assertThat;

import dev.proofofcompute.workloads.SplitMix64;
import org.junit.jupiter.api.Test;

class MatMulInputTest {

  @Test
  void randomInputsFollowTheDocumentedDraws() {
    long seed = 12L;
    MatMulInput in = MatMulInput.random(seed, 2, 3, 4);
    assertThat(in.a().rows()).isEqualTo(2);
    assertThat(in.b().cols()).isEqualTo(4);
    // a first, row-major, then b: the first entry of b is the 7th draw.
    SplitMix64 rnd = new SplitMix64(seed);
    int first = rnd.nextInt(-128, 127);
    for (int i = 0; i < 5; i++) {
      rnd.nextInt(-128, 127);
    }
    assertThat(in.a().get(0, 0)).isEqualTo(first);
    assertThat(in.b().get(0, 0)).isEqualTo(rnd.nextInt(-128, 127));
    assertThat(MatMulInput.random(seed, 2, 3, 4)).isEqualTo(in);
    assertThat(MatMulInput.random(seed + 1, 2, 3, 4)).isNotEqualTo(in);
  }
}
