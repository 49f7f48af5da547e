package dev.proofofcompute.schemes.bisection;

import dev.proofofcompute.core.scheme.SchemeParameters;

/**
 * The parameters of the {@code bisection} scheme, validated eagerly.
 *
 * <p>Checkpoints: a party commits to the state hash after every {@code checkpointInterval} steps.
 * For a run of {@code T} steps there are {@code n + 1} checkpoints, {@code n = ceil(T / k)}, and
 * checkpoint {@code i} is the state after step {@code min(i * k, T)}: checkpoint 0 is the initial
 * state, checkpoint {@code n} the final one, and the last interval may be shorter than {@code k}.
 * With {@code k = 1} every state {@code h_0 .. h_T} is committed. A larger {@code k} makes the
 * commitment {@code k} times smaller and a dispute about {@code log2 k} rounds shorter, but the
 * referee then re-executes up to {@code k} steps instead of one.
 *
 * @param checkpointInterval steps between committed states, {@code 1..}{@value
 *     #MAX_CHECKPOINT_INTERVAL}
 * @param auditSegmentLength checkpoint intervals re-executed by one single-party audit, {@code
 *     1..}{@value #MAX_AUDIT_SEGMENT_LENGTH}; an audit re-executes at most {@code
 *     auditSegmentLength * checkpointInterval} steps
 * @param auditProbability the probability that a validator audits a task, in {@code (0, 1]}; never
 *     zero, so that even the most trusted provider is checked now and then
 */
public record BisectionParameters(
    int checkpointInterval, int auditSegmentLength, double auditProbability)
    implements SchemeParameters {
  public static final int MAX_CHECKPOINT_INTERVAL = 1 << 20;
  public static final int MAX_AUDIT_SEGMENT_LENGTH = 1 << 20;

  public BisectionParameters {
    if (checkpointInterval < 1 || checkpointInterval > MAX_CHECKPOINT_INTERVAL) {
      throw new IllegalArgumentException(
          "the checkpoint interval is in 1.."
              + MAX_CHECKPOINT_INTERVAL
              + " steps, got "
              + checkpointInterval);
    }
    if (auditSegmentLength < 1 || auditSegmentLength > MAX_AUDIT_SEGMENT_LENGTH) {
      throw new IllegalArgumentException(
          "the audit segment length is in 1.."
              + MAX_AUDIT_SEGMENT_LENGTH
              + " checkpoint intervals, got "
              + auditSegmentLength);
    }
    if (!(auditProbability > 0.0 && auditProbability <= 1.0)) {
      throw new IllegalArgumentException(
          "the audit probability is in (0, 1], got " + auditProbability);
    }
  }

  /**
   * The number of checkpoint intervals {@code n = ceil(steps / k)} of a run of {@code steps} steps;
   * the commitment has {@code n + 1} leaves.
   *
   * @throws IllegalArgumentException if {@code steps < 1} or the commitment would have more than
   *     {@code 2^31 - 1} leaves
   */
  public int intervals(int steps) {
    if (steps < 1) {
      throw new IllegalArgumentException("a run has at least one step, got " + steps);
    }
    int n = (int) ((steps + (long) checkpointInterval - 1) / checkpointInterval);
    if (n == Integer.MAX_VALUE) {
      throw new IllegalArgumentException(
          "a run of " + steps + " steps has too many checkpoints for one commitment");
    }
    return n;
  }

  /**
   * The step after which checkpoint {@code checkpoint} of a run of {@code steps} steps is taken.
   */
  public int checkpointStep(int checkpoint, int steps) {
    int n = intervals(steps);
    if (checkpoint < 0 || checkpoint > n) {
      throw new IndexOutOfBoundsException(
          "checkpoint " + checkpoint + " outside 0.." + n + " for " + steps + " steps");
    }
    return (int) Math.min((long) checkpoint * checkpointInterval, steps);
  }

  @Override
  public String scheme() {
    return BisectionScheme.NAME;
  }
}
