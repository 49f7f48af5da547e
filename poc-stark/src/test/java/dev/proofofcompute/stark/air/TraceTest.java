package dev.proofofcompute.stark.air;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class TraceTest {

  @Test
  void copiesInAndOut() {
    long[][] columns = {{1, 2, 3, 4}, {5, 6, 7, 8}};
    Trace trace = Trace.of(columns);
    columns[0][0] = 99;
    assertThat(trace.get(0, 0)).isEqualTo(1);
    trace.column(1)[2] = 99;
    assertThat(trace.get(1, 2)).isEqualTo(7);
    Trace changed = trace.with(1, 2, 70);
    assertThat(changed.get(1, 2)).isEqualTo(70);
    assertThat(trace.get(1, 2)).isEqualTo(7);
    assertThat(trace.width()).isEqualTo(2);
    assertThat(trace.length()).isEqualTo(4);
  }

  @Test
  void rejectsBadShapesAndNonCanonicalElements() {
    assertThatThrownBy(() -> Trace.of(new long[0][])).hasMessageContaining("at least one column");
    assertThatThrownBy(() -> Trace.of(new long[][] {{1, 2, 3}}))
        .hasMessageContaining("power of two");
    assertThatThrownBy(() -> Trace.of(new long[][] {{1, 2}, {1}})).hasMessageContaining("column 1");
    assertThatThrownBy(() -> Trace.of(new long[][] {{1, -1L}}))
        .hasMessageContaining("non-canonical");
    assertThatThrownBy(() -> Trace.of(new long[][] {{1, 2}}).with(0, 0, -1L))
        .hasMessageContaining("canonical");
  }
}
