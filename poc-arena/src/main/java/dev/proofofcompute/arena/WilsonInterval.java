package dev.proofofcompute.arena;

/**
 * A Wilson score interval for a binomial proportion: with {@code x} successes in {@code n} trials,
 * {@code p̂ = x/n} and the normal quantile {@code z},
 *
 * <pre>
 *   centre    = (p̂ + z²/(2n)) / (1 + z²/n)
 *   halfWidth = z / (1 + z²/n) · sqrt(p̂(1-p̂)/n + z²/(4n²))
 * </pre>
 *
 * clamped to {@code [0, 1]} (E. B. Wilson, "Probable inference, the law of succession, and
 * statistical inference", JASA 22(158), 1927; recommended over the Wald interval by Brown, Cai and
 * DasGupta, "Interval estimation for a binomial proportion", Statistical Science 16(2), 2001,
 * §4.1). Unlike the Wald interval it is never empty at {@code x = 0} or {@code x = n}, which is the
 * case that matters when a scheme catches every cheat.
 *
 * @param low lower end, in {@code [0, 1]}
 * @param high upper end, in {@code [low, 1]}
 */
public record WilsonInterval(double low, double high) {
  /** The two-sided 99% normal quantile {@code Φ^-1(0.995)}. */
  public static final double Z_99 = 2.5758293035489004;

  public WilsonInterval {
    if (!(0 <= low && low <= high && high <= 1)) {
      throw new IllegalArgumentException("need 0 <= low <= high <= 1, got " + low + ", " + high);
    }
  }

  /** The 99% interval for {@code successes} out of {@code trials}. */
  public static WilsonInterval of99(long successes, long trials) {
    return of(successes, trials, Z_99);
  }

  /**
   * The interval for {@code successes} out of {@code trials} with normal quantile {@code z}.
   *
   * @throws IllegalArgumentException unless {@code 0 <= successes <= trials}, {@code trials >= 1}
   *     and {@code z > 0}
   */
  public static WilsonInterval of(long successes, long trials, double z) {
    if (trials < 1 || successes < 0 || successes > trials) {
      throw new IllegalArgumentException(
          "need 0 <= successes <= trials and trials >= 1, got " + successes + " of " + trials);
    }
    if (!(z > 0) || Double.isInfinite(z)) {
      throw new IllegalArgumentException("the quantile is positive and finite, got " + z);
    }
    double n = trials;
    double p = successes / n;
    double z2 = z * z;
    double denominator = 1 + z2 / n;
    double centre = (p + z2 / (2 * n)) / denominator;
    double half = z / denominator * Math.sqrt(p * (1 - p) / n + z2 / (4 * n * n));
    double low = successes == 0 ? 0 : Math.max(0, centre - half);
    double high = successes == trials ? 1 : Math.min(1, centre + half);
    return new WilsonInterval(Math.min(low, high), high);
  }

  /** Whether {@code p} lies in the closed interval. */
  public boolean contains(double p) {
    return low <= p && p <= high;
  }
}
