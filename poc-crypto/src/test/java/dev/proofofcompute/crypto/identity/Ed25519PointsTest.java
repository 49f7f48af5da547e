package dev.proofofcompute.crypto.identity;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.proofofcompute.crypto.Bytes;
import dev.proofofcompute.crypto.DecodingException;
import java.math.BigInteger;
import java.util.Random;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class Ed25519PointsTest {
  private static final long SEED = 0x5ca1a7L;

  /** The byte comparison against L agrees with BigInteger at the boundary and at random. */
  @Test
  void isCanonicalScalarIsExactlyBelowL() {
    BigInteger l = Ed25519Points.L;
    assertThat(canonical(BigInteger.ZERO)).isTrue();
    assertThat(canonical(l.subtract(BigInteger.ONE))).isTrue();
    assertThat(canonical(l)).isFalse();
    assertThat(canonical(l.add(BigInteger.ONE))).isFalse();
    assertThat(canonical(BigInteger.TWO.pow(252))).isTrue();
    assertThat(canonical(BigInteger.TWO.pow(253))).isFalse();
    assertThat(canonical(BigInteger.TWO.pow(256).subtract(BigInteger.ONE))).isFalse();
    SplittableRandom random = new SplittableRandom(SEED);
    for (int i = 0; i < 10_000; i++) {
      // Values near L (same top bytes) and anywhere below 2^256.
      BigInteger value =
          i % 2 == 0
              ? l.add(BigInteger.valueOf(random.nextLong())).abs()
              : new BigInteger(256, new Random(random.nextLong()));
      assertThat(canonical(value))
          .as("seed %x, value %s", SEED, value)
          .isEqualTo(value.compareTo(l) < 0);
    }
  }

  @Test
  void isCanonicalScalarReadsAtTheOffset() {
    byte[] buffer = new byte[64];
    byte[] l = EdwardsReference.littleEndian32(Ed25519Points.L);
    System.arraycopy(l, 0, buffer, 32, 32);
    assertThat(Ed25519Points.isCanonicalScalar(buffer, 0)).isTrue();
    assertThat(Ed25519Points.isCanonicalScalar(buffer, 32)).isFalse();
  }

  @Test
  void decodeNamesEachRule() {
    assertThatThrownBy(() -> Ed25519Points.decode(Bytes.of(new byte[31])))
        .isInstanceOf(DecodingException.class)
        .hasMessage("a point encoding is 32 bytes, got 31");
    assertThatThrownBy(() ->
            Ed25519Points.decode(
                Bytes.fromHex("edffffffffffffffffffffffffffffffffffffffffffffffffffffffffffff7f")))
        .hasMessageContaining("not reduced modulo p");
  }

  private static boolean canonical(BigInteger value) {
    return Ed25519Points.isCanonicalScalar(EdwardsReference.littleEndian32(value), 0);
  }
}
