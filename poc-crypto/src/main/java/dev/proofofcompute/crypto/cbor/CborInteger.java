package dev.proofofcompute.crypto.cbor;

import java.math.BigInteger;

/**
 * An integer of major type 0 (unsigned, 0..2^64-1) or 1 (negative, -2^64..-1): the full range a
 * CBOR head can carry. Values beyond that range need the bignum tags 2/3 (RFC 8949 §3.4.3), which
 * this model keeps as plain {@link CborTag}s. The value is held as the head's 64-bit argument read
 * unsigned, so no {@code BigInteger} is needed on the common path.
 */
public final class CborInteger implements CborValue {
  private static final BigInteger MAX = BigInteger.ONE.shiftLeft(64).subtract(BigInteger.ONE);
  private static final BigInteger MIN = BigInteger.ONE.shiftLeft(64).negate();

  private final boolean negative;
  private final long argument;

  private CborInteger(boolean negative, long argument) {
    this.negative = negative;
    this.argument = argument;
  }

  public static CborInteger of(long value) {
    return value >= 0 ? new CborInteger(false, value) : new CborInteger(true, -1 - value);
  }

  /**
   * The integer {@code value}.
   *
   * @throws IllegalArgumentException when {@code value} is outside -2^64..2^64-1
   */
  public static CborInteger of(BigInteger value) {
    if (value.compareTo(MAX) > 0 || value.compareTo(MIN) < 0) {
      throw new IllegalArgumentException("integer outside the CBOR range -2^64..2^64-1: " + value);
    }
    return value.signum() >= 0
        ? new CborInteger(false, value.longValue())
        : new CborInteger(true, BigInteger.ONE.negate().subtract(value).longValue());
  }

  /** The integer with major type 0 (unsigned) and {@code argument} read as unsigned 64-bit. */
  public static CborInteger unsigned(long argument) {
    return new CborInteger(false, argument);
  }

  /**
   * The integer with major type 1, i.e. {@code -1 - argument}, argument read as unsigned 64-bit.
   */
  public static CborInteger negative(long argument) {
    return new CborInteger(true, argument);
  }

  public boolean isNegative() {
    return negative;
  }

  /**
   * The head argument: the value for non-negative integers, {@code -1 - value} for negative ones.
   */
  public long argument() {
    return argument;
  }

  /** Whether the value lies in the range of {@code long}. */
  public boolean fitsLong() {
    return argument >= 0;
  }

  /**
   * The value as a {@code long}.
   *
   * @throws ArithmeticException when the value does not fit in a {@code long}
   */
  public long longValueExact() {
    if (argument < 0) {
      throw new ArithmeticException("CBOR integer " + bigIntegerValue() + " does not fit a long");
    }
    return negative ? -1 - argument : argument;
  }

  public BigInteger bigIntegerValue() {
    BigInteger unsigned =
        argument >= 0
            ? BigInteger.valueOf(argument)
            : BigInteger.valueOf(argument & Long.MAX_VALUE).setBit(63);
    return negative ? BigInteger.ONE.negate().subtract(unsigned) : unsigned;
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof CborInteger other
        && negative == other.negative
        && argument == other.argument;
  }

  @Override
  public int hashCode() {
    return Long.hashCode(argument) * 31 + (negative ? 1 : 0);
  }

  @Override
  public String toString() {
    return bigIntegerValue().toString();
  }
}
