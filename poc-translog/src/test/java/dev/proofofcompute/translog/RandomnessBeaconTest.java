package dev.proofofcompute.translog;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.proofofcompute.crypto.Bytes;
import dev.proofofcompute.crypto.Digest;
import dev.proofofcompute.crypto.VerificationException;
import dev.proofofcompute.crypto.random.RandomSource;
import org.junit.jupiter.api.Test;

class RandomnessBeaconTest {
  private static final long SEED = 77;

  @Test
  void revealOpensTheCommitmentAndDerivesTheRandomness() throws Exception {
    RandomnessBeacon.Secret s = RandomnessBeacon.draw("task-1", RandomSource.seeded(SEED));
    Digest c = s.commitment();
    RandomnessBeacon.verifyReveal("task-1", c, s.value());
    Bytes providerCommitment = Digest.sha256(new byte[] {1}).toBytes();
    assertThat(s.randomness(providerCommitment))
        .isEqualTo(RandomnessBeacon.deriveRandomness(s.value(), providerCommitment))
        .isNotEqualTo(
            RandomnessBeacon.deriveRandomness(s.value(), Digest.sha256(new byte[] {2}).toBytes()));
    assertThat(s.toString()).doesNotContain(s.value().toHex());
  }

  @Test
  void aWrongSecretOrTaskDoesNotOpenTheCommitment() {
    RandomnessBeacon.Secret s = RandomnessBeacon.draw("task-1", RandomSource.seeded(SEED));
    Digest c = s.commitment();
    byte[] flipped = s.value().toByteArray();
    flipped[31] ^= 1;
    assertThatThrownBy(() -> RandomnessBeacon.verifyReveal("task-1", c, Bytes.of(flipped)))
        .isInstanceOf(VerificationException.class)
        .hasMessageContaining("does not open");
    assertThatThrownBy(() -> RandomnessBeacon.verifyReveal("task-2", c, s.value()))
        .isInstanceOf(VerificationException.class);
    assertThatThrownBy(() -> RandomnessBeacon.verifyReveal("task-1", c, s.value().slice(0, 31)))
        .isInstanceOf(VerificationException.class)
        .hasMessageContaining("32 bytes");
    assertThatThrownBy(() -> RandomnessBeacon.commitment("", s.value()))
        .isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void encodingsAreDomainSeparatedAndLengthPrefixed() {
    Bytes secret = RandomSource.seeded(SEED).nextBytes(32);
    // The commitment and the randomness of the same inputs never coincide.
    assertThat(RandomnessBeacon.commitment("a", secret))
        .isNotEqualTo(RandomnessBeacon.deriveRandomness(secret, Bytes.of(new byte[] {'a'})));
    assertThat(RandomnessBeacon.commitment("ab", secret))
        .isNotEqualTo(RandomnessBeacon.commitment("a", secret));
  }
}
