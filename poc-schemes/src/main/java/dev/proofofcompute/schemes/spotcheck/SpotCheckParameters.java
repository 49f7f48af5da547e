package dev.proofofcompute.schemes.spotcheck;

import dev.proofofcompute.core.scheme.SchemeParameters;
import dev.proofofcompute.crypto.merkle.MultiProof;
import dev.proofofcompute.schemes.economics.CheatingEconomics;
import java.math.BigDecimal;
import java.math.RoundingMode;

/**
 * The parameters of a spot-check: {@code samples} requester items recomputed by the validator, and
 * {@code canaries} items with known answers mixed into the provider's batch. Every canary is opened
 * and checked as well, so a challenge opens {@code samples + canaries} items.
 *
 * <h2>Detection probability</h2>
 *
 * The provider receives {@code M = N + c} items (N requester items, c canaries) in a secret random
 * order, so it cannot tell canaries apart, and the samples are drawn after it has committed.
 * Whatever set of {@code F} positions it fakes, the opened positions are therefore a uniformly
 * random {@code (s + c)}-subset of the {@code M} positions as far as the provider can tell (the c
 * canary positions are uniform, the s samples uniform among the rest), and it escapes exactly with
 * the hypergeometric probability
 *
 * <pre>
 *   P_escape = C(M - F, s + c) / C(M, s + c)  <=  (1 - F/M)^(s + c)
 * </pre>
 *
 * See {@link #detectionProbability} and {@code docs/schemes.md}, section "Spot-check".
 */
public record SpotCheckParameters(int samples, int canaries) implements SchemeParameters {
  /** The scheme name, as in policies and on the wire. */
  public static final String SCHEME = "spot-check";

  /** The most items one challenge may open: the limit of one batch Merkle proof. */
  public static final int MAX_OPENED = MultiProof.MAX_INDICES;

  public SpotCheckParameters {
    if (samples < 0 || canaries < 0) {
      throw new IllegalArgumentException(
          "samples and canaries must not be negative, got " + samples + " and " + canaries);
    }
    if ((long) samples + canaries < 1 || (long) samples + canaries > MAX_OPENED) {
      throw new IllegalArgumentException(
          "samples + canaries must be in 1.." + MAX_OPENED + ", got " + samples + " + " + canaries);
    }
  }

  @Override
  public String scheme() {
    return SCHEME;
  }

  /** The items one challenge opens: {@code samples + canaries}. */
  public int opened() {
    return samples + canaries;
  }

  /**
   * The size {@code M = itemCount + canaries} of the provider's batch for a requester batch of
   * {@code itemCount} items.
   *
   * @throws IllegalArgumentException if {@code itemCount < samples} (a spot-check samples without
   *     replacement) or the batch would not fit in an {@code int}
   */
  public int batchSize(int itemCount) {
    if (itemCount < 1 || itemCount < samples) {
      throw new IllegalArgumentException(
          "a batch of " + itemCount + " items cannot supply " + samples + " distinct samples");
    }
    if ((long) itemCount + canaries > Integer.MAX_VALUE) {
      throw new IllegalArgumentException(
          itemCount + " items and " + canaries + " canaries do not fit in one batch");
    }
    return itemCount + canaries;
  }

  /**
   * The exact probability that a provider faking {@code faked} of the {@code itemCount + canaries}
   * positions of its batch is caught: {@code 1 - C(M - F, s + c) / C(M, s + c)}.
   *
   * @throws IllegalArgumentException if {@code itemCount < samples} or {@code faked} is not in
   *     {@code 0..M}
   */
  public double detectionProbability(int itemCount, long faked) {
    return 1.0 - escapeProbability(itemCount, faked);
  }

  /** {@code 1 - }{@link #detectionProbability}: the chance that every faked item goes unopened. */
  public double escapeProbability(int itemCount, long faked) {
    int m = batchSize(itemCount);
    return CheatingEconomics.escapeWithoutReplacement(m, faked, opened());
  }

  /**
   * The fewest faked positions that make up at least a fraction {@code fraction} of a batch of
   * {@code batchSize}: {@code ceil(fraction * batchSize)}, computed exactly on the decimal value of
   * {@code fraction} (so {@code 0.1} of 1100 is 110, not 111).
   *
   * @throws IllegalArgumentException unless {@code 0 < fraction <= 1} and {@code batchSize >= 0}
   */
  public static long fakedItems(long batchSize, double fraction) {
    checkFraction(fraction);
    if (batchSize < 0) {
      throw new IllegalArgumentException("negative batch size " + batchSize);
    }
    return BigDecimal.valueOf(fraction)
        .multiply(BigDecimal.valueOf(batchSize))
        .setScale(0, RoundingMode.CEILING)
        .longValueExact();
  }

  /**
   * Parameters that catch a provider faking at least a fraction {@code fakedFraction} of its batch
   * with probability at least {@code targetDetection}, for <b>every</b> batch size: the fewest
   * opened items {@code k = s + c} with {@code (1 - f)^k <= 1 - target}, which bounds the
   * hypergeometric escape probability from above. For {@code f = 0.1} and a target of {@code 0.999}
   * that is {@code k = 66}. The requester batch must still hold at least {@code samples} items; for
   * small batches {@link #forTarget(int, double, double, int)} needs fewer samples.
   *
   * @throws IllegalArgumentException unless {@code 0 < fakedFraction <= 1}, {@code 0 <
   *     targetDetection < 1} and {@code canaries >= 0}, or if more than {@link #MAX_OPENED} items
   *     would be needed
   */
  public static SpotCheckParameters forTarget(
      double fakedFraction, double targetDetection, int canaries) {
    checkFraction(fakedFraction);
    checkTarget(targetDetection);
    checkCanaries(canaries);
    long draws = binomialDraws(fakedFraction, 1.0 - targetDetection);
    return new SpotCheckParameters((int) Math.max(0, draws - canaries), canaries);
  }

  /**
   * The fewest samples that catch a provider faking at least a fraction {@code fakedFraction} of a
   * batch of {@code itemCount + canaries} items with probability at least {@code targetDetection},
   * by the exact hypergeometric formula with {@code F = }{@link #fakedItems}{@code (M, f)}; the
   * probability grows with F, so any larger fraction is caught at least as often. Always exists:
   * opening everything ({@code s = N}) catches any {@code F >= 1}.
   *
   * @throws IllegalArgumentException unless {@code itemCount >= 1}, {@code 0 < fakedFraction <= 1},
   *     {@code 0 < targetDetection < 1} and {@code canaries >= 0}
   */
  public static SpotCheckParameters forTarget(
      int itemCount, double fakedFraction, double targetDetection, int canaries) {
    checkFraction(fakedFraction);
    checkTarget(targetDetection);
    checkCanaries(canaries);
    if (itemCount < 1) {
      throw new IllegalArgumentException("a batch has at least one item, got " + itemCount);
    }
    long m = (long) itemCount + canaries;
    long faked = fakedItems(m, fakedFraction);
    double allowedMiss = 1.0 - targetDetection;
    // The escape probability falls as s grows: binary search for the first s that meets the target.
    int lo = canaries == 0 ? 1 : 0;
    int hi = itemCount;
    while (lo < hi) {
      int mid = lo + (hi - lo) / 2;
      if (CheatingEconomics.escapeWithoutReplacement(m, faked, (long) mid + canaries)
          <= allowedMiss) {
        hi = mid;
      } else {
        lo = mid + 1;
      }
    }
    return new SpotCheckParameters(lo, canaries);
  }

  /** The least k >= 1 with (1 - f)^k <= miss. */
  private static long binomialDraws(double f, double miss) {
    if (f == 1.0) {
      return 1;
    }
    double q = 1.0 - f;
    double estimate = Math.ceil(Math.log(miss) / Math.log(q));
    if (!(estimate <= MAX_OPENED)) {
      throw new IllegalArgumentException(
          "catching a fraction "
              + f
              + " with probability "
              + (1.0 - miss)
              + " needs more than "
              + MAX_OPENED
              + " opened items");
    }
    long k = Math.max(1, (long) estimate);
    // Settle rounding of the logarithms against the defining inequality itself.
    while (Math.pow(q, (double) k) > miss) {
      k++;
    }
    while (k > 1 && Math.pow(q, (double) (k - 1)) <= miss) {
      k--;
    }
    if (k > MAX_OPENED) {
      throw new IllegalArgumentException("needs more than " + MAX_OPENED + " opened items");
    }
    return k;
  }

  private static void checkFraction(double fraction) {
    if (!(fraction > 0.0 && fraction <= 1.0)) {
      throw new IllegalArgumentException("a faked fraction is in (0, 1], got " + fraction);
    }
  }

  private static void checkTarget(double target) {
    if (!(target > 0.0 && target < 1.0)) {
      throw new IllegalArgumentException("a target detection is in (0, 1), got " + target);
    }
  }

  private static void checkCanaries(int canaries) {
    if (canaries < 0 || canaries >= MAX_OPENED) {
      throw new IllegalArgumentException("canaries must be in 0.." + (MAX_OPENED - 1));
    }
  }
}
