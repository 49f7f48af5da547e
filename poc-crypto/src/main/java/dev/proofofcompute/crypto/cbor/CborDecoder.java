package dev.proofofcompute.crypto.cbor;

import static dev.proofofcompute.crypto.cbor.CborEncoder.CANONICAL_NAN_HALF;
import static dev.proofofcompute.crypto.cbor.CborEncoder.MAJOR_ARRAY;
import static dev.proofofcompute.crypto.cbor.CborEncoder.MAJOR_BYTES;
import static dev.proofofcompute.crypto.cbor.CborEncoder.MAJOR_MAP;
import static dev.proofofcompute.crypto.cbor.CborEncoder.MAJOR_NEGATIVE;
import static dev.proofofcompute.crypto.cbor.CborEncoder.MAJOR_SIMPLE;
import static dev.proofofcompute.crypto.cbor.CborEncoder.MAJOR_TAG;
import static dev.proofofcompute.crypto.cbor.CborEncoder.MAJOR_TEXT;
import static dev.proofofcompute.crypto.cbor.CborEncoder.MAJOR_UNSIGNED;

import dev.proofofcompute.crypto.Bytes;
import dev.proofofcompute.crypto.DecodingException;
import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * Reads one CBOR data item (RFC 8949, https://www.rfc-editor.org/rfc/rfc8949) in one of two modes.
 *
 * <p><b>Canonical</b> ({@link #decodeCanonical}) accepts only the deterministic encoding of RFC
 * 8949 §4.2.1, exactly what {@link CborEncoder} writes: shortest-form heads, definite lengths, map
 * keys strictly increasing in bytewise order of their encodings, floats in the shortest exact width
 * and NaN only as {@code 0xf97e00} (§4.2.2). Hence {@code decodeCanonical(b).encode().equals(b)}
 * for every accepted {@code b}: use it for anything signed or hashed.
 *
 * <p><b>Lenient</b> ({@link #decodeLenient}) accepts any well-formed CBOR (§3, Appendix C): longer
 * heads, indefinite-length strings, arrays and maps, unsorted keys, any float width. Use it for
 * third-party documents such as AWS Nitro attestations (COSE_Sign1, RFC 9052), whose signatures
 * cover byte strings that the value model keeps verbatim.
 *
 * <p>Both modes reject what is not well-formed (truncation, reserved additional information 28-30,
 * a break outside an indefinite-length item, two-byte simple values below 32, §3.3), duplicate map
 * keys, invalid UTF-8 in text strings, bytes after the item, and input beyond {@link CborLimits}.
 * Every length or count from the input is checked against the bytes that remain before anything is
 * allocated for it. Errors name the problem and its byte offset.
 */
public final class CborDecoder {
  private static final int BREAK = 0xff;

  private final byte[] data;
  private final CborLimits limits;
  private final boolean canonical;
  private int pos;
  private int items;

  private CborDecoder(byte[] data, CborLimits limits, boolean canonical) {
    this.data = data;
    this.limits = limits;
    this.canonical = canonical;
  }

  /** Decodes {@code input}, which must be in deterministic form, within the default limits. */
  public static CborValue decodeCanonical(byte[] input) throws DecodingException {
    return decodeCanonical(input, CborLimits.DEFAULT);
  }

  public static CborValue decodeCanonical(Bytes input) throws DecodingException {
    return decodeCanonical(input, CborLimits.DEFAULT);
  }

  public static CborValue decodeCanonical(Bytes input, CborLimits limits) throws DecodingException {
    checkSize(input.length(), limits);
    return new CborDecoder(input.toByteArray(), limits, true).decodeAll();
  }

  public static CborValue decodeCanonical(byte[] input, CborLimits limits)
      throws DecodingException {
    checkSize(input.length, limits);
    return new CborDecoder(input, limits, true).decodeAll();
  }

  /**
   * Decodes a deterministic map, the shape of every signed message.
   *
   * @throws DecodingException when the input is not canonical or its top-level item is not a map
   */
  public static CborMap decodeCanonicalMap(Bytes input) throws DecodingException {
    CborValue value = decodeCanonical(input);
    if (value instanceof CborMap map) {
      return map;
    }
    throw new DecodingException("expected a CBOR map, got " + CborMap.kindOf(value));
  }

  /** Decodes any well-formed CBOR within the default limits. */
  public static CborValue decodeLenient(byte[] input) throws DecodingException {
    return decodeLenient(input, CborLimits.DEFAULT);
  }

  public static CborValue decodeLenient(Bytes input) throws DecodingException {
    return decodeLenient(input, CborLimits.DEFAULT);
  }

  public static CborValue decodeLenient(Bytes input, CborLimits limits) throws DecodingException {
    checkSize(input.length(), limits);
    return new CborDecoder(input.toByteArray(), limits, false).decodeAll();
  }

  public static CborValue decodeLenient(byte[] input, CborLimits limits) throws DecodingException {
    checkSize(input.length, limits);
    return new CborDecoder(input, limits, false).decodeAll();
  }

  private static void checkSize(int length, CborLimits limits) throws DecodingException {
    if (length > limits.maxInputBytes()) {
      throw new DecodingException(
          "CBOR input of " + length + " bytes exceeds the limit of " + limits.maxInputBytes());
    }
  }

  private CborValue decodeAll() throws DecodingException {
    CborValue value = decodeItem(0);
    if (pos != data.length) {
      throw error("trailing bytes: " + (data.length - pos) + " after the data item", pos);
    }
    return value;
  }

  private CborValue decodeItem(int depth) throws DecodingException {
    int start = pos;
    if (pos >= data.length) {
      throw error("truncated input: expected a data item", start);
    }
    if (++items > limits.maxItems()) {
      throw error("too many data items (limit " + limits.maxItems() + ")", start);
    }
    int initial = data[pos++] & 0xff;
    int major = initial >>> 5;
    int info = initial & 0x1f;
    if (info >= 28 && info <= 30) {
      throw error("reserved additional information " + info, start);
    }
    if (major == MAJOR_SIMPLE) {
      return decodeSimpleOrFloat(info, start);
    }
    if (info == 31) {
      return decodeIndefinite(major, depth, start);
    }
    long argument = readArgument(info, start);
    return switch (major) {
      case MAJOR_UNSIGNED -> CborInteger.unsigned(argument);
      case MAJOR_NEGATIVE -> CborInteger.negative(argument);
      case MAJOR_BYTES -> {
        int length = checkStringLength(argument, "byte string", start);
        Bytes value = Bytes.of(data, pos, length);
        pos += length;
        yield new CborBytes(value);
      }
      case MAJOR_TEXT -> {
        int length = checkStringLength(argument, "text string", start);
        String value = utf8(data, pos, length, start);
        pos += length;
        yield new CborText(value);
      }
      case MAJOR_ARRAY -> decodeArray(argument, depth, start);
      case MAJOR_MAP -> decodeMap(argument, depth, start);
      case MAJOR_TAG -> {
        enter(depth, start);
        yield new CborTag(argument, decodeItem(depth + 1));
      }
      default -> throw new IllegalStateException("major type " + major);
    };
  }

  /** The head argument for additional information 0..27, in shortest form when canonical. */
  private long readArgument(int info, int start) throws DecodingException {
    if (info < 24) {
      return info;
    }
    int length = 1 << (info - 24);
    long value = readBigEndian(length, start);
    if (canonical) {
      long minimum = info == 24 ? 24 : 1L << (8 * (length / 2));
      if (Long.compareUnsigned(value, minimum) < 0) {
        throw error(
            "non-canonical encoding: argument "
                + Long.toUnsignedString(value)
                + " not in shortest form",
            start);
      }
    }
    return value;
  }

  private long readBigEndian(int length, int start) throws DecodingException {
    if (data.length - pos < length) {
      throw error("truncated input: head needs " + length + " more bytes", start);
    }
    long value = 0;
    for (int i = 0; i < length; i++) {
      value = (value << 8) | (data[pos++] & 0xff);
    }
    return value;
  }

  /** {@code length} as an int, once it is known to fit in the remaining input. */
  private int checkStringLength(long length, String kind, int start) throws DecodingException {
    int remaining = data.length - pos;
    if (Long.compareUnsigned(length, remaining) > 0) {
      throw error(
          "truncated input: "
              + kind
              + " claims "
              + Long.toUnsignedString(length)
              + " bytes, only "
              + remaining
              + " remain",
          start);
    }
    return (int) length;
  }

  private static String utf8(byte[] bytes, int offset, int length, int start)
      throws DecodingException {
    try {
      return StandardCharsets.UTF_8
          .newDecoder()
          .onMalformedInput(CodingErrorAction.REPORT)
          .onUnmappableCharacter(CodingErrorAction.REPORT)
          .decode(ByteBuffer.wrap(bytes, offset, length))
          .toString();
    } catch (CharacterCodingException e) {
      throw new DecodingException("invalid UTF-8 in text string at offset " + start, e);
    }
  }

  private CborValue decodeSimpleOrFloat(int info, int start) throws DecodingException {
    if (info < 24) {
      return new CborSimple(info);
    }
    if (info == 31) {
      throw error("unexpected break (0xff) outside an indefinite-length item", start);
    }
    if (info == 24) {
      int value = (int) readBigEndian(1, start);
      if (value < 32) {
        throw error("invalid simple value " + value + " in two-byte form", start);
      }
      return new CborSimple(value);
    }
    long bits = readBigEndian(1 << (info - 24), start);
    double value =
        switch (info) {
          case 25 -> Float.float16ToFloat((short) bits);
          case 26 -> Float.intBitsToFloat((int) bits);
          default -> Double.longBitsToDouble(bits);
        };
    if (canonical) {
      if (Double.isNaN(value)) {
        if (info != 25 || bits != CANONICAL_NAN_HALF) {
          throw error("non-canonical encoding: NaN must be encoded as 0xf97e00", start);
        }
      } else if (CborEncoder.shortestFloatWidth(value) != 1 << (info - 24)) {
        throw error("non-canonical encoding: float " + value + " not in shortest form", start);
      }
    }
    return new CborFloat(value);
  }

  private void enter(int depth, int start) throws DecodingException {
    if (depth + 1 > limits.maxDepth()) {
      throw error("nesting deeper than the limit of " + limits.maxDepth(), start);
    }
  }

  private CborArray decodeArray(long count, int depth, int start) throws DecodingException {
    enter(depth, start);
    checkCount(count, 1, "array", start);
    List<CborValue> list = new ArrayList<>((int) count);
    for (long i = 0; i < count; i++) {
      list.add(decodeItem(depth + 1));
    }
    return new CborArray(list);
  }

  /**
   * Fails unless {@code count} elements, each at least {@code bytesPerElement} long, fit in the
   * remaining input and the item limit, before anything is allocated for them.
   */
  private void checkCount(long count, int bytesPerElement, String kind, int start)
      throws DecodingException {
    int remaining = data.length - pos;
    if (Long.compareUnsigned(count, remaining / bytesPerElement) > 0) {
      throw error(
          "truncated input: "
              + kind
              + " claims "
              + Long.toUnsignedString(count)
              + " entries, only "
              + remaining
              + " bytes remain",
          start);
    }
    if (count * bytesPerElement > limits.maxItems() - items) {
      throw error("too many data items (limit " + limits.maxItems() + ")", start);
    }
  }

  private CborMap decodeMap(long count, int depth, int start) throws DecodingException {
    enter(depth, start);
    checkCount(count, 2, "map", start);
    int n = (int) count;
    CborMap.Entry[] entries = new CborMap.Entry[n];
    Bytes[] keys = new Bytes[n];
    Set<CborValue> seen = new HashSet<>();
    int previousKeyStart = -1;
    int previousKeyEnd = -1;
    for (int i = 0; i < n; i++) {
      int keyStart = pos;
      CborValue key = decodeItem(depth + 1);
      int keyEnd = pos;
      if (canonical) {
        if (previousKeyStart >= 0) {
          int order =
              Arrays.compareUnsigned(
                  data, previousKeyStart, previousKeyEnd, data, keyStart, keyEnd);
          if (order == 0) {
            throw error("duplicate map key " + key, keyStart);
          }
          if (order > 0) {
            throw error("non-canonical encoding: map keys not in sorted order", keyStart);
          }
        }
        previousKeyStart = keyStart;
        previousKeyEnd = keyEnd;
        keys[i] = Bytes.of(data, keyStart, keyEnd - keyStart);
      } else if (!seen.add(key)) {
        throw error("duplicate map key " + key, keyStart);
      }
      entries[i] = new CborMap.Entry(key, decodeItem(depth + 1));
    }
    return canonical ? CborMap.ofSorted(entries, keys) : CborMap.ofEntries(Arrays.asList(entries));
  }

  private CborValue decodeIndefinite(int major, int depth, int start) throws DecodingException {
    if (major == MAJOR_UNSIGNED || major == MAJOR_NEGATIVE || major == MAJOR_TAG) {
      throw error("additional information 31 is not valid for major type " + major, start);
    }
    if (canonical) {
      throw error("non-canonical encoding: indefinite length", start);
    }
    return switch (major) {
      case MAJOR_BYTES -> new CborBytes(Bytes.of(readChunks(MAJOR_BYTES, start)));
      case MAJOR_TEXT -> new CborText(readTextChunks(start));
      case MAJOR_ARRAY -> {
        enter(depth, start);
        List<CborValue> list = new ArrayList<>();
        while (!atBreak("array", start)) {
          list.add(decodeItem(depth + 1));
        }
        yield new CborArray(list);
      }
      default -> {
        enter(depth, start);
        List<CborMap.Entry> entries = new ArrayList<>();
        Set<CborValue> seen = new HashSet<>();
        while (!atBreak("map", start)) {
          int keyStart = pos;
          CborValue key = decodeItem(depth + 1);
          if (!seen.add(key)) {
            throw error("duplicate map key " + key, keyStart);
          }
          if (pos < data.length && (data[pos] & 0xff) == BREAK) {
            throw error("break between a map key and its value", pos);
          }
          entries.add(new CborMap.Entry(key, decodeItem(depth + 1)));
        }
        yield CborMap.ofEntries(entries);
      }
    };
  }

  /** Consumes the break and returns true when the next byte is a break. */
  private boolean atBreak(String kind, int start) throws DecodingException {
    if (pos >= data.length) {
      throw error("truncated input: indefinite-length " + kind + " has no break", start);
    }
    if ((data[pos] & 0xff) == BREAK) {
      pos++;
      return true;
    }
    return false;
  }

  private byte[] readChunks(int major, int start) throws DecodingException {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    String kind = major == MAJOR_BYTES ? "byte string" : "text string";
    while (!atBreak(kind, start)) {
      int length = readChunk(major, kind);
      out.write(data, pos, length);
      pos += length;
    }
    return out.toByteArray();
  }

  private String readTextChunks(int start) throws DecodingException {
    StringBuilder out = new StringBuilder();
    while (!atBreak("text string", start)) {
      int chunkStart = pos;
      int length = readChunk(MAJOR_TEXT, "text string");
      out.append(utf8(data, pos, length, chunkStart));
      pos += length;
    }
    return out.toString();
  }

  /**
   * Reads the head of one definite-length chunk of an indefinite-length string (RFC 8949 §3.2.3)
   * and returns the chunk's length, checked against the remaining input.
   */
  private int readChunk(int major, String kind) throws DecodingException {
    int chunkStart = pos;
    if (++items > limits.maxItems()) {
      throw error("too many data items (limit " + limits.maxItems() + ")", chunkStart);
    }
    int initial = data[pos++] & 0xff;
    int info = initial & 0x1f;
    if (initial >>> 5 != major || info >= 28) {
      throw error(
          "chunk of an indefinite-length " + kind + " must be a definite-length " + kind,
          chunkStart);
    }
    return checkStringLength(readArgument(info, chunkStart), kind, chunkStart);
  }

  private static DecodingException error(String problem, int offset) {
    return new DecodingException(problem + " at offset " + offset);
  }
}
