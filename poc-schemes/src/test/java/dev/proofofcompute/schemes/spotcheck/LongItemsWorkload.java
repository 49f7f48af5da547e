package dev.proofofcompute.schemes.spotcheck;

import dev.proofofcompute.core.workload.Codec;
import dev.proofofcompute.core.workload.ItemStructure;
import dev.proofofcompute.core.workload.Workload;
import dev.proofofcompute.core.workload.WorkloadId;
import dev.proofofcompute.crypto.Bytes;
import dev.proofofcompute.crypto.DecodingException;
import dev.proofofcompute.crypto.random.RandomSource;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * A small test workload of independent items: a batch is a salt and a list of longs, and item i's
 * output is {@code mix(salt, item_i)} (the SplitMix64 finaliser of Steele, Lea and Flood, "Fast
 * Splittable Pseudorandom Number Generators", OOPSLA 2014) as 8 big-endian bytes. Variants without
 * item structure, with floating outputs, and with an {@code executeItem} that fails exercise the
 * scheme's refusals and its verifier-error path.
 */
public final class LongItemsWorkload
    implements Workload<LongItemsWorkload.Batch, LongItemsWorkload.Results> {

  /** The shared context {@code salt} and the items. */
  public record Batch(long salt, List<Long> items) {
    public Batch {
      items = List.copyOf(items);
    }
  }

  /** One value per item. */
  public record Results(List<Long> values) {
    public Results {
      values = List.copyOf(values);
    }
  }

  private enum Variant {
    ITEMS,
    NO_ITEMS,
    FLOATING,
    FAILING_ITEMS
  }

  private final Variant variant;
  private final WorkloadId id;

  private LongItemsWorkload(Variant variant, String name) {
    this.variant = variant;
    this.id = WorkloadId.of(name, 1, Bytes.EMPTY);
  }

  public static LongItemsWorkload create() {
    return new LongItemsWorkload(Variant.ITEMS, "test-long-items");
  }

  public static LongItemsWorkload withoutItems() {
    return new LongItemsWorkload(Variant.NO_ITEMS, "test-long-batch");
  }

  public static LongItemsWorkload floating() {
    return new LongItemsWorkload(Variant.FLOATING, "test-long-floating");
  }

  /** {@code executeItem} throws, as a verifier-side fault would; {@code execute} works. */
  public static LongItemsWorkload failingItems() {
    return new LongItemsWorkload(Variant.FAILING_ITEMS, "test-long-failing");
  }

  /** A batch of {@code n} random items with a random salt, from {@code random}. */
  public static Batch randomBatch(int n, RandomSource random) {
    List<Long> items = new ArrayList<>(n);
    for (int i = 0; i < n; i++) {
      items.add(random.nextLong());
    }
    return new Batch(random.nextLong(), items);
  }

  static long mix(long salt, long item) {
    long z = salt * 0x9E3779B97F4A7C15L + item;
    z = (z ^ (z >>> 30)) * 0xBF58476D1CE4E5B9L;
    z = (z ^ (z >>> 27)) * 0x94D049BB133111EBL;
    return z ^ (z >>> 31);
  }

  static Bytes u64(long v) {
    return Bytes.of(ByteBuffer.allocate(8).putLong(v).array());
  }

  @Override
  public WorkloadId id() {
    return id;
  }

  @Override
  public OutputKind outputKind() {
    return variant == Variant.FLOATING ? OutputKind.FLOATING : OutputKind.EXACT;
  }

  @Override
  public Codec<Batch> inputCodec() {
    return new Codec<>() {
      @Override
      public Bytes encode(Batch value) {
        ByteBuffer b = ByteBuffer.allocate(12 + 8 * value.items().size());
        b.putLong(value.salt()).putInt(value.items().size());
        value.items().forEach(b::putLong);
        return Bytes.of(b.array());
      }

      @Override
      public Batch decode(Bytes bytes) throws DecodingException {
        if (bytes.length() < 12 || (bytes.length() - 12) % 8 != 0) {
          throw new DecodingException("batch of " + bytes.length() + " bytes");
        }
        ByteBuffer b = ByteBuffer.wrap(bytes.toByteArray());
        long salt = b.getLong();
        int n = b.getInt();
        if (n != (bytes.length() - 12) / 8) {
          throw new DecodingException("batch count " + n + " does not match its length");
        }
        List<Long> items = new ArrayList<>(n);
        for (int i = 0; i < n; i++) {
          items.add(b.getLong());
        }
        return new Batch(salt, items);
      }
    };
  }

  @Override
  public Codec<Results> outputCodec() {
    return new Codec<>() {
      @Override
      public Bytes encode(Results value) {
        ByteBuffer b = ByteBuffer.allocate(4 + 8 * value.values().size());
        b.putInt(value.values().size());
        value.values().forEach(b::putLong);
        return Bytes.of(b.array());
      }

      @Override
      public Results decode(Bytes bytes) throws DecodingException {
        if (bytes.length() < 4 || (bytes.length() - 4) % 8 != 0) {
          throw new DecodingException("results of " + bytes.length() + " bytes");
        }
        ByteBuffer b = ByteBuffer.wrap(bytes.toByteArray());
        int n = b.getInt();
        if (n != (bytes.length() - 4) / 8) {
          throw new DecodingException("results count " + n + " does not match its length");
        }
        List<Long> values = new ArrayList<>(n);
        for (int i = 0; i < n; i++) {
          values.add(b.getLong());
        }
        return new Results(values);
      }
    };
  }

  @Override
  public Results execute(Batch input) {
    List<Long> values = new ArrayList<>(input.items().size());
    for (long item : input.items()) {
      values.add(mix(input.salt(), item));
    }
    return new Results(values);
  }

  @Override
  public Optional<ItemStructure<Batch, Results>> items() {
    if (variant == Variant.NO_ITEMS) {
      return Optional.empty();
    }
    return Optional.of(
        new ItemStructure<>() {
          @Override
          public int itemCount(Batch input) {
            return input.items().size();
          }

          @Override
          public Bytes itemInput(Batch input, int index) {
            return u64(input.items().get(index));
          }

          @Override
          public Bytes executeItem(Batch input, int index) {
            if (variant == Variant.FAILING_ITEMS) {
              throw new IllegalStateException("executeItem is broken in this test workload");
            }
            return u64(mix(input.salt(), input.items().get(index)));
          }

          @Override
          public Batch withItems(Batch template, List<Bytes> itemInputs) {
            List<Long> items = new ArrayList<>(itemInputs.size());
            for (Bytes b : itemInputs) {
              if (b.length() != 8) {
                throw new IllegalArgumentException("an item is 8 bytes, got " + b.length());
              }
              items.add(ByteBuffer.wrap(b.toByteArray()).getLong());
            }
            return new Batch(template.salt(), items);
          }

          @Override
          public List<Bytes> itemOutputs(Results output) {
            List<Bytes> out = new ArrayList<>(output.values().size());
            for (long v : output.values()) {
              out.add(u64(v));
            }
            return out;
          }
        });
  }

  @Override
  public String toString() {
    return id.toString();
  }
}
