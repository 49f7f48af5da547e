package dev.proofofcompute.crypto.cbor;

import dev.proofofcompute.crypto.Bytes;
import dev.proofofcompute.crypto.DecodingException;
import dev.proofofcompute.crypto.Digest;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.jspecify.annotations.Nullable;

/**
 * A map (major type 5) with unique keys of any type, iterated in canonical order: by the bytewise
 * lexicographic order of the keys' deterministic encodings (RFC 8949 §4.2.1). Duplicate keys are
 * rejected when the map is built, so a {@code CborMap} always has exactly one encoding.
 *
 * <p>Signed messages are maps with text keys; the typed getters ({@link #getText}, {@link
 * #getLong}, ...) read their fields and throw {@link DecodingException} naming the field when it is
 * missing or of the wrong type. The {@code getOptional...} getters treat an absent key and a CBOR
 * {@code null} alike, as AWS Nitro attestation documents use {@code null} for absent fields.
 */
public final class CborMap implements CborValue {
  public static final CborMap EMPTY = new CborMap(new Entry[0], new Bytes[0]);

  /** One key/value pair. */
  public record Entry(CborValue key, CborValue value) {}

  /** Largest encoding {@link #encode()} keeps with the map. */
  static final int MAX_CACHED_ENCODING = 64 << 10;

  private final Entry[] entries;
  private final Bytes[] encodedKeys;

  /**
   * Key to value, built on the first lookup of a map of more than {@value #SCANNED} entries (most
   * maps are built only to be encoded; small ones are scanned).
   */
  private volatile @Nullable Map<CborValue, CborValue> index;

  /** Maps with at most this many entries are looked up by a scan, without an index. */
  static final int SCANNED = 8;

  /**
   * This map's encoding once {@link #encode()} computed it (up to {@value #MAX_CACHED_ENCODING}
   * bytes), reused when the map is encoded again, alone or inside another value: a log entry's body
   * is encoded into the bytes the coordinator signs and again into the entry. Immutable map,
   * deterministic encoding: a racing second computation writes equal bytes.
   */
  private volatile @Nullable Bytes encoding;

  private CborMap(Entry[] sortedEntries, Bytes[] encodedKeys) {
    this.entries = sortedEntries;
    this.encodedKeys = encodedKeys;
  }

  /** The value under {@code key}, or null. */
  private @Nullable CborValue lookup(CborValue key) {
    if (entries.length <= SCANNED) {
      for (Entry e : entries) {
        if (e.key().equals(key)) {
          return e.value();
        }
      }
      return null;
    }
    Map<CborValue, CborValue> m = index;
    if (m == null) {
      m = HashMap.newHashMap(entries.length);
      for (Entry e : entries) {
        m.put(e.key(), e.value());
      }
      index = m;
    }
    return m.get(key);
  }

  /**
   * A map holding {@code entries}, in canonical order whatever their order in the list.
   *
   * @throws IllegalArgumentException when two keys are equal
   */
  public static CborMap ofEntries(List<Entry> entries) {
    int n = entries.size();
    Bytes[] keys = new Bytes[n];
    for (int i = 0; i < n; i++) {
      keys[i] = CborEncoder.encodeKey(entries.get(i).key());
    }
    int[] order = canonicalOrder(keys);
    Entry[] sorted = new Entry[n];
    Bytes[] sortedKeys = new Bytes[n];
    for (int i = 0; i < n; i++) {
      if (i > 0 && keys[order[i]].equals(keys[order[i - 1]])) {
        throw new IllegalArgumentException("duplicate map key " + entries.get(order[i]).key());
      }
      sorted[i] = entries.get(order[i]);
      sortedKeys[i] = keys[order[i]];
    }
    return new CborMap(sorted, sortedKeys);
  }

  /** The indices of {@code keys} in bytewise order (a stable insertion sort for small maps). */
  private static int[] canonicalOrder(Bytes[] keys) {
    int n = keys.length;
    int[] order = new int[n];
    if (n > 16) {
      Integer[] boxed = new Integer[n];
      for (int i = 0; i < n; i++) {
        boxed[i] = i;
      }
      Arrays.sort(boxed, (a, b) -> keys[a].compareTo(keys[b]));
      for (int i = 0; i < n; i++) {
        order[i] = boxed[i];
      }
      return order;
    }
    for (int i = 0; i < n; i++) {
      int j = i;
      while (j > 0 && keys[order[j - 1]].compareTo(keys[i]) > 0) {
        order[j] = order[j - 1];
        j--;
      }
      order[j] = i;
    }
    return order;
  }

  /**
   * Trusts the caller: {@code entries} are already in canonical order without duplicates and {@code
   * encodedKeys} are their keys' deterministic encodings (the strict decoder checked both).
   */
  static CborMap ofSorted(Entry[] entries, Bytes[] encodedKeys) {
    return new CborMap(entries, encodedKeys);
  }

  /** A map holding the entries of {@code map}, in canonical order. */
  public static CborMap of(Map<? extends CborValue, ? extends CborValue> map) {
    List<Entry> list = new ArrayList<>(map.size());
    map.forEach((k, v) -> list.add(new Entry(k, v)));
    return ofEntries(list);
  }

  public static Builder builder() {
    return new Builder();
  }

  public int size() {
    return entries.length;
  }

  public boolean isEmpty() {
    return entries.length == 0;
  }

  /** The entries in canonical key order. */
  public List<Entry> entries() {
    return Collections.unmodifiableList(Arrays.asList(entries));
  }

  /** The deterministic encoding, kept with the map when it is small (see {@link #encoding}). */
  @Override
  public Bytes encode() {
    Bytes e = encoding;
    if (e == null) {
      e = CborEncoder.encode(this);
      if (e.length() <= MAX_CACHED_ENCODING) {
        encoding = e;
      }
    }
    return e;
  }

  /** The encoding {@link #encode()} kept, if any. */
  @Nullable Bytes cachedEncoding() {
    return encoding;
  }

  /** The deterministic encoding of the {@code i}-th key in canonical order. */
  Bytes encodedKey(int i) {
    return encodedKeys[i];
  }

  CborValue valueAt(int i) {
    return entries[i].value();
  }

  public boolean containsKey(CborValue key) {
    return lookup(key) != null;
  }

  public Optional<CborValue> get(CborValue key) {
    return Optional.ofNullable(lookup(key));
  }

  public Optional<CborValue> get(String key) {
    return get(new CborText(key));
  }

  /** The value under {@code key}, which must be present. */
  public CborValue getRequired(String key) throws DecodingException {
    CborValue v = lookup(new CborText(key));
    if (v == null) {
      throw new DecodingException("field '" + key + "' is missing");
    }
    return v;
  }

  public String getText(String key) throws DecodingException {
    return asText(key, getRequired(key));
  }

  /** An integer field that must fit in a {@code long}. */
  public long getLong(String key) throws DecodingException {
    return asLong(key, getRequired(key));
  }

  public Bytes getBytes(String key) throws DecodingException {
    return asBytes(key, getRequired(key));
  }

  /** A byte string field of exactly 32 bytes. */
  public Digest getDigest(String key) throws DecodingException {
    return asDigest(key, getRequired(key));
  }

  public boolean getBoolean(String key) throws DecodingException {
    CborValue v = getRequired(key);
    if (v.equals(CborSimple.TRUE)) {
      return true;
    }
    if (v.equals(CborSimple.FALSE)) {
      return false;
    }
    throw wrongType(key, "a boolean", v);
  }

  public CborArray getArray(String key) throws DecodingException {
    return asArray(key, getRequired(key));
  }

  public CborMap getMap(String key) throws DecodingException {
    return asMap(key, getRequired(key));
  }

  /** The value under {@code key}; empty when absent or CBOR {@code null}. */
  public Optional<CborValue> getOptional(String key) {
    CborValue v = lookup(new CborText(key));
    return v == null || v.equals(CborSimple.NULL) ? Optional.empty() : Optional.of(v);
  }

  public Optional<String> getOptionalText(String key) throws DecodingException {
    Optional<CborValue> v = getOptional(key);
    return v.isEmpty() ? Optional.empty() : Optional.of(asText(key, v.get()));
  }

  public Optional<Long> getOptionalLong(String key) throws DecodingException {
    Optional<CborValue> v = getOptional(key);
    return v.isEmpty() ? Optional.empty() : Optional.of(asLong(key, v.get()));
  }

  public Optional<Bytes> getOptionalBytes(String key) throws DecodingException {
    Optional<CborValue> v = getOptional(key);
    return v.isEmpty() ? Optional.empty() : Optional.of(asBytes(key, v.get()));
  }

  public Optional<Digest> getOptionalDigest(String key) throws DecodingException {
    Optional<CborValue> v = getOptional(key);
    return v.isEmpty() ? Optional.empty() : Optional.of(asDigest(key, v.get()));
  }

  public Optional<CborArray> getOptionalArray(String key) throws DecodingException {
    Optional<CborValue> v = getOptional(key);
    return v.isEmpty() ? Optional.empty() : Optional.of(asArray(key, v.get()));
  }

  public Optional<CborMap> getOptionalMap(String key) throws DecodingException {
    Optional<CborValue> v = getOptional(key);
    return v.isEmpty() ? Optional.empty() : Optional.of(asMap(key, v.get()));
  }

  /**
   * Checks that every key is one of {@code allowed} text keys, so that a message with unknown
   * fields is rejected rather than silently accepted.
   */
  public void requireOnlyKeys(String... allowed) throws DecodingException {
    Set<String> names = new HashSet<>(Arrays.asList(allowed));
    for (Entry e : entries) {
      if (!(e.key() instanceof CborText(String name)) || !names.contains(name)) {
        throw new DecodingException("unexpected field " + e.key());
      }
    }
  }

  private static String asText(String key, CborValue v) throws DecodingException {
    if (v instanceof CborText(String s)) {
      return s;
    }
    throw wrongType(key, "text", v);
  }

  private static long asLong(String key, CborValue v) throws DecodingException {
    if (v instanceof CborInteger i) {
      if (!i.fitsLong()) {
        throw new DecodingException("field '" + key + "' is out of the range of a 64-bit integer");
      }
      return i.longValueExact();
    }
    throw wrongType(key, "an integer", v);
  }

  private static Bytes asBytes(String key, CborValue v) throws DecodingException {
    if (v instanceof CborBytes(Bytes b)) {
      return b;
    }
    throw wrongType(key, "a byte string", v);
  }

  private static Digest asDigest(String key, CborValue v) throws DecodingException {
    Bytes b = asBytes(key, v);
    if (b.length() != Digest.LENGTH) {
      throw new DecodingException(
          "field '" + key + "' must be a 32-byte digest, got " + b.length() + " bytes");
    }
    return Digest.of(b);
  }

  private static CborArray asArray(String key, CborValue v) throws DecodingException {
    if (v instanceof CborArray a) {
      return a;
    }
    throw wrongType(key, "an array", v);
  }

  private static CborMap asMap(String key, CborValue v) throws DecodingException {
    if (v instanceof CborMap m) {
      return m;
    }
    throw wrongType(key, "a map", v);
  }

  private static DecodingException wrongType(String key, String expected, CborValue actual) {
    return new DecodingException(
        "field '" + key + "' must be " + expected + ", got " + kindOf(actual));
  }

  static String kindOf(CborValue v) {
    return switch (v) {
      case CborInteger i -> "an integer";
      case CborBytes b -> "a byte string";
      case CborText t -> "text";
      case CborArray a -> "an array";
      case CborMap m -> "a map";
      case CborTag t -> "a tag";
      case CborSimple s -> s.toString();
      case CborFloat f -> "a float";
    };
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof CborMap other && Arrays.equals(entries, other.entries);
  }

  @Override
  public int hashCode() {
    return Arrays.hashCode(entries);
  }

  @Override
  public String toString() {
    StringBuilder sb = new StringBuilder("{");
    for (int i = 0; i < entries.length; i++) {
      sb.append(i == 0 ? "" : ", ")
          .append(entries[i].key())
          .append(": ")
          .append(entries[i].value());
    }
    return sb.append('}').toString();
  }

  /**
   * Collects the fields of a message. Insertion order does not matter: the built map is in
   * canonical order. Putting a key twice is an error, not an overwrite.
   */
  public static final class Builder {
    private final List<Entry> entries = new ArrayList<>();

    /** The keys put so far, once there are more than {@value #SCANNED} (fewer are scanned). */
    private @Nullable Set<CborValue> keys;

    private Builder() {}

    /**
     * Adds an entry.
     *
     * @throws IllegalArgumentException when {@code key} was already put
     */
    public Builder put(CborValue key, CborValue value) {
      if (!isNew(key)) {
        throw new IllegalArgumentException("duplicate map key " + key);
      }
      entries.add(new Entry(key, value));
      return this;
    }

    private boolean isNew(CborValue key) {
      Set<CborValue> seen = keys;
      if (seen != null) {
        return seen.add(key);
      }
      for (Entry e : entries) {
        if (e.key().equals(key)) {
          return false;
        }
      }
      if (entries.size() == SCANNED) {
        seen = new HashSet<>();
        for (Entry e : entries) {
          seen.add(e.key());
        }
        seen.add(key);
        keys = seen;
      }
      return true;
    }

    public Builder put(String key, CborValue value) {
      return put(new CborText(key), value);
    }

    public Builder put(String key, long value) {
      return put(key, CborInteger.of(value));
    }

    public Builder put(String key, String value) {
      return put(key, new CborText(value));
    }

    public Builder put(String key, Bytes value) {
      return put(key, new CborBytes(value));
    }

    /** A digest as a 32-byte byte string. */
    public Builder put(String key, Digest value) {
      return put(key, new CborBytes(value.toBytes()));
    }

    public Builder put(String key, boolean value) {
      return put(key, CborSimple.of(value));
    }

    public CborMap build() {
      return ofEntries(entries);
    }
  }
}
