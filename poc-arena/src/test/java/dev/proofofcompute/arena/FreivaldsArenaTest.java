package dev.proofofcompute.arena;

import static org.assertj.core.api.Assertions.assertThat;

import dev.proofofcompute.core.linalg.Matrix;
import dev.proofofcompute.core.scheme.Verdict;
import dev.proofofcompute.core.workload.MatrixStructure;
import dev.proofofcompute.crypto.random.RandomSource;
import dev.proofofcompute.schemes.freivalds.FreivaldsEvidence;
import dev.proofofcompute.schemes.freivalds.FreivaldsParameters;
import dev.proofofcompute.schemes.freivalds.FreivaldsValidator;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Every single-entry corruption of every product of a chain, with the later products and the output
 * recomputed from it (the cheater's most consistent lie), is rejected, and the honest chain of each
 * job accepted; seeds in the test names.
 */
class FreivaldsArenaTest {
  @Test
  void everyCorruptedEntryOfMatmulIsRejected_seed41() {
    assertEveryCorruptionRejected(FreivaldsArena.matMul(6), 41);
  }

  @Test
  void everyCorruptedEntryOfBothMlpProductsIsRejected_seed42() {
    assertEveryCorruptionRejected(FreivaldsArena.mlpInfer(6, RandomSource.seeded(42)), 42);
  }

  @Test
  void everyCorruptedEntryOfAFloatProductIsRejected_seed43() {
    assertEveryCorruptionRejected(FreivaldsArena.matMulF64(6), 43);
  }

  private static <I, O> void assertEveryCorruptionRejected(
      FreivaldsArena.ChainJob<I, O> job, long seed) {
    RandomSource random = RandomSource.seeded(seed);
    I input = job.input(random);
    MatrixStructure<I, O> chain = job.workload().matrices().orElseThrow();
    FreivaldsValidator validator =
        FreivaldsValidator.create(FreivaldsParameters.defaults(), RandomSource.seeded(seed + 1));
    FreivaldsEvidence<O> honest = job.honest(input, 1);
    assertThat(validator.validate(job.workload(), input, honest))
        .isInstanceOf(Verdict.Accepted.class);
    List<String> accepted = new ArrayList<>();
    int tried = 0;
    for (int k = 0; k < honest.products().size(); k++) {
      Matrix product = honest.products().get(k);
      for (int i = 0; i < product.rows(); i++) {
        for (int j = 0; j < product.cols(); j++) {
          FreivaldsEvidence<O> lie =
              FreivaldsArena.consistent(
                  chain, input, honest.products(), k, MatrixEdits.corruptEntry(product, i, j));
          Verdict v = validator.validate(job.workload(), input, lie);
          tried++;
          if (!(v instanceof Verdict.Rejected r && r.reason() == Verdict.Reason.WRONG_RESULT)) {
            accepted.add("product " + k + " entry (" + i + ", " + j + "): " + v);
          }
        }
      }
    }
    assertThat(tried).isGreaterThanOrEqualTo(36);
    assertThat(accepted).isEmpty();
  }
}
