package dev.proofofcompute.crypto.cbor;

import dev.proofofcompute.crypto.Bytes;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashSet;
import java.util.List;
import java.util.Random;
import java.util.Set;

/** Seeded random CBOR values for determinism and round-trip tests. */
final class RandomCbor {
  private final Random random;

  RandomCbor(long seed) {
    this.random = new Random(seed);
  }

  CborValue value(int depth) {
    int kind = random.nextInt(depth > 0 ? 11 : 7);
    return switch (kind) {
      case 0 -> integer();
      case 1 -> new CborBytes(Bytes.of(bytes(random.nextInt(40))));
      case 2 -> new CborText(text(random.nextInt(12)));
      case 3 -> floating();
      case 4 -> simple();
      case 5 -> CborInteger.of(random.nextInt(1000) - 500);
      case 6 -> new CborText(text(random.nextInt(3)));
      case 7, 8 -> map(depth - 1);
      case 9 -> array(depth - 1);
      default ->
          new CborTag(
              random.nextInt(3) == 0 ? random.nextLong() : random.nextInt(300), value(depth - 1));
    };
  }

  private CborInteger integer() {
    long magnitude = random.nextLong() >>> random.nextInt(64);
    return random.nextBoolean() ? CborInteger.unsigned(magnitude) : CborInteger.negative(magnitude);
  }

  private byte[] bytes(int n) {
    byte[] out = new byte[n];
    random.nextBytes(out);
    return out;
  }

  private String text(int codePoints) {
    StringBuilder sb = new StringBuilder();
    for (int k = 0; k < codePoints; k++) {
      int cp =
          switch (random.nextInt(4)) {
            case 0 -> 0x20 + random.nextInt(0x5f);
            case 1 -> random.nextInt(0x800);
            case 2 -> 0xe000 + random.nextInt(0x2000);
            default -> 0x10000 + random.nextInt(0x100000);
          };
      sb.appendCodePoint(cp);
    }
    return sb.toString();
  }

  private CborFloat floating() {
    return switch (random.nextInt(5)) {
      case 0 -> new CborFloat(Double.longBitsToDouble(random.nextLong()));
      case 1 -> new CborFloat(Float.intBitsToFloat(random.nextInt()));
      case 2 -> new CborFloat(Float.float16ToFloat((short) random.nextInt(0x10000)));
      case 3 -> new CborFloat(random.nextInt(2000) / 8.0 - 125);
      default ->
          new CborFloat(
              List.of(0.0, -0.0, Double.NaN, Double.POSITIVE_INFINITY, Double.MIN_VALUE)
                  .get(random.nextInt(5)));
    };
  }

  private CborSimple simple() {
    int v = random.nextInt(256 - 8);
    return new CborSimple(v < 24 ? v : v + 8);
  }

  private CborArray array(int depth) {
    List<CborValue> items = new ArrayList<>();
    int n = random.nextInt(6);
    for (int k = 0; k < n; k++) {
      items.add(value(depth));
    }
    return new CborArray(items);
  }

  private CborMap map(int depth) {
    List<CborMap.Entry> entries = new ArrayList<>();
    Set<CborValue> keys = new HashSet<>();
    int n = random.nextInt(7);
    for (int k = 0; k < n; k++) {
      CborValue key = random.nextInt(3) == 0 ? value(Math.min(depth, 1)) : value(0);
      if (keys.add(key)) {
        entries.add(new CborMap.Entry(key, value(depth)));
      }
    }
    return CborMap.ofEntries(entries);
  }

  /**
   * The same value with every map (at every level) rebuilt from its entries in a freshly shuffled
   * order.
   */
  CborValue reshuffled(CborValue value) {
    return switch (value) {
      case CborArray a -> new CborArray(a.items().stream().map(this::reshuffled).toList());
      case CborTag(long number, CborValue content) -> new CborTag(number, reshuffled(content));
      case CborMap m -> {
        List<CborMap.Entry> entries = new ArrayList<>();
        for (CborMap.Entry e : m.entries()) {
          entries.add(new CborMap.Entry(reshuffled(e.key()), reshuffled(e.value())));
        }
        Collections.shuffle(entries, random);
        yield CborMap.ofEntries(entries);
      }
      default -> value;
    };
  }
}
