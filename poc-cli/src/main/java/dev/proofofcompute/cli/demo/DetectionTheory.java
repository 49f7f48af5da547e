package dev.proofofcompute.cli.demo;

import dev.proofofcompute.schemes.economics.CheatingEconomics;
import java.util.List;

/**
 * What the policies' theory says about catching one cheating submission, for the behaviours the
 * demo's workers run. The probabilities are <em>conditional on the submission being wrong</em>,
 * because that is how the report counts a cheating submission (docs/demo.md, "Ground truth"): a
 * lazy provider that happened to fake nothing is not counted.
 *
 * <ul>
 *   <li>spot-check, {@code lazy:F}: each of the {@code M = N + c} positions is faked independently
 *       with probability {@code F}; the check opens {@code p = s + c} distinct positions. {@code
 *       P(caught | ≥1 fake) = 1 - ((1-F)^p - (1-F)^M) / (1 - (1-F)^M)}.
 *   <li>spot-check, {@code grinder:F}: fakes as {@code lazy:F}, but keeps the first commitment
 *       whose <em>predicted</em> samples {@code D} (a naive Fiat–Shamir guess, {@code |D| = p})
 *       hold no fake. The real opened set {@code O} is independent of {@code D}, so with {@code j =
 *       |O ∩ D|} hypergeometric, {@code P(escape, ≥1 fake) = E[(1-F)^(p-j)] - (1-F)^(M-p)}:
 *       grinding buys only what the fewer fakes of a dodging attempt give, not a dodge of the real
 *       samples.
 *   <li>spot-check, {@code wrong}: every item is faked; caught whenever {@code p ≥ 1}.
 *   <li>replication ({@code k} replicas, quorum {@code q}): a wrong replica escapes iff {@code q}
 *       replicas return the same wrong output ({@link CheatingEconomics#replicationEscape}); the
 *       demo's cheaters make distinct wrong values unless they collude, so {@code γ} is the share
 *       of the other providers in the largest colluding group.
 *   <li>freivalds ({@code r} exact rounds over GF(2^61 - 1)): escape {@code ≤ 2^-61r}; STARK: the
 *       conjectured soundness error; bisection against an honest replica: a wrong step is always
 *       located and re-executed. These are 1 in double precision.
 * </ul>
 */
public final class DetectionTheory {
  private DetectionTheory() {}

  /**
   * The probability that {@code behaviour}'s wrong submission is caught under {@code scheme} with
   * the demo's policies ({@link DemoJobs}).
   *
   * @param colluding the share of other providers that would return the same wrong output
   */
  public static double caught(String scheme, String behaviour, double colluding) {
    double f = fraction(behaviour);
    boolean itemCheat = behaviour.startsWith("lazy:") || behaviour.startsWith("grinder");
    return switch (scheme) {
      case "spot-check" -> {
        int m = DemoJobs.ITEMS + DemoJobs.CANARIES;
        int p = DemoJobs.SAMPLES + DemoJobs.CANARIES;
        if (!itemCheat) {
          yield 1.0;
        }
        yield behaviour.startsWith("grinder")
            ? spotCheckGrinder(m, p, p, f)
            : spotCheckLazy(m, p, f);
      }
      case "replication" ->
          1.0 - CheatingEconomics.replicationEscape(3, 2, Math.min(1.0, Math.max(0.0, colluding)));
      default -> 1.0;
    };
  }

  /** The faked fraction of {@code lazy:F} / {@code grinder[:F]} (grinder default 0.2), else 1. */
  static double fraction(String behaviour) {
    if (behaviour.startsWith("lazy:") || behaviour.startsWith("grinder:")) {
      return Double.parseDouble(behaviour.substring(behaviour.indexOf(':') + 1));
    }
    if (behaviour.equals("grinder")) {
      return 0.2;
    }
    return 1.0;
  }

  /**
   * {@code P(caught | ≥1 fake)} for independent fakes at rate {@code f}, {@code p} of {@code m}.
   */
  public static double spotCheckLazy(int m, int p, double f) {
    double cheated = 1 - Math.pow(1 - f, m);
    if (cheated <= 0) {
      return 1.0;
    }
    double escapeAndCheated = Math.pow(1 - f, p) - Math.pow(1 - f, m);
    return 1 - escapeAndCheated / cheated;
  }

  /**
   * {@code P(caught | ≥1 fake)} for a grinder that dodged a predicted set of {@code d} positions,
   * the real check opening {@code p} of {@code m}.
   */
  public static double spotCheckGrinder(int m, int p, int d, double f) {
    double cheated = 1 - Math.pow(1 - f, m - d);
    if (cheated <= 0) {
      return 1.0;
    }
    double expected = 0;
    for (int j = 0; j <= Math.min(p, d); j++) {
      expected += hypergeometric(m, d, p, j) * Math.pow(1 - f, p - j);
    }
    double escapeAndCheated = expected - Math.pow(1 - f, m - d);
    return 1 - Math.max(0, escapeAndCheated) / cheated;
  }

  /**
   * {@code P(|O ∩ D| = j)} for a uniform {@code p}-subset {@code O} of {@code m}, {@code |D| = d}.
   */
  static double hypergeometric(int m, int d, int p, int j) {
    if (j > d || p - j > m - d || j < 0) {
      return 0;
    }
    return Math.exp(logChoose(d, j) + logChoose(m - d, p - j) - logChoose(m, p));
  }

  private static double logChoose(int n, int k) {
    double s = 0;
    for (int i = 0; i < k; i++) {
      s += Math.log(n - i) - Math.log(i + 1);
    }
    return s;
  }

  /**
   * {@code P(X ≤ observed)} for {@code X} the number caught among submissions caught independently
   * with probabilities {@code p} (a Poisson binomial): the one-sided p-value of "the system catches
   * less often than its theory says".
   */
  public static double lowerTail(List<Double> p, int observed) {
    double[] dist = new double[p.size() + 1];
    dist[0] = 1;
    for (int i = 0; i < p.size(); i++) {
      double q = p.get(i);
      for (int k = i + 1; k >= 0; k--) {
        double stay = dist[k] * (1 - q);
        double move = k > 0 ? dist[k - 1] * q : 0;
        dist[k] = stay + move;
      }
    }
    double tail = 0;
    for (int k = 0; k <= Math.min(observed, p.size()); k++) {
      tail += dist[k];
    }
    return Math.min(1.0, tail);
  }

  /**
   * Detection vs checks for the chart: for spot-check, {@code P(caught | cheated)} of {@code
   * lazy:F} against the number of opened positions {@code 1..m}.
   */
  public static double[] spotCheckCurve(int m, double f) {
    double[] out = new double[m];
    for (int p = 1; p <= m; p++) {
      out[p - 1] = spotCheckLazy(m, p, f);
    }
    return out;
  }
}
