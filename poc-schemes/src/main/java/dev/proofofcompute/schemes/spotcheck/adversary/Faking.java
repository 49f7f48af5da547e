package dev.proofofcompute.schemes.spotcheck.adversary;

import dev.proofofcompute.core.workload.ItemStructure;
import dev.proofofcompute.crypto.Bytes;
import dev.proofofcompute.crypto.random.RandomSource;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * What lazy providers share: choosing positions to fake, and outputs with those positions faked.
 */
final class Faking {
  /** Bytes of a faked output: random, so it differs from any real output but by a 2^-256 chance. */
  static final int FAKE_LENGTH = 32;

  private Faking() {}

  /** {@code count} distinct positions of {@code 0..size-1}, uniformly, by a partial shuffle. */
  static Set<Long> choosePositions(int size, long count, RandomSource random) {
    if (count < 0 || count > size) {
      throw new IllegalArgumentException("cannot fake " + count + " of " + size + " items");
    }
    Map<Long, Long> swapped = new HashMap<>();
    Set<Long> out = new HashSet<>();
    for (long i = 0; i < count; i++) {
      long j = i + random.nextLong(size - i);
      long atJ = swapped.getOrDefault(j, j);
      swapped.put(j, swapped.getOrDefault(i, i));
      out.add(atJ);
    }
    return out;
  }

  /**
   * The outputs of {@code batch} with the positions in {@code faked} replaced by random bytes; the
   * other items are run (or taken from {@code computed}, which this fills).
   */
  static <I, O> List<Bytes> outputs(
      ItemStructure<I, O> items,
      I batch,
      int size,
      Set<Long> faked,
      RandomSource random,
      Map<Integer, Bytes> computed) {
    List<Bytes> out = new ArrayList<>(size);
    for (int p = 0; p < size; p++) {
      if (faked.contains((long) p)) {
        out.add(random.nextBytes(FAKE_LENGTH));
      } else {
        int position = p;
        out.add(computed.computeIfAbsent(position, q -> items.executeItem(batch, q)));
      }
    }
    return out;
  }
}
