package dev.proofofcompute.arena;

import dev.proofofcompute.core.scheme.Verdict;
import java.util.ArrayList;
import java.util.List;
import org.jspecify.annotations.Nullable;

/** Accumulates the runs of one scenario into a {@link ScenarioResult}. */
final class Tally {
  private final String scheme;
  private final String policy;
  private final String workload;
  private final String behaviour;
  private final String expectation;
  private final String unit;
  private final List<Metric> metrics = new ArrayList<>();
  private int runs;
  private int cheatingRuns;
  private int caught;
  private int escaped;
  private int inconclusive;
  private int honestVerdicts;
  private int falsePositives;
  private long executionWork;
  private long verificationWork;

  Tally(
      String scheme,
      String policy,
      String workload,
      Behaviour behaviour,
      String expectation,
      String unit) {
    this.scheme = scheme;
    this.policy = policy;
    this.workload = workload;
    this.behaviour = behaviour.label();
    this.expectation = expectation;
    this.unit = unit;
  }

  void run() {
    runs++;
  }

  /** The verdict on a cheating submission. */
  void cheater(Verdict verdict) {
    cheatingRuns++;
    switch (verdict) {
      case Verdict.Rejected r -> caught++;
      case Verdict.Accepted a -> escaped++;
      case Verdict.Inconclusive i -> inconclusive++;
    }
  }

  /** The verdict on an honest provider. */
  void honest(Verdict verdict) {
    honestVerdicts++;
    if (verdict instanceof Verdict.Rejected) {
      falsePositives++;
    }
  }

  void work(long execution, long verification) {
    executionWork = Math.addExact(executionWork, execution);
    verificationWork = Math.addExact(verificationWork, verification);
  }

  void metric(String name, double value) {
    metrics.add(new Metric(name, value));
  }

  int runs() {
    return runs;
  }

  int cheatingRuns() {
    return cheatingRuns;
  }

  int caught() {
    return caught;
  }

  ScenarioResult result(double theory, String theorySource) {
    Detection d =
        cheatingRuns == 0 ? null : Detection.of(caught, cheatingRuns, theory, theorySource);
    return build(d);
  }

  /** The result of a scenario without a detection theory (honest runs only). */
  ScenarioResult honestResult() {
    if (cheatingRuns != 0) {
      throw new IllegalStateException("a scenario with cheating runs needs a theory");
    }
    return build(null);
  }

  private ScenarioResult build(@Nullable Detection d) {
    return new ScenarioResult(
        scheme,
        policy,
        workload,
        behaviour,
        expectation,
        runs,
        cheatingRuns,
        caught,
        escaped,
        inconclusive,
        honestVerdicts,
        falsePositives,
        d,
        Cost.of(unit, executionWork, verificationWork),
        metrics);
  }
}
