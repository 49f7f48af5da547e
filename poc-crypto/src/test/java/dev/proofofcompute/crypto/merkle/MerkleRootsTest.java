package dev.proofofcompute.crypto.merkle;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.proofofcompute.crypto.Digest;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

class MerkleRootsTest {
  private static ExecutorService pool;

  @BeforeAll
  static void startPool() {
    pool = Executors.newFixedThreadPool(3);
  }

  @AfterAll
  static void stopPool() {
    pool.shutdownNow();
  }

  /**
   * Seed 4096: buffers of 0..700 leaves (the last one short in odd cases), at an offset, with 1..5
   * tasks: the parallel root equals the sequential one and the literal recursion.
   */
  @Test
  void parallelEqualsSequentialEqualsNaiveSeed4096() {
    Random random = new Random(4096);
    int leafSize = 16;
    List<Integer> counts = new ArrayList<>();
    for (int n = 0; n <= 70; n++) {
      counts.add(n);
    }
    counts.addAll(List.of(127, 128, 129, 255, 256, 257, 511, 512, 513, 700));
    for (int n : counts) {
      int shortBy = n % 2 == 1 ? random.nextInt(leafSize) : 0;
      int length = Math.max(0, n * leafSize - shortBy);
      byte[] buffer = new byte[length + 5];
      random.nextBytes(buffer);
      List<byte[]> leaves = new ArrayList<>();
      for (int off = 0; off < length; off += leafSize) {
        leaves.add(Arrays.copyOfRange(buffer, 3 + off, 3 + Math.min(length, off + leafSize)));
      }
      Digest naive = NaiveMerkle.mth(leaves, 0, leaves.size());
      assertThat(MerkleRoots.sequential(buffer, 3, length, leafSize))
          .as("seed 4096, %d leaves", n)
          .isEqualTo(naive);
      for (int threads = 1; threads <= 5; threads++) {
        assertThat(MerkleRoots.parallel(buffer, 3, length, leafSize, threads, pool))
            .as("seed 4096, %d leaves, %d tasks", n, threads)
            .isEqualTo(naive);
      }
    }
  }

  @Test
  void rejectsBadArguments() {
    byte[] buffer = new byte[10];
    assertThatThrownBy(() -> MerkleRoots.sequential(buffer, 4, 7, 2))
        .isInstanceOf(IndexOutOfBoundsException.class);
    assertThatThrownBy(() -> MerkleRoots.sequential(buffer, 0, 10, 0))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> MerkleRoots.parallel(buffer, 0, 10, 2, 0, pool))
        .isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void aFailingExecutorSurfacesAsAnException() {
    byte[] buffer = new byte[64];
    assertThatThrownBy(() ->
            MerkleRoots.parallel(
                buffer,
                0,
                64,
                1,
                2,
                task -> {
                  throw new java.util.concurrent.RejectedExecutionException("full");
                }))
        .isInstanceOf(java.util.concurrent.RejectedExecutionException.class);
  }
}
