package dev.proofofcompute.protocol;

import dev.proofofcompute.core.workload.Codec;
import dev.proofofcompute.crypto.Bytes;
import dev.proofofcompute.crypto.DecodingException;
import dev.proofofcompute.crypto.Digest;
import dev.proofofcompute.crypto.Hashes;
import dev.proofofcompute.crypto.random.RandomSource;
import java.nio.ByteBuffer;
import java.util.function.Predicate;

/**
 * The adversarial {@link ProviderBehaviour}s, shared by the schemes: how a cheater makes a wrong
 * value that still looks like a valid one, and the seeded coin a lazy provider tosses. Everything
 * is deterministic in the behaviour's seed and the task id, so a test or a demo can be replayed.
 */
final class Cheats {
  private static final int ATTEMPTS = 256;

  private Cheats() {}

  /**
   * The random source of a cheater on one task: seeded by its behaviour's seed and the task, so
   * that the same cheater fakes different things on different tasks.
   */
  static RandomSource random(long seed, Digest task, String purpose) {
    byte[] s = ByteBuffer.allocate(8).putLong(seed).array();
    return DerivedRandom.of(
        Hashes.hash("poc/protocol/cheat/v1", s, task.toByteArray()).toBytes(), purpose);
  }

  /** A uniform double in [0, 1) from 53 random bits. */
  static double uniform(RandomSource random) {
    return (random.nextLong() >>> 11) * 0x1p-53;
  }

  /**
   * Whether a single-output scheme's cheater fakes its result on {@code task}: always for {@link
   * ProviderBehaviour.Wrong}, with probability {@code fraction} for {@link ProviderBehaviour.Lazy},
   * never when honest.
   */
  static boolean fakesWholeResult(ProviderBehaviour behaviour, Digest task) {
    return switch (behaviour) {
      case ProviderBehaviour.Honest h -> false;
      case ProviderBehaviour.Wrong w -> true;
      case ProviderBehaviour.Lazy l -> uniform(random(l.seed(), task, "lazy-coin")) < l.fraction();
    };
  }

  /** The seed of a cheating behaviour (0 when honest). */
  static long seed(ProviderBehaviour behaviour) {
    return switch (behaviour) {
      case ProviderBehaviour.Honest h -> 0;
      case ProviderBehaviour.Wrong w -> w.seed();
      case ProviderBehaviour.Lazy l -> l.seed();
    };
  }

  /**
   * A value that differs from {@code honest} but still decodes canonically with {@code codec} and
   * passes {@code differs} (e.g. "outside the comparison tolerance"): random single-bit flips of
   * the honest encoding until one fits; if none does within a bounded number of tries, the flipped
   * bytes themselves (a malformed value, which is caught as such).
   */
  static <T> Bytes wrongValue(
      Codec<T> codec, Bytes honest, RandomSource random, Predicate<Bytes> differs) {
    byte[] base = honest.toByteArray();
    if (base.length == 0) {
      return Bytes.of(new byte[] {0});
    }
    byte[] last = base.clone();
    for (int attempt = 0; attempt < ATTEMPTS; attempt++) {
      byte[] candidate = base.clone();
      int bit = (int) random.nextLong(8L * candidate.length);
      candidate[bit / 8] ^= (byte) (1 << (bit % 8));
      last = candidate;
      Bytes c = Bytes.of(candidate);
      try {
        T decoded = codec.decode(c);
        if (codec.encode(decoded).equals(c) && differs.test(c)) {
          return c;
        }
      } catch (DecodingException | RuntimeException e) {
        // Not a valid value: try another flip.
      }
    }
    return Bytes.of(last);
  }
}
