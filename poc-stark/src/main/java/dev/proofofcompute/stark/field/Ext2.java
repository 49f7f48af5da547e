package dev.proofofcompute.stark.field;

/**
 * An element {@code c0 + c1·u} of the quadratic extension {@code F_p[u]/(u^2 - 7)} of the
 * Goldilocks field, a field of about {@code 2^128} elements. Immutable.
 *
 * <p>Design: 7 generates {@code F_p^*}, so it is a quadratic non-residue and {@code u^2 - 7} is
 * irreducible (the same extension as Plonky2's {@code QuadraticExtension<GoldilocksField>}). With a
 * 64-bit base field, a challenge drawn from the base field would cap soundness near {@code 64 -
 * log2(domain)} bits; drawing the composition, out-of-domain and FRI folding challenges from this
 * extension lifts that cap to about {@code 128 - log2(domain)} bits (ethSTARK documentation, eprint
 * 2021/582, on field extensions; Winterfell's {@code FieldExtension::Quadratic}).
 */
public final class Ext2 {
  /** The non-residue {@code W} with {@code u^2 = W}. */
  public static final long W = 7;

  public static final Ext2 ZERO = new Ext2(0, 0);
  public static final Ext2 ONE = new Ext2(1, 0);

  private final long c0;
  private final long c1;

  private Ext2(long c0, long c1) {
    this.c0 = c0;
    this.c1 = c1;
  }

  /**
   * The element {@code c0 + c1·u}.
   *
   * @throws IllegalArgumentException unless both coordinates are canonical
   */
  public static Ext2 of(long c0, long c1) {
    if (!Goldilocks.isCanonical(c0) || !Goldilocks.isCanonical(c1)) {
      throw new IllegalArgumentException("extension coordinates must be canonical field elements");
    }
    return new Ext2(c0, c1);
  }

  /** The base-field element {@code a}, embedded. */
  public static Ext2 ofBase(long a) {
    if (!Goldilocks.isCanonical(a)) {
      throw new IllegalArgumentException("not a canonical field element");
    }
    return new Ext2(a, 0);
  }

  public long c0() {
    return c0;
  }

  public long c1() {
    return c1;
  }

  /** True when the element lies in the base field. */
  public boolean isBase() {
    return c1 == 0;
  }

  public Ext2 add(Ext2 o) {
    return new Ext2(Goldilocks.add(c0, o.c0), Goldilocks.add(c1, o.c1));
  }

  public Ext2 add(long base) {
    return new Ext2(Goldilocks.add(c0, base), c1);
  }

  public Ext2 sub(Ext2 o) {
    return new Ext2(Goldilocks.sub(c0, o.c0), Goldilocks.sub(c1, o.c1));
  }

  public Ext2 sub(long base) {
    return new Ext2(Goldilocks.sub(c0, base), c1);
  }

  public Ext2 neg() {
    return new Ext2(Goldilocks.neg(c0), Goldilocks.neg(c1));
  }

  public Ext2 mul(Ext2 o) {
    // (a0 + a1 u)(b0 + b1 u) = a0 b0 + W a1 b1 + (a0 b1 + a1 b0) u
    long a0b0 = Goldilocks.mul(c0, o.c0);
    long a1b1 = Goldilocks.mul(c1, o.c1);
    long cross =
        Goldilocks.sub(
            Goldilocks.sub(
                Goldilocks.mul(Goldilocks.add(c0, c1), Goldilocks.add(o.c0, o.c1)), a0b0),
            a1b1);
    return new Ext2(Goldilocks.add(a0b0, Goldilocks.mul(W, a1b1)), cross);
  }

  public Ext2 mul(long base) {
    return new Ext2(Goldilocks.mul(c0, base), Goldilocks.mul(c1, base));
  }

  public Ext2 square() {
    return mul(this);
  }

  /** {@code this^exponent}, the exponent read as unsigned. */
  public Ext2 pow(long exponent) {
    Ext2 result = ONE;
    Ext2 b = this;
    long e = exponent;
    while (e != 0) {
      if ((e & 1) != 0) {
        result = result.mul(b);
      }
      b = b.square();
      e >>>= 1;
    }
    return result;
  }

  /** The norm {@code c0^2 - W c1^2} to the base field; zero only for zero. */
  public long norm() {
    return Goldilocks.sub(Goldilocks.mul(c0, c0), Goldilocks.mul(W, Goldilocks.mul(c1, c1)));
  }

  /**
   * The inverse {@code (c0 - c1 u) / norm}.
   *
   * @throws ArithmeticException for zero
   */
  public Ext2 inv() {
    long n = norm();
    if (n == 0) {
      throw new ArithmeticException("zero has no inverse in the extension field");
    }
    long ni = Goldilocks.inv(n);
    return new Ext2(Goldilocks.mul(c0, ni), Goldilocks.mul(Goldilocks.neg(c1), ni));
  }

  /** Inverts {@code values} in place with one extension inversion (Montgomery's trick). */
  public static void batchInvert(Ext2[] values) {
    int n = values.length;
    if (n == 0) {
      return;
    }
    Ext2[] prefix = new Ext2[n];
    Ext2 acc = ONE;
    for (int i = 0; i < n; i++) {
      prefix[i] = acc;
      acc = acc.mul(values[i]);
    }
    Ext2 inv = acc.inv();
    for (int i = n - 1; i >= 0; i--) {
      Ext2 v = values[i];
      values[i] = inv.mul(prefix[i]);
      inv = inv.mul(v);
    }
  }

  /**
   * Multiplies {@code (a0[i] + a1[i] u)} by {@code (b0 + b1 u)}, writing into index {@code i} of
   * {@code out0} and {@code out1}; for hot loops over split-coordinate vectors.
   */
  public static void mulInto(long a0, long a1, long b0, long b1, long[] out0, long[] out1, int i) {
    long p0 = Goldilocks.mul(a0, b0);
    long p1 = Goldilocks.mul(a1, b1);
    out1[i] = Goldilocks.add(Goldilocks.mul(a0, b1), Goldilocks.mul(a1, b0));
    out0[i] = Goldilocks.add(p0, Goldilocks.mul(W, p1));
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof Ext2 e && e.c0 == c0 && e.c1 == c1;
  }

  @Override
  public int hashCode() {
    return Long.hashCode(c0) * 31 + Long.hashCode(c1);
  }

  @Override
  public String toString() {
    return Long.toUnsignedString(c0) + " + " + Long.toUnsignedString(c1) + "·u";
  }
}
