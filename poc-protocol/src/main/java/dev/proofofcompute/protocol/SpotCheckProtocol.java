package dev.proofofcompute.protocol;

import dev.proofofcompute.core.linalg.DoubleMatrix;
import dev.proofofcompute.core.linalg.IntMatrix;
import dev.proofofcompute.core.linalg.Matrix;
import dev.proofofcompute.core.scheme.PolicyException;
import dev.proofofcompute.core.scheme.Verdict;
import dev.proofofcompute.core.workload.ItemStructure;
import dev.proofofcompute.core.workload.Workload;
import dev.proofofcompute.crypto.Bytes;
import dev.proofofcompute.crypto.DecodingException;
import dev.proofofcompute.crypto.Digest;
import dev.proofofcompute.crypto.Hashes;
import dev.proofofcompute.crypto.VerificationException;
import dev.proofofcompute.crypto.cbor.CborArray;
import dev.proofofcompute.crypto.cbor.CborBytes;
import dev.proofofcompute.crypto.cbor.CborMap;
import dev.proofofcompute.crypto.cbor.CborValue;
import dev.proofofcompute.crypto.merkle.MerkleHashes;
import dev.proofofcompute.crypto.merkle.MerkleTree;
import dev.proofofcompute.crypto.merkle.MerkleVerifier;
import dev.proofofcompute.crypto.random.RandomSource;
import dev.proofofcompute.schemes.spotcheck.BatchLayout;
import dev.proofofcompute.schemes.spotcheck.CanarySet;
import dev.proofofcompute.schemes.spotcheck.ChallengeDerivation;
import dev.proofofcompute.schemes.spotcheck.PreparedTask;
import dev.proofofcompute.schemes.spotcheck.SpotCheckChallenge;
import dev.proofofcompute.schemes.spotcheck.SpotCheckCommitment;
import dev.proofofcompute.schemes.spotcheck.SpotCheckOpening;
import dev.proofofcompute.schemes.spotcheck.SpotCheckParameters;
import dev.proofofcompute.schemes.spotcheck.SpotCheckScheme;
import dev.proofofcompute.schemes.spotcheck.SpotCheckValidator;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * The {@code spot-check} scheme over bytes (commit and sample, with canaries), on the library's
 * {@link SpotCheckValidator}, {@link ChallengeDerivation} and RFC 9162 batch Merkle proofs.
 *
 * <ol>
 *   <li>{@link #prepareTask}: from the coordinator's per-task secret, derives {@code c} fresh
 *       canary items (each a row recombined column by column from random rows of the requester's
 *       batch, so it looks like the other items and is new to the provider), computes their
 *       answers, and shuffles them into the batch at secret positions ({@link
 *       SpotCheckValidator#prepare} driven by a stream derived from the secret). The provider gets
 *       the mixed batch only.
 *   <li>The provider runs every item and commits to the RFC 9162 Merkle root over its per-item
 *       outputs: {@code {"task", "root", "items"}} ({@link SpotCheckCommitment}).
 *   <li>{@link #challenge}: only now, from randomness drawn after the commitment was stored, the
 *       samples are derived: seed {@code = H("poc/protocol/spot-check/seed/v1", randomness)}, then
 *       {@link ChallengeDerivation#derive} (every canary position plus {@code s} requester items,
 *       ascending): {@code {"task", "seed", "indices"}}.
 *   <li>The provider answers {@code {"task", "opening": SpotCheckOpening, "outputs": [all M item
 *       outputs]}}: the batch proof of the challenged items and the full list of outputs (the job's
 *       result).
 *   <li>{@link #check} (cheap, in the coordinator): the opening against the root, the full outputs
 *       against the root, the canaries against their known answers. Recomputing the sampled items
 *       is validator work: {@link TaskCheck.NeedsValidation} with {@code {"task", "items": [{input,
 *       claimed}]}} — the sampled items and, shuffled among them, {@code v} validator canaries
 *       whose "claimed" output is a deliberately wrong decoy of an answer the coordinator knows.
 *   <li>{@link #validate} recomputes every item of the work: {@code {"task", "outputs": [...]}}.
 *   <li>{@link #completeValidation}: a report that gets any validator canary wrong (for example one
 *       that echoes the claims without computing) is {@link TaskCheck.Unresolved} — the validator's
 *       fault, the provider is not punished; otherwise a sampled item whose recomputation differs
 *       from the provider's claim is {@link Verdict.Reason#WRONG_RESULT}.
 * </ol>
 *
 * <p>The provider cannot predict the samples: they come from randomness drawn after its commitment
 * was stored (no grinding, DESIGN.md §2), and it cannot tell canaries from items. A provider faking
 * a fraction {@code f} of the items escapes with probability about {@code (1-f)^(s+c)} ({@link
 * SpotCheckParameters#detectionProbability}).
 *
 * <p>The job's result is {@code {"items": [bstr]}}: the requester items' outputs in the requester's
 * order, canaries removed.
 *
 * <p>Parameters (canonical CBOR map): {@code samples} uint, {@code canaries} uint ({@code 1 <=
 * samples + canaries <= 2^20}, {@code samples <= N}), optional {@code validator-canaries} uint
 * 0..64 (default {@value #DEFAULT_VALIDATOR_CANARIES}). Canaries need items that are matrix rows
 * (matmul, mlp-infer).
 */
public final class SpotCheckProtocol implements SchemeProtocol {
  static final int DEFAULT_VALIDATOR_CANARIES = 2;
  static final int MAX_VALIDATOR_CANARIES = 64;
  private static final String SEED_TAG = "poc/protocol/spot-check/seed/v1";

  private final WorkloadCatalog catalog;

  private SpotCheckProtocol(WorkloadCatalog catalog) {
    this.catalog = catalog;
  }

  public static SpotCheckProtocol create(WorkloadCatalog catalog) {
    return new SpotCheckProtocol(catalog);
  }

  @Override
  public String scheme() {
    return SpotCheckParameters.SCHEME;
  }

  /** The decoded parameters. */
  public record Parameters(SpotCheckParameters spotCheck, int validatorCanaries) {}

  /**
   * Decodes the parameters.
   *
   * @throws DecodingException naming the field that is missing, mistyped or out of range
   */
  public static Parameters decodeParameters(Bytes encoded) throws DecodingException {
    String what = "spot-check parameters";
    CborMap map =
        Messages.map(encoded, what, List.of("samples", "canaries"), List.of("validator-canaries"));
    int samples = Messages.intIn(map, "samples", what, 0, SpotCheckParameters.MAX_OPENED);
    int canaries = Messages.intIn(map, "canaries", what, 0, SpotCheckParameters.MAX_OPENED);
    int v =
        map.get("validator-canaries").isPresent()
            ? Messages.intIn(map, "validator-canaries", what, 0, MAX_VALIDATOR_CANARIES)
            : DEFAULT_VALIDATOR_CANARIES;
    try {
      return new Parameters(new SpotCheckParameters(samples, canaries), v);
    } catch (IllegalArgumentException e) {
      throw new DecodingException(what + ": " + e.getMessage(), e);
    }
  }

  public static Bytes encodeParameters(int samples, int canaries, int validatorCanaries) {
    return CborMap.builder()
        .put("samples", samples)
        .put("canaries", canaries)
        .put("validator-canaries", validatorCanaries)
        .build()
        .encode();
  }

  private static Parameters parameters(JobSpec job) throws ProtocolException {
    try {
      return decodeParameters(job.parameters());
    } catch (DecodingException e) {
      throw new ProtocolException(String.valueOf(e.getMessage()), e);
    }
  }

  // ------------------------------------------------------------- preparation

  /** What the coordinator re-derives from a task's secret. */
  private record Prepared<I, O>(
      Workload<I, O> workload,
      ItemStructure<I, O> items,
      Parameters parameters,
      I requesterBatch,
      PreparedTask<I> task) {}

  private static <I, O> ItemStructure<I, O> items(Workload<I, O> w) throws ProtocolException {
    try {
      SpotCheckScheme.create().checkApplicable(w, new SpotCheckParameters(0, 1));
    } catch (PolicyException e) {
      throw new ProtocolException(String.valueOf(e.getMessage()), e);
    }
    return w.items().orElseThrow();
  }

  private <I, O> Prepared<I, O> prepare(Workload<I, O> w, Digest taskId, JobSpec job, Bytes secret)
      throws ProtocolException {
    Parameters p = parameters(job);
    ItemStructure<I, O> items = items(w);
    I batch = ReplicationProtocol.decodeInput(w, job.input());
    try {
      SpotCheckScheme.create().checkBatch(items.itemCount(batch), p.spotCheck());
      List<Bytes> canaryInputs =
          CanaryRows.generate(
              items, batch, p.spotCheck().canaries(), DerivedRandom.of(secret, "canary-inputs"));
      CanarySet canaries = CanarySet.compute(w, batch, canaryInputs);
      PreparedTask<I> task =
          SpotCheckValidator.create(w, p.spotCheck())
              .prepare(taskId, batch, canaries, DerivedRandom.of(secret, "layout"));
      return new Prepared<>(w, items, p, batch, task);
    } catch (PolicyException e) {
      throw new ProtocolException(String.valueOf(e.getMessage()), e);
    }
  }

  private Prepared<?, ?> prepared(TaskSpec task) throws ProtocolException {
    if (task.secret().length() != SECRET_LENGTH) {
      throw new IllegalStateException(
          "spot-check needs the coordinator's task secret: pass the TaskSpec from prepareTask");
    }
    return prepare(
        catalog.require(task.job().workload()),
        Messages.taskDigest(task.taskId()),
        task.job(),
        task.secret());
  }

  @Override
  public JobPlan plan(JobSpec job) throws ProtocolException {
    Parameters p = parameters(job);
    // A trial preparation checks everything a real one will need (items, batch size, canaries).
    Prepared<?, ?> trial =
        prepare(
            catalog.require(job.workload()),
            Digest.sha256(Bytes.EMPTY),
            job,
            Bytes.of(new byte[SECRET_LENGTH]));
    if (p.validatorCanaries() > 0) {
      validatorCanaries(trial, Bytes.of(new byte[SECRET_LENGTH]), Bytes.EMPTY);
    }
    SpotCheckParameters s = p.spotCheck();
    int n = trial.task().layout().itemCount();
    return new JobPlan(
        1,
        encodeParameters(s.samples(), s.canaries(), p.validatorCanaries()),
        "spot-check: "
            + s.samples()
            + " samples + "
            + s.canaries()
            + " canaries of "
            + n
            + " items; 10% faked is caught with probability "
            + String.format(
                java.util.Locale.ROOT,
                "%.4f",
                s.detectionProbability(n, SpotCheckParameters.fakedItems(n + s.canaries(), 0.1))));
  }

  @Override
  public TaskSpec prepareTask(String taskId, JobSpec job, int replica, Bytes secret)
      throws ProtocolException {
    if (secret.length() != SECRET_LENGTH) {
      throw new ProtocolException(
          "a task secret is " + SECRET_LENGTH + " bytes, got " + secret.length());
    }
    Prepared<?, ?> p =
        prepare(catalog.require(job.workload()), Messages.taskDigest(taskId), job, secret);
    return new TaskSpec(taskId, job, replica, encodeBatch(p), secret);
  }

  private static <I, O> Bytes encodeBatch(Prepared<I, O> p) {
    return p.workload().inputCodec().encode(p.task().task().batch());
  }

  // ---------------------------------------------------------------- provider

  @Override
  public ProviderSession execute(TaskSpec task, ProviderContext context) throws ProtocolException {
    Digest taskId = Messages.taskDigest(task.taskId());
    return run(catalog.require(task.job().workload()), task, taskId, context.behaviour());
  }

  private static <I, O> ProviderSession run(
      Workload<I, O> w, TaskSpec task, Digest taskId, ProviderBehaviour behaviour)
      throws ProtocolException {
    ItemStructure<I, O> items = items(w);
    I batch = ReplicationProtocol.decodeInput(w, task.input());
    List<Bytes> outputs;
    try {
      outputs = new ArrayList<>(items.itemOutputs(w.execute(batch)));
    } catch (IllegalArgumentException e) {
      throw new ProtocolException("the workload refuses the batch: " + e.getMessage(), e);
    }
    RandomSource cheat = Cheats.random(Cheats.seed(behaviour), taskId, "spot-check/items");
    for (int i = 0; i < outputs.size(); i++) {
      boolean fake =
          switch (behaviour) {
            case ProviderBehaviour.Honest h -> false;
            case ProviderBehaviour.Wrong wr -> true;
            case ProviderBehaviour.Lazy l -> Cheats.uniform(cheat) < l.fraction();
          };
      if (fake) {
        outputs.set(i, fakeItem(outputs.get(i), cheat));
      }
    }
    return new Session(taskId, List.copyOf(outputs));
  }

  /** A faked item output: the honest bytes with one random bit flipped. */
  static Bytes fakeItem(Bytes honest, RandomSource random) {
    if (honest.length() == 0) {
      return Bytes.of(new byte[] {1});
    }
    byte[] b = honest.toByteArray();
    int bit = (int) random.nextLong(8L * b.length);
    b[bit / 8] ^= (byte) (1 << (bit % 8));
    return Bytes.of(b);
  }

  private static final class Session implements ProviderSession {
    private final Digest taskId;
    private final List<Bytes> outputs;
    private final MerkleTree tree;

    Session(Digest taskId, List<Bytes> outputs) {
      this.taskId = taskId;
      this.outputs = outputs;
      this.tree = MerkleTree.ofLeaves(outputs);
    }

    @Override
    public Bytes commitment() {
      return new SpotCheckCommitment(taskId, tree.root(), outputs.size()).toBytes();
    }

    @Override
    public Bytes respond(Bytes challenge) throws ProtocolException {
      SpotCheckChallenge c;
      try {
        c = SpotCheckChallenge.parse(challenge);
      } catch (DecodingException e) {
        throw new ProtocolException("spot-check challenge: " + e.getMessage(), e);
      }
      if (!c.taskId().equals(taskId)) {
        throw new ProtocolException("the challenge is for task " + c.taskId().toHex());
      }
      List<Long> indices = c.indices();
      if (indices.get(indices.size() - 1) >= outputs.size()) {
        throw new ProtocolException("the challenge opens items beyond the batch");
      }
      List<Bytes> opened = new ArrayList<>(indices.size());
      for (long i : indices) {
        opened.add(outputs.get((int) i));
      }
      SpotCheckOpening opening = new SpotCheckOpening(taskId, opened, tree.multiProof(indices));
      return CborMap.builder()
          .put("task", taskId)
          .put("opening", opening.toBytes())
          .put("outputs", bytesArray(outputs))
          .build()
          .encode();
    }

    @Override
    public Bytes answerDispute(Bytes request) throws ProtocolException {
      throw new ProtocolException("spot-check has no disputes");
    }
  }

  static CborArray bytesArray(List<Bytes> list) {
    List<CborValue> items = new ArrayList<>(list.size());
    for (Bytes b : list) {
      items.add(new CborBytes(b));
    }
    return new CborArray(items);
  }

  static List<Bytes> bytesList(CborArray array, String what) throws DecodingException {
    List<Bytes> out = new ArrayList<>(array.size());
    for (CborValue v : array.items()) {
      if (!(v instanceof CborBytes(Bytes b))) {
        throw new DecodingException(what + ": an entry is not a byte string");
      }
      out.add(b);
    }
    return out;
  }

  // ---------------------------------------------------------------- coordinator

  @Override
  public Bytes challenge(TaskSpec task, ProviderInfo provider, Bytes commitment, Bytes randomness)
      throws ProtocolException {
    Prepared<?, ?> p = prepared(task);
    SpotCheckCommitment c;
    try {
      c = parseCommitment(commitment, p);
    } catch (DecodingException e) {
      throw new ProtocolException(String.valueOf(e.getMessage()), e);
    }
    if (randomness.length() < 16) {
      throw new IllegalArgumentException("challenge randomness must be at least 16 bytes");
    }
    Bytes seed = Hashes.hash(SEED_TAG, randomness).toBytes();
    return ChallengeDerivation.derive(
            p.task().task().seedCommitment(),
            seed,
            p.parameters().spotCheck(),
            p.task().layout(),
            c)
        .toBytes();
  }

  private static SpotCheckCommitment parseCommitment(Bytes commitment, Prepared<?, ?> p)
      throws DecodingException {
    SpotCheckCommitment c = SpotCheckCommitment.parse(commitment);
    if (!c.taskId().equals(p.task().taskId())) {
      throw new DecodingException("spot-check commitment is for task " + c.taskId().toHex());
    }
    if (c.itemCount() != p.task().layout().size()) {
      throw new DecodingException(
          "spot-check commitment covers "
              + c.itemCount()
              + " items, the batch has "
              + p.task().layout().size());
    }
    return c;
  }

  /** The provider's response, checked up to the point where recomputation is needed. */
  private record Opened(List<Long> sampled, List<Bytes> sampledOutputs, List<Bytes> result) {}

  @Override
  public TaskCheck check(
      TaskSpec task,
      ProviderInfo provider,
      Bytes commitment,
      Bytes challenge,
      Bytes response,
      Instant asOf) {
    try {
      Prepared<?, ?> p = prepared(task);
      Object opened = open(p, commitment, challenge, response);
      if (opened instanceof TaskCheck failed) {
        return failed;
      }
      Opened o = (Opened) opened;
      if (o.sampled().isEmpty()) {
        return new TaskCheck.Verified(result(o), "every opened canary has its known answer");
      }
      Bytes work = work(p, task.secret(), challenge, o);
      return new TaskCheck.NeedsValidation(
          work,
          "openings and canaries verified; " + o.sampled().size() + " sampled items to recompute");
    } catch (ProtocolException | RuntimeException e) {
      return new TaskCheck.Unresolved("spot-check check failed on the coordinator's side: " + e);
    }
  }

  private static Bytes result(Opened o) {
    return CborMap.builder().put("items", bytesArray(o.result())).build().encode();
  }

  /** The opened response, or the {@link TaskCheck.Failed} that refutes it. */
  private static <I, O> Object open(
      Prepared<I, O> p, Bytes commitment, Bytes challenge, Bytes response) {
    BatchLayout layout = p.task().layout();
    SpotCheckCommitment c;
    try {
      c = parseCommitment(commitment, p);
    } catch (DecodingException e) {
      return SingleTask.failed(Verdict.Reason.MALFORMED_EVIDENCE, e.getMessage());
    }
    SpotCheckChallenge ch;
    try {
      ch = SpotCheckChallenge.parse(challenge);
    } catch (DecodingException e) {
      throw new IllegalArgumentException("the coordinator's own challenge does not parse", e);
    }
    SpotCheckOpening opening;
    List<Bytes> outputs;
    try {
      CborMap map = Messages.map(response, "spot-check response", "task", "opening", "outputs");
      Messages.requireTask(map, "spot-check response", p.task().taskId());
      opening = SpotCheckOpening.parse(map.getBytes("opening"));
      outputs = bytesList(map.getArray("outputs"), "spot-check response outputs");
    } catch (DecodingException e) {
      return SingleTask.failed(Verdict.Reason.MALFORMED_EVIDENCE, e.getMessage());
    }
    if (!opening.taskId().equals(p.task().taskId())) {
      return SingleTask.failed(
          Verdict.Reason.MALFORMED_EVIDENCE, "the opening is for task " + opening.taskId().toHex());
    }
    List<Long> indices = ch.indices();
    List<Digest> leaves = new ArrayList<>();
    for (Bytes b : opening.outputs()) {
      leaves.add(MerkleHashes.leafHash(b));
    }
    try {
      MerkleVerifier.verifyMulti(indices, leaves, layout.size(), c.root(), opening.proof());
    } catch (VerificationException e) {
      return SingleTask.failed(Verdict.Reason.BAD_OPENING, e.getMessage());
    }
    if (outputs.size() != layout.size()
        || !MerkleTree.ofLeaves(outputs).root().equalsConstantTime(c.root())) {
      return SingleTask.failed(
          Verdict.Reason.COMMITMENT_MISMATCH,
          "the delivered outputs do not hash to the committed root");
    }
    List<Long> sampled = new ArrayList<>();
    List<Bytes> sampledOutputs = new ArrayList<>();
    int n = layout.itemCount();
    for (int k = 0; k < indices.size(); k++) {
      int position = (int) (long) indices.get(k);
      int source = layout.sourceAt(position);
      Bytes claimed = opening.outputs().get(k);
      if (source >= n) {
        if (!p.task().canaries().get(source - n).knownOutput().equals(claimed)) {
          return SingleTask.failed(
              Verdict.Reason.CANARY_FAILED, "item " + position + " differs from its known answer");
        }
      } else {
        sampled.add((long) position);
        sampledOutputs.add(claimed);
      }
    }
    List<Bytes> result = new ArrayList<>(n);
    for (int i = 0; i < n; i++) {
      result.add(outputs.get(layout.positionOfItem(i)));
    }
    return new Opened(sampled, sampledOutputs, result);
  }

  // ---------------------------------------------------------------- validation work

  /** One entry of the validation work. */
  private record WorkItem(Bytes input, Bytes claimed, boolean canary, Bytes known) {}

  /**
   * The work list: the sampled items and the validator canaries, in an order derived from the
   * secret and the challenge (so the same check always gives the same work).
   */
  private static <I, O> List<WorkItem> workItems(
      Prepared<I, O> p, Bytes secret, Bytes challenge, Opened o) throws ProtocolException {
    List<WorkItem> list = new ArrayList<>();
    I batch = p.task().task().batch();
    for (int k = 0; k < o.sampled().size(); k++) {
      int position = (int) (long) o.sampled().get(k);
      list.add(
          new WorkItem(
              p.items().itemInput(batch, position), o.sampledOutputs().get(k), false, Bytes.EMPTY));
    }
    list.addAll(validatorCanaries(p, secret, challenge));
    RandomSource shuffle =
        DerivedRandom.of(
            secret, "work-order/" + Hashes.hash("poc/protocol/spot-check/work", challenge));
    for (int i = list.size() - 1; i > 0; i--) {
      int j = (int) shuffle.nextLong(i + 1L);
      WorkItem t = list.get(i);
      list.set(i, list.get(j));
      list.set(j, t);
    }
    return list;
  }

  private static <I, O> List<WorkItem> validatorCanaries(
      Prepared<I, O> p, Bytes secret, Bytes challenge) throws ProtocolException {
    int v = p.parameters().validatorCanaries();
    if (v == 0) {
      return List.of();
    }
    RandomSource r =
        DerivedRandom.of(
            secret, "validator-canaries/" + Hashes.hash("poc/protocol/spot-check/work", challenge));
    List<Bytes> inputs = CanaryRows.generate(p.items(), p.requesterBatch(), v, r);
    CanarySet known;
    try {
      known = CanarySet.compute(p.workload(), p.requesterBatch(), inputs);
    } catch (PolicyException e) {
      throw new ProtocolException(String.valueOf(e.getMessage()), e);
    }
    List<WorkItem> out = new ArrayList<>(v);
    for (CanarySet.Canary c : known.canaries()) {
      // A forced error (Truebit): the claim is a decoy, so a validator that echoes claims fails.
      out.add(new WorkItem(c.input(), fakeItem(c.knownOutput(), r), true, c.knownOutput()));
    }
    return out;
  }

  private static Bytes work(Prepared<?, ?> p, Bytes secret, Bytes challenge, Opened o)
      throws ProtocolException {
    List<CborValue> entries = new ArrayList<>();
    for (WorkItem w : workItems(p, secret, challenge, o)) {
      entries.add(CborMap.builder().put("input", w.input()).put("claimed", w.claimed()).build());
    }
    return CborMap.builder()
        .put("task", p.task().taskId())
        .put("items", new CborArray(entries))
        .build()
        .encode();
  }

  @Override
  public Bytes validate(JobSpec job, Bytes work) throws ProtocolException {
    return validate(catalog.require(job.workload()), job, work);
  }

  private static <I, O> Bytes validate(Workload<I, O> w, JobSpec job, Bytes work)
      throws ProtocolException {
    ItemStructure<I, O> items = items(w);
    I template = ReplicationProtocol.decodeInput(w, job.input());
    Digest task;
    List<Bytes> inputs = new ArrayList<>();
    try {
      CborMap map = Messages.map(work, "spot-check work", "task", "items");
      task = map.getDigest("task");
      for (CborValue v : map.getArray("items").items()) {
        if (!(v instanceof CborMap entry)) {
          throw new DecodingException("spot-check work: an item is not a map");
        }
        entry.requireOnlyKeys("input", "claimed");
        inputs.add(entry.getBytes("input"));
        entry.getBytes("claimed");
      }
    } catch (DecodingException e) {
      throw new ProtocolException(String.valueOf(e.getMessage()), e);
    }
    if (inputs.isEmpty()) {
      throw new ProtocolException("spot-check work: no items");
    }
    List<Bytes> outputs = new ArrayList<>(inputs.size());
    try {
      I batch = items.withItems(template, inputs);
      for (int i = 0; i < inputs.size(); i++) {
        outputs.add(items.executeItem(batch, i));
      }
    } catch (IllegalArgumentException e) {
      throw new ProtocolException("spot-check work: cannot run the items: " + e.getMessage(), e);
    }
    return CborMap.builder().put("task", task).put("outputs", bytesArray(outputs)).build().encode();
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
    try {
      Prepared<?, ?> p = prepared(task);
      Object opened = open(p, commitment, challenge, response);
      if (opened instanceof TaskCheck failed) {
        return failed;
      }
      Opened o = (Opened) opened;
      if (!work(p, task.secret(), challenge, o).equals(work)) {
        return new TaskCheck.Unresolved("the validation work is not the work this check hands out");
      }
      List<WorkItem> items = workItems(p, task.secret(), challenge, o);
      List<Bytes> reported;
      try {
        CborMap map =
            Messages.map(validatorReport, "spot-check validator report", "task", "outputs");
        Messages.requireTask(map, "spot-check validator report", p.task().taskId());
        reported = bytesList(map.getArray("outputs"), "spot-check validator report");
      } catch (DecodingException e) {
        return new TaskCheck.Unresolved("validator report: " + e.getMessage());
      }
      if (reported.size() != items.size()) {
        return new TaskCheck.Unresolved(
            "validator report has " + reported.size() + " outputs for " + items.size() + " items");
      }
      for (int i = 0; i < items.size(); i++) {
        WorkItem w = items.get(i);
        if (w.canary() && !w.known().equals(reported.get(i))) {
          return new TaskCheck.Unresolved(
              "the validator got one of its canaries wrong: its report is not trusted (validator"
                  + " fault; the provider is not judged on it)");
        }
      }
      int recomputed = 0;
      for (int i = 0; i < items.size(); i++) {
        WorkItem w = items.get(i);
        if (w.canary()) {
          continue;
        }
        recomputed++;
        if (!w.claimed().equals(reported.get(i))) {
          return SingleTask.failed(
              Verdict.Reason.WRONG_RESULT,
              "a sampled item differs from its recomputation by a validator that passed its"
                  + " canaries");
        }
      }
      return new TaskCheck.Verified(
          result(o),
          recomputed
              + " sampled items recomputed, "
              + p.parameters().spotCheck().canaries()
              + " canaries checked");
    } catch (ProtocolException | RuntimeException e) {
      return new TaskCheck.Unresolved(
          "spot-check validation failed on the coordinator's side: " + e);
    }
  }

  @Override
  public JobDecision decide(JobSpec job, List<TaskOutcome> tasks) {
    return SingleTask.decide(tasks);
  }

  @Override
  public DisputeStep dispute(
      JobSpec job, TaskOutcome a, TaskOutcome b, List<DisputeAnswer> answers) {
    throw new UnsupportedOperationException("spot-check never opens a dispute");
  }

  /**
   * Fresh canary items for workloads whose items are matrix rows: each entry of a canary row is the
   * same column's entry of a uniformly chosen requester row, so a canary stays in the value range
   * of the batch (int8 for matmul and mlp-infer) without repeating any one requester item.
   */
  static final class CanaryRows {
    private CanaryRows() {}

    static <I, O> List<Bytes> generate(
        ItemStructure<I, O> items, I batch, int count, RandomSource random)
        throws ProtocolException {
      if (count == 0) {
        return List.of();
      }
      int n = items.itemCount(batch);
      List<Matrix> rows = new ArrayList<>(n);
      for (int i = 0; i < n; i++) {
        Matrix m;
        try {
          m = Matrix.decode(items.itemInput(batch, i));
        } catch (DecodingException e) {
          throw new ProtocolException(
              "canaries need items that are matrix rows; this workload's are not", e);
        }
        if (m.rows() != 1) {
          throw new ProtocolException("canaries need items that are single matrix rows");
        }
        rows.add(m);
      }
      int cols = rows.get(0).cols();
      List<Bytes> out = new ArrayList<>(count);
      for (int c = 0; c < count; c++) {
        if (rows.get(0) instanceof IntMatrix) {
          int[] row = new int[cols];
          for (int j = 0; j < cols; j++) {
            row[j] = ((IntMatrix) rows.get((int) random.nextLong(n))).get(0, j);
          }
          out.add(IntMatrix.of(1, cols, row).encode());
        } else {
          double[] row = new double[cols];
          for (int j = 0; j < cols; j++) {
            row[j] = ((DoubleMatrix) rows.get((int) random.nextLong(n))).get(0, j);
          }
          out.add(DoubleMatrix.of(1, cols, row).encode());
        }
      }
      return out;
    }
  }
}
