package dev.proofofcompute.arena;

import dev.proofofcompute.crypto.Digest;
import dev.proofofcompute.crypto.Hashes;
import dev.proofofcompute.crypto.random.RandomSource;
import java.nio.charset.StandardCharsets;

/**
 * Derivation of every random source of an arena run from its root seed. A scenario's source is
 * forked by label: {@code seed_s = first 8 bytes of H_tag(u64(root) || label)}, tag {@code
 * "poc/arena/fork/v1"}, so that adding or reordering scenarios leaves the others unchanged and a
 * single scenario can be replayed alone; inside a scenario each run, party and input draws its own
 * seed from the scenario's {@link RandomSource#seeded} stream, in a fixed order.
 */
final class ArenaRandom {
  static final String TAG = "poc/arena/fork/v1";

  private ArenaRandom() {}

  /** The source of scenario {@code label} under root seed {@code root}. */
  static RandomSource fork(long root, String label) {
    byte[] seed = new byte[8];
    for (int i = 0; i < 8; i++) {
      seed[i] = (byte) (root >>> (56 - 8 * i));
    }
    Digest d = Hashes.hash(TAG, seed, label.getBytes(StandardCharsets.UTF_8));
    byte[] b = d.toByteArray();
    long s = 0;
    for (int i = 0; i < 8; i++) {
      s = (s << 8) | (b[i] & 0xff);
    }
    return RandomSource.seeded(s);
  }

  /** A child source whose seed is the next value of {@code parent}. */
  static RandomSource child(RandomSource parent) {
    return RandomSource.seeded(parent.nextLong());
  }
}
