package dev.proofofcompute.schemes.spotcheck;

/**
 * The Wilson score interval for a binomial proportion (E. B. Wilson, "Probable Inference, the Law
 * of Succession, and Statistical Inference", JASA 22 (1927) 209–212), used to compare empirical
 * detection rates with the exact theory.
 */
public record BinomialInterval(double low, double high) {
  /** The two-sided 99% normal quantile. */
  public static final double Z_99 = 2.5758293035489004;

  /** The 99% Wilson interval for {@code successes} out of {@code trials}. */
  public static BinomialInterval wilson99(long successes, long trials) {
    double n = trials;
    double p = successes / n;
    double z2 = Z_99 * Z_99;
    double centre = (p + z2 / (2 * n)) / (1 + z2 / n);
    double half = Z_99 / (1 + z2 / n) * Math.sqrt(p * (1 - p) / n + z2 / (4 * n * n));
    return new BinomialInterval(Math.max(0, centre - half), Math.min(1, centre + half));
  }

  public boolean contains(double value) {
    return low <= value && value <= high;
  }
}
