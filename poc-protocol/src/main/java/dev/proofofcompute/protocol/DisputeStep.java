package dev.proofofcompute.protocol;

import dev.proofofcompute.core.scheme.Verdict;
import dev.proofofcompute.crypto.Bytes;
import java.util.Map;

/** The next step of a dispute, from {@link SchemeProtocol#dispute}. */
public sealed interface DisputeStep permits DisputeStep.Ask, DisputeStep.Resolved {

  /** The party that ran {@code taskId} must answer {@code request} (e.g. open a checkpoint). */
  record Ask(String taskId, Bytes request) implements DisputeStep {}

  /**
   * The dispute is over: verdicts for both tasks (a party that failed to answer is handled by the
   * caller).
   */
  record Resolved(Map<String, Verdict> verdicts, String detail) implements DisputeStep {}
}
