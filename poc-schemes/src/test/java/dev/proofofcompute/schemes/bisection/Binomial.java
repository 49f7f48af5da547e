package dev.proofofcompute.schemes.bisection;

/** Exact binomial acceptance intervals for the statistical tests. */
final class Binomial {
  private Binomial() {}

  /**
   * The two-sided acceptance interval {@code [lo, hi]} for the number of successes in {@code n}
   * Bernoulli(p) trials at level {@code 1 - alpha}: {@code P(X < lo) <= alpha/2} and {@code P(X >
   * hi) <= alpha/2}, from the exact probability mass function.
   */
  static long[] interval(int n, double p, double alpha) {
    double[] pmf = new double[n + 1];
    if (p <= 0) {
      return new long[] {0, 0};
    }
    if (p >= 1) {
      return new long[] {n, n};
    }
    double logP = Math.log(p);
    double logQ = Math.log1p(-p);
    double logC = 0; // log C(n, 0)
    for (int k = 0; k <= n; k++) {
      if (k > 0) {
        logC += Math.log((double) (n - k + 1) / k);
      }
      pmf[k] = Math.exp(logC + k * logP + (n - k) * logQ);
    }
    double tail = 0;
    int lo = 0;
    while (lo < n && tail + pmf[lo] <= alpha / 2) {
      tail += pmf[lo];
      lo++;
    }
    tail = 0;
    int hi = n;
    while (hi > 0 && tail + pmf[hi] <= alpha / 2) {
      tail += pmf[hi];
      hi--;
    }
    return new long[] {lo, hi};
  }
}
