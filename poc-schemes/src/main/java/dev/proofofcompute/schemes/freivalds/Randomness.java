package dev.proofofcompute.schemes.freivalds;

/** Interim source of challenge randomness until crypto's RandomSource is merged. */
@FunctionalInterface
public interface Randomness {
  /** A uniform value in {@code [0, bound)}. */
  long nextLong(long bound);
}
