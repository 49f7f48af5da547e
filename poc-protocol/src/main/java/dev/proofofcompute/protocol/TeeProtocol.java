package dev.proofofcompute.protocol;

import dev.proofofcompute.core.scheme.PolicyException;
import dev.proofofcompute.core.scheme.Verdict;
import dev.proofofcompute.core.workload.Workload;
import dev.proofofcompute.crypto.Bytes;
import dev.proofofcompute.crypto.DecodingException;
import dev.proofofcompute.crypto.Digest;
import dev.proofofcompute.crypto.Hashes;
import dev.proofofcompute.crypto.cbor.CborArray;
import dev.proofofcompute.crypto.cbor.CborBytes;
import dev.proofofcompute.crypto.cbor.CborInteger;
import dev.proofofcompute.crypto.cbor.CborMap;
import dev.proofofcompute.crypto.cbor.CborText;
import dev.proofofcompute.crypto.cbor.CborValue;
import dev.proofofcompute.tee.AttestationPolicy;
import dev.proofofcompute.tee.Format;
import dev.proofofcompute.tee.scheme.Attestation;
import dev.proofofcompute.tee.scheme.AttestationUnavailableException;
import dev.proofofcompute.tee.scheme.Attester;
import dev.proofofcompute.tee.scheme.TeeBinding;
import dev.proofofcompute.tee.scheme.TeeParameters;
import dev.proofofcompute.tee.scheme.TeeScheme;
import dev.proofofcompute.tee.scheme.TeeVerifier;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * The {@code tee} scheme over bytes: the provider runs the job in a TEE whose attestation binds
 * {@link TeeBinding} {@code SHA-256(task id || result commitment || provider public key)}; the
 * coordinator verifies it with {@link TeeVerifier} (pinned vendor roots, measurement allow-list,
 * certificate validity at {@code asOf}, the binding).
 *
 * <ul>
 *   <li>Result commitment: {@code H("poc/protocol/tee/result/v1", output)}; the binding's task id
 *       is the 32 bytes of the task id.
 *   <li>Response, fixed at execution: {@code {"task", "output": bstr, "attestation": {"format":
 *       text, "evidence": bstr, "certificates": [bstr]}}}; commitment {@code {"task", "digest"}}
 *       over it ({@link CommittedResponse}); challenge {@code {"task"}}.
 *   <li>Check: the committed response, then {@link TeeVerifier#verify} at {@code asOf} — {@code
 *       BAD_ATTESTATION} or {@code MALFORMED_EVIDENCE} on failure.
 * </ul>
 *
 * <p>The provider needs an {@link Attester} in its {@link ProviderContext}; without one {@link
 * #execute} throws. Parameters (canonical CBOR map): {@code format} text ({@code "nitro"} or {@code
 * "sev-snp"}), {@code measurements} array of bstr (at least one; 48 bytes each), optional {@code
 * vmpls} array of uint (SEV-SNP).
 */
public final class TeeProtocol implements CheckedInCoordinator {
  private static final String RESULT_TAG = "poc/protocol/tee/result/v1";

  private final WorkloadCatalog catalog;
  private final TeeVerifier verifier;

  private TeeProtocol(WorkloadCatalog catalog, TeeVerifier verifier) {
    this.catalog = catalog;
    this.verifier = verifier;
  }

  /** Verifies against the production vendor roots. */
  public static TeeProtocol create(WorkloadCatalog catalog) {
    return new TeeProtocol(catalog, TeeVerifier.create());
  }

  /** Verifies with {@code verifier} (tests pin their test-only roots in it). */
  public static TeeProtocol create(WorkloadCatalog catalog, TeeVerifier verifier) {
    return new TeeProtocol(catalog, verifier);
  }

  @Override
  public String scheme() {
    return TeeParameters.SCHEME;
  }

  public static TeeParameters decodeParameters(Bytes encoded) throws DecodingException {
    String what = "tee parameters";
    CborMap map = Messages.map(encoded, what, List.of("format", "measurements"), List.of("vmpls"));
    try {
      Format format = Format.fromName(map.getText("format"));
      AttestationPolicy.Builder policy = AttestationPolicy.builder();
      for (CborValue v : map.getArray("measurements").items()) {
        if (!(v instanceof CborBytes(Bytes m))) {
          throw new DecodingException(what + ": a measurement is not a byte string");
        }
        policy.allowMeasurement(m);
      }
      if (map.get("vmpls").isPresent()) {
        for (CborValue v : map.getArray("vmpls").items()) {
          if (!(v instanceof CborInteger i)
              || i.isNegative()
              || !i.fitsLong()
              || i.longValueExact() > 3) {
            throw new DecodingException(what + ": a VMPL is 0..3");
          }
          policy.allowVmpl((int) i.longValueExact());
        }
      }
      return new TeeParameters(format, policy.build());
    } catch (IllegalArgumentException e) {
      throw new DecodingException(what + ": " + e.getMessage(), e);
    }
  }

  public static Bytes encodeParameters(Format format, List<Bytes> measurements) {
    List<CborValue> ms = new ArrayList<>();
    for (Bytes m : measurements) {
      ms.add(new CborBytes(m));
    }
    return CborMap.builder()
        .put("format", format.cliName())
        .put("measurements", new CborArray(ms))
        .build()
        .encode();
  }

  private static TeeParameters parameters(JobSpec job) throws ProtocolException {
    try {
      TeeParameters p = decodeParameters(job.parameters());
      return p;
    } catch (DecodingException e) {
      throw new ProtocolException(String.valueOf(e.getMessage()), e);
    }
  }

  @Override
  public JobPlan plan(JobSpec job) throws ProtocolException {
    TeeParameters p = parameters(job);
    Workload<?, ?> w = catalog.require(job.workload());
    try {
      new TeeScheme().checkApplicable(w, p);
    } catch (PolicyException e) {
      throw new ProtocolException(String.valueOf(e.getMessage()), e);
    }
    ReplicationProtocol.decodeInput(w, job.input());
    List<Bytes> ms = new ArrayList<>(p.policy().allowedMeasurements());
    ms.sort(null);
    Bytes canonical = job.parameters();
    return new JobPlan(
        1,
        canonical,
        "tee: " + p.format().cliName() + " with " + ms.size() + " allowed measurement(s)");
  }

  static Digest resultCommitment(Bytes output) {
    return Hashes.hash(RESULT_TAG, output);
  }

  @Override
  public ProviderSession execute(TaskSpec task, ProviderContext context) throws ProtocolException {
    Digest taskId = Messages.taskDigest(task.taskId());
    Attester attester =
        context
            .attester()
            .orElseThrow(() ->
                new ProtocolException(
                    "the tee scheme needs a provider running in a TEE (no attester)"));
    Bytes honest = run(catalog.require(task.job().workload()), task.input());
    Bytes claimed = honest;
    if (Cheats.fakesWholeResult(context.behaviour(), taskId)) {
      // Outside the enclave: a wrong output beside the evidence the enclave gave for the true one.
      claimed =
          Cheats.wrongValue(
              catalog.require(task.job().workload()).outputCodec(),
              honest,
              Cheats.random(Cheats.seed(context.behaviour()), taskId, "tee/wrong"),
              c -> !c.equals(honest));
    }
    Digest binding =
        TeeBinding.of(
            taskId.toBytes(), resultCommitment(honest), context.identity().publicKey().raw());
    Attestation a;
    try {
      a = attester.attest(binding);
    } catch (AttestationUnavailableException e) {
      throw new ProtocolException("no attestation: " + e.getMessage(), e);
    }
    List<CborValue> certs = new ArrayList<>();
    for (Bytes c : a.certificates()) {
      certs.add(new CborBytes(c));
    }
    Bytes response =
        CborMap.builder()
            .put("task", taskId)
            .put("output", claimed)
            .put(
                "attestation",
                CborMap.builder()
                    .put("format", new CborText(a.format().cliName()))
                    .put("evidence", a.evidence())
                    .put("certificates", new CborArray(certs))
                    .build())
            .build()
            .encode();
    return new CommittedResponse.Session(scheme(), taskId, response);
  }

  private static <I, O> Bytes run(Workload<I, O> w, Bytes input) throws ProtocolException {
    I in = ReplicationProtocol.decodeInput(w, input);
    try {
      return w.outputCodec().encode(w.execute(in));
    } catch (IllegalArgumentException e) {
      throw new ProtocolException("the workload refuses the input: " + e.getMessage(), e);
    }
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
      Digest taskId = Messages.taskDigest(task.taskId());
      TeeParameters p = parameters(task.job());
      Workload<?, ?> w = catalog.require(task.job().workload());
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
      Attestation attestation;
      try {
        String what = "tee response";
        CborMap map = Messages.map(response, what, "task", "output", "attestation");
        Messages.requireTask(map, what, taskId);
        output = map.getBytes("output");
        w.outputCodec().decode(output);
        CborMap a = map.getMap("attestation");
        a.requireOnlyKeys("format", "evidence", "certificates");
        attestation =
            new Attestation(
                Format.fromName(a.getText("format")),
                a.getBytes("evidence"),
                SpotCheckProtocol.bytesList(a.getArray("certificates"), what));
      } catch (DecodingException | IllegalArgumentException e) {
        return SingleTask.failed(Verdict.Reason.MALFORMED_EVIDENCE, e.getMessage());
      }
      Verdict v =
          verifier.verify(
              p,
              taskId.toBytes(),
              resultCommitment(output),
              provider.publicKey().raw(),
              attestation,
              asOf);
      return TaskCheck.of(v, output);
    } catch (ProtocolException | RuntimeException e) {
      return new TaskCheck.Unresolved("tee check failed on the coordinator's side: " + e);
    }
  }
}
