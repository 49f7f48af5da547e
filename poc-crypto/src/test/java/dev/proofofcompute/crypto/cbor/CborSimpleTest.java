package dev.proofofcompute.crypto.cbor;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class CborSimpleTest {

  /** RFC 8949 §3.3: simple values 24..31 are reserved and not well-formed. */
  @ParameterizedTest
  @ValueSource(ints = {-1, 24, 27, 31, 256})
  void rejectsInvalidSimpleValues(int value) {
    assertThatThrownBy(() -> new CborSimple(value))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("not a valid simple value: " + value);
  }

  @ParameterizedTest
  @ValueSource(ints = {0, 19, 23, 32, 255})
  void acceptsValidSimpleValues(int value) {
    assertThat(new CborSimple(value).value()).isEqualTo(value);
  }
}
