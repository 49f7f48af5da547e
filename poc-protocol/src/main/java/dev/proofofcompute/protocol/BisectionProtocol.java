package dev.proofofcompute.protocol;

import dev.proofofcompute.core.scheme.Verdict;
import dev.proofofcompute.core.workload.StepStructure;
import dev.proofofcompute.core.workload.Workload;
import dev.proofofcompute.crypto.Bytes;
import dev.proofofcompute.crypto.DecodingException;
import dev.proofofcompute.crypto.Digest;
import dev.proofofcompute.crypto.Hashes;
import dev.proofofcompute.crypto.cbor.CborArray;
import dev.proofofcompute.crypto.cbor.CborInteger;
import dev.proofofcompute.crypto.cbor.CborMap;
import dev.proofofcompute.crypto.cbor.CborValue;
import dev.proofofcompute.crypto.merkle.InclusionProof;
import dev.proofofcompute.crypto.random.RandomSource;
import dev.proofofcompute.schemes.bisection.BisectionDispute;
import dev.proofofcompute.schemes.bisection.BisectionParameters;
import dev.proofofcompute.schemes.bisection.BisectionScheme;
import dev.proofofcompute.schemes.bisection.CheckpointOpening;
import dev.proofofcompute.schemes.bisection.CheckpointTree;
import dev.proofofcompute.schemes.bisection.DisputeOutcome;
import dev.proofofcompute.schemes.bisection.DisputeRequest;
import dev.proofofcompute.schemes.bisection.HonestParty;
import dev.proofofcompute.schemes.bisection.OutputCheck;
import dev.proofofcompute.schemes.bisection.StateCommitment;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The {@code bisection} scheme over bytes: two replicas run a stepped workload (heat-sim,
 * mlp-train), each commits to the Merkle root over its checkpoint state hashes ({@link
 * StateCommitment}); replicas whose roots agree are accepted, disagreeing ones go to a bisection
 * dispute ({@link BisectionDispute}) that convicts the party of the first divergent step.
 *
 * <ul>
 *   <li>Commitment: {@code {"task", "steps": uint, "root": bstr}}. Challenge: {@code {"task"}}.
 *       Response: {@code {"task", "output": bstr, "final-opening": {checkpoint, hash, proof},
 *       "final-state": bstr}}; the check ({@link OutputCheck}) binds the claimed output to the
 *       committed final state, so two replicas whose outputs differ have different roots.
 *   <li>{@link #decide}: valid replicas with equal roots: all accepted, the output is the result;
 *       different roots: {@link JobDecision.OpenDispute}. After the dispute, the caller folds each
 *       {@link Verdict.Rejected} verdict into its task's check ({@link TaskCheck.Failed}) and calls
 *       {@code decide} again: a replica whose opponent lost a dispute is accepted alone.
 *   <li>{@link #dispute} replays the dispute from the answers so far, in order, and returns the
 *       next {@link DisputeStep.Ask} — requests {@code {"task", "round", "open": [uint]}} (open
 *       checkpoints) or {@code {"task", "reveal": uint}} (the agreed state's bytes), answered with
 *       {@code {"task", "openings": [{checkpoint, hash, proof}]}} or {@code {"task", "state"}} — or
 *       {@link DisputeStep.Resolved}. An answer with empty bytes records that the party did not
 *       answer in time (the caller owns the clock): it forfeits without being convicted.
 * </ul>
 *
 * <p>The referee step — re-executing the one located checkpoint interval (at most {@code
 * checkpoint-interval} steps) from the agreed state — runs inside {@link #dispute}, in the
 * coordinator. It is one interval of one workload, far below a replica's work, it keeps the dispute
 * a pure replay of signed answers (any auditor reruns it from the log), and it needs no third party
 * to trust; an operator with heavy steps keeps the interval small.
 *
 * <p>Parameters (canonical CBOR map): optional {@code checkpoint-interval} uint 1..2^20 (default
 * 1). Two replicas per job.
 */
public final class BisectionProtocol implements SchemeProtocol {
  static final int REPLICAS = 2;
  private static final String JOB_TAG = "poc/protocol/bisection/job/v1";

  private final WorkloadCatalog catalog;

  private BisectionProtocol(WorkloadCatalog catalog) {
    this.catalog = catalog;
  }

  public static BisectionProtocol create(WorkloadCatalog catalog) {
    return new BisectionProtocol(catalog);
  }

  @Override
  public String scheme() {
    return BisectionScheme.NAME;
  }

  public static BisectionParameters decodeParameters(Bytes encoded) throws DecodingException {
    String what = "bisection parameters";
    CborMap map = Messages.map(encoded, what, List.of(), List.of("checkpoint-interval"));
    int k =
        map.get("checkpoint-interval").isPresent()
            ? Messages.intIn(
                map, "checkpoint-interval", what, 1, BisectionParameters.MAX_CHECKPOINT_INTERVAL)
            : 1;
    return new BisectionParameters(k, 1, 1.0);
  }

  public static Bytes encodeParameters(int checkpointInterval) {
    return CborMap.builder().put("checkpoint-interval", checkpointInterval).build().encode();
  }

  private static BisectionParameters parameters(JobSpec job) throws ProtocolException {
    try {
      return decodeParameters(job.parameters());
    } catch (DecodingException e) {
      throw new ProtocolException(String.valueOf(e.getMessage()), e);
    }
  }

  private static <I, O> StepStructure<I, O> steps(Workload<I, O> w) throws ProtocolException {
    return w.steps()
        .orElseThrow(() ->
            new ProtocolException(
                "bisection needs a workload that advances a state step by step; "
                    + w.id()
                    + " has none"));
  }

  @Override
  public JobPlan plan(JobSpec job) throws ProtocolException {
    BisectionParameters p = parameters(job);
    Workload<?, ?> w = catalog.require(job.workload());
    int t = stepCount(w, job.input());
    int n;
    try {
      n = p.intervals(t);
    } catch (IllegalArgumentException e) {
      throw new ProtocolException(String.valueOf(e.getMessage()), e);
    }
    return new JobPlan(
        REPLICAS,
        encodeParameters(p.checkpointInterval()),
        "bisection: "
            + REPLICAS
            + " replicas, "
            + t
            + " steps, "
            + (n + 1)
            + " checkpoints every "
            + p.checkpointInterval()
            + " step(s)");
  }

  private static <I> int stepCount(Workload<I, ?> w, Bytes input) throws ProtocolException {
    StepStructure<I, ?> s = steps(w);
    return s.stepCount(ReplicationProtocol.decodeInput(w, input));
  }

  // ---------------------------------------------------------------- provider

  @Override
  public ProviderSession execute(TaskSpec task, ProviderContext context) throws ProtocolException {
    Digest taskId = Messages.taskDigest(task.taskId());
    return run(catalog.require(task.job().workload()), task, taskId, context);
  }

  private static <I, O> ProviderSession run(
      Workload<I, O> w, TaskSpec task, Digest taskId, ProviderContext context)
      throws ProtocolException {
    StepStructure<I, O> s = steps(w);
    BisectionParameters p = parameters(task.job());
    I input = ReplicationProtocol.decodeInput(w, task.input());
    ProviderBehaviour b = context.behaviour();
    try {
      if (b instanceof ProviderBehaviour.Honest) {
        HonestParty<I> party = HonestParty.run(s, input, p, taskId, context.identity().nodeId());
        return new Session<>(
            w, s, input, p, taskId, party.tree(), party::revealState, party.finalState());
      }
      return cheat(w, s, input, p, taskId, b);
    } catch (IllegalArgumentException e) {
      throw new ProtocolException("the workload refuses the input: " + e.getMessage(), e);
    }
  }

  /**
   * A cheating run: from its first faked step on (every step for {@link ProviderBehaviour.Wrong},
   * each step with probability {@code fraction} for {@link ProviderBehaviour.Lazy}) the state is
   * corrupted — a valid state that is not the step's result — and the run continues from it. Keeps
   * every state, and answers every dispute request consistently with its own commitment.
   */
  private static <I, O> ProviderSession cheat(
      Workload<I, O> w,
      StepStructure<I, O> s,
      I input,
      BisectionParameters p,
      Digest taskId,
      ProviderBehaviour b) {
    RandomSource r = Cheats.random(Cheats.seed(b), taskId, "bisection/steps");
    int t = s.stepCount(input);
    List<Bytes> states = new ArrayList<>(t + 1);
    Bytes state = s.initialState(input);
    states.add(state);
    for (int step = 1; step <= t; step++) {
      state = s.step(input, state, step);
      boolean fake =
          switch (b) {
            case ProviderBehaviour.Honest h -> false;
            case ProviderBehaviour.Wrong wr -> step == 1 + (int) r.nextLong(t) || step == t;
            case ProviderBehaviour.Lazy l -> Cheats.uniform(r) < l.fraction();
          };
      if (fake) {
        state = corrupt(s, input, state, step, t, r);
      }
      states.add(state);
    }
    List<Digest> hashes = new ArrayList<>();
    int n = p.intervals(t);
    for (int c = 0; c <= n; c++) {
      hashes.add(s.stateHash(states.get(p.checkpointStep(c, t))));
    }
    CheckpointTree tree = CheckpointTree.of(t, p, hashes);
    return new Session<>(
        w,
        s,
        input,
        p,
        taskId,
        tree,
        c -> c < 0 || c > n ? Optional.empty() : Optional.of(states.get(p.checkpointStep(c, t))),
        states.get(t));
  }

  /** A valid state other than {@code state}: random bit flips until the workload accepts one. */
  private static <I, O> Bytes corrupt(
      StepStructure<I, O> s, I input, Bytes state, int step, int t, RandomSource r) {
    byte[] base = state.toByteArray();
    for (int attempt = 0; attempt < 512; attempt++) {
      byte[] c = base.clone();
      int bit = (int) r.nextLong(8L * c.length);
      c[bit / 8] ^= (byte) (1 << (bit % 8));
      Bytes candidate = Bytes.of(c);
      try {
        if (step < t) {
          s.step(input, candidate, step + 1);
        } else {
          s.output(input, candidate);
        }
        if (!s.stateHash(candidate).equals(s.stateHash(state))) {
          return candidate;
        }
      } catch (RuntimeException e) {
        // Not a valid state: try another flip.
      }
    }
    return state;
  }

  /** Reveals the state bytes at a checkpoint. */
  @FunctionalInterface
  private interface StateSource {
    Optional<Bytes> state(int checkpoint);
  }

  private static final class Session<I, O> implements ProviderSession {
    private final Workload<I, O> workload;
    private final StepStructure<I, O> steps;
    private final I input;
    private final BisectionParameters parameters;
    private final Digest taskId;
    private final CheckpointTree tree;
    private final StateSource states;
    private final Bytes finalState;

    Session(
        Workload<I, O> workload,
        StepStructure<I, O> steps,
        I input,
        BisectionParameters parameters,
        Digest taskId,
        CheckpointTree tree,
        StateSource states,
        Bytes finalState) {
      this.workload = workload;
      this.steps = steps;
      this.input = input;
      this.parameters = parameters;
      this.taskId = taskId;
      this.tree = tree;
      this.states = states;
      this.finalState = finalState;
    }

    @Override
    public Bytes commitment() {
      return CborMap.builder()
          .put("task", taskId)
          .put("steps", tree.steps())
          .put("root", tree.root())
          .build()
          .encode();
    }

    @Override
    public Bytes respond(Bytes challenge) throws ProtocolException {
      try {
        Messages.requireTask(
            Messages.map(challenge, "bisection challenge", "task"), "bisection challenge", taskId);
      } catch (DecodingException e) {
        throw new ProtocolException(String.valueOf(e.getMessage()), e);
      }
      int last = tree.checkpoints() - 1;
      Bytes output;
      try {
        output = workload.outputCodec().encode(steps.output(input, finalState));
      } catch (IllegalArgumentException e) {
        throw new ProtocolException("the final state has no output: " + e.getMessage(), e);
      }
      return CborMap.builder()
          .put("task", taskId)
          .put("output", output)
          .put("final-opening", encodeOpening(tree.open(last)))
          .put("final-state", finalState)
          .build()
          .encode();
    }

    @Override
    public Bytes answerDispute(Bytes request) throws ProtocolException {
      DisputeRequest r;
      try {
        r = decodeRequest(request, taskId);
      } catch (DecodingException e) {
        throw new ProtocolException(String.valueOf(e.getMessage()), e);
      }
      return switch (r) {
        case DisputeRequest.OpenCheckpoints open -> {
          List<CborValue> openings = new ArrayList<>();
          for (int c : open.checkpoints()) {
            if (c < 0 || c >= tree.checkpoints()) {
              throw new ProtocolException("checkpoint " + c + " is not in the commitment");
            }
            openings.add(encodeOpening(tree.open(c)));
          }
          yield CborMap.builder()
              .put("task", taskId)
              .put("openings", new CborArray(openings))
              .build()
              .encode();
        }
        case DisputeRequest.RevealState reveal ->
            CborMap.builder()
                .put("task", taskId)
                .put(
                    "state",
                    states
                        .state(reveal.checkpoint())
                        .orElseThrow(() ->
                            new ProtocolException(
                                "checkpoint " + reveal.checkpoint() + " is not in the commitment")))
                .build()
                .encode();
      };
    }

    @Override
    public String toString() {
      return "BisectionSession[" + taskId.toHex().substring(0, 12) + ", " + parameters + "]";
    }
  }

  // ---------------------------------------------------------------- encodings

  static CborMap encodeOpening(CheckpointOpening o) {
    return CborMap.builder()
        .put("checkpoint", o.checkpoint())
        .put("hash", o.stateHash())
        .put("proof", o.proof().toBytes())
        .build();
  }

  static CheckpointOpening decodeOpening(CborValue v, String what) throws DecodingException {
    if (!(v instanceof CborMap m)) {
      throw new DecodingException(what + ": an opening is not a map");
    }
    m.requireOnlyKeys("checkpoint", "hash", "proof");
    long c = m.getLong("checkpoint");
    if (c < 0 || c > Integer.MAX_VALUE) {
      throw new DecodingException(what + ": checkpoint " + c + " out of range");
    }
    return new CheckpointOpening(
        (int) c, m.getDigest("hash"), InclusionProof.parse(m.getBytes("proof")));
  }

  static Bytes encodeRequest(DisputeRequest r, Digest taskId) {
    return switch (r) {
      case DisputeRequest.OpenCheckpoints o -> {
        List<CborValue> cs = new ArrayList<>();
        for (int c : o.checkpoints()) {
          cs.add(CborInteger.of(c));
        }
        yield CborMap.builder()
            .put("task", taskId)
            .put("round", o.round())
            .put("open", new CborArray(cs))
            .build()
            .encode();
      }
      case DisputeRequest.RevealState s ->
          CborMap.builder().put("task", taskId).put("reveal", s.checkpoint()).build().encode();
    };
  }

  static DisputeRequest decodeRequest(Bytes request, Digest taskId) throws DecodingException {
    String what = "bisection dispute request";
    CborMap map = Messages.map(request, what, List.of("task"), List.of("round", "open", "reveal"));
    Messages.requireTask(map, what, taskId);
    if (map.get("reveal").isPresent()) {
      if (map.size() != 2) {
        throw new DecodingException(what + ": a reveal request has only 'task' and 'reveal'");
      }
      return new DisputeRequest.RevealState(
          Messages.intIn(map, "reveal", what, 0, Integer.MAX_VALUE));
    }
    if (map.size() != 3) {
      throw new DecodingException(what + ": an open request has 'task', 'round' and 'open'");
    }
    List<Integer> cs = new ArrayList<>();
    for (CborValue v : map.getArray("open").items()) {
      if (!(v instanceof CborInteger i)
          || i.isNegative()
          || !i.fitsLong()
          || i.longValueExact() > Integer.MAX_VALUE) {
        throw new DecodingException(what + ": a checkpoint is not a uint31");
      }
      cs.add((int) i.longValueExact());
    }
    return new DisputeRequest.OpenCheckpoints(
        Messages.intIn(map, "round", what, 0, Integer.MAX_VALUE), cs);
  }

  /**
   * A party's answer as the library's type; an answer that does not parse becomes one of the wrong
   * kind, which the referee judges as malformed against its sender.
   */
  static dev.proofofcompute.schemes.bisection.DisputeAnswer decodeAnswer(
      Bytes answer, DisputeRequest request, Digest taskId) {
    String what = "bisection dispute answer";
    try {
      return switch (request) {
        case DisputeRequest.OpenCheckpoints o -> {
          CborMap map = Messages.map(answer, what, "task", "openings");
          Messages.requireTask(map, what, taskId);
          List<CheckpointOpening> openings = new ArrayList<>();
          for (CborValue v : map.getArray("openings").items()) {
            openings.add(decodeOpening(v, what));
          }
          yield new dev.proofofcompute.schemes.bisection.DisputeAnswer.Openings(openings);
        }
        case DisputeRequest.RevealState s -> {
          CborMap map = Messages.map(answer, what, "task", "state");
          Messages.requireTask(map, what, taskId);
          yield new dev.proofofcompute.schemes.bisection.DisputeAnswer.StateReveal(
              map.getBytes("state"));
        }
      };
    } catch (DecodingException | RuntimeException e) {
      return switch (request) {
        case DisputeRequest.OpenCheckpoints o ->
            new dev.proofofcompute.schemes.bisection.DisputeAnswer.StateReveal(Bytes.EMPTY);
        case DisputeRequest.RevealState s ->
            new dev.proofofcompute.schemes.bisection.DisputeAnswer.Openings(List.of());
      };
    }
  }

  private record Commitment(int steps, Digest root) {}

  private static Commitment parseCommitment(Bytes commitment, Digest taskId)
      throws DecodingException {
    String what = "bisection commitment";
    CborMap map = Messages.map(commitment, what, "task", "steps", "root");
    Messages.requireTask(map, what, taskId);
    return new Commitment(
        Messages.intIn(map, "steps", what, 1, Integer.MAX_VALUE), map.getDigest("root"));
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
      return check(catalog.require(task.job().workload()), task, provider, commitment, response);
    } catch (ProtocolException | RuntimeException e) {
      return new TaskCheck.Unresolved("bisection check failed on the coordinator's side: " + e);
    }
  }

  private <I, O> TaskCheck check(
      Workload<I, O> w, TaskSpec task, ProviderInfo provider, Bytes commitment, Bytes response)
      throws ProtocolException {
    Digest taskId = Messages.taskDigest(task.taskId());
    BisectionParameters p = parameters(task.job());
    StepStructure<I, O> s = steps(w);
    I input = ReplicationProtocol.decodeInput(w, task.input());
    Commitment c;
    O output;
    Bytes outputBytes;
    CheckpointOpening opening;
    Bytes finalState;
    try {
      c = parseCommitment(commitment, taskId);
      String what = "bisection response";
      CborMap map = Messages.map(response, what, "task", "output", "final-opening", "final-state");
      Messages.requireTask(map, what, taskId);
      outputBytes = map.getBytes("output");
      output = w.outputCodec().decode(outputBytes);
      opening = decodeOpening(map.getRequired("final-opening"), what);
      finalState = map.getBytes("final-state");
    } catch (DecodingException e) {
      return SingleTask.failed(Verdict.Reason.MALFORMED_EVIDENCE, e.getMessage());
    }
    if (c.steps() != s.stepCount(input)) {
      return SingleTask.failed(
          Verdict.Reason.MALFORMED_EVIDENCE,
          "the commitment claims " + c.steps() + " steps, the input has " + s.stepCount(input));
    }
    StateCommitment sc = new StateCommitment(taskId, provider.id(), c.steps(), c.root());
    Verdict v = OutputCheck.verify(w, input, p, sc, output, opening, finalState);
    return TaskCheck.of(v, outputBytes);
  }

  @Override
  public Bytes validate(JobSpec job, Bytes work) throws ProtocolException {
    throw new ProtocolException(
        "bisection hands no work to validators (the referee step runs in" + " the dispute)");
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
    return new TaskCheck.Unresolved("bisection hands no work to validators");
  }

  @Override
  public JobDecision decide(JobSpec job, List<TaskOutcome> tasks) {
    Map<String, Verdict> verdicts = new LinkedHashMap<>();
    List<TaskOutcome> valid = new ArrayList<>();
    boolean opponentConvicted = false;
    for (TaskOutcome t : tasks) {
      if (t.check() instanceof TaskCheck.Verified) {
        valid.add(t);
      } else {
        Verdict v = ReplicationProtocol.finalVerdictWithoutVote(t.check(), "no valid result");
        verdicts.put(t.taskId(), v);
        if (v instanceof Verdict.Rejected r && r.reason() == Verdict.Reason.DISPUTE_LOST) {
          opponentConvicted = true;
        }
      }
    }
    Map<Digest, List<TaskOutcome>> byRoot = new LinkedHashMap<>();
    for (TaskOutcome t : valid) {
      Digest root;
      try {
        root = parseCommitment(t.commitment(), Messages.taskDigest(t.taskId())).root();
      } catch (DecodingException | ProtocolException e) {
        verdicts.put(t.taskId(), Verdict.inconclusive("commitment unreadable at decision: " + e));
        continue;
      }
      byRoot.computeIfAbsent(root, k -> new ArrayList<>()).add(t);
    }
    if (byRoot.size() > 1) {
      List<List<TaskOutcome>> groups = new ArrayList<>(byRoot.values());
      return new JobDecision.OpenDispute(
          groups.get(0).get(0).taskId(), groups.get(1).get(0).taskId());
    }
    if (byRoot.isEmpty()) {
      return new JobDecision.MoreReplicas(REPLICAS, "no valid replica");
    }
    List<TaskOutcome> agreeing = byRoot.values().iterator().next();
    if (agreeing.size() < REPLICAS && !opponentConvicted) {
      return new JobDecision.MoreReplicas(
          REPLICAS - agreeing.size(), agreeing.size() + " valid replica(s), need " + REPLICAS);
    }
    for (TaskOutcome t : agreeing) {
      verdicts.put(
          t.taskId(),
          Verdict.accepted(
              agreeing.size() > 1
                  ? agreeing.size() + " replicas committed to the same checkpoint root"
                  : "its opponent lost the bisection dispute"));
    }
    Bytes result = ((TaskCheck.Verified) agreeing.get(0).check()).output();
    Map<String, Verdict> ordered = new LinkedHashMap<>();
    for (TaskOutcome t : tasks) {
      ordered.put(
          t.taskId(), verdicts.getOrDefault(t.taskId(), Verdict.inconclusive("not judged")));
    }
    return new JobDecision.Decided(ordered, Optional.of(result));
  }

  @Override
  public DisputeStep dispute(
      JobSpec job, TaskOutcome a, TaskOutcome b, List<DisputeAnswer> answers) {
    try {
      return dispute(catalog.require(job.workload()), job, a, b, answers);
    } catch (ProtocolException e) {
      return resolved(
          a,
          b,
          Verdict.inconclusive("the dispute cannot run: " + e.getMessage()),
          "the dispute cannot run");
    }
  }

  private <I, O> DisputeStep dispute(
      Workload<I, O> w, JobSpec job, TaskOutcome a, TaskOutcome b, List<DisputeAnswer> answers)
      throws ProtocolException {
    StepStructure<I, O> s = steps(w);
    BisectionParameters p = parameters(job);
    I input = ReplicationProtocol.decodeInput(w, job.input());
    Digest taskA = Messages.taskDigest(a.taskId());
    Digest taskB = Messages.taskDigest(b.taskId());
    Commitment ca;
    Commitment cb;
    try {
      ca = parseCommitment(a.commitment(), taskA);
      cb = parseCommitment(b.commitment(), taskB);
    } catch (DecodingException e) {
      return resolved(
          a, b, Verdict.inconclusive("unreadable commitment: " + e.getMessage()), "no dispute");
    }
    Digest label = Hashes.hash(JOB_TAG, job.jobId().getBytes(StandardCharsets.UTF_8));
    BisectionDispute<I> d;
    try {
      d =
          BisectionDispute.open(
              s,
              input,
              p,
              new StateCommitment(label, a.provider().id(), ca.steps(), ca.root()),
              new StateCommitment(label, b.provider().id(), cb.steps(), cb.root()));
    } catch (IllegalArgumentException e) {
      return resolved(
          a,
          b,
          Verdict.inconclusive("no dispute possible: " + e.getMessage()),
          "no dispute possible");
    }
    for (DisputeAnswer answer : answers) {
      DisputeRequest pending =
          d.pendingRequest()
              .orElseThrow(() -> new IllegalArgumentException("an answer after the dispute ended"));
      boolean isA = answer.taskId().equals(a.taskId());
      if (!isA && !answer.taskId().equals(b.taskId())) {
        throw new IllegalArgumentException(
            "an answer from task " + answer.taskId() + ", not a party to this dispute");
      }
      TaskOutcome party = isA ? a : b;
      Digest partyTask = isA ? taskA : taskB;
      if (!answer.request().equals(encodeRequest(pending, partyTask))
          || !d.awaiting(party.provider().id())) {
        throw new IllegalArgumentException(
            "answers must follow the dispute's requests in order; got one to another request");
      }
      if (answer.answer().length() == 0) {
        d.forfeit(party.provider().id());
      } else {
        d.answer(party.provider().id(), decodeAnswer(answer.answer(), pending, partyTask));
      }
    }
    if (d.finished()) {
      DisputeOutcome o = d.outcome();
      Map<String, Verdict> v = new LinkedHashMap<>();
      v.put(a.taskId(), o.verdictFor(a.provider().id()));
      v.put(b.taskId(), o.verdictFor(b.provider().id()));
      return new DisputeStep.Resolved(
          v,
          "bisection: "
              + o.rounds()
              + " rounds, "
              + o.stepsReExecuted()
              + " step(s) re-executed by the referee"
              + o.locatedSegment().map(seg -> ", segment " + seg).orElse(""));
    }
    DisputeRequest next = d.pendingRequest().orElseThrow();
    if (d.awaiting(a.provider().id())) {
      return new DisputeStep.Ask(a.taskId(), encodeRequest(next, taskA));
    }
    return new DisputeStep.Ask(b.taskId(), encodeRequest(next, taskB));
  }

  private static DisputeStep.Resolved resolved(
      TaskOutcome a, TaskOutcome b, Verdict both, String detail) {
    Map<String, Verdict> v = new LinkedHashMap<>();
    v.put(a.taskId(), both);
    v.put(b.taskId(), both);
    return new DisputeStep.Resolved(v, detail);
  }
}
