package dev.proofofcompute.crypto.random;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.proofofcompute.crypto.Bytes;
import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Arrays;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class RandomSourceTest {

  /** The stream documented on {@link SeededRandomSource}, computed here with MessageDigest. */
  private static byte[] expectedStream(long seed, int n) {
    MessageDigest md;
    try {
      md = MessageDigest.getInstance("SHA-256");
    } catch (NoSuchAlgorithmException e) {
      throw new AssertionError(e);
    }
    byte[] tag = "poc/random/seeded/v1".getBytes(StandardCharsets.US_ASCII);
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    for (long i = 0; out.size() < n; i++) {
      md.update((byte) tag.length);
      md.update(tag);
      md.update(ByteBuffer.allocate(16).putLong(seed).putLong(i).array());
      out.writeBytes(md.digest());
    }
    return Arrays.copyOf(out.toByteArray(), n);
  }

  @ParameterizedTest(name = "seed {0}")
  @ValueSource(longs = {0, 42, -1, Long.MIN_VALUE})
  void seededMatchesIndependentComputation(long seed) {
    byte[] expected = expectedStream(seed, 3 + 8 + 100 + 8);
    SeededRandomSource random = RandomSource.seeded(seed);
    assertThat(random.nextBytes(3).toByteArray()).isEqualTo(Arrays.copyOfRange(expected, 0, 3));
    assertThat(random.nextLong()).isEqualTo(ByteBuffer.wrap(expected, 3, 8).getLong());
    assertThat(random.nextBytes(100).toByteArray())
        .isEqualTo(Arrays.copyOfRange(expected, 11, 111));
    assertThat(random.nextLong()).isEqualTo(ByteBuffer.wrap(expected, 111, 8).getLong());
  }

  @Test
  void boundedDrawMatchesIndependentRejectionSampling() {
    // bound 2^62 + 1 uses a 63-bit mask and rejects almost half of the candidates.
    long bound = (1L << 62) + 1;
    long seed = 7;
    ByteBuffer stream = ByteBuffer.wrap(expectedStream(seed, 8 * 200));
    SeededRandomSource random = RandomSource.seeded(seed);
    for (int i = 0; i < 50; i++) {
      long expected;
      do {
        expected = stream.getLong() & Long.MAX_VALUE;
      } while (expected >= bound);
      assertThat(random.nextLong(bound)).as("seed %d, draw %d", seed, i).isEqualTo(expected);
    }
  }

  @Test
  void sameSeedSameValuesDifferentSeedDifferentValues() {
    assertThat(RandomSource.seeded(5).nextBytes(64))
        .isEqualTo(RandomSource.seeded(5).nextBytes(64));
    assertThat(RandomSource.seeded(5).nextBytes(64))
        .isNotEqualTo(RandomSource.seeded(6).nextBytes(64));
  }

  @Test
  void exposesSeedForLogging() {
    SeededRandomSource random = RandomSource.seeded(-123456789L);
    assertThat(random.seed()).isEqualTo(-123456789L);
    assertThat(random.toString()).contains("-123456789");
  }

  @ParameterizedTest(name = "bound {0}")
  @ValueSource(longs = {1, 2, 3, 6, 1000, (1L << 62) + 1, Long.MAX_VALUE})
  void boundedDrawsStayInRange(long bound) {
    RandomSource seeded = RandomSource.seeded(bound);
    RandomSource secure = RandomSource.secure();
    for (int i = 0; i < 2_000; i++) {
      assertThat(seeded.nextLong(bound)).as("seed %d", bound).isBetween(0L, bound - 1);
      assertThat(secure.nextLong(bound)).isBetween(0L, bound - 1);
    }
  }

  @Test
  void boundedDrawPassesChiSquareSeed99() {
    int bound = 6;
    int draws = 60_000;
    long[] counts = new long[bound];
    RandomSource random = RandomSource.seeded(99);
    for (int i = 0; i < draws; i++) {
      counts[(int) random.nextLong(bound)]++;
    }
    double expected = (double) draws / bound;
    double chi = 0;
    for (long c : counts) {
      chi += (c - expected) * (c - expected) / expected;
    }
    // 35.89 is the chi-square critical value for 5 degrees of freedom at p = 1e-6.
    assertThat(chi).as("seed 99").isLessThan(35.89);
  }

  @Test
  void rejectsInvalidArguments() {
    for (RandomSource random : new RandomSource[] {RandomSource.seeded(1), RandomSource.secure()}) {
      assertThatThrownBy(() -> random.nextLong(0)).isInstanceOf(IllegalArgumentException.class);
      assertThatThrownBy(() -> random.nextLong(-3)).isInstanceOf(IllegalArgumentException.class);
      assertThatThrownBy(() -> random.nextBytes(-1)).isInstanceOf(IllegalArgumentException.class);
      assertThat(random.nextBytes(0)).isEqualTo(Bytes.EMPTY);
    }
  }

  @Test
  void secureSourceProducesFreshBytes() {
    RandomSource random = RandomSource.secure();
    // Two equal 32-byte draws from a working SecureRandom have probability 2^-256.
    assertThat(random.nextBytes(32)).isNotEqualTo(random.nextBytes(32));
    assertThat(random.nextBytes(17).length()).isEqualTo(17);
  }
}
