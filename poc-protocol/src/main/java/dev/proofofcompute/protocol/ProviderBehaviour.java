package dev.proofofcompute.protocol;

/**
 * How a provider executes: honestly, or as one of the cheaters the system must catch. Each scheme
 * defines what the cheat means for it (a wrong output; a fraction of items or steps faked).
 */
public sealed interface ProviderBehaviour
    permits ProviderBehaviour.Honest, ProviderBehaviour.Wrong, ProviderBehaviour.Lazy {

  /** Runs the workload and answers truthfully. */
  record Honest() implements ProviderBehaviour {}

  /** Returns a wrong output, and evidence made to look consistent with it where it can. */
  record Wrong(long seed) implements ProviderBehaviour {}

  /** Skips a fraction of the work (items or steps) and fakes it; {@code fraction} in (0, 1]. */
  record Lazy(double fraction, long seed) implements ProviderBehaviour {
    public Lazy {
      if (!(fraction > 0 && fraction <= 1)) {
        throw new IllegalArgumentException("lazy fraction must be in (0, 1], got " + fraction);
      }
    }
  }
}
