package dev.proofofcompute.schemes.freivalds;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.proofofcompute.schemes.freivalds.FreivaldsParameters.Field;
import dev.proofofcompute.schemes.freivalds.FreivaldsParameters.FloatVectors;
import java.math.BigInteger;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class FreivaldsParametersTest {
  private static final BigInteger P = BigInteger.TWO.pow(61).subtract(BigInteger.ONE);

  @Test
  void oneRoundOverGf2To61Minus1Gives2ToMinus60() {
    FreivaldsParameters p = FreivaldsParameters.defaults();
    assertThat(p.rounds()).isEqualTo(1);
    assertThat(p.field()).isEqualTo(Field.MERSENNE_61);
    assertThat(p.floatRounds()).isEqualTo(60);
    assertThat(p.floatVectors()).isEqualTo(FloatVectors.SIGNS);
    assertThat(p.log2ExactError(1)).isLessThanOrEqualTo(-60);
    assertThat(p.log2FloatError()).isEqualTo(-60);
    assertThat(p.scheme()).isEqualTo("freivalds");
  }

  /**
   * For integer targets t and product counts L, forSoundness picks the least k with L·p^-k <= 2^t,
   * checked exactly: p^k >= L·2^-t, and p^(k-1) < L·2^-t.
   */
  @Test
  void roundsAreTheLeastThatMeetTheUnionBoundExactly() {
    List<String> wrong = new ArrayList<>();
    for (int t = -1; t >= -400; t--) {
      for (int products : new int[] {1, 2, 3, 7, 1000, 1 << 20, Integer.MAX_VALUE}) {
        if (-t + Math.log(products) / Math.log(2) > 256) {
          continue;
        }
        int k = FreivaldsParameters.forSoundness(t, products).rounds();
        BigInteger need = BigInteger.valueOf(products).shiftLeft(-t);
        boolean enough = P.pow(k).compareTo(need) >= 0;
        boolean least = k == 1 || P.pow(k - 1).compareTo(need) < 0;
        if (!enough || !least) {
          wrong.add("t = " + t + ", L = " + products + ": k = " + k);
        }
      }
    }
    assertThat(wrong).isEmpty();
  }

  @Test
  void boundaryTargets() {
    // 1/p is just above 2^-61, so 2^-61 needs a second round; 2^-60 over two products too.
    assertThat(FreivaldsParameters.forSoundness(-60).rounds()).isEqualTo(1);
    assertThat(FreivaldsParameters.forSoundness(-61).rounds()).isEqualTo(2);
    assertThat(FreivaldsParameters.forSoundness(-60, 2).rounds()).isEqualTo(2);
    assertThat(FreivaldsParameters.forSoundness(-122).rounds()).isEqualTo(3);
  }

  @Test
  void invalidParametersAreRejectedEagerly() {
    assertThatThrownBy(
            () -> new FreivaldsParameters(0, Field.MERSENNE_61, 1, FloatVectors.SIGNS, 0x1p-53))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("rounds");
    assertThatThrownBy(
            () -> new FreivaldsParameters(65, Field.MERSENNE_61, 1, FloatVectors.SIGNS, 0x1p-53))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(
            () -> new FreivaldsParameters(1, Field.MERSENNE_61, 0, FloatVectors.SIGNS, 0x1p-53))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(
            () -> new FreivaldsParameters(1, Field.MERSENNE_61, 1, FloatVectors.SIGNS, 0x1p-54))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("unit roundoff");
    assertThatThrownBy(
            () -> new FreivaldsParameters(1, Field.MERSENNE_61, 1, FloatVectors.SIGNS, Double.NaN))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> FreivaldsParameters.forSoundness(0))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> FreivaldsParameters.forSoundness(Double.NaN))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> FreivaldsParameters.forSoundness(-60, 0))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> FreivaldsParameters.forSoundness(-300))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("too many rounds");
  }
}
