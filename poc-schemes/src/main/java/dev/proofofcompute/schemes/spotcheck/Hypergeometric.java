package dev.proofofcompute.schemes.spotcheck;

/**
 * The hypergeometric escape probability of a spot-check: the chance that {@code draws} items drawn
 * uniformly without replacement from {@code population} items, {@code marked} of them faked, miss
 * every faked one.
 *
 * <pre>
 *   P_miss(M, F, k) = C(M - F, k) / C(M, k) = prod_{i = 0}^{k - 1} (M - F - i) / (M - i)
 * </pre>
 *
 * (Feller, "An Introduction to Probability Theory and Its Applications", vol. I, §II.6, the
 * hypergeometric distribution at zero.) Each factor is at most {@code 1 - F/M}, so {@code P_miss <=
 * (1 - F/M)^k}: sampling without replacement never misses more often than the binomial bound of
 * DESIGN.md §2. The product is evaluated in double precision, one factor at a time, with a relative
 * error of about {@code k} ulps; it underflows gracefully to 0.
 *
 * <p>This duplicates the formula that the economics package will own; kept package-private here so
 * that the spot-check scheme does not wait for it.
 */
final class Hypergeometric {
  private Hypergeometric() {}

  /**
   * {@code C(population - marked, draws) / C(population, draws)}.
   *
   * @throws IllegalArgumentException unless {@code 0 <= marked <= population} and {@code 0 <= draws
   *     <= population}
   */
  static double missProbability(long population, long marked, long draws) {
    if (population < 0 || marked < 0 || marked > population) {
      throw new IllegalArgumentException(
          "need 0 <= faked <= items, got " + marked + " faked of " + population);
    }
    if (draws < 0 || draws > population) {
      throw new IllegalArgumentException(
          "need 0 <= draws <= items, got " + draws + " draws of " + population);
    }
    if (draws > population - marked) {
      return 0.0; // pigeonhole: some draw must hit a faked item
    }
    double p = 1.0;
    for (long i = 0; i < draws; i++) {
      p *= (double) (population - marked - i) / (double) (population - i);
    }
    return p;
  }
}
