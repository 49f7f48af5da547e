package dev.proofofcompute.crypto.money;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.proofofcompute.crypto.random.RandomSource;
import java.math.BigInteger;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class AmountTest {
  private static final Amount MAX = Amount.of(Long.MAX_VALUE);

  @Test
  void ofRejectsNegativeAndCreditsScaleByOneMillion() {
    assertThatThrownBy(() -> Amount.of(-1))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("negative");
    assertThatThrownBy(() -> Amount.ofCredits(-1)).isInstanceOf(IllegalArgumentException.class);
    assertThat(Amount.ofCredits(3).units()).isEqualTo(3_000_000L);
    assertThat(Amount.of(0)).isEqualTo(Amount.ZERO);
    assertThat(Amount.ZERO.isZero()).isTrue();
    assertThatThrownBy(() -> Amount.ofCredits(Long.MAX_VALUE / 1_000_000 + 1))
        .isInstanceOf(ArithmeticException.class);
  }

  @Test
  void plusAndTimesOverflowAtLongMax() {
    assertThat(MAX.plus(Amount.ZERO)).isEqualTo(MAX);
    assertThatThrownBy(() -> MAX.plus(Amount.of(1))).isInstanceOf(ArithmeticException.class);
    assertThat(MAX.times(1)).isEqualTo(MAX);
    assertThat(MAX.times(0)).isEqualTo(Amount.ZERO);
    assertThatThrownBy(() -> MAX.times(2)).isInstanceOf(ArithmeticException.class);
    assertThatThrownBy(() -> Amount.of(1L << 32).times(1L << 31))
        .isInstanceOf(ArithmeticException.class);
    assertThatThrownBy(() -> Amount.of(1).times(-1)).isInstanceOf(IllegalArgumentException.class);
    assertThat(Amount.of(7).plus(Amount.of(5))).isEqualTo(Amount.of(12));
    assertThat(Amount.of(7).times(5)).isEqualTo(Amount.of(35));
  }

  @Test
  void minusRejectsNegativeResultNamingBothValues() {
    assertThat(Amount.of(7).minus(Amount.of(7))).isEqualTo(Amount.ZERO);
    assertThat(MAX.minus(Amount.of(1)).units()).isEqualTo(Long.MAX_VALUE - 1);
    assertThatThrownBy(() -> Amount.parse("1.5").minus(Amount.parse("2.25")))
        .isInstanceOf(ArithmeticException.class)
        .hasMessageContaining("1.5")
        .hasMessageContaining("2.25");
  }

  @Test
  void mulDivAvoidsIntermediateOverflow() {
    assertThat(MAX.mulDiv(Long.MAX_VALUE, Long.MAX_VALUE)).isEqualTo(MAX);
    assertThat(MAX.mulDiv(Long.MAX_VALUE - 1, Long.MAX_VALUE).units())
        .isEqualTo(Long.MAX_VALUE - 1);
    assertThat(Amount.of(10).mulDiv(1, 3)).isEqualTo(Amount.of(3));
    assertThat(Amount.of(10).mulDiv(2, 3)).isEqualTo(Amount.of(6));
    assertThatThrownBy(() -> MAX.mulDiv(2, 1)).isInstanceOf(ArithmeticException.class);
    assertThatThrownBy(() -> MAX.mulDiv(-1, 1)).isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> MAX.mulDiv(1, 0)).isInstanceOf(IllegalArgumentException.class);
  }

  @ParameterizedTest(name = "seed {0}")
  @ValueSource(longs = {1, 2, 3})
  void mulDivMatchesBigIntegerReference(long seed) {
    RandomSource random = RandomSource.seeded(seed);
    for (int i = 0; i < 2_000; i++) {
      long units = random.nextLong() >>> (1 + random.nextLong(63));
      long den = 1 + (random.nextLong() >>> (1 + random.nextLong(63)));
      long num = random.nextLong(den) + (i % 2 == 0 ? 0 : random.nextLong(3));
      BigInteger expected =
          BigInteger.valueOf(units)
              .multiply(BigInteger.valueOf(num))
              .divide(BigInteger.valueOf(den));
      String what = "seed " + seed + ": " + units + " * " + num + " / " + den;
      if (expected.bitLength() < 64) {
        assertThat(Amount.of(units).mulDiv(num, den).units())
            .as(what)
            .isEqualTo(expected.longValueExact());
      } else {
        assertThatThrownBy(() -> Amount.of(units).mulDiv(num, den))
            .as(what)
            .isInstanceOf(ArithmeticException.class);
      }
    }
  }

  @Test
  void splitGivesRemainderToFirstPart() {
    assertThat(Amount.of(10).split(1, 1, 1))
        .containsExactly(Amount.of(4), Amount.of(3), Amount.of(3));
    assertThat(Amount.of(10).split(0, 1)).containsExactly(Amount.of(0), Amount.of(10));
    assertThat(Amount.of(10).split(1, 0, 1))
        .containsExactly(Amount.of(5), Amount.of(0), Amount.of(5));
    assertThat(Amount.of(1).split(1, 1)).containsExactly(Amount.of(1), Amount.of(0));
    assertThat(MAX.split(Long.MAX_VALUE)).containsExactly(MAX);
  }

  @ParameterizedTest(name = "seed {0}")
  @ValueSource(longs = {11, 12, 13, 14})
  void splitSumsExactlyForRandomWeights(long seed) {
    RandomSource random = RandomSource.seeded(seed);
    for (int i = 0; i < 500; i++) {
      Amount whole = Amount.of(random.nextLong() >>> (1 + random.nextLong(63)));
      int parts = 1 + (int) random.nextLong(12);
      long[] weights = new long[parts];
      long weightCap = i % 2 == 0 ? 1_000 : Long.MAX_VALUE / parts;
      for (int j = 0; j < parts; j++) {
        weights[j] = random.nextLong(weightCap);
      }
      weights[(int) random.nextLong(parts)] += 1;
      List<Amount> split = whole.split(weights);
      assertThat(split).hasSize(parts);
      Amount sum = split.stream().reduce(Amount.ZERO, Amount::plus);
      assertThat(sum).as("seed %d, round %d", seed, i).isEqualTo(whole);
      long total = 0;
      for (long w : weights) {
        total += w;
      }
      for (int j = 1; j < parts; j++) {
        BigInteger exact =
            BigInteger.valueOf(whole.units())
                .multiply(BigInteger.valueOf(weights[j]))
                .divide(BigInteger.valueOf(total));
        assertThat(split.get(j).units())
            .as("seed %d, part %d", seed, j)
            .isEqualTo(exact.longValue());
      }
    }
  }

  @Test
  void splitRejectsBadWeights() {
    assertThatThrownBy(() -> Amount.of(5).split()).isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> Amount.of(5).split(0, 0)).isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> Amount.of(5).split(1, -1))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> Amount.of(5).split(Long.MAX_VALUE, 1))
        .isInstanceOf(ArithmeticException.class);
  }

  @Test
  void parsesDecimalCredits() {
    assertThat(Amount.parse("12.5").units()).isEqualTo(12_500_000L);
    assertThat(Amount.parse("0.000001").units()).isEqualTo(1L);
    assertThat(Amount.parse("3").units()).isEqualTo(3_000_000L);
    assertThat(Amount.parse("3.000000").units()).isEqualTo(3_000_000L);
    assertThat(Amount.parse("0").units()).isZero();
    assertThat(Amount.parse("9223372036854.775807")).isEqualTo(MAX);
  }

  @Test
  void formatsWithoutTrailingZeros() {
    assertThat(Amount.of(12_500_000L)).hasToString("12.5");
    assertThat(Amount.of(1)).hasToString("0.000001");
    assertThat(Amount.of(3_000_000L)).hasToString("3");
    assertThat(Amount.ZERO).hasToString("0");
    assertThat(Amount.of(1_000_010L)).hasToString("1.00001");
    assertThat(MAX).hasToString("9223372036854.775807");
  }

  @ParameterizedTest(name = "seed {0}")
  @ValueSource(longs = {21, 22})
  void parseAndFormatRoundTrip(long seed) {
    RandomSource random = RandomSource.seeded(seed);
    for (int i = 0; i < 5_000; i++) {
      Amount a = Amount.of(random.nextLong() >>> (1 + random.nextLong(63)));
      assertThat(Amount.parse(a.toString())).as("seed %d: %s", seed, a).isEqualTo(a);
    }
  }

  @Test
  void parseRejectsMalformedInputSayingWhy() {
    assertRejected("1.0000001", "at most 6 fractional digits");
    assertRejected("-1", "negative");
    assertRejected("abc", "decimal credits");
    assertRejected("", "empty");
    assertRejected("1e3", "decimal credits");
    assertRejected("1.", "1 to 6 digits after the point");
    assertRejected(".5", "decimal credits");
    assertRejected("+1", "decimal credits");
    assertRejected(" 1", "decimal credits");
    assertRejected("1,5", "decimal credits");
    assertRejected("1.2.3", "1 to 6 digits after the point");
    assertRejected("9223372036854.775808", "too large");
    assertRejected("99999999999999999999", "too large");
    assertRejected("1".repeat(65), "at most 64 characters");
  }

  private static void assertRejected(String text, String reason) {
    assertThatThrownBy(() -> Amount.parse(text))
        .as("parse(\"%s\")", text)
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining(reason);
  }

  @Test
  void ordersAndComparesByValue() {
    assertThat(Amount.of(1)).isLessThan(Amount.of(2));
    assertThat(Amount.of(5)).isEqualByComparingTo(Amount.parse("0.000005"));
    assertThat(Amount.of(5)).isEqualTo(Amount.of(5)).hasSameHashCodeAs(Amount.of(5));
    assertThat(Amount.of(5)).isNotEqualTo(Amount.of(6));
  }
}
