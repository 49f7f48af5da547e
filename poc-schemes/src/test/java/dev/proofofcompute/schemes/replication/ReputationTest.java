package dev.proofofcompute.schemes.replication;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class ReputationTest {
  @Test
  void validResultsCountUpAndOneInvalidResultResetsToZero() {
    Reputation r = Reputation.NONE;
    for (int i = 0; i < 12; i++) {
      r = r.afterValid();
    }
    assertThat(r.consecutiveValid()).isEqualTo(12);
    assertThat(r.afterInvalid()).isEqualTo(Reputation.NONE);
    assertThat(r.afterInvalid().afterValid().consecutiveValid()).isEqualTo(1);
  }

  @Test
  void theCountSaturatesInsteadOfOverflowing() {
    Reputation top = new Reputation(Long.MAX_VALUE);
    assertThat(top.afterValid()).isEqualTo(top);
  }

  @Test
  void aNegativeCountIsRefused() {
    assertThatThrownBy(() -> new Reputation(-1))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining(">= 0");
  }
}
