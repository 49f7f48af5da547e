package dev.proofofcompute.crypto.cbor;

/**
 * A floating-point number (major type 7, additional information 25/26/27). The value is a double;
 * the encoder picks the shortest of half, single and double precision that holds it exactly (RFC
 * 8949 §4.2.1). All NaNs are one value, encoded as {@code 0xf97e00} (§4.2.2): payload and sign of a
 * NaN are not kept. {@code -0.0} is a distinct value from {@code 0.0} and encodes as {@code
 * 0xf98000}. A float is never reduced to an integer: {@code 1.0} and {@code 1} are different
 * values.
 */
public record CborFloat(double value) implements CborValue {
  public CborFloat {
    if (Double.isNaN(value)) {
      value = Double.NaN;
    }
  }

  @Override
  public String toString() {
    return Double.toString(value);
  }
}
