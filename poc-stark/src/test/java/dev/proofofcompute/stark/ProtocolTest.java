package dev.proofofcompute.stark;

import static org.assertj.core.api.Assertions.assertThat;

import dev.proofofcompute.crypto.Hashes;
import dev.proofofcompute.stark.field.Ext2;
import dev.proofofcompute.stark.field.Goldilocks;
import dev.proofofcompute.stark.field.Polynomials;
import java.math.BigInteger;
import java.nio.ByteBuffer;
import java.security.MessageDigest;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class ProtocolTest {

  private static Ext2 random(SplittableRandom rnd) {
    return Ext2.of(Goldilocks.reduce(rnd.nextLong()), Goldilocks.reduce(rnd.nextLong()));
  }

  /** The folded value is the coset interpolant at alpha (Lagrange reference). */
  @ParameterizedTest(name = "folding factor {0}, seed 53")
  @ValueSource(ints = {2, 4, 8})
  void foldEqualsLagrangeInterpolationAtAlpha(int m) {
    SplittableRandom rnd = new SplittableRandom(53L);
    long zeta = Goldilocks.rootOfUnity(Integer.numberOfTrailingZeros(m));
    for (int trial = 0; trial < 50; trial++) {
      long x0 = 1 + (rnd.nextLong() >>> 2);
      Ext2[] values = new Ext2[m];
      long[] xs = new long[m];
      for (int t = 0; t < m; t++) {
        values[t] = random(rnd);
        xs[t] = Goldilocks.mul(x0, Goldilocks.pow(zeta, t));
      }
      Ext2 alpha = random(rnd);
      Ext2 expected = Polynomials.interpolateAt(xs, values, alpha);
      assertThat(Protocol.fold(values, Goldilocks.inv(x0), alpha)).isEqualTo(expected);
      // The allocation-free prover variant, on a strided layout with the coset at offset 1.
      long[] v0 = new long[1 + 3 * m];
      long[] v1 = new long[1 + 3 * m];
      for (int t = 0; t < m; t++) {
        v0[1 + 3 * t] = values[t].c0();
        v1[1 + 3 * t] = values[t].c1();
      }
      long[] out0 = new long[2];
      long[] out1 = new long[2];
      Protocol.foldInto(v0, v1, 1, 3, m, Goldilocks.inv(x0), alpha, out0, out1);
      assertThat(Ext2.of(out0[1], out1[1])).isEqualTo(expected);
    }
  }

  /** Folding f(x) = Σ x^i f_i(x^m) yields Σ α^i f_i(y), so a degree-d input gives degree d/m. */
  @ParameterizedTest(name = "folding factor {0}, seed 59")
  @ValueSource(ints = {2, 4, 8})
  void foldOfAPolynomialIsTheRandomCombinationOfItsParts(int m) {
    SplittableRandom rnd = new SplittableRandom(59L);
    int d = 4 * m;
    Ext2[] f = new Ext2[d];
    for (int i = 0; i < d; i++) {
      f[i] = random(rnd);
    }
    Ext2 alpha = random(rnd);
    long zeta = Goldilocks.rootOfUnity(Integer.numberOfTrailingZeros(m));
    long x0 = 12345;
    Ext2[] values = new Ext2[m];
    for (int t = 0; t < m; t++) {
      values[t] = Polynomials.evaluate(f, Ext2.ofBase(Goldilocks.mul(x0, Goldilocks.pow(zeta, t))));
    }
    Ext2 y = Ext2.ofBase(Goldilocks.pow(x0, m));
    Ext2 expected = Ext2.ZERO;
    for (int i = 0; i < m; i++) {
      Ext2[] part = new Ext2[d / m];
      for (int k = 0; k < d / m; k++) {
        part[k] = f[k * m + i];
      }
      expected = expected.add(alpha.pow(i).mul(Polynomials.evaluate(part, y)));
    }
    assertThat(Protocol.fold(values, Goldilocks.inv(x0), alpha)).isEqualTo(expected);
  }

  /**
   * The grinding predicate against a reference: leading zero bits of SHA-256(challenge || nonce).
   */
  @Test
  void grindingPredicateCountsLeadingZeroBitsSeed79() {
    byte[] challenge = new byte[32];
    new SplittableRandom(79L).nextBytes(challenge);
    byte[] buffer = Protocol.powBuffer(challenge);
    MessageDigest md = Protocol.powDigest();
    int[] found = new int[9];
    for (long nonce = 0; nonce < 2000; nonce++) {
      MessageDigest ref = Hashes.sha256();
      ref.update(challenge);
      ref.update(ByteBuffer.allocate(8).putLong(nonce).array());
      BigInteger h = new BigInteger(1, ref.digest());
      int zeros = 256 - h.bitLength();
      for (int bits = 0; bits <= 8; bits++) {
        assertThat(Protocol.powValid(buffer, nonce, bits, md))
            .as("nonce %d, %d bits", nonce, bits)
            .isEqualTo(zeros >= bits);
        if (zeros >= bits) {
          found[bits]++;
        }
      }
    }
    // About 2000 / 2^bits nonces qualify; every difficulty up to 8 bits is hit at least once.
    assertThat(java.util.Arrays.stream(found).min().orElse(0)).isPositive();
  }
}
