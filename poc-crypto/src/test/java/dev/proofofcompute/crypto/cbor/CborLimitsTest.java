package dev.proofofcompute.crypto.cbor;

import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class CborLimitsTest {

  @Test
  void rejectsNonPositiveOrExcessiveBounds() {
    assertThatThrownBy(() -> new CborLimits(0, 1, 1))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("must be positive");
    assertThatThrownBy(() -> new CborLimits(1, 0, 1))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("must be positive");
    assertThatThrownBy(() -> new CborLimits(1, 1, -1))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("must be positive");
    assertThatThrownBy(() -> new CborLimits(1, CborLimits.DEPTH_CEILING + 1, 1))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("CBOR depth limit 1025 exceeds the ceiling 1024");
  }
}
