package dev.proofofcompute.schemes.replication;

import dev.proofofcompute.core.scheme.SchemeParameters;
import java.time.Duration;
import java.util.Optional;
import org.jspecify.annotations.Nullable;

/**
 * The parameters of the {@code replication} scheme, validated eagerly.
 *
 * <p>An honest provider is rejected only when at least {@code quorum} other replicas agree on a
 * different answer: a wrong answer wins only if {@code quorum} providers submit it together, so the
 * policy withstands up to {@code quorum - 1} colluders among the replicas of a task. With {@code
 * replicas = 3, quorum = 2} two colluders win; with {@code replicas = 5, quorum = 3} they lose.
 *
 * @param replicas providers that run the task, {@code 1..}{@value #MAX_REPLICAS}
 * @param quorum agreeing replicas needed to decide, a strict majority: {@code replicas / 2 < quorum
 *     <= replicas}, so that two disjoint groups can never both reach it
 * @param tolerance how FLOATING outputs are compared; required for FLOATING workloads and refused
 *     for EXACT ones (those are compared byte for byte)
 * @param adaptive adaptive-replication settings
 * @param commitWindow how long commitments are collected after the round opens
 * @param revealWindow how long reveals are collected after the commit phase ends
 */
public record ReplicationParameters(
    int replicas,
    int quorum,
    @Nullable FloatTolerance tolerance,
    AdaptiveSettings adaptive,
    Duration commitWindow,
    Duration revealWindow)
    implements SchemeParameters {
  public static final int MAX_REPLICAS = 64;
  static final Duration MAX_WINDOW = Duration.ofDays(7);

  public ReplicationParameters {
    if (replicas < 1 || replicas > MAX_REPLICAS) {
      throw new IllegalArgumentException("replicas is in 1.." + MAX_REPLICAS + ", got " + replicas);
    }
    if (2 * quorum <= replicas || quorum > replicas) {
      throw new IllegalArgumentException(
          "the quorum is a strict majority of the replicas (replicas/2 < quorum <= replicas), got"
              + " quorum "
              + quorum
              + " of "
              + replicas);
    }
    checkWindow("commit", commitWindow);
    checkWindow("reveal", revealWindow);
  }

  private static void checkWindow(String what, Duration window) {
    if (window.isNegative() || window.isZero() || window.compareTo(MAX_WINDOW) > 0) {
      throw new IllegalArgumentException(
          "the " + what + " window is positive and at most " + MAX_WINDOW + ", got " + window);
    }
  }

  /** Parameters for a workload with EXACT outputs. */
  public static ReplicationParameters exact(
      int replicas,
      int quorum,
      AdaptiveSettings adaptive,
      Duration commitWindow,
      Duration revealWindow) {
    return new ReplicationParameters(replicas, quorum, null, adaptive, commitWindow, revealWindow);
  }

  /** Parameters for a workload with FLOATING outputs. */
  public static ReplicationParameters floating(
      int replicas,
      int quorum,
      FloatTolerance tolerance,
      AdaptiveSettings adaptive,
      Duration commitWindow,
      Duration revealWindow) {
    return new ReplicationParameters(
        replicas, quorum, tolerance, adaptive, commitWindow, revealWindow);
  }

  /** The float tolerance, present for FLOATING workloads. */
  public Optional<FloatTolerance> floatTolerance() {
    return Optional.ofNullable(tolerance);
  }

  @Override
  public String scheme() {
    return ReplicationScheme.NAME;
  }
}
