package dev.proofofcompute.protocol;

import dev.proofofcompute.core.scheme.PolicyException;
import dev.proofofcompute.core.scheme.Verdict;
import dev.proofofcompute.core.workload.Workload;
import dev.proofofcompute.crypto.Bytes;
import dev.proofofcompute.crypto.DecodingException;
import dev.proofofcompute.crypto.Digest;
import dev.proofofcompute.crypto.cbor.CborMap;
import dev.proofofcompute.stark.StarkParameters;
import dev.proofofcompute.stark.scheme.AirWorkload;
import dev.proofofcompute.stark.scheme.StarkScheme;
import dev.proofofcompute.stark.scheme.StarkSchemeParameters;
import dev.proofofcompute.stark.scheme.StarkSchemeProver;
import dev.proofofcompute.stark.scheme.StarkSchemeVerifier;
import java.time.Instant;
import java.util.List;

/**
 * The {@code stark} scheme over bytes: the provider proves its output with a STARK ({@link
 * StarkSchemeProver}) and the coordinator verifies the proof in milliseconds ({@link
 * StarkSchemeVerifier}), re-executing nothing; no validator is needed.
 *
 * <ul>
 *   <li>Response, fixed at execution: {@code {"task", "output": bstr, "proof": bstr}}. Commitment:
 *       {@code {"task", "digest"}} over it ({@link CommittedResponse}). Challenge: {@code {"task"}}
 *       — the proof is non-interactive (its own Fiat–Shamir transcript binds the whole statement,
 *       input and output); the commitment only fixes the response before the coordinator answers.
 *   <li>Check: the committed response ({@code COMMITMENT_MISMATCH}), then the proof for the
 *       statement "{@code execute(input) = output}" ({@code BAD_PROOF}, {@code
 *       MALFORMED_EVIDENCE}).
 * </ul>
 *
 * <p>The workload must be an {@link AirWorkload} (e.g. {@code mimc-chain}) found through the {@link
 * WorkloadCatalog}'s one registry. Parameters (canonical CBOR map): {@code air} text (the AIR name,
 * e.g. {@code "mimc7-chain/v1"}), optional {@code blowup}, {@code queries}, {@code grinding-bits},
 * {@code folding}, {@code remainder} (defaults {@link StarkParameters#defaults()}); a policy must
 * reach {@value StarkScheme#MIN_CONJECTURED_BITS} conjectured bits.
 */
public final class StarkProtocol implements CheckedInCoordinator {
  private final WorkloadCatalog catalog;

  private StarkProtocol(WorkloadCatalog catalog) {
    this.catalog = catalog;
  }

  public static StarkProtocol create(WorkloadCatalog catalog) {
    return new StarkProtocol(catalog);
  }

  @Override
  public String scheme() {
    return StarkScheme.NAME;
  }

  public static StarkSchemeParameters decodeParameters(Bytes encoded) throws DecodingException {
    String what = "stark parameters";
    CborMap map =
        Messages.map(
            encoded,
            what,
            List.of("air"),
            List.of("blowup", "queries", "grinding-bits", "folding", "remainder"));
    StarkParameters d = StarkParameters.defaults();
    try {
      StarkParameters p =
          new StarkParameters(
              opt(map, "blowup", d.blowupFactor(), what),
              opt(map, "queries", d.queries(), what),
              opt(map, "grinding-bits", d.grindingBits(), what),
              opt(map, "folding", d.foldingFactor(), what),
              d.extensionDegree(),
              opt(map, "remainder", d.maxRemainderLength(), what));
      return new StarkSchemeParameters(p, map.getText("air"));
    } catch (IllegalArgumentException e) {
      throw new DecodingException(what + ": " + e.getMessage(), e);
    }
  }

  private static int opt(CborMap map, String key, int fallback, String what)
      throws DecodingException {
    return map.get(key).isPresent() ? Messages.intIn(map, key, what, 0, 1 << 16) : fallback;
  }

  public static Bytes encodeParameters(StarkSchemeParameters p) {
    StarkParameters s = p.stark();
    return CborMap.builder()
        .put("air", p.air())
        .put("blowup", s.blowupFactor())
        .put("queries", s.queries())
        .put("grinding-bits", s.grindingBits())
        .put("folding", s.foldingFactor())
        .put("remainder", s.maxRemainderLength())
        .build()
        .encode();
  }

  private static StarkSchemeParameters parameters(JobSpec job) throws ProtocolException {
    try {
      return decodeParameters(job.parameters());
    } catch (DecodingException e) {
      throw new ProtocolException(String.valueOf(e.getMessage()), e);
    }
  }

  private static AirWorkload<?, ?> provable(Workload<?, ?> w, StarkSchemeParameters p)
      throws ProtocolException {
    try {
      StarkScheme.create().checkApplicable(w, p);
    } catch (PolicyException e) {
      throw new ProtocolException(String.valueOf(e.getMessage()), e);
    }
    return (AirWorkload<?, ?>) w;
  }

  @Override
  public JobPlan plan(JobSpec job) throws ProtocolException {
    StarkSchemeParameters p = parameters(job);
    Workload<?, ?> w = catalog.require(job.workload());
    provable(w, p);
    ReplicationProtocol.decodeInput(w, job.input());
    return new JobPlan(
        1,
        encodeParameters(p),
        "stark: AIR "
            + p.air()
            + ", "
            + p.stark().conjecturedSecurityBits()
            + " conjectured bits at 2^20 rows");
  }

  @Override
  public ProviderSession execute(TaskSpec task, ProviderContext context) throws ProtocolException {
    Digest taskId = Messages.taskDigest(task.taskId());
    StarkSchemeParameters p = parameters(task.job());
    AirWorkload<?, ?> w = provable(catalog.require(task.job().workload()), p);
    return new CommittedResponse.Session(
        scheme(), taskId, prove(w, p, task, taskId, context.behaviour()));
  }

  private static <I, O> Bytes prove(
      AirWorkload<I, O> w,
      StarkSchemeParameters p,
      TaskSpec task,
      Digest taskId,
      ProviderBehaviour behaviour)
      throws ProtocolException {
    I input = ReplicationProtocol.decodeInput(w, task.input());
    O output;
    Bytes proof;
    try {
      output = w.execute(input);
      proof = StarkSchemeProver.create(p).prove(w, input, output);
    } catch (IllegalArgumentException e) {
      throw new ProtocolException("cannot prove this input: " + e.getMessage(), e);
    }
    Bytes encodedOutput = w.outputCodec().encode(output);
    if (Cheats.fakesWholeResult(behaviour, taskId)) {
      // No proof exists for a wrong output: claim one beside the honest proof.
      O honest = output;
      encodedOutput =
          Cheats.wrongValue(
              w.outputCodec(),
              encodedOutput,
              Cheats.random(Cheats.seed(behaviour), taskId, "stark/wrong"),
              c -> !c.equals(w.outputCodec().encode(honest)));
    }
    return CborMap.builder()
        .put("task", taskId)
        .put("output", encodedOutput)
        .put("proof", proof)
        .build()
        .encode();
  }

  @Override
  public Bytes challenge(TaskSpec task, ProviderInfo provider, Bytes commitment, Bytes randomness)
      throws ProtocolException {
    Digest taskId = Messages.taskDigest(task.taskId());
    try {
      CommittedResponse.committedDigest(scheme(), commitment, taskId);
    } catch (DecodingException e) {
      throw new ProtocolException(String.valueOf(e.getMessage()), e);
    }
    return CommittedResponse.challenge(taskId, Bytes.EMPTY);
  }

  @Override
  public TaskCheck check(
      TaskSpec task,
      ProviderInfo provider,
      Bytes commitment,
      Bytes challenge,
      Bytes response,
      Instant asOf) {
    try {
      StarkSchemeParameters p = parameters(task.job());
      AirWorkload<?, ?> w = provable(catalog.require(task.job().workload()), p);
      return check(w, p, task, commitment, response);
    } catch (ProtocolException | RuntimeException e) {
      return new TaskCheck.Unresolved("stark check failed on the coordinator's side: " + e);
    }
  }

  private <I, O> TaskCheck check(
      AirWorkload<I, O> w, StarkSchemeParameters p, TaskSpec task, Bytes commitment, Bytes response)
      throws ProtocolException {
    Digest taskId = Messages.taskDigest(task.taskId());
    Digest committed;
    try {
      committed = CommittedResponse.committedDigest(scheme(), commitment, taskId);
    } catch (DecodingException e) {
      return SingleTask.failed(Verdict.Reason.MALFORMED_EVIDENCE, e.getMessage());
    }
    if (!CommittedResponse.digest(scheme(), response).equalsConstantTime(committed)) {
      return SingleTask.failed(
          Verdict.Reason.COMMITMENT_MISMATCH, "the response is not the committed one");
    }
    Bytes output;
    Bytes proof;
    try {
      CborMap map = Messages.map(response, "stark response", "task", "output", "proof");
      Messages.requireTask(map, "stark response", taskId);
      output = map.getBytes("output");
      proof = map.getBytes("proof");
    } catch (DecodingException e) {
      return SingleTask.failed(Verdict.Reason.MALFORMED_EVIDENCE, e.getMessage());
    }
    I input = ReplicationProtocol.decodeInput(w, task.input());
    Verdict v = StarkSchemeVerifier.create(p).verify(w, input, output, proof);
    return TaskCheck.of(v, output);
  }
}
