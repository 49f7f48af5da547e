package dev.proofofcompute.workloads;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.proofofcompute.core.linalg.DoubleMatrix;
import dev.proofofcompute.core.linalg.IntMatrix;
import java.util.List;
import org.junit.jupiter.api.Test;

class MatrixRowsTest {

  @Test
  void rowsRoundTripThroughTheirEncodings() {
    IntMatrix m = IntMatrix.of(3, 2, new int[] {1, 2, 3, 4, 5, 6});
    assertThat(MatrixRows.row(m, 1)).isEqualTo(IntMatrix.of(1, 2, new int[] {3, 4}));
    assertThat(MatrixRows.stackInt(MatrixRows.encodedRows(m), 2)).isEqualTo(m);
    DoubleMatrix d = DoubleMatrix.of(2, 2, new double[] {0.5, -0.0, 1e300, 3});
    assertThat(MatrixRows.stackDouble(MatrixRows.encodedRows(d), 2)).isEqualTo(d);
  }

  @Test
  void stackingRejectsRowsOfAnotherKindOrWidth() {
    IntMatrix m = IntMatrix.of(1, 2, new int[] {1, 2});
    DoubleMatrix d = DoubleMatrix.of(1, 2, new double[] {1, 2});
    assertThatThrownBy(() -> MatrixRows.stackInt(List.of(m.encode(), d.encode()), 2))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("item 1 is not an int32 row");
    assertThatThrownBy(() -> MatrixRows.stackDouble(List.of(m.encode()), 2))
        .hasMessage("item 0 is not a float64 row");
    assertThatThrownBy(() -> MatrixRows.stackInt(List.of(m.encode()), 3))
        .hasMessage("item 0 must be a 1x3 row, got 1x2");
    assertThatThrownBy(() -> MatrixRows.row(m, 1)).isInstanceOf(IndexOutOfBoundsException.class);
  }
}
