package dev.proofofcompute.protocol;

import dev.proofofcompute.core.scheme.Verdict;
import dev.proofofcompute.crypto.Bytes;
import java.util.Map;
import java.util.Optional;

/** What {@link SchemeProtocol#decide} concludes about a job from its tasks. */
public sealed interface JobDecision
    permits JobDecision.Decided, JobDecision.MoreReplicas, JobDecision.OpenDispute {

  /**
   * Every task has its verdict (keyed by task id); {@code result} is the accepted output, empty
   * when no output could be accepted (the job then fails without a result, and its escrow is
   * refunded).
   */
  record Decided(Map<String, Verdict> verdicts, Optional<Bytes> result) implements JobDecision {}

  /**
   * The evidence so far cannot decide: run {@code additional} more replicas on distinct providers.
   */
  record MoreReplicas(int additional, String reason) implements JobDecision {}

  /** Two tasks disagree and a dispute between them decides (bisection). */
  record OpenDispute(String taskA, String taskB) implements JobDecision {}
}
