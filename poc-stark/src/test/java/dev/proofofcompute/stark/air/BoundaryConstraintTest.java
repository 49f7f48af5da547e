package dev.proofofcompute.stark.air;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.proofofcompute.stark.field.Goldilocks;
import org.junit.jupiter.api.Test;

class BoundaryConstraintTest {

  @Test
  void acceptsCanonicalValuesAndRejectsTheRest() {
    assertThat(new BoundaryConstraint(1, 7, Goldilocks.P - 1).value()).isEqualTo(Goldilocks.P - 1);
    assertThatThrownBy(() -> new BoundaryConstraint(0, 0, Goldilocks.P))
        .hasMessageContaining("canonical");
    assertThatThrownBy(() -> new BoundaryConstraint(-1, 0, 0)).hasMessageContaining("non-negative");
    assertThatThrownBy(() -> new BoundaryConstraint(0, -1, 0)).hasMessageContaining("non-negative");
  }
}
