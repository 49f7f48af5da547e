package dev.proofofcompute.arena;

import static org.assertj.core.api.Assertions.assertThat;

import dev.proofofcompute.core.linalg.IntMatrix;
import dev.proofofcompute.core.linalg.Matrix;
import dev.proofofcompute.crypto.random.RandomSource;
import java.util.Set;
import org.junit.jupiter.api.Test;

class MatrixEditsTest {
  @Test
  void aCorruptedEntryDiffersInExactlyThatEntry() {
    IntMatrix m = IntMatrix.generate(3, 4, (r, c) -> r * 4 + c);
    IntMatrix c = (IntMatrix) MatrixEdits.corruptEntry(m, 1, 2);
    for (int i = 0; i < 3; i++) {
      for (int j = 0; j < 4; j++) {
        assertThat(c.get(i, j) != m.get(i, j)).as("(%d, %d)", i, j).isEqualTo(i == 1 && j == 2);
      }
    }
  }

  @Test
  void zeroRowsZeroesOnlyThoseRows() {
    IntMatrix m = IntMatrix.generate(3, 2, (r, c) -> 7);
    Matrix z = MatrixEdits.zeroRows(m, Set.of(0, 2));
    assertThat(z).isEqualTo(IntMatrix.of(3, 2, new int[] {0, 0, 7, 7, 0, 0}));
  }

  @Test
  void aLazyProviderFakesAtLeastOneRoundedItem() {
    assertThat(MatrixEdits.faked(8, 0.01)).isEqualTo(1);
    assertThat(MatrixEdits.faked(8, 0.25)).isEqualTo(2);
    assertThat(MatrixEdits.faked(64, 0.1)).isEqualTo(6);
    assertThat(MatrixEdits.faked(8, 1.0)).isEqualTo(8);
  }

  /** Each index is chosen about count/n of the time: 4,000 draws of 3 of 8, seed 17. */
  @Test
  void distinctIndicesAreDistinctAndRoughlyUniform_seed17() {
    RandomSource random = RandomSource.seeded(17);
    int[] hits = new int[8];
    for (int run = 0; run < 4000; run++) {
      Set<Integer> chosen = MatrixEdits.distinct(8, 3, random);
      assertThat(chosen).hasSize(3).allSatisfy(i -> assertThat(i).isBetween(0, 7));
      chosen.forEach(i -> hits[i]++);
    }
    // expected 1500 each; 99% binomial interval of 4000 * 3/8 is about +-80
    for (int h : hits) {
      assertThat(h).isBetween(1400, 1600);
    }
  }
}
