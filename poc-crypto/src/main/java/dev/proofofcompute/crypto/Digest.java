package dev.proofofcompute.crypto;

import java.security.MessageDigest;
import java.util.Arrays;
import java.util.HexFormat;

/**
 * An immutable 32-byte SHA-256 value. Equality is by content; comparison is unsigned lexicographic.
 * Constant-time {@link #equalsConstantTime} is for comparing secrets or MACs.
 */
public final class Digest implements Comparable<Digest> {
  public static final int LENGTH = 32;
  private static final HexFormat HEX = HexFormat.of();

  private final byte[] value;

  private Digest(byte[] value) {
    this.value = value;
  }

  /**
   * A copy of {@code value}.
   *
   * @throws IllegalArgumentException unless {@code value} is exactly 32 bytes
   */
  public static Digest of(byte[] value) {
    if (value.length != LENGTH) {
      throw new IllegalArgumentException("a digest is " + LENGTH + " bytes, got " + value.length);
    }
    return new Digest(value.clone());
  }

  /** The 32 bytes of {@code buffer} from {@code offset}. */
  public static Digest of(byte[] buffer, int offset) {
    if (offset < 0 || buffer.length - offset < LENGTH) {
      throw new IllegalArgumentException("fewer than 32 bytes at offset " + offset);
    }
    return new Digest(Arrays.copyOfRange(buffer, offset, offset + LENGTH));
  }

  public static Digest of(Bytes value) {
    return of(value.toByteArray());
  }

  /** Takes ownership of a 32-byte array that no one else holds (the output of a digest). */
  static Digest wrap(byte[] value) {
    if (value.length != LENGTH) {
      throw new IllegalArgumentException("a digest is 32 bytes, got " + value.length);
    }
    return new Digest(value);
  }

  /**
   * Parses 64 hex characters.
   *
   * @throws IllegalArgumentException on any other input
   */
  public static Digest fromHex(String hex) {
    if (hex.length() != 2 * LENGTH) {
      throw new IllegalArgumentException(
          "a digest is " + 2 * LENGTH + " hex characters, got " + hex.length());
    }
    try {
      return new Digest(HEX.parseHex(hex));
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException("not a hex digest: " + e.getMessage(), e);
    }
  }

  /** SHA-256 of {@code data}, no domain separation (use {@link Hashes} for protocol hashing). */
  public static Digest sha256(byte[] data) {
    MessageDigest md = Hashes.sha256();
    return new Digest(md.digest(data));
  }

  public static Digest sha256(Bytes data) {
    MessageDigest md = Hashes.sha256();
    data.writeTo(md::update);
    return new Digest(md.digest());
  }

  public byte[] toByteArray() {
    return value.clone();
  }

  public Bytes toBytes() {
    return Bytes.wrap(value.clone());
  }

  public byte get(int index) {
    return value[index];
  }

  /** Writes the 32 bytes into {@code out} at {@code offset}. */
  public void copyTo(byte[] out, int offset) {
    System.arraycopy(value, 0, out, offset, LENGTH);
  }

  /** Feeds the 32 bytes to {@code md}. */
  public void updateInto(MessageDigest md) {
    md.update(value);
  }

  public String toHex() {
    return HEX.formatHex(value);
  }

  /** Comparison whose time does not depend on where the values differ. */
  public boolean equalsConstantTime(Digest other) {
    return MessageDigest.isEqual(value, other.value);
  }

  @Override
  public int compareTo(Digest other) {
    return Arrays.compareUnsigned(value, other.value);
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof Digest other && Arrays.equals(value, other.value);
  }

  @Override
  public int hashCode() {
    // The bytes are already uniformly distributed.
    return ((value[0] & 0xff) << 24)
        | ((value[1] & 0xff) << 16)
        | ((value[2] & 0xff) << 8)
        | (value[3] & 0xff);
  }

  @Override
  public String toString() {
    return toHex();
  }
}
