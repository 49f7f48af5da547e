package dev.proofofcompute.arena;

import java.util.List;
import java.util.Optional;
import org.jspecify.annotations.Nullable;

/**
 * The outcome of one arena scenario: one behaviour against one scheme's policy on one workload, run
 * {@code runs} times.
 *
 * @param scheme the scheme name, e.g. {@code replication}
 * @param policy the scheme's parameters in short, e.g. {@code k=5 q=3}
 * @param workload the workload name, e.g. {@code matmul-f64}
 * @param behaviour the adversary's {@link Behaviour#label()}, {@code honest} for honest scenarios
 * @param expectation what the policy says must happen, in words
 * @param runs runs of the scenario
 * @param cheatingRuns runs in which the adversary actually cheated (its submission was not the
 *     honest one, or was not its own work); 0 in honest scenarios
 * @param caught cheating runs whose cheater was {@code Rejected}
 * @param escaped cheating runs whose cheater was {@code Accepted}
 * @param inconclusive cheating runs whose cheater was {@code Inconclusive}
 * @param honestVerdicts verdicts given to honest providers across the runs
 * @param falsePositives honest providers {@code Rejected}; zero unless a colluding quorum outvotes
 *     them, which {@code expectation} then says
 * @param detection empirical against theoretical detection; absent when there was no cheating run
 * @param cost verification against execution cost
 * @param metrics scheme-specific figures
 */
public record ScenarioResult(
    String scheme,
    String policy,
    String workload,
    String behaviour,
    String expectation,
    int runs,
    int cheatingRuns,
    int caught,
    int escaped,
    int inconclusive,
    int honestVerdicts,
    int falsePositives,
    @Nullable Detection detection,
    Cost cost,
    List<Metric> metrics) {
  public ScenarioResult {
    metrics = List.copyOf(metrics);
    if (caught + escaped + inconclusive != cheatingRuns) {
      throw new IllegalArgumentException(
          "caught + escaped + inconclusive must equal cheatingRuns: "
              + caught
              + " + "
              + escaped
              + " + "
              + inconclusive
              + " != "
              + cheatingRuns);
    }
  }

  /** The detection figures, when the scenario had cheating runs. */
  public Optional<Detection> detectionIfAny() {
    return Optional.ofNullable(detection);
  }

  /** The value of metric {@code name}, if the scenario reports it. */
  public Optional<Double> metric(String name) {
    return metrics.stream().filter(m -> m.name().equals(name)).map(Metric::value).findFirst();
  }
}
