package dev.proofofcompute.crypto.random;

import dev.proofofcompute.crypto.Bytes;
import java.security.SecureRandom;

/** {@link RandomSource} over a {@link SecureRandom}, which is itself thread-safe. */
final class SecureRandomSource implements RandomSource {
  private final SecureRandom random;

  SecureRandomSource(SecureRandom random) {
    this.random = random;
  }

  @Override
  public Bytes nextBytes(int n) {
    if (n < 0) {
      throw new IllegalArgumentException("cannot draw a negative number of bytes: " + n);
    }
    byte[] out = new byte[n];
    random.nextBytes(out);
    return Bytes.of(out);
  }

  @Override
  public long nextLong() {
    return random.nextLong();
  }

  @Override
  public String toString() {
    return "RandomSource.secure[" + random.getAlgorithm() + "]";
  }
}
