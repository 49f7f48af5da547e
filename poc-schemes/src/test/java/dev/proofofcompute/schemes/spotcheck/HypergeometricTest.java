package dev.proofofcompute.schemes.spotcheck;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import org.junit.jupiter.api.Test;

class HypergeometricTest {
  /** Differential test against a naive reference: count every k-subset of M positions. */
  @Test
  void missProbabilityEqualsEnumerationOfAllSubsets() {
    for (int m = 0; m <= 12; m++) {
      for (int f = 0; f <= m; f++) {
        int fakedMask = (1 << f) - 1; // which positions are faked does not matter by symmetry
        for (int k = 0; k <= m; k++) {
          long all = 0;
          long missing = 0;
          for (int subset = 0; subset < (1 << m); subset++) {
            if (Integer.bitCount(subset) == k) {
              all++;
              if ((subset & fakedMask) == 0) {
                missing++;
              }
            }
          }
          double expected = (double) missing / all;
          assertThat(Hypergeometric.missProbability(m, f, k))
              .as("M=%d F=%d k=%d", m, f, k)
              .isCloseTo(expected, within(1e-12));
        }
      }
    }
  }

  @Test
  void neverExceedsTheBinomialBound() {
    for (long m : new long[] {1, 7, 100, 1001, 100_000}) {
      for (long f = 0; f <= m; f += Math.max(1, m / 13)) {
        for (long k = 0; k <= Math.min(m, 300); k += 7) {
          double bound = Math.pow(1.0 - (double) f / m, (double) k);
          assertThat(Hypergeometric.missProbability(m, f, k))
              .as("M=%d F=%d k=%d", m, f, k)
              .isLessThanOrEqualTo(bound * (1 + 1e-12));
        }
      }
    }
  }

  @Test
  void rejectsImpossibleArguments() {
    assertThatThrownBy(() -> Hypergeometric.missProbability(10, 11, 1))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> Hypergeometric.missProbability(10, -1, 1))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> Hypergeometric.missProbability(10, 1, 11))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> Hypergeometric.missProbability(10, 1, -1))
        .isInstanceOf(IllegalArgumentException.class);
  }
}
