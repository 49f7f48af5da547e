package dev.proofofcompute.stark.field;

import static dev.proofofcompute.stark.field.Goldilocks.add;
import static dev.proofofcompute.stark.field.Goldilocks.mul;

/** Polynomial evaluation by Horner's rule, coefficients in ascending order of degree. */
public final class Polynomials {
  private Polynomials() {}

  /** {@code Σ coefficients[i]·x^i} over the base field. */
  public static long evaluate(long[] coefficients, long x) {
    long acc = 0;
    for (int i = coefficients.length - 1; i >= 0; i--) {
      acc = add(mul(acc, x), coefficients[i]);
    }
    return acc;
  }

  /** A base-field polynomial at an extension point. */
  public static Ext2 evaluate(long[] coefficients, Ext2 x) {
    // Horner with split coordinates: acc = acc·x + c.
    long a0 = 0;
    long a1 = 0;
    long x0 = x.c0();
    long x1 = x.c1();
    for (int i = coefficients.length - 1; i >= 0; i--) {
      long p0 = mul(a0, x0);
      long p1 = mul(a1, x1);
      long n1 = add(mul(a0, x1), mul(a1, x0));
      a0 = add(add(p0, mul(Ext2.W, p1)), coefficients[i]);
      a1 = n1;
    }
    return Ext2.of(a0, a1);
  }

  /** An extension polynomial, given as split coordinates, at an extension point. */
  public static Ext2 evaluate(long[] coefficients0, long[] coefficients1, Ext2 x) {
    if (coefficients0.length != coefficients1.length) {
      throw new IllegalArgumentException("coordinate vectors differ in length");
    }
    Ext2 acc = Ext2.ZERO;
    for (int i = coefficients0.length - 1; i >= 0; i--) {
      acc = acc.mul(x).add(Ext2.of(coefficients0[i], coefficients1[i]));
    }
    return acc;
  }

  /** An extension polynomial at an extension point. */
  public static Ext2 evaluate(Ext2[] coefficients, Ext2 x) {
    Ext2 acc = Ext2.ZERO;
    for (int i = coefficients.length - 1; i >= 0; i--) {
      acc = acc.mul(x).add(coefficients[i]);
    }
    return acc;
  }

  /**
   * The value at {@code x} of the unique polynomial of degree below {@code xs.length} through the
   * points {@code (xs[i], ys[i])}, by Lagrange's formula; the {@code xs} must be distinct.
   */
  public static Ext2 interpolateAt(long[] xs, Ext2[] ys, Ext2 x) {
    int m = xs.length;
    if (ys.length != m) {
      throw new IllegalArgumentException("point counts differ");
    }
    Ext2 sum = Ext2.ZERO;
    for (int i = 0; i < m; i++) {
      Ext2 num = Ext2.ONE;
      long den = 1;
      for (int j = 0; j < m; j++) {
        if (j != i) {
          num = num.mul(x.sub(xs[j]));
          den = mul(den, Goldilocks.sub(xs[i], xs[j]));
        }
      }
      sum = sum.add(ys[i].mul(num).mul(Goldilocks.inv(den)));
    }
    return sum;
  }
}
