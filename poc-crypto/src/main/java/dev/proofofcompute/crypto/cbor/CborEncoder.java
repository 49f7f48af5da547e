package dev.proofofcompute.crypto.cbor;

import dev.proofofcompute.crypto.Bytes;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/**
 * Writes the deterministic encoding of a {@link CborValue}, following RFC 8949 §4.2.1 "Core
 * Deterministic Encoding Requirements" (https://www.rfc-editor.org/rfc/rfc8949#section-4.2.1):
 *
 * <ul>
 *   <li>every head argument (integer value, length, count, tag number, simple value) in the
 *       shortest form: immediate below 24, then 1, 2, 4 or 8 bytes;
 *   <li>definite lengths only;
 *   <li>map keys sorted by the bytewise lexicographic order of their deterministic encodings
 *       ({@link CborMap} keeps them in that order and rejects duplicates when built);
 *   <li>floats in the shortest of half, single and double precision that holds the value exactly
 *       (§4.2.1 "preferred serialization" of §4.1), NaN always as {@code 0xf97e00} (§4.2.2); floats
 *       are not reduced to integers.
 * </ul>
 *
 * <p>The encoding is a pure function of the value: equal values give equal bytes.
 */
public final class CborEncoder {
  static final int MAJOR_UNSIGNED = 0;
  static final int MAJOR_NEGATIVE = 1;
  static final int MAJOR_BYTES = 2;
  static final int MAJOR_TEXT = 3;
  static final int MAJOR_ARRAY = 4;
  static final int MAJOR_MAP = 5;
  static final int MAJOR_TAG = 6;
  static final int MAJOR_SIMPLE = 7;

  /** Half-precision quiet NaN, the one NaN encoding (RFC 8949 §4.2.2). */
  static final int CANONICAL_NAN_HALF = 0x7e00;

  private CborEncoder() {}

  /** The deterministic encoding of {@code value}. */
  public static Bytes encode(CborValue value) {
    if (value instanceof CborText(String s)) {
      return encodeText(s);
    }
    Buffer out = new Buffer();
    write(value, out);
    return out.toBytes();
  }

  /**
   * Encodings of short text map keys recently seen: messages use a small fixed vocabulary of field
   * names, and every map built encodes its keys to sort them. Direct-mapped, {@value
   * #KEY_CACHE_SLOTS} slots by the key's hash, a miss overwrites its slot: bounded whatever keys
   * untrusted input brings, and a flood of other keys only costs misses until the vocabulary is
   * back. Slots hold immutable pairs, so racing threads see a whole pair or the one before it.
   */
  static final int KEY_CACHE_SLOTS = 1024;

  static final int KEY_CACHE_MAX_LENGTH = 32;

  private static final KeyEncoding[] KEYS = new KeyEncoding[KEY_CACHE_SLOTS];

  private record KeyEncoding(String key, Bytes encoding) {}

  /** The encoding of a map key, from the cache when it is a short text seen recently. */
  static Bytes encodeKey(CborValue key) {
    if (!(key instanceof CborText(String s)) || s.length() > KEY_CACHE_MAX_LENGTH) {
      return encode(key);
    }
    int slot = ((s.hashCode() * 0x9E3779B9) >>> 22) & (KEY_CACHE_SLOTS - 1);
    KeyEncoding known = KEYS[slot];
    if (known != null && known.key().equals(s)) {
      return known.encoding();
    }
    Bytes encoded = encodeText(s);
    KEYS[slot] = new KeyEncoding(s, encoded);
    return encoded;
  }

  /** A text string's encoding in one exactly sized array (map keys are encoded one by one). */
  private static Bytes encodeText(String s) {
    byte[] utf8 = s.getBytes(StandardCharsets.UTF_8);
    Buffer out = new Buffer(utf8.length + 9);
    writeHead(MAJOR_TEXT, utf8.length, out);
    out.write(utf8, 0, utf8.length);
    return out.toBytes();
  }

  private static void write(CborValue value, Buffer out) {
    switch (value) {
      case CborInteger i ->
          writeHead(i.isNegative() ? MAJOR_NEGATIVE : MAJOR_UNSIGNED, i.argument(), out);
      case CborBytes(Bytes b) -> {
        writeHead(MAJOR_BYTES, b.length(), out);
        b.writeTo(out::write);
      }
      case CborText(String s) -> {
        byte[] utf8 = s.getBytes(StandardCharsets.UTF_8);
        writeHead(MAJOR_TEXT, utf8.length, out);
        out.write(utf8, 0, utf8.length);
      }
      case CborArray a -> {
        writeHead(MAJOR_ARRAY, a.size(), out);
        for (CborValue item : a.items()) {
          write(item, out);
        }
      }
      case CborMap m -> {
        Bytes cached = m.cachedEncoding();
        if (cached != null) {
          cached.writeTo(out::write);
          return;
        }
        writeHead(MAJOR_MAP, m.size(), out);
        for (int i = 0; i < m.size(); i++) {
          m.encodedKey(i).writeTo(out::write);
          write(m.valueAt(i), out);
        }
      }
      case CborTag(long number, CborValue content) -> {
        writeHead(MAJOR_TAG, number, out);
        write(content, out);
      }
      case CborSimple(int simple) -> writeHead(MAJOR_SIMPLE, simple, out);
      case CborFloat(double d) -> writeFloat(d, out);
    }
  }

  /** A head with the shortest argument; {@code argument} is read as unsigned 64-bit. */
  private static void writeHead(int major, long argument, Buffer out) {
    int mt = major << 5;
    if (Long.compareUnsigned(argument, 24) < 0) {
      out.write(mt | (int) argument);
    } else if (Long.compareUnsigned(argument, 0x100) < 0) {
      out.write(mt | 24);
      out.write((int) argument);
    } else if (Long.compareUnsigned(argument, 0x1_0000) < 0) {
      out.write(mt | 25);
      writeBigEndian(argument, 2, out);
    } else if (Long.compareUnsigned(argument, 0x1_0000_0000L) < 0) {
      out.write(mt | 26);
      writeBigEndian(argument, 4, out);
    } else {
      out.write(mt | 27);
      writeBigEndian(argument, 8, out);
    }
  }

  private static void writeFloat(double d, Buffer out) {
    int mt = MAJOR_SIMPLE << 5;
    if (Double.isNaN(d)) {
      out.write(mt | 25);
      writeBigEndian(CANONICAL_NAN_HALF, 2, out);
      return;
    }
    int width = shortestFloatWidth(d);
    if (width == 2) {
      out.write(mt | 25);
      writeBigEndian(Float.floatToFloat16((float) d), 2, out);
    } else if (width == 4) {
      out.write(mt | 26);
      writeBigEndian(Float.floatToRawIntBits((float) d), 4, out);
    } else {
      out.write(mt | 27);
      writeBigEndian(Double.doubleToRawLongBits(d), 8, out);
    }
  }

  /**
   * The number of bytes (2, 4 or 8) of the shortest IEEE 754 format that holds the non-NaN {@code
   * d} exactly, sign of zero included.
   */
  static int shortestFloatWidth(double d) {
    float f = (float) d;
    if (Double.doubleToRawLongBits(f) != Double.doubleToRawLongBits(d)) {
      return 8;
    }
    float h = Float.float16ToFloat(Float.floatToFloat16(f));
    return Float.floatToRawIntBits(h) == Float.floatToRawIntBits(f) ? 2 : 4;
  }

  private static void writeBigEndian(long value, int length, Buffer out) {
    for (int shift = (length - 1) * 8; shift >= 0; shift -= 8) {
      out.write((int) (value >>> shift));
    }
  }

  /** A growable byte array; never shared. */
  private static final class Buffer {
    private byte[] data;
    private int size;

    Buffer() {
      this(256);
    }

    Buffer(int capacity) {
      data = new byte[capacity];
    }

    void write(int b) {
      ensure(1);
      data[size++] = (byte) b;
    }

    void write(byte[] src, int offset, int length) {
      ensure(length);
      System.arraycopy(src, offset, data, size, length);
      size += length;
    }

    private void ensure(int extra) {
      int needed = Math.addExact(size, extra);
      if (needed > data.length) {
        data = Arrays.copyOf(data, Math.max(needed, data.length * 2));
      }
    }

    Bytes toBytes() {
      return Bytes.of(data, 0, size);
    }
  }
}
