package dev.proofofcompute.arena;

import static org.assertj.core.api.Assertions.assertThat;

import dev.proofofcompute.core.linalg.DoubleMatrix;
import dev.proofofcompute.schemes.replication.FloatTolerance;
import dev.proofofcompute.workloads.matmul.MatMulF64Input;
import dev.proofofcompute.workloads.matmul.MatrixProducts;
import org.junit.jupiter.api.Test;

class SummationOrderTest {
  @Test
  void forwardIsTheWorkloadsOrder_seeds0to49() {
    for (long seed = 0; seed < 50; seed++) {
      MatMulF64Input x = MatMulF64Input.random(seed, 5, 17, 4);
      assertThat(SummationOrder.FORWARD.product(x.a(), x.b()))
          .as("seed %d", seed)
          .isEqualTo(MatrixProducts.float64(x.a(), x.b()));
    }
  }

  /**
   * Over 200 seeded 8×8 products, every pair of orders agrees under {@link
   * ReplicaJob#dotProductTolerance}, and the orders do give different bits somewhere (otherwise the
   * honest float runs would prove nothing about the tolerance).
   */
  @Test
  void ordersDifferInBitsButAgreeUnderTheDotProductTolerance_seeds0to199() {
    FloatTolerance tolerance = ReplicaJob.dotProductTolerance(8);
    int differing = 0;
    for (long seed = 0; seed < 200; seed++) {
      MatMulF64Input x = MatMulF64Input.random(seed, 8, 8, 8);
      for (SummationOrder p : SummationOrder.values()) {
        for (SummationOrder q : SummationOrder.values()) {
          DoubleMatrix cp = p.product(x.a(), x.b());
          DoubleMatrix cq = q.product(x.a(), x.b());
          if (!cp.equals(cq)) {
            differing++;
          }
          assertThat(tolerance.agree(cp.toRowMajorArray(), cq.toRowMajorArray()))
              .as("seed %d, %s vs %s", seed, p, q)
              .isTrue();
        }
      }
    }
    assertThat(differing).isPositive();
  }

  @Test
  void aCorruptedEntryIsOutsideTheTolerance_seed11() {
    MatMulF64Input x = MatMulF64Input.random(11, 8, 8, 8);
    DoubleMatrix c = SummationOrder.FORWARD.product(x.a(), x.b());
    DoubleMatrix wrong =
        (DoubleMatrix)
            MatrixEdits.corruptEntry(c, dev.proofofcompute.crypto.random.RandomSource.seeded(11));
    assertThat(
            ReplicaJob.dotProductTolerance(8).agree(c.toRowMajorArray(), wrong.toRowMajorArray()))
        .isFalse();
  }
}
