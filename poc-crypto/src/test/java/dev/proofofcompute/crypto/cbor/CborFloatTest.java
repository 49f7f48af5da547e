package dev.proofofcompute.crypto.cbor;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class CborFloatTest {

  @Test
  void allNansAreOneValue() {
    CborFloat quiet = new CborFloat(Double.NaN);
    CborFloat payload = new CborFloat(Double.longBitsToDouble(0xfff0_0000_0000_0123L));
    assertThat(payload).isEqualTo(quiet).hasSameHashCodeAs(quiet);
    assertThat(Double.doubleToRawLongBits(payload.value()))
        .isEqualTo(Double.doubleToRawLongBits(Double.NaN));
  }

  @Test
  void negativeZeroDiffersFromZero() {
    assertThat(new CborFloat(-0.0)).isNotEqualTo(new CborFloat(0.0));
    assertThat(new CborFloat(1.0)).isNotEqualTo(CborInteger.of(1));
  }
}
