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
  void mulAddSubMatchBigIntegerOnEdgesAndSeed61() {
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
        if (Mersenne61.sub(a, b) != ba.subtract(bb).mod(P).longValueExact()) {
          wrong.add("sub " + a + " " + b);
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
  void fromIntHandlesSign() {
    for (int v : new int[] {0, 1, -1, Integer.MAX_VALUE, Integer.MIN_VALUE, -12345}) {
      assertThat(Mersenne61.fromInt(v))
          .as("v = %d", v)
          .isEqualTo(BigInteger.valueOf(v).mod(P).longValueExact());
    }
  }

  @Test
  void signedDotProductMatchesBigIntegerIncludingExtremesSeed7() {
    SplittableRandom rnd = new SplittableRandom(7);
    List<String> wrong = new ArrayList<>();
    for (int trial = 0; trial < 300; trial++) {
      int len = 1 + rnd.nextInt(300);
      int[] a = new int[len + 3];
      long[] v = new long[len];
      int mode = trial % 4;
      for (int j = 0; j < len; j++) {
        a[3 + j] =
            switch (mode) {
              case 0 -> Integer.MIN_VALUE;
              case 1 -> Integer.MAX_VALUE;
              case 2 -> rnd.nextBoolean() ? Integer.MIN_VALUE : Integer.MAX_VALUE;
              default -> rnd.nextInt();
            };
        v[j] = mode == 3 ? rnd.nextLong(Mersenne61.P) : Mersenne61.P - 1 - rnd.nextInt(3);
      }
      BigInteger expected = BigInteger.ZERO;
      for (int j = 0; j < len; j++) {
        expected = expected.add(BigInteger.valueOf(a[3 + j]).multiply(BigInteger.valueOf(v[j])));
      }
      if (Mersenne61.dot(a, 3, v, len) != expected.mod(P).longValueExact()) {
        wrong.add("trial " + trial);
      }
    }
    assertThat(wrong).isEmpty();
  }
}
