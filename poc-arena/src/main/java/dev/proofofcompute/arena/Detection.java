package dev.proofofcompute.arena;

/**
 * Empirical detection of a cheating scenario against the theory.
 *
 * @param empirical caught / cheating runs
 * @param low lower end of the 99% Wilson interval of {@code empirical}
 * @param high upper end of that interval
 * @param theoretical the detection probability the theory predicts for this policy and adversary
 * @param theorySource where {@code theoretical} comes from, e.g. {@code
 *     CheatingEconomics.escapeCanariesAndSamples(64, 4, 16, 8)}
 * @param theoryInInterval whether {@code theoretical} lies in {@code [low, high]}
 */
public record Detection(
    double empirical,
    double low,
    double high,
    double theoretical,
    String theorySource,
    boolean theoryInInterval) {

  /** The detection of {@code caught} out of {@code cheatingRuns >= 1} against {@code theory}. */
  public static Detection of(int caught, int cheatingRuns, double theory, String source) {
    WilsonInterval w = WilsonInterval.of99(caught, cheatingRuns);
    return new Detection(
        (double) caught / cheatingRuns, w.low(), w.high(), theory, source, w.contains(theory));
  }
}
