package dev.proofofcompute.crypto.cbor;

/**
 * A text string (major type 3). The string must be well-formed UTF-16 (no unpaired surrogate), so
 * that it has exactly one UTF-8 encoding.
 */
public record CborText(String value) implements CborValue {
  /**
   * Checks that {@code value} is well-formed UTF-16.
   *
   * @throws IllegalArgumentException when {@code value} contains an unpaired surrogate
   */
  public CborText {
    for (int i = 0; i < value.length(); i++) {
      char c = value.charAt(i);
      if (Character.isHighSurrogate(c)
          && i + 1 < value.length()
          && Character.isLowSurrogate(value.charAt(i + 1))) {
        i++;
      } else if (Character.isSurrogate(c)) {
        throw new IllegalArgumentException("text has an unpaired surrogate at index " + i);
      }
    }
  }

  @Override
  public String toString() {
    return '"' + value + '"';
  }
}
