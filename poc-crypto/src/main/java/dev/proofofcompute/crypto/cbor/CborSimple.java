package dev.proofofcompute.crypto.cbor;

/**
 * A simple value (major type 7, RFC 8949 §3.3): 0..19 and 32..255 (20..23 are false, true, null and
 * undefined; 24..31 are reserved and not valid simple values).
 */
public record CborSimple(int value) implements CborValue {
  public static final CborSimple FALSE = new CborSimple(20);
  public static final CborSimple TRUE = new CborSimple(21);
  public static final CborSimple NULL = new CborSimple(22);
  public static final CborSimple UNDEFINED = new CborSimple(23);

  /**
   * Checks that {@code value} is a valid simple value.
   *
   * @throws IllegalArgumentException when {@code value} is outside 0..23 and 32..255
   */
  public CborSimple {
    if (value < 0 || value > 255 || (value >= 24 && value < 32)) {
      throw new IllegalArgumentException("not a valid simple value: " + value);
    }
  }

  public static CborSimple of(boolean value) {
    return value ? TRUE : FALSE;
  }

  @Override
  public String toString() {
    return switch (value) {
      case 20 -> "false";
      case 21 -> "true";
      case 22 -> "null";
      case 23 -> "undefined";
      default -> "simple(" + value + ")";
    };
  }
}
