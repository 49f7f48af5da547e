package dev.proofofcompute.crypto.cbor;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.math.BigInteger;
import java.util.Random;
import org.junit.jupiter.api.Test;

class CborIntegerTest {
  private static final BigInteger TWO_64 = BigInteger.ONE.shiftLeft(64);

  @Test
  void coversExactlyMinusTwoToThe64ToTwoToThe64MinusOne() {
    CborInteger max = CborInteger.of(TWO_64.subtract(BigInteger.ONE));
    CborInteger min = CborInteger.of(TWO_64.negate());
    assertThat(max.bigIntegerValue()).isEqualTo(TWO_64.subtract(BigInteger.ONE));
    assertThat(min.bigIntegerValue()).isEqualTo(TWO_64.negate());
    assertThat(max.fitsLong()).isFalse();
    assertThat(min.fitsLong()).isFalse();
    assertThatThrownBy(() -> CborInteger.of(TWO_64))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("outside the CBOR range");
    assertThatThrownBy(() -> CborInteger.of(TWO_64.negate().subtract(BigInteger.ONE)))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("outside the CBOR range");
    assertThatThrownBy(max::longValueExact).isInstanceOf(ArithmeticException.class);
  }

  @Test
  void longAndBigIntegerViewsAgree() {
    Random random = new Random(64);
    for (int k = 0; k < 10_000; k++) {
      long v = random.nextLong() >> random.nextInt(64);
      CborInteger fromLong = CborInteger.of(v);
      CborInteger fromBig = CborInteger.of(BigInteger.valueOf(v));
      assertThat(fromBig).as("seed 64, value %d", v).isEqualTo(fromLong);
      assertThat(fromLong.hashCode()).isEqualTo(fromBig.hashCode());
      assertThat(fromLong.fitsLong()).isTrue();
      assertThat(fromLong.longValueExact()).isEqualTo(v);
      assertThat(fromLong.bigIntegerValue()).isEqualTo(BigInteger.valueOf(v));
      assertThat(fromLong.isNegative()).isEqualTo(v < 0);
    }
    assertThat(CborInteger.of(Long.MIN_VALUE).longValueExact()).isEqualTo(Long.MIN_VALUE);
    assertThat(CborInteger.of(Long.MAX_VALUE).longValueExact()).isEqualTo(Long.MAX_VALUE);
  }

  @Test
  void unsignedAndNegativeUseTheHeadArgument() {
    assertThat(CborInteger.unsigned(-1L).bigIntegerValue())
        .isEqualTo(TWO_64.subtract(BigInteger.ONE));
    assertThat(CborInteger.negative(-1L).bigIntegerValue()).isEqualTo(TWO_64.negate());
    assertThat(CborInteger.negative(0)).isEqualTo(CborInteger.of(-1));
    assertThat(CborInteger.unsigned(5)).isEqualTo(CborInteger.of(5));
    assertThat(CborInteger.of(-1)).isNotEqualTo(CborInteger.of(0));
    assertThat(CborInteger.of(-1).toString()).isEqualTo("-1");
  }
}
