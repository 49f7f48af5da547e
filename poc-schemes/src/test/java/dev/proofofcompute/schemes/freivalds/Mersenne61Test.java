package dev.proofofcompute.schemes.freivalds;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigInteger;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/** GF(2^61 - 1) arithmetic against BigInteger as the reference model. */
class Mersenne61Test {
  private static final BigInteger P = BigInteger.valueOf(Mersenne61.P);

  private static final long[] EDGES = {
    0, 1, 2, 7, 8, (1L << 60), Mersenne61.P - 2, Mersenne61.P - 1
  };

  @Test
  void modulusIsTheMersennePrime() {
    assertThat(P).isEqualTo(BigInteger.TWO.pow(61).subtract(BigInteger.ONE));
    assertThat(P.isProbablePrime(64)).isTrue();
  }

  @Test
  void mulAndAddMatchBigIntegerOnEdgesAndSeed61() {
    SplittableRandom rnd = new SplittableRandom(61);
    List<Long> values = new ArrayList<>();
    for (long e : EDGES) {
      values.add(e);
    }
    for (int i = 0; i < 200; i++) {
      values.add(rnd.nextLong(Mersenne61.P));
    }
    List<String> wrong = new ArrayList<>();
    for (long a : values) {
      for (long b : values) {
        BigInteger ba = BigInteger.valueOf(a);
        BigInteger bb = BigInteger.valueOf(b);
        if (Mersenne61.mul(a, b) != ba.multiply(bb).mod(P).longValueExact()) {
          wrong.add("mul " + a + " " + b);
        }
        if (Mersenne61.add(a, b) != ba.add(bb).mod(P).longValueExact()) {
          wrong.add("add " + a + " " + b);
        }
      }
    }
    assertThat(wrong).isEmpty();
  }

  @Test
  void reduce128MatchesBigIntegerUpTo2To125Seed125() {
    SplittableRandom rnd = new SplittableRandom(125);
    List<String> wrong = new ArrayList<>();
    long[][] edges = {{0, 0}, {0, -1}, {(1L << 61) - 1, -1}, {0, Mersenne61.P}, {1, 0}};
    List<long[]> cases = new ArrayList<>(List.of(edges));
    for (int i = 0; i < 5000; i++) {
      cases.add(new long[] {rnd.nextLong(1L << 61), rnd.nextLong()});
    }
    for (long[] c : cases) {
      BigInteger x =
          BigInteger.valueOf(c[0]).shiftLeft(64).add(new BigInteger(Long.toUnsignedString(c[1])));
      if (Mersenne61.reduce128(c[0], c[1]) != x.mod(P).longValueExact()) {
        wrong.add(c[0] + ":" + c[1]);
      }
    }
    assertThat(wrong).isEmpty();
  }

  @Test
  void fromLongMatchesBigIntegerSeed63() {
    SplittableRandom rnd = new SplittableRandom(63);
    List<String> wrong = new ArrayList<>();
    List<Long> values =
        new ArrayList<>(
            List.of(0L, 1L, -1L, Long.MAX_VALUE, -Long.MAX_VALUE, Mersenne61.P, -Mersenne61.P));
    for (int i = 0; i < 2000; i++) {
      values.add(rnd.nextLong() >> rnd.nextInt(64));
    }
    for (long v : values) {
      if (v != Long.MIN_VALUE
          && Mersenne61.fromLong(v) != BigInteger.valueOf(v).mod(P).longValueExact()) {
        wrong.add(Long.toString(v));
      }
    }
    assertThat(wrong).isEmpty();
  }

  @Test
  void signedDotProductMatchesBigIntegerIncludingExtremesSeed7() {
    SplittableRandom rnd = new SplittableRandom(7);
    List<String> wrong = new ArrayList<>();
    for (int trial = 0; trial < 300; trial++) {
      int len = 1 + rnd.nextInt(1000);
      int[] a = new int[len + 3];
      long[] v = new long[len];
      // modes: all MIN, all MAX, both (chunks of 1 term), random int32, int8 (one chunk), and
      // magnitudes up to 2^24 (chunks of 256 terms)
      int mode = trial % 6;
      for (int j = 0; j < len; j++) {
        a[3 + j] =
            switch (mode) {
              case 0 -> Integer.MIN_VALUE;
              case 1 -> Integer.MAX_VALUE;
              case 2 -> rnd.nextBoolean() ? Integer.MIN_VALUE : Integer.MAX_VALUE;
              case 3 -> rnd.nextInt();
              case 4 -> rnd.nextInt(256) - 128;
              default -> rnd.nextInt(1 << 25) - (1 << 24);
            };
        v[j] = mode >= 3 ? rnd.nextLong(Mersenne61.P) : Mersenne61.P - 1 - rnd.nextInt(3);
      }
      BigInteger expected = BigInteger.ZERO;
      for (int j = 0; j < len; j++) {
        expected = expected.add(BigInteger.valueOf(a[3 + j]).multiply(BigInteger.valueOf(v[j])));
      }
      int[] row = new int[len];
      System.arraycopy(a, 3, row, 0, len);
      long[] lo = new long[len];
      long[] hi = new long[len];
      Mersenne61.split(v, len, lo, hi);
      if (Mersenne61.dot(row, len, lo, hi) != expected.mod(P).longValueExact()) {
        wrong.add("trial " + trial);
      }
    }
    assertThat(wrong).isEmpty();
  }
}
