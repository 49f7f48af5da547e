package dev.proofofcompute.crypto.cbor;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class CborTextTest {

  @Test
  void rejectsUnpairedSurrogates() {
    assertThatThrownBy(() -> new CborText("a\ud800"))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("text has an unpaired surrogate at index 1");
    assertThatThrownBy(() -> new CborText("\udd51x"))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("text has an unpaired surrogate at index 0");
    assertThatThrownBy(() -> new CborText("\ud800\ud800\udd51"))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("text has an unpaired surrogate at index 0");
  }

  @Test
  void acceptsSurrogatePairs() {
    assertThat(new CborText("\ud800\udd51\ud83d\ude00").value()).hasSize(4);
  }
}
