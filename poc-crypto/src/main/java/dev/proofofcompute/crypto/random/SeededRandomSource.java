package dev.proofofcompute.crypto.random;

import dev.proofofcompute.crypto.Bytes;
import dev.proofofcompute.crypto.Hashes;
import java.security.MessageDigest;

/**
 * A deterministic {@link RandomSource} for tests and simulations: SHA-256 in counter mode over the
 * seed, so its output is the same on every JDK and platform (unlike {@code java.util.Random}, whose
 * algorithm is an implementation detail of the JDK, or {@code SecureRandom}, whose seeding differs
 * between providers).
 *
 * <pre>
 *   block_i = SHA-256( u8(len(tag)) || tag || u64be(seed) || u64be(i) ),  i = 0, 1, 2, ...
 *   tag     = "poc/random/seeded/v1"
 *   stream  = block_0 || block_1 || ...
 * </pre>
 *
 * {@link #nextBytes(int)} takes the next {@code n} bytes of the stream; {@link #nextLong()} takes
 * the next 8 bytes read big-endian. Not for secrets: anyone who knows the seed knows every output.
 * Calls are synchronized, so one instance may be shared, but the interleaving of concurrent callers
 * then decides who gets which values.
 */
public final class SeededRandomSource implements RandomSource {
  static final String TAG = "poc/random/seeded/v1";

  private final long seed;
  private long counter;
  private byte[] block = new byte[0];
  private int pos;

  private SeededRandomSource(long seed) {
    this.seed = seed;
  }

  static SeededRandomSource create(long seed) {
    return new SeededRandomSource(seed);
  }

  /** The seed, for logging so that a run can be replayed. */
  public long seed() {
    return seed;
  }

  @Override
  public synchronized Bytes nextBytes(int n) {
    if (n < 0) {
      throw new IllegalArgumentException("cannot draw a negative number of bytes: " + n);
    }
    byte[] out = new byte[n];
    fill(out);
    return Bytes.of(out);
  }

  @Override
  public synchronized long nextLong() {
    byte[] b = new byte[8];
    fill(b);
    long v = 0;
    for (byte x : b) {
      v = (v << 8) | (x & 0xff);
    }
    return v;
  }

  private void fill(byte[] out) {
    int filled = 0;
    while (filled < out.length) {
      if (pos == block.length) {
        MessageDigest md = Hashes.tagged(TAG);
        md.update(u64(seed));
        md.update(u64(counter++));
        block = md.digest();
        pos = 0;
      }
      int take = Math.min(block.length - pos, out.length - filled);
      System.arraycopy(block, pos, out, filled, take);
      pos += take;
      filled += take;
    }
  }

  private static byte[] u64(long v) {
    byte[] b = new byte[8];
    for (int i = 7; i >= 0; i--) {
      b[i] = (byte) v;
      v >>>= 8;
    }
    return b;
  }

  @Override
  public String toString() {
    return "RandomSource.seeded[seed=" + seed + "]";
  }
}
