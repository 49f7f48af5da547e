package dev.proofofcompute.protocol;

import dev.proofofcompute.core.scheme.Verdict;
import dev.proofofcompute.crypto.Bytes;
import java.time.Instant;
import java.util.List;

/**
 * The task protocol of one verification scheme, over bytes (canonical CBOR), shared by the three
 * roles. Every method is a pure, deterministic function of its arguments, so the coordinator can
 * persist the bytes between HTTP requests, crash, restart and carry on, and an auditor can replay
 * the decisions from the log.
 *
 * <p>The life of a task: the provider runs {@link #execute} and sends {@link
 * ProviderSession#commitment()}; only then does the coordinator draw fresh randomness and derive
 * {@link #challenge}; the provider answers with {@link ProviderSession#respond}; the coordinator
 * runs {@link #check}. A check may hand re-execution to a validator ({@link
 * TaskCheck.NeedsValidation}, answered by {@link #validate} on a validator node and folded in with
 * {@link #completeValidation}). When every task of a job has a check, {@link #decide} gives each
 * task's verdict and the job's result, asks for more replicas, or opens a dispute that {@link
 * #dispute} drives step by step.
 *
 * <p>Zero false positives: a {@link Verdict.Rejected} may only come from a failed check of the
 * provider's own committed evidence (or a lost dispute); anything short of proof is {@link
 * Verdict.Inconclusive}.
 */
public interface SchemeProtocol {
  /** Bytes of a task secret ({@link #prepareTask}). */
  int SECRET_LENGTH = 32;

  /** The scheme name used in policies, e.g. {@code "spot-check"}. */
  String scheme();

  /**
   * Validates a job when it is submitted: the parameters parse (strict canonical CBOR), are in
   * range, and the scheme can verify the workload with them; the input decodes.
   *
   * @throws ProtocolException naming what is wrong
   */
  JobPlan plan(JobSpec job) throws ProtocolException;

  /**
   * Coordinator side, when it creates a task: the task the provider will run. {@code secret} is
   * fresh randomness the coordinator draws for this task ({@link #SECRET_LENGTH} bytes from a
   * secure source), stores with the task and never sends to the provider; the result is a
   * deterministic function of the arguments, so the coordinator may also store only the secret and
   * call this again. Send the provider {@link TaskSpec#forProvider()}.
   *
   * <p>Most schemes run the job's input unchanged. {@code spot-check} mixes canary items with known
   * answers into the batch at secret positions derived from {@code secret}: the canaries must be in
   * the batch before the provider executes it, and the provider must not know where they are.
   *
   * @throws ProtocolException when the job does not fit the scheme (as in {@link #plan}) or the
   *     secret is not {@link #SECRET_LENGTH} bytes
   */
  default TaskSpec prepareTask(String taskId, JobSpec job, int replica, Bytes secret)
      throws ProtocolException {
    if (secret.length() != SECRET_LENGTH) {
      throw new ProtocolException(
          "a task secret is " + SECRET_LENGTH + " bytes, got " + secret.length());
    }
    return new TaskSpec(taskId, job, replica, job.input(), secret);
  }

  /** Provider side: runs the task and prepares the commitment. */
  ProviderSession execute(TaskSpec task, ProviderContext context) throws ProtocolException;

  /**
   * Coordinator side: the challenge to a commitment, derived from {@code randomness} that the
   * coordinator drew after it stored the commitment. May be empty when the scheme asks nothing.
   *
   * @throws ProtocolException if the commitment is malformed (the task is then rejected as {@link
   *     Verdict.Reason#MALFORMED_EVIDENCE} by the caller, since the provider signed it)
   */
  Bytes challenge(TaskSpec task, ProviderInfo provider, Bytes commitment, Bytes randomness)
      throws ProtocolException;

  /** Coordinator side: checks a provider's response against its own commitment and challenge. */
  TaskCheck check(
      TaskSpec task,
      ProviderInfo provider,
      Bytes commitment,
      Bytes challenge,
      Bytes response,
      Instant asOf);

  /** Validator side: does the re-execution work a check asked for; returns the validator report. */
  Bytes validate(JobSpec job, Bytes work) throws ProtocolException;

  /** Coordinator side: folds a validator's report into the task's check. */
  TaskCheck completeValidation(
      TaskSpec task,
      ProviderInfo provider,
      Bytes commitment,
      Bytes challenge,
      Bytes response,
      Bytes work,
      Bytes validatorReport);

  /** Coordinator side: decides a job from the final checks of its tasks. */
  JobDecision decide(JobSpec job, List<TaskOutcome> tasks);

  /**
   * Coordinator side: the next step of a dispute between two tasks, replayed from the answers so
   * far (in order). Schemes without disputes throw {@link UnsupportedOperationException}, which a
   * caller never triggers because their {@link #decide} never opens one.
   */
  DisputeStep dispute(JobSpec job, TaskOutcome a, TaskOutcome b, List<DisputeAnswer> answers);

  /**
   * A task's identity, provider and final check, as {@link #decide} and {@link #dispute} see it.
   */
  record TaskOutcome(
      String taskId, int replica, ProviderInfo provider, Bytes commitment, TaskCheck check) {}

  /** One party's answer in a dispute, in the order given. */
  record DisputeAnswer(String taskId, Bytes request, Bytes answer) {}

  /** The outcome of {@link #plan}: how many replicas to execute, and the canonical parameters. */
  record JobPlan(int replicas, Bytes canonicalParameters, String summary) {}

  /** Who a provider is, as the coordinator registered it. */
  record ProviderInfo(
      dev.proofofcompute.crypto.identity.NodeId id,
      dev.proofofcompute.crypto.identity.NodePublicKey publicKey) {}
}
