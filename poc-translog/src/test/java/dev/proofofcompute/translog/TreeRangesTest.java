package dev.proofofcompute.translog;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class TreeRangesTest {

  @Test
  void piecesOfARightEdgeNodeAreItsBinaryDecomposition() {
    // [8, 15): 4 + 2 + 1 leaves.
    assertThat(TreeRanges.pieces(new TreeRanges.Range(8, 15)))
        .containsExactly(new NodeAddress(2, 2), new NodeAddress(1, 6), new NodeAddress(0, 14));
    assertThat(TreeRanges.prefix(6)).containsExactly(new NodeAddress(2, 0), new NodeAddress(1, 2));
    assertThat(TreeRanges.prefix(0)).isEmpty();
  }

  @Test
  void aMisalignedRangeIsNotANode() {
    assertThatThrownBy(() -> TreeRanges.pieces(new TreeRanges.Range(3, 7)))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("not a node");
    assertThatThrownBy(() -> new TreeRanges.Range(5, 5))
        .isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void inclusionPathsHaveAtMostOneImperfectNode() {
    for (long n = 1; n <= 300; n++) {
      for (long i = 0; i < n; i++) {
        assertThat(TreeRanges.inclusionPath(i, n).stream().filter(r -> !r.isPerfect()).count())
            .as("leaf %d of %d", i, n)
            .isLessThanOrEqualTo(1);
      }
      for (long m = 0; m <= n; m++) {
        assertThat(TreeRanges.consistencyPath(m, n).stream().filter(r -> !r.isPerfect()).count())
            .as("consistency %d -> %d", m, n)
            .isLessThanOrEqualTo(1);
      }
    }
    assertThatThrownBy(() -> TreeRanges.inclusionPath(3, 3))
        .isInstanceOf(IllegalArgumentException.class);
  }
}
