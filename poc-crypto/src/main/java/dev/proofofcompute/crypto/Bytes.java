package dev.proofofcompute.crypto;

import java.util.Arrays;
import java.util.HexFormat;

/**
 * An immutable byte string. Copies on the way in and on the way out, so that no caller can change a
 * value another holds; equality and hashing are by content.
 */
public final class Bytes implements Comparable<Bytes> {
  private static final HexFormat HEX = HexFormat.of();
  public static final Bytes EMPTY = new Bytes(new byte[0]);

  private final byte[] value;

  private Bytes(byte[] value) {
    this.value = value;
  }

  /** A copy of {@code value}. */
  public static Bytes of(byte[] value) {
    return new Bytes(value.clone());
  }

  /** A copy of {@code length} bytes of {@code value} from {@code offset}. */
  public static Bytes of(byte[] value, int offset, int length) {
    return new Bytes(Arrays.copyOfRange(value, offset, Math.addExact(offset, length)));
  }

  /** Takes ownership of {@code value}: for use only on arrays no one else holds. */
  static Bytes wrap(byte[] value) {
    return new Bytes(value);
  }

  /**
   * Parses lower- or upper-case hex.
   *
   * @throws IllegalArgumentException when {@code hex} has odd length or a non-hex character
   */
  public static Bytes fromHex(String hex) {
    if (hex.length() % 2 != 0) {
      throw new IllegalArgumentException("hex string has odd length " + hex.length());
    }
    try {
      return new Bytes(HEX.parseHex(hex));
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException("not a hex string: " + e.getMessage(), e);
    }
  }

  public int length() {
    return value.length;
  }

  public byte get(int index) {
    return value[index];
  }

  /** A fresh copy of the content. */
  public byte[] toByteArray() {
    return value.clone();
  }

  /** Lower-case hex. */
  public String toHex() {
    return HEX.formatHex(value);
  }

  public Bytes concat(Bytes other) {
    byte[] out = Arrays.copyOf(value, Math.addExact(value.length, other.value.length));
    System.arraycopy(other.value, 0, out, value.length, other.value.length);
    return new Bytes(out);
  }

  public Bytes slice(int from, int to) {
    return new Bytes(Arrays.copyOfRange(value, from, to));
  }

  /** Feeds the content to {@code sink} without copying it. */
  public void writeTo(ByteSink sink) {
    sink.write(value, 0, value.length);
  }

  /** A consumer of byte ranges (a digest, a stream); it must not keep the array. */
  @FunctionalInterface
  public interface ByteSink {
    void write(byte[] buffer, int offset, int length);
  }

  /** Unsigned lexicographic order, then shorter first. */
  @Override
  public int compareTo(Bytes other) {
    return Arrays.compareUnsigned(value, other.value);
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof Bytes other && Arrays.equals(value, other.value);
  }

  @Override
  public int hashCode() {
    return Arrays.hashCode(value);
  }

  @Override
  public String toString() {
    return value.length <= 64 ? "Bytes[" + toHex() + "]" : "Bytes[" + value.length + " bytes]";
  }
}
