package dev.proofofcompute.protocol;

import dev.proofofcompute.crypto.Bytes;
import dev.proofofcompute.crypto.Hashes;
import dev.proofofcompute.crypto.random.RandomSource;
import java.nio.ByteBuffer;

/**
 * A deterministic {@link RandomSource} keyed by secret bytes: SHA-256 in counter mode, block {@code
 * i} = {@code H_tag(key || label || i)}. Used where the coordinator must re-derive, from a stored
 * per-task secret, the same random choices it made when it created the task (the spot-check canary
 * layout), without keeping them: the whole 256-bit key is the seed, unlike {@link
 * RandomSource#seeded(long)}, so the choices are as unpredictable as the key. Not thread-safe.
 */
final class DerivedRandom implements RandomSource {
  private static final String TAG = "poc/protocol/derived-random/v1";

  private final byte[] key;
  private final byte[] label;
  private long counter;
  private byte[] block = new byte[0];
  private int used;

  private DerivedRandom(Bytes key, String label) {
    this.key = key.toByteArray();
    this.label = label.getBytes(java.nio.charset.StandardCharsets.UTF_8);
  }

  /** The stream of {@code key} for {@code label}; distinct labels give independent streams. */
  static DerivedRandom of(Bytes key, String label) {
    return new DerivedRandom(key, label);
  }

  @Override
  public Bytes nextBytes(int n) {
    if (n < 0) {
      throw new IllegalArgumentException("negative length " + n);
    }
    byte[] out = new byte[n];
    for (int i = 0; i < n; i++) {
      if (used == block.length) {
        refill();
      }
      out[i] = block[used++];
    }
    return Bytes.of(out);
  }

  @Override
  public long nextLong() {
    return ByteBuffer.wrap(nextBytes(8).toByteArray()).getLong();
  }

  private void refill() {
    byte[] header =
        ByteBuffer.allocate(4 + label.length + 8)
            .putInt(label.length)
            .put(label)
            .putLong(counter++)
            .array();
    block = Hashes.hash(TAG, key, header).toByteArray();
    used = 0;
  }

  @Override
  public String toString() {
    return "DerivedRandom[...]";
  }
}
