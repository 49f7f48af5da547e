package dev.proofofcompute.schemes.replication;

import static org.assertj.core.api.Assertions.assertThat;

import dev.proofofcompute.crypto.Bytes;
import dev.proofofcompute.crypto.Digest;
import dev.proofofcompute.crypto.identity.NodeId;
import dev.proofofcompute.crypto.random.RandomSource;
import dev.proofofcompute.crypto.time.ManualClock;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/** Test helpers: provider ids in a known order, parameters, and a whole round driven at once. */
final class Replicas {
  static final Duration WINDOW = Duration.ofMinutes(10);

  private Replicas() {}

  /** Provider {@code i}; ids sort in the order of {@code i} (0..127). */
  static NodeId provider(int i) {
    byte[] b = new byte[Digest.LENGTH];
    b[0] = (byte) i;
    b[31] = 0x5a;
    return new NodeId(Digest.of(b));
  }

  static Digest task(String name) {
    return Digest.sha256(("task " + name).getBytes(StandardCharsets.UTF_8));
  }

  static ReplicationParameters exact(int k, int q) {
    return ReplicationParameters.exact(k, q, AdaptiveSettings.alwaysReplicate(), WINDOW, WINDOW);
  }

  static ReplicationParameters adaptive(int k, int q, AdaptiveSettings adaptive) {
    return ReplicationParameters.exact(k, q, adaptive, WINDOW, WINDOW);
  }

  static ReplicationParameters floating(int k, int q, FloatTolerance tolerance) {
    return ReplicationParameters.floating(
        k, q, tolerance, AdaptiveSettings.alwaysReplicate(), WINDOW, WINDOW);
  }

  static ReplicationRound<Long> exactRound(Digest task, int k, int q, ManualClock clock) {
    return ReplicationRound.open(
        task, exact(k, q), ResultComparator.exact(SumOfSquaresWorkload.OUTPUT), clock);
  }

  static Bytes sumBytes(long value) {
    return SumOfSquaresWorkload.OUTPUT.encode(value);
  }

  static Bytes doubleBytes(double value) {
    return FloatSumWorkload.OUTPUT.encode(value);
  }

  /**
   * Runs a whole round: every provider of {@code outputs} (in its iteration order) seals and
   * commits its output, then all reveal in the same order. Returns the outcome, which must exist.
   */
  static RoundOutcome run(
      ReplicationRound<?> round, Map<NodeId, Bytes> outputs, RandomSource random)
      throws RoundRefusedException {
    List<CommittedResult> sealed = new ArrayList<>();
    for (Map.Entry<NodeId, Bytes> e : outputs.entrySet()) {
      CommittedResult r = CommittedResult.seal(round.taskId(), e.getKey(), e.getValue(), random);
      sealed.add(r);
      round.commit(r.providerId(), r.commitment());
    }
    assertThat(round.phase()).isEqualTo(ReplicationRound.Phase.REVEAL);
    for (CommittedResult r : sealed) {
      round.reveal(r.providerId(), r.salt(), r.output());
    }
    return round.outcome().orElseThrow();
  }
}
