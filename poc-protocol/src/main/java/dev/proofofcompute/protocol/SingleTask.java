package dev.proofofcompute.protocol;

import dev.proofofcompute.core.scheme.Verdict;
import dev.proofofcompute.crypto.Bytes;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * {@link SchemeProtocol#decide} for the schemes that run one task per job (spot-check, freivalds,
 * stark, tee): each task's final check is its verdict, and the output of the first verified task is
 * the job's result.
 */
final class SingleTask {
  private SingleTask() {}

  static JobDecision decide(List<SchemeProtocol.TaskOutcome> tasks) {
    Map<String, Verdict> verdicts = new LinkedHashMap<>();
    Optional<Bytes> result = Optional.empty();
    for (SchemeProtocol.TaskOutcome t : tasks) {
      Verdict v =
          switch (t.check()) {
            case TaskCheck.Verified ok -> Verdict.accepted(ok.detail());
            case TaskCheck.Failed f -> f.verdict();
            case TaskCheck.NeedsValidation n ->
                Verdict.inconclusive("validation never completed: " + n.detail());
            case TaskCheck.Unresolved u -> Verdict.inconclusive(u.detail());
          };
      if (t.check() instanceof TaskCheck.Verified ok && result.isEmpty()) {
        result = Optional.of(ok.output());
      }
      verdicts.put(t.taskId(), v);
    }
    return new JobDecision.Decided(verdicts, result);
  }

  static TaskCheck failed(Verdict.Reason reason, @org.jspecify.annotations.Nullable String detail) {
    return new TaskCheck.Failed(new Verdict.Rejected(reason, String.valueOf(detail)));
  }
}
