package dev.proofofcompute.ledger;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class OperationIdTest {
  @Test
  void acceptsVisibleAsciiUpToTheLimit() {
    assertThat(OperationId.of("settle:task-1").value()).isEqualTo("settle:task-1");
    assertThat(OperationId.of("x".repeat(OperationId.MAX_LENGTH)).value()).hasSize(200);
  }

  @ParameterizedTest
  @ValueSource(strings = {"", " ", "settle: 1", "tab\there", "caf\u00e9", "line\n"})
  void rejectsBlankOrInvisible(String value) {
    assertThatThrownBy(() -> OperationId.of(value)).isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void rejectsOverlong() {
    assertThatThrownBy(() -> OperationId.of("x".repeat(OperationId.MAX_LENGTH + 1)))
        .hasMessageContaining("1 to 200 characters");
  }
}
