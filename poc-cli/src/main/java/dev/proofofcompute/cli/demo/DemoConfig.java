package dev.proofofcompute.cli.demo;

import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * How a demo network runs.
 *
 * @param seed the root seed: job inputs, node keys, the cheaters' choices and the coordinator's
 *     challenge randomness derive from it (which worker leases which task depends on timing, so two
 *     runs with one seed agree on every input and cheat, not on every assignment)
 * @param workers the worker processes
 * @param jobsPerWorkload per scheme, how many jobs to submit for each workload the scheme applies
 *     to (0 leaves the scheme out)
 * @param lease the coordinator's lease duration (a crashed worker's task is reassigned after it)
 * @param timeout how long to wait for every job to end before the report says which did not
 */
public record DemoConfig(
    long seed,
    List<WorkerSpec> workers,
    Map<String, Integer> jobsPerWorkload,
    Duration lease,
    Duration timeout) {

  /** The default mix: eight workers, five of them honest providers or validators. */
  public static final String DEFAULT_MIX =
      "honest*2,honest@both,wrong,lazy:0.2,grinder:0.2,honest@validator,lazy-validator";

  /** The default seed. */
  public static final long DEFAULT_SEED = 20261127L;

  public DemoConfig {
    workers = List.copyOf(workers);
    jobsPerWorkload = java.util.Collections.unmodifiableMap(new LinkedHashMap<>(jobsPerWorkload));
    if (workers.stream().map(WorkerSpec::name).distinct().count() != workers.size()) {
      throw new IllegalArgumentException("worker names must be distinct");
    }
    if (workers.stream().noneMatch(WorkerSpec::provider)) {
      throw new IllegalArgumentException("the mix needs at least one provider");
    }
    for (Map.Entry<String, Integer> e : jobsPerWorkload.entrySet()) {
      if (e.getValue() < 0 || e.getValue() > 1000) {
        throw new IllegalArgumentException(
            "jobs per workload for " + e.getKey() + " must be 0..1000, got " + e.getValue());
      }
    }
    if (lease.compareTo(Duration.ofSeconds(1)) < 0 || timeout.isNegative() || timeout.isZero()) {
      throw new IllegalArgumentException("the lease must be >= 1 s and the timeout positive");
    }
  }

  /**
   * The default run (about a hundred jobs): spot-checks weighted up so that the lazy and grinding
   * providers meet enough samples to measure a detection rate.
   */
  public static DemoConfig defaults() {
    return new DemoConfig(
        DEFAULT_SEED,
        WorkerSpec.parseMix(DEFAULT_MIX),
        defaultJobs(1),
        Duration.ofSeconds(6),
        Duration.ofSeconds(150));
  }

  /** Jobs per workload for each scheme, times {@code scale}. */
  static Map<String, Integer> defaultJobs(int scale) {
    Map<String, Integer> m = new LinkedHashMap<>();
    m.put("replication", 2 * scale);
    m.put("spot-check", 12 * scale);
    m.put("freivalds", 3 * scale);
    m.put("bisection", 2 * scale);
    m.put("stark", 2 * scale);
    m.put("tee", 1 * scale);
    return m;
  }

  public DemoConfig withSeed(long s) {
    return new DemoConfig(s, workers, jobsPerWorkload, lease, timeout);
  }

  public DemoConfig withWorkers(List<WorkerSpec> w) {
    return new DemoConfig(seed, w, jobsPerWorkload, lease, timeout);
  }

  public DemoConfig withJobsPerWorkload(Map<String, Integer> j) {
    return new DemoConfig(seed, workers, j, lease, timeout);
  }

  public DemoConfig withTimeout(Duration t) {
    return new DemoConfig(seed, workers, jobsPerWorkload, lease, t);
  }

  /** Every scheme's job count multiplied by {@code factor} (at least one job where it was >0). */
  public DemoConfig scaledJobs(double factor) {
    Map<String, Integer> m = new LinkedHashMap<>();
    jobsPerWorkload.forEach(
        (k, v) -> m.put(k, v == 0 ? 0 : Math.max(1, (int) Math.round(v * factor))));
    return withJobsPerWorkload(m);
  }
}
