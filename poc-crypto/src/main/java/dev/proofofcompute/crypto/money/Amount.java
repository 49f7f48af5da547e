package dev.proofofcompute.crypto.money;

import java.math.BigInteger;
import java.util.ArrayList;
import java.util.List;

/**
 * A non-negative amount of money, held as a {@code long} count of micro-credits: {@code 1 credit =
 * 1_000_000 units} ({@link #UNITS_PER_CREDIT}). Immutable; ordered by value. Every operation is
 * exact: arithmetic that would overflow or go below zero throws {@link ArithmeticException} instead
 * of wrapping, and there is no floating point anywhere, so value is never created or lost by
 * rounding except where a method documents its rounding (floor, in {@link #mulDiv}).
 *
 * <p>The text form is decimal credits with at most six fractional digits and no trailing zeros:
 * {@code "12.5"}, {@code "0.000001"}, {@code "3"}. {@link #parse} accepts exactly the strings
 * {@code digits [ "." 1..6 digits ]}.
 */
public final class Amount implements Comparable<Amount> {
  /** Units in one credit. */
  public static final long UNITS_PER_CREDIT = 1_000_000L;

  private static final int FRACTION_DIGITS = 6;
  private static final int MAX_TEXT_LENGTH = 64;

  public static final Amount ZERO = new Amount(0);

  private final long units;

  private Amount(long units) {
    this.units = units;
  }

  /**
   * {@code units} micro-credits.
   *
   * @throws IllegalArgumentException if {@code units} is negative
   */
  public static Amount of(long units) {
    if (units < 0) {
      throw new IllegalArgumentException("an amount cannot be negative, got " + units + " units");
    }
    return units == 0 ? ZERO : new Amount(units);
  }

  /**
   * {@code credits} whole credits.
   *
   * @throws IllegalArgumentException if {@code credits} is negative
   * @throws ArithmeticException if the amount does not fit in a {@code long} of units
   */
  public static Amount ofCredits(long credits) {
    if (credits < 0) {
      throw new IllegalArgumentException("an amount cannot be negative, got " + credits);
    }
    return of(Math.multiplyExact(credits, UNITS_PER_CREDIT));
  }

  /** The value in micro-credits. */
  public long units() {
    return units;
  }

  public boolean isZero() {
    return units == 0;
  }

  /**
   * {@code this + other}.
   *
   * @throws ArithmeticException on overflow
   */
  public Amount plus(Amount other) {
    return of(Math.addExact(units, other.units));
  }

  /**
   * {@code this - other}.
   *
   * @throws ArithmeticException if the result would be negative
   */
  public Amount minus(Amount other) {
    if (other.units > units) {
      throw new ArithmeticException(
          "cannot subtract " + other + " from " + this + ": the result would be negative");
    }
    return of(units - other.units);
  }

  /**
   * {@code this * factor}.
   *
   * @throws IllegalArgumentException if {@code factor} is negative
   * @throws ArithmeticException on overflow
   */
  public Amount times(long factor) {
    if (factor < 0) {
      throw new IllegalArgumentException("cannot multiply an amount by a negative " + factor);
    }
    return of(Math.multiplyExact(units, factor));
  }

  /**
   * {@code floor(this * numerator / denominator)}, computed without intermediate overflow (the
   * product may exceed 64 bits): the share of this amount in proportion {@code numerator :
   * denominator}.
   *
   * @throws IllegalArgumentException if {@code numerator < 0} or {@code denominator <= 0}
   * @throws ArithmeticException if the result does not fit in a {@code long}
   */
  public Amount mulDiv(long numerator, long denominator) {
    if (numerator < 0) {
      throw new IllegalArgumentException("the numerator cannot be negative, got " + numerator);
    }
    if (denominator <= 0) {
      throw new IllegalArgumentException("the denominator must be positive, got " + denominator);
    }
    if (Math.multiplyHigh(units, numerator) == 0) {
      long low = units * numerator;
      if (low >= 0) {
        return of(low / denominator);
      }
    }
    BigInteger q =
        BigInteger.valueOf(units)
            .multiply(BigInteger.valueOf(numerator))
            .divide(BigInteger.valueOf(denominator));
    if (q.bitLength() > 63) {
      throw new ArithmeticException(
          this + " * " + numerator + " / " + denominator + " does not fit in a long of units");
    }
    return of(q.longValueExact());
  }

  /**
   * Splits this amount into parts proportional to {@code weights} that sum <b>exactly</b> to this
   * amount. Part {@code i} is {@code floor(this * weights[i] / sum(weights))}; the remainder left
   * by the flooring (fewer units than there are weights) goes to the <b>first</b> part, even when
   * its weight is zero. Callers who want a different tie-break order the weights accordingly.
   *
   * @throws IllegalArgumentException if there are no weights, any weight is negative, or all are
   *     zero
   * @throws ArithmeticException if the weights sum beyond {@code Long.MAX_VALUE}
   */
  public List<Amount> split(long... weights) {
    if (weights.length == 0) {
      throw new IllegalArgumentException("cannot split into zero parts");
    }
    long total = 0;
    for (long w : weights) {
      if (w < 0) {
        throw new IllegalArgumentException("a split weight cannot be negative, got " + w);
      }
      total = Math.addExact(total, w);
    }
    if (total == 0) {
      throw new IllegalArgumentException("split weights must not all be zero");
    }
    long[] parts = new long[weights.length];
    long assigned = 0;
    for (int i = 0; i < weights.length; i++) {
      parts[i] = mulDiv(weights[i], total).units;
      assigned += parts[i];
    }
    parts[0] += units - assigned;
    List<Amount> result = new ArrayList<>(parts.length);
    for (long p : parts) {
      result.add(of(p));
    }
    return List.copyOf(result);
  }

  /**
   * Parses decimal credits: one or more ASCII digits, optionally followed by a point and one to six
   * digits. No sign, exponent, grouping or whitespace.
   *
   * @throws IllegalArgumentException naming the reason when {@code text} is not such a string or
   *     the amount exceeds {@code Long.MAX_VALUE} units
   */
  public static Amount parse(String text) {
    if (text.isEmpty()) {
      throw new IllegalArgumentException("an amount cannot be empty");
    }
    if (text.length() > MAX_TEXT_LENGTH) {
      throw new IllegalArgumentException(
          "an amount has at most " + MAX_TEXT_LENGTH + " characters, got " + text.length());
    }
    if (text.charAt(0) == '-') {
      throw new IllegalArgumentException("an amount cannot be negative: \"" + text + "\"");
    }
    int point = text.indexOf('.');
    String whole = point < 0 ? text : text.substring(0, point);
    String fraction = point < 0 ? "" : text.substring(point + 1);
    if (whole.isEmpty() || !allDigits(whole)) {
      throw new IllegalArgumentException(
          "an amount is decimal credits like \"12.5\", got \"" + text + "\"");
    }
    if (point >= 0 && (fraction.isEmpty() || !allDigits(fraction))) {
      throw new IllegalArgumentException(
          "an amount needs 1 to 6 digits after the point, got \"" + text + "\"");
    }
    if (fraction.length() > FRACTION_DIGITS) {
      throw new IllegalArgumentException(
          "an amount has at most "
              + FRACTION_DIGITS
              + " fractional digits (1 unit = 0.000001 credit), got \""
              + text
              + "\"");
    }
    try {
      long credits = Long.parseLong(whole);
      long micros = fraction.isEmpty() ? 0 : Long.parseLong(fraction);
      for (int i = fraction.length(); i < FRACTION_DIGITS; i++) {
        micros *= 10;
      }
      return of(Math.addExact(Math.multiplyExact(credits, UNITS_PER_CREDIT), micros));
    } catch (NumberFormatException | ArithmeticException e) {
      throw new IllegalArgumentException("an amount is too large: \"" + text + "\"", e);
    }
  }

  private static boolean allDigits(String s) {
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      if (c < '0' || c > '9') {
        return false;
      }
    }
    return true;
  }

  @Override
  public int compareTo(Amount other) {
    return Long.compare(units, other.units);
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof Amount other && units == other.units;
  }

  @Override
  public int hashCode() {
    return Long.hashCode(units);
  }

  /** Decimal credits, at most six fractional digits, no trailing zeros: {@code "12.5"}. */
  @Override
  public String toString() {
    long credits = units / UNITS_PER_CREDIT;
    long micros = units % UNITS_PER_CREDIT;
    if (micros == 0) {
      return Long.toString(credits);
    }
    String fraction = Long.toString(micros + UNITS_PER_CREDIT).substring(1);
    int end = fraction.length();
    while (fraction.charAt(end - 1) == '0') {
      end--;
    }
    return credits + "." + fraction.substring(0, end);
  }
}
