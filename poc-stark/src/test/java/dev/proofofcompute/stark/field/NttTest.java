package dev.proofofcompute.stark.field;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class NttTest {

  private static long[] random(SplittableRandom rnd, int n) {
    long[] a = new long[n];
    for (int i = 0; i < n; i++) {
      a[i] = Goldilocks.reduce(rnd.nextLong());
    }
    return a;
  }

  /** The O(n^2) definition: out[j] = Σ_i a[i]·ω^(ij). */
  private static long[] naiveDft(long[] a) {
    int n = a.length;
    long w = Goldilocks.rootOfUnity(Integer.numberOfTrailingZeros(n));
    long[] out = new long[n];
    for (int j = 0; j < n; j++) {
      long x = Goldilocks.pow(w, j);
      long acc = 0;
      long xi = 1;
      for (int i = 0; i < n; i++) {
        acc = Goldilocks.add(acc, Goldilocks.mul(a[i], xi));
        xi = Goldilocks.mul(xi, x);
      }
      out[j] = acc;
    }
    return out;
  }

  @ParameterizedTest(name = "n={0}, seed 3")
  @ValueSource(ints = {1, 2, 4, 8, 16, 64, 256})
  void forwardMatchesNaiveDftAndInverseRoundTrips(int n) {
    long[] a = random(new SplittableRandom(3L + n), n);
    long[] f = a.clone();
    Ntt.forward(f);
    assertThat(f).isEqualTo(naiveDft(a));
    Ntt.inverse(f);
    assertThat(f).isEqualTo(a);
  }

  @ParameterizedTest(name = "blowup={0}, seed 17")
  @ValueSource(ints = {2, 4, 8, 16})
  void cosetLowDegreeExtensionEvaluatesTheInterpolantOnTheCoset(int blowup) {
    SplittableRandom rnd = new SplittableRandom(17L);
    int n = 32;
    long[] column = random(rnd, n);
    long[] coefficients = column.clone();
    Ntt.inverse(coefficients);
    long offset = Goldilocks.GENERATOR;
    long[] lde = Ntt.lowDegreeExtend(column, blowup, offset);
    int big = n * blowup;
    long w = Goldilocks.rootOfUnity(Integer.numberOfTrailingZeros(big));
    for (int j = 0; j < big; j++) {
      long x = Goldilocks.mul(offset, Goldilocks.pow(w, j));
      assertThat(lde[j]).as("point %d", j).isEqualTo(Polynomials.evaluate(coefficients, x));
    }
    // The trace domain <ω_n> is the subgroup of index blowup: the LDE on the subgroup itself
    // (offset 1) reproduces the column at every blowup-th point.
    long[] plain = Ntt.lowDegreeExtend(column, blowup, 1);
    for (int i = 0; i < n; i++) {
      assertThat(plain[i * blowup]).isEqualTo(column[i]);
    }
    assertThat(Ntt.interpolateCoset(lde, offset)).startsWith(coefficients);
    long[] back = Ntt.interpolateCoset(lde, offset);
    for (int i = n; i < big; i++) {
      assertThat(back[i]).as("high coefficient %d", i).isZero();
    }
  }

  /** Zero-padded inputs skip butterfly layers; the result must not depend on the padding length. */
  @ParameterizedTest(name = "{0} coefficients, seed 83")
  @ValueSource(ints = {0, 1, 2, 3, 5, 8, 9, 31, 32, 64})
  void evaluationOfShortPolynomialsOnACosetMatchesHorner(int length) {
    long[] coefficients = random(new SplittableRandom(83L + length), length);
    int size = 64;
    long offset = Goldilocks.GENERATOR;
    long[] values = Ntt.evaluateOnCoset(coefficients, size, offset);
    long w = Goldilocks.rootOfUnity(6);
    for (int j = 0; j < size; j++) {
      long x = Goldilocks.mul(offset, Goldilocks.pow(w, j));
      assertThat(values[j]).as("point %d", j).isEqualTo(Polynomials.evaluate(coefficients, x));
    }
  }

  @Test
  void rejectsSizesThatAreNotPowersOfTwo() {
    assertThatThrownBy(() -> Ntt.forward(new long[6])).hasMessageContaining("power of two");
    assertThatThrownBy(() -> Ntt.evaluateOnCoset(new long[8], 4, 7))
        .hasMessageContaining("do not fit");
  }
}
