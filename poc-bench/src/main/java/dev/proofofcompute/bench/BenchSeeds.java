package dev.proofofcompute.bench;

/** The fixed seed of the scheme benchmarks' data: every run times the same inputs. */
final class BenchSeeds {
  static final long SEED = 20261127L;

  private BenchSeeds() {}
}
