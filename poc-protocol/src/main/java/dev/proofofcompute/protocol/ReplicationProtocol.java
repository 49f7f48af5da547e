package dev.proofofcompute.protocol;

import dev.proofofcompute.core.linalg.DoubleMatrix;
import dev.proofofcompute.core.linalg.Matrix;
import dev.proofofcompute.core.scheme.PolicyException;
import dev.proofofcompute.core.scheme.Verdict;
import dev.proofofcompute.core.workload.Workload;
import dev.proofofcompute.crypto.Bytes;
import dev.proofofcompute.crypto.DecodingException;
import dev.proofofcompute.crypto.Digest;
import dev.proofofcompute.crypto.Hashes;
import dev.proofofcompute.crypto.VerificationException;
import dev.proofofcompute.crypto.cbor.CborArray;
import dev.proofofcompute.crypto.cbor.CborBytes;
import dev.proofofcompute.crypto.cbor.CborDecoder;
import dev.proofofcompute.crypto.cbor.CborFloat;
import dev.proofofcompute.crypto.cbor.CborInteger;
import dev.proofofcompute.crypto.cbor.CborMap;
import dev.proofofcompute.crypto.cbor.CborTag;
import dev.proofofcompute.crypto.cbor.CborValue;
import dev.proofofcompute.crypto.identity.NodeId;
import dev.proofofcompute.crypto.time.ManualClock;
import dev.proofofcompute.schemes.replication.AdaptiveSettings;
import dev.proofofcompute.schemes.replication.CommittedResult;
import dev.proofofcompute.schemes.replication.FloatTolerance;
import dev.proofofcompute.schemes.replication.ReplicationParameters;
import dev.proofofcompute.schemes.replication.ReplicationRound;
import dev.proofofcompute.schemes.replication.ReplicationScheme;
import dev.proofofcompute.schemes.replication.ResultCommitment;
import dev.proofofcompute.schemes.replication.ResultComparator;
import dev.proofofcompute.schemes.replication.RoundOutcome;
import dev.proofofcompute.schemes.replication.RoundRefusedException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The {@code replication} scheme over bytes: every replica commits to {@code H(taskId || providerId
 * || salt || output)} ({@link ResultCommitment}), then reveals salt and output; the job is decided
 * by a majority vote over the revealed outputs with the workload's comparator (byte equality for
 * EXACT outputs, the policy's {@link FloatTolerance} for FLOATING ones).
 *
 * <p>No copying: the coordinator must send the reveal challenges only once every replica of the job
 * has committed (or the commit window is over), so that no provider sees a result before its own
 * commitment is in; the commitment binds the provider's id, so a copied commitment cannot be opened
 * by the copier.
 *
 * <p>The vote is the library's {@link ReplicationRound} (BOINC-style quorum with a deterministic
 * anchor), replayed in {@link #decide} over the outputs the checks verified. With {@code n} valid
 * openings the quorum is {@code max(q, floor(n/2) + 1)}: extra replicas never let two disjoint
 * groups both win. No quorum yet: {@link JobDecision.MoreReplicas}; an output that disagrees with
 * every member of an agreeing quorum: {@link Verdict.Reason#OUTVOTED}; anything short of that:
 * {@link Verdict.Inconclusive}. Adaptive replication by reputation is the coordinator's choice of
 * how many replicas to start; {@link #plan} gives the policy's count.
 *
 * <p>Parameters (canonical CBOR map): {@code replicas} uint 1..64, {@code quorum} uint (strict
 * majority of {@code replicas}), optional {@code tolerance} = map {@code {relative, absolute}} of
 * numbers (required for FLOATING workloads, refused for EXACT ones).
 */
public final class ReplicationProtocol implements SchemeProtocol {
  private static final String ROUND_TAG = "poc/protocol/replication/round/v1";
  private static final String SALT_TAG = "poc/protocol/replication/vote-salt/v1";
  private static final Duration WINDOW = Duration.ofHours(1);

  /** Total tasks after which a job without a quorum is given up. */
  static final int MAX_EXTRA_FACTOR = 3;

  private final WorkloadCatalog catalog;

  private ReplicationProtocol(WorkloadCatalog catalog) {
    this.catalog = catalog;
  }

  public static ReplicationProtocol create(WorkloadCatalog catalog) {
    return new ReplicationProtocol(catalog);
  }

  @Override
  public String scheme() {
    return ReplicationScheme.NAME;
  }

  // ---------------------------------------------------------------- parameters

  /**
   * Decodes the scheme's parameters.
   *
   * @throws DecodingException naming the field that is missing, mistyped or out of range
   */
  public static ReplicationParameters decodeParameters(Bytes encoded) throws DecodingException {
    CborMap map =
        Messages.map(
            encoded, "replication parameters", List.of("replicas", "quorum"), List.of("tolerance"));
    int replicas =
        Messages.intIn(
            map, "replicas", "replication parameters", 1, ReplicationParameters.MAX_REPLICAS);
    int quorum = Messages.intIn(map, "quorum", "replication parameters", 1, replicas);
    FloatTolerance tolerance = null;
    Optional<CborMap> t = map.getOptionalMap("tolerance");
    if (t.isPresent()) {
      CborMap tm = t.get();
      tm.requireOnlyKeys("relative", "absolute");
      double relative = number(tm, "relative");
      double absolute = number(tm, "absolute");
      try {
        tolerance = new FloatTolerance(relative, absolute);
      } catch (IllegalArgumentException e) {
        throw new DecodingException("replication parameters: tolerance: " + e.getMessage(), e);
      }
    }
    try {
      return new ReplicationParameters(
          replicas, quorum, tolerance, AdaptiveSettings.alwaysReplicate(), WINDOW, WINDOW);
    } catch (IllegalArgumentException e) {
      throw new DecodingException("replication parameters: " + e.getMessage(), e);
    }
  }

  /** The canonical encoding of the parameter keys above. */
  public static Bytes encodeParameters(
      int replicas, int quorum, Optional<FloatTolerance> tolerance) {
    CborMap.Builder b = CborMap.builder().put("replicas", replicas).put("quorum", quorum);
    tolerance.ifPresent(t ->
        b.put(
            "tolerance",
            CborMap.builder()
                .put("relative", new CborFloat(t.relative()))
                .put("absolute", new CborFloat(t.absolute()))
                .build()));
    return b.build().encode();
  }

  private static double number(CborMap map, String key) throws DecodingException {
    CborValue v = map.getRequired(key);
    if (v instanceof CborFloat(double d)) {
      return d;
    }
    if (v instanceof CborInteger i && i.fitsLong() && Math.abs(i.longValueExact()) < (1L << 53)) {
      return i.longValueExact();
    }
    throw new DecodingException("replication parameters: tolerance '" + key + "' is not a number");
  }

  @Override
  public JobPlan plan(JobSpec job) throws ProtocolException {
    ReplicationParameters p = parameters(job);
    Workload<?, ?> w = catalog.require(job.workload());
    try {
      ReplicationScheme.create().checkApplicable(w, p);
    } catch (PolicyException e) {
      throw new ProtocolException(String.valueOf(e.getMessage()), e);
    }
    decodeInput(w, job.input());
    Bytes canonical = encodeParameters(p.replicas(), p.quorum(), p.floatTolerance());
    return new JobPlan(
        p.replicas(),
        canonical,
        "replication: "
            + p.replicas()
            + " replicas, quorum "
            + p.quorum()
            + p.floatTolerance().map(t -> ", tolerance " + t).orElse(", exact comparison"));
  }

  private static ReplicationParameters parameters(JobSpec job) throws ProtocolException {
    try {
      return decodeParameters(job.parameters());
    } catch (DecodingException e) {
      throw new ProtocolException(String.valueOf(e.getMessage()), e);
    }
  }

  static <I> I decodeInput(Workload<I, ?> w, Bytes input) throws ProtocolException {
    try {
      return w.inputCodec().decode(input);
    } catch (DecodingException e) {
      throw new ProtocolException("the job's input does not decode: " + e.getMessage(), e);
    }
  }

  // ---------------------------------------------------------------- provider

  @Override
  public ProviderSession execute(TaskSpec task, ProviderContext context) throws ProtocolException {
    Digest taskId = Messages.taskDigest(task.taskId());
    Workload<?, ?> w = catalog.require(task.job().workload());
    Bytes output = run(w, task, taskId, context.behaviour());
    CommittedResult sealed =
        CommittedResult.seal(taskId, context.identity().nodeId(), output, context.random());
    return new Session(sealed);
  }

  private <I, O> Bytes run(
      Workload<I, O> w, TaskSpec task, Digest taskId, ProviderBehaviour behaviour)
      throws ProtocolException {
    I input = decodeInput(w, task.input());
    O honestValue;
    try {
      honestValue = w.execute(input);
    } catch (IllegalArgumentException e) {
      throw new ProtocolException("the workload refuses the input: " + e.getMessage(), e);
    }
    Bytes honest = w.outputCodec().encode(honestValue);
    if (!Cheats.fakesWholeResult(behaviour, taskId)) {
      return honest;
    }
    ResultComparator<O> cmp = comparator(w, task.job());
    return Cheats.wrongValue(
        w.outputCodec(),
        honest,
        Cheats.random(Cheats.seed(behaviour), taskId, "replication/wrong"),
        c -> {
          try {
            return !cmp.agree(honestValue, cmp.decode(c));
          } catch (DecodingException e) {
            return false;
          }
        });
  }

  private static <O> ResultComparator<O> comparator(Workload<?, O> w, JobSpec job)
      throws ProtocolException {
    ReplicationParameters p = parameters(job);
    try {
      return ResultComparator.forWorkload(w, p, OutputFloats.view(w.outputCodec()));
    } catch (IllegalArgumentException e) {
      throw new ProtocolException(String.valueOf(e.getMessage()), e);
    }
  }

  private static final class Session implements ProviderSession {
    private final CommittedResult result;

    Session(CommittedResult result) {
      this.result = result;
    }

    @Override
    public Bytes commitment() {
      return CborMap.builder()
          .put("task", result.taskId())
          .put("commitment", result.commitment().value())
          .build()
          .encode();
    }

    @Override
    public Bytes respond(Bytes challenge) throws ProtocolException {
      try {
        CborMap map = Messages.map(challenge, "replication challenge", "task");
        Messages.requireTask(map, "replication challenge", result.taskId());
      } catch (DecodingException e) {
        throw new ProtocolException(String.valueOf(e.getMessage()), e);
      }
      return CborMap.builder()
          .put("task", result.taskId())
          .put("salt", result.salt())
          .put("output", result.output())
          .build()
          .encode();
    }

    @Override
    public Bytes answerDispute(Bytes request) throws ProtocolException {
      throw new ProtocolException("replication has no disputes");
    }
  }

  // ---------------------------------------------------------------- coordinator

  @Override
  public Bytes challenge(TaskSpec task, ProviderInfo provider, Bytes commitment, Bytes randomness)
      throws ProtocolException {
    Digest taskId = Messages.taskDigest(task.taskId());
    try {
      parseCommitment(commitment, taskId);
    } catch (DecodingException e) {
      throw new ProtocolException(String.valueOf(e.getMessage()), e);
    }
    return CborMap.builder().put("task", taskId).build().encode();
  }

  private static ResultCommitment parseCommitment(Bytes commitment, Digest taskId)
      throws DecodingException {
    CborMap map = Messages.map(commitment, "replication commitment", "task", "commitment");
    Messages.requireTask(map, "replication commitment", taskId);
    return new ResultCommitment(map.getDigest("commitment"));
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
      Workload<?, ?> w = catalog.require(task.job().workload());
      ResultCommitment c;
      try {
        c = parseCommitment(commitment, taskId);
      } catch (DecodingException e) {
        return failed(Verdict.Reason.MALFORMED_EVIDENCE, e.getMessage());
      }
      Bytes salt;
      Bytes output;
      try {
        CborMap map = Messages.map(response, "replication reveal", "task", "salt", "output");
        Messages.requireTask(map, "replication reveal", taskId);
        salt = map.getBytes("salt");
        output = map.getBytes("output");
      } catch (DecodingException e) {
        return failed(Verdict.Reason.MALFORMED_EVIDENCE, e.getMessage());
      }
      try {
        c.verifyOpening(taskId, provider.id(), salt, output);
      } catch (VerificationException e) {
        return failed(Verdict.Reason.COMMITMENT_MISMATCH, e.getMessage());
      }
      try {
        Object decoded = w.outputCodec().decode(output);
        if (decoded == null) {
          return failed(Verdict.Reason.MALFORMED_EVIDENCE, "empty output");
        }
      } catch (DecodingException e) {
        return failed(
            Verdict.Reason.MALFORMED_EVIDENCE,
            "revealed output does not decode: " + e.getMessage());
      }
      return new TaskCheck.Verified(output, "the reveal opens the provider's commitment");
    } catch (ProtocolException | RuntimeException e) {
      return new TaskCheck.Unresolved("replication check failed on the coordinator's side: " + e);
    }
  }

  static TaskCheck failed(Verdict.Reason reason, @org.jspecify.annotations.Nullable String detail) {
    return new TaskCheck.Failed(new Verdict.Rejected(reason, String.valueOf(detail)));
  }

  @Override
  public Bytes validate(JobSpec job, Bytes work) throws ProtocolException {
    throw new ProtocolException("replication hands no work to validators");
  }

  @Override
  public TaskCheck completeValidation(
      TaskSpec task,
      ProviderInfo provider,
      Bytes commitment,
      Bytes challenge,
      Bytes response,
      Bytes work,
      Bytes validatorReport) {
    return new TaskCheck.Unresolved("replication hands no work to validators");
  }

  @Override
  public JobDecision decide(JobSpec job, List<TaskOutcome> tasks) {
    try {
      Workload<?, ?> w = catalog.require(job.workload());
      return decide(w, job, tasks);
    } catch (ProtocolException | RuntimeException e) {
      Map<String, Verdict> verdicts = new LinkedHashMap<>();
      for (TaskOutcome t : tasks) {
        verdicts.put(t.taskId(), finalVerdictWithoutVote(t.check(), "cannot vote: " + e));
      }
      return new JobDecision.Decided(verdicts, Optional.empty());
    }
  }

  private <O> JobDecision decide(Workload<?, O> w, JobSpec job, List<TaskOutcome> tasks)
      throws ProtocolException {
    ReplicationParameters policy = parameters(job);
    ResultComparator<O> cmp = comparator(w, job);
    Map<String, Verdict> verdicts = new LinkedHashMap<>();
    List<TaskOutcome> valid = new ArrayList<>();
    Map<NodeId, String> taskOf = new HashMap<>();
    for (TaskOutcome t : tasks) {
      if (t.check() instanceof TaskCheck.Verified && !taskOf.containsKey(t.provider().id())) {
        valid.add(t);
        taskOf.put(t.provider().id(), t.taskId());
      } else if (t.check() instanceof TaskCheck.Verified) {
        verdicts.put(
            t.taskId(),
            Verdict.inconclusive("this provider already ran another replica of the job"));
      } else {
        verdicts.put(t.taskId(), finalVerdictWithoutVote(t.check(), "no valid reveal"));
      }
    }
    boolean exhausted =
        tasks.size()
            >= Math.min(ReplicationParameters.MAX_REPLICAS, MAX_EXTRA_FACTOR * policy.replicas());
    int n = valid.size();
    if (n < policy.quorum()) {
      if (!exhausted) {
        return new JobDecision.MoreReplicas(
            policy.quorum() - n, n + " valid result(s), the quorum is " + policy.quorum());
      }
      for (TaskOutcome t : valid) {
        verdicts.put(
            t.taskId(), Verdict.inconclusive("no quorum after " + tasks.size() + " tasks"));
      }
      return new JobDecision.Decided(ordered(tasks, verdicts), Optional.empty());
    }
    int quorum = Math.max(policy.quorum(), n / 2 + 1);
    ReplicationParameters round =
        new ReplicationParameters(
            n, quorum, policy.tolerance(), AdaptiveSettings.alwaysReplicate(), WINDOW, WINDOW);
    Digest roundId =
        Hashes.hash(ROUND_TAG, job.jobId().getBytes(java.nio.charset.StandardCharsets.UTF_8));
    ReplicationRound<O> vote =
        ReplicationRound.open(roundId, round, cmp, ManualClock.at(Instant.EPOCH));
    List<CommittedResult> sealed = new ArrayList<>();
    for (TaskOutcome t : valid) {
      Bytes output = ((TaskCheck.Verified) t.check()).output();
      Bytes salt =
          Hashes.hash(SALT_TAG, t.taskId().getBytes(java.nio.charset.StandardCharsets.UTF_8))
              .toBytes();
      sealed.add(new CommittedResult(roundId, t.provider().id(), salt, output));
    }
    try {
      for (CommittedResult r : sealed) {
        vote.commit(r.providerId(), r.commitment());
      }
      for (CommittedResult r : sealed) {
        vote.reveal(r.providerId(), r.salt(), r.output());
      }
    } catch (RoundRefusedException e) {
      throw new IllegalStateException("the vote refused a replica: " + e.getMessage(), e);
    }
    RoundOutcome outcome =
        vote.outcome().orElseThrow(() -> new IllegalStateException("the vote did not close"));
    if (outcome.acceptedOutput().isEmpty() && !exhausted) {
      return new JobDecision.MoreReplicas(
          1, "no " + quorum + " of the " + n + " valid results agree");
    }
    for (TaskOutcome t : valid) {
      Verdict v =
          outcome
              .verdict(t.provider().id())
              .orElseGet(() -> Verdict.inconclusive("not counted in the vote"));
      verdicts.put(t.taskId(), v);
    }
    return new JobDecision.Decided(ordered(tasks, verdicts), outcome.acceptedOutput());
  }

  private static Map<String, Verdict> ordered(List<TaskOutcome> tasks, Map<String, Verdict> v) {
    Map<String, Verdict> out = new LinkedHashMap<>();
    for (TaskOutcome t : tasks) {
      Verdict verdict = v.get(t.taskId());
      out.put(t.taskId(), verdict == null ? Verdict.inconclusive("not judged") : verdict);
    }
    return out;
  }

  /** The verdict of a task whose check did not produce a vote. */
  static Verdict finalVerdictWithoutVote(TaskCheck check, String why) {
    return switch (check) {
      case TaskCheck.Failed f -> f.verdict();
      case TaskCheck.Verified v -> Verdict.inconclusive(why);
      case TaskCheck.NeedsValidation n -> Verdict.inconclusive("validation never completed");
      case TaskCheck.Unresolved u -> Verdict.inconclusive(u.detail());
    };
  }

  @Override
  public DisputeStep dispute(
      JobSpec job, TaskOutcome a, TaskOutcome b, List<DisputeAnswer> answers) {
    throw new UnsupportedOperationException("replication never opens a dispute");
  }

  /**
   * The floating-point values of a canonical output, for the tolerance comparison: every CBOR float
   * and every float64 matrix in a byte string, in canonical order.
   */
  static final class OutputFloats {
    private OutputFloats() {}

    static <O> ResultComparator.FloatView<O> view(dev.proofofcompute.core.workload.Codec<O> codec) {
      return o -> values(codec.encode(o));
    }

    static double[] values(Bytes canonical) {
      List<Double> out = new ArrayList<>();
      try {
        collect(CborDecoder.decodeCanonical(canonical, Messages.LIMITS), out);
      } catch (DecodingException e) {
        throw new IllegalArgumentException("output is not canonical CBOR: " + e.getMessage(), e);
      }
      double[] a = new double[out.size()];
      for (int i = 0; i < a.length; i++) {
        a[i] = out.get(i);
      }
      return a;
    }

    private static void collect(CborValue v, List<Double> out) {
      switch (v) {
        case CborFloat(double d) -> out.add(d);
        case CborMap m -> {
          for (CborMap.Entry e : m.entries()) {
            collect(e.value(), out);
          }
        }
        case CborArray(List<CborValue> items) -> items.forEach(i -> collect(i, out));
        case CborTag t -> collect(t.content(), out);
        case CborBytes(Bytes b) -> {
          try {
            if (Matrix.decode(b) instanceof DoubleMatrix dm) {
              for (double d : dm.toRowMajorArray()) {
                out.add(d);
              }
            }
          } catch (DecodingException | RuntimeException e) {
            // Not a matrix: no float values.
          }
        }
        default -> {}
      }
    }
  }
}
