package dev.proofofcompute.protocol;

import dev.proofofcompute.crypto.Bytes;
import java.util.List;

/**
 * A scheme whose whole check runs in the coordinator on one task's own evidence (Freivalds, STARK,
 * TEE): it hands no work to validators, decides a job from its single task, and never opens a
 * dispute. The shared answers to those three questions live here once.
 */
interface CheckedInCoordinator extends SchemeProtocol {
  @Override
  default Bytes validate(JobSpec job, Bytes work) throws ProtocolException {
    throw new ProtocolException(scheme() + " is checked in the coordinator: no validator work");
  }

  @Override
  default TaskCheck completeValidation(
      TaskSpec task,
      ProviderInfo provider,
      Bytes commitment,
      Bytes challenge,
      Bytes response,
      Bytes work,
      Bytes validatorReport) {
    return new TaskCheck.Unresolved(scheme() + " hands no work to validators");
  }

  @Override
  default JobDecision decide(JobSpec job, List<TaskOutcome> tasks) {
    return SingleTask.decide(tasks);
  }

  @Override
  default DisputeStep dispute(
      JobSpec job, TaskOutcome a, TaskOutcome b, List<DisputeAnswer> answers) {
    throw new UnsupportedOperationException(scheme() + " never opens a dispute");
  }
}
