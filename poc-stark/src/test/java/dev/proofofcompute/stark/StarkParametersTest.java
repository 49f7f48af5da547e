package dev.proofofcompute.stark;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class StarkParametersTest {

  @Test
  void defaultsGiveAtLeast96ConjecturedBits() {
    StarkParameters d = StarkParameters.defaults();
    assertThat(d.conjecturedSecurityBits()).isGreaterThanOrEqualTo(96);
    // 28 queries x log2(8) + 16 grinding bits = 100, minus one (ethSTARK Eq. (19) as in
    // Winterfell).
    assertThat(d.conjecturedSecurityBits(1 << 16)).isEqualTo(99);
    assertThat(d.provableSecurityBits()).isLessThan(d.conjecturedSecurityBits());
  }

  /**
   * Winterfell {@code air/src/proof/security.rs}, test {@code get_100_bits_security}: quadratic
   * extension of the 64-bit field, blowup 4, 119 queries, 20 grinding bits, folding 2, remainder
   * max degree 127, trace 2^20: 100 bits unique decoding, 69 list decoding.
   */
  @Test
  void provableBoundsMatchWinterfellPublishedFigures() {
    StarkParameters p = new StarkParameters(4, 119, 20, 2, 2, 128);
    assertThat(p.provableSecurityBitsUniqueDecoding(1 << 20)).isEqualTo(100);
    assertThat(p.provableSecurityBitsListDecoding(1 << 20)).isEqualTo(69);
    assertThat(p.provableSecurityBits(1 << 20)).isEqualTo(100);
    StarkParameters more = new StarkParameters(4, 150, 20, 2, 2, 128);
    assertThat(more.provableSecurityBitsListDecoding(1 << 20)).isEqualTo(69);
  }

  /**
   * Winterfell {@code security.rs}, test {@code unique_decoding_folding_factor_effect}: blowup 8,
   * 123 queries, 16 grinding bits, remainder max degree 7, trace 2^8: 116 bits with folding 2, 115
   * with folding 4.
   */
  @Test
  void uniqueDecodingBoundDependsOnFoldingFactorAsWinterfell() {
    assertThat(new StarkParameters(8, 123, 16, 2, 2, 8).provableSecurityBitsUniqueDecoding(256))
        .isEqualTo(116);
    assertThat(new StarkParameters(8, 123, 16, 4, 2, 8).provableSecurityBitsUniqueDecoding(256))
        .isEqualTo(115);
  }

  /**
   * FIELD-NOTES: at blowup 4, 100 conjectured bits take about 42 queries (with 16 grinding bits).
   */
  @Test
  void conjecturedBitsFollowQueriesTimesLogBlowupPlusGrinding() {
    assertThat(new StarkParameters(4, 42, 16, 4, 2, 64).conjecturedSecurityBits(1 << 16))
        .isEqualTo(99);
    // Below 80 query bits grinding does not count.
    assertThat(new StarkParameters(4, 30, 16, 4, 2, 64).conjecturedSecurityBits(1 << 16))
        .isEqualTo(59);
    // The extension field caps it: 128 - log2(2^20 * 128) - 1 = 100.
    assertThat(new StarkParameters(128, 100, 0, 4, 2, 64).conjecturedSecurityBits(1 << 20))
        .isEqualTo(100);
  }

  @Test
  void friShapeFollowsFoldingAndRemainder() {
    StarkParameters d = StarkParameters.defaults();
    // 2^16 -> 2^13 -> 2^10 -> 2^7 = 128 coefficients: three folds by 8.
    assertThat(d.friLayerCount(1 << 16)).isEqualTo(3);
    assertThat(d.remainderLength(1 << 16)).isEqualTo(128);
    assertThat(d.friLayerCount(128)).isZero();
    assertThat(new StarkParameters(4, 4, 0, 2, 2, 4).friLayerCount(64)).isEqualTo(4);
  }

  @Test
  void rejectsInvalidParameters() {
    assertThatThrownBy(() -> new StarkParameters(3, 28, 16, 4, 2, 64))
        .hasMessageContaining("blowup");
    assertThatThrownBy(() -> new StarkParameters(8, 0, 16, 4, 2, 64)).hasMessageContaining("query");
    assertThatThrownBy(() -> new StarkParameters(8, 28, 33, 4, 2, 64))
        .hasMessageContaining("grinding");
    assertThatThrownBy(() -> new StarkParameters(8, 28, 16, 3, 2, 64))
        .hasMessageContaining("folding");
    assertThatThrownBy(() -> new StarkParameters(8, 28, 16, 4, 3, 64))
        .hasMessageContaining("quadratic");
    assertThatThrownBy(() -> new StarkParameters(8, 28, 16, 8, 2, 4))
        .hasMessageContaining("remainder");
  }
}
