package dev.proofofcompute.worker;

import dev.proofofcompute.core.workload.ItemStructure;
import dev.proofofcompute.core.workload.Workload;
import dev.proofofcompute.crypto.Bytes;
import dev.proofofcompute.crypto.DecodingException;
import dev.proofofcompute.crypto.Digest;
import dev.proofofcompute.crypto.Hashes;
import dev.proofofcompute.crypto.cbor.CborArray;
import dev.proofofcompute.crypto.cbor.CborBytes;
import dev.proofofcompute.crypto.cbor.CborMap;
import dev.proofofcompute.crypto.cbor.CborValue;
import dev.proofofcompute.crypto.merkle.MerkleTree;
import dev.proofofcompute.crypto.random.RandomSource;
import dev.proofofcompute.protocol.ProtocolException;
import dev.proofofcompute.protocol.ProviderSession;
import dev.proofofcompute.protocol.SpotCheckProtocol;
import dev.proofofcompute.protocol.TaskSpec;
import dev.proofofcompute.protocol.WorkloadCatalog;
import dev.proofofcompute.schemes.spotcheck.SpotCheckChallenge;
import dev.proofofcompute.schemes.spotcheck.SpotCheckCommitment;
import dev.proofofcompute.schemes.spotcheck.SpotCheckOpening;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;

/**
 * The {@code grinder} cheat against spot-checks (DESIGN.md §2, "No grinding"): the provider fakes a
 * fraction {@code f} of the items and, before it commits, re-rolls which items it fakes until the
 * samples it <em>predicts</em> from its own commitment miss every fake. Against a scheme that
 * derived the samples from the commitment by Fiat–Shamir this would win after about {@code
 * (1-f)^-s} tries; here the coordinator draws the sample randomness only after it has stored the
 * commitment, so the prediction is worthless and the grinder is caught as often as any provider
 * faking {@code f} of the items: {@code 1 - (1-f)^(s+c)}.
 *
 * <p>The prediction models a naive Fiat–Shamir spot-check: {@code s + c} distinct indices (the
 * job's public sample and canary counts) drawn from {@code H(root)}. The session speaks the
 * spot-check wire format of {@link SpotCheckProtocol}: commitment {@link SpotCheckCommitment},
 * response {@code {"task", "opening", "outputs"}}.
 */
final class GrindingSession implements ProviderSession {
  /** Re-rolls before the grinder gives up and commits to its last attempt. */
  static final int MAX_TRIES = 4096;

  private static final String PREDICT_TAG = "poc/worker/grinder/predicted-samples/v1";

  private final Digest taskId;
  private final List<Bytes> outputs;
  private final MerkleTree tree;
  private final Set<Integer> faked;
  private final int tries;
  private final boolean dodgedPrediction;

  private GrindingSession(
      Digest taskId,
      List<Bytes> outputs,
      MerkleTree tree,
      Set<Integer> faked,
      int tries,
      boolean dodgedPrediction) {
    this.taskId = taskId;
    this.outputs = outputs;
    this.tree = tree;
    this.faked = faked;
    this.tries = tries;
    this.dodgedPrediction = dodgedPrediction;
  }

  /** Runs the batch of {@code task}, fakes {@code fraction} of it and grinds the commitment. */
  static GrindingSession execute(
      WorkloadCatalog catalog, TaskSpec task, double fraction, RandomSource random)
      throws ProtocolException {
    Workload<?, ?> w = catalog.require(task.job().workload());
    SpotCheckProtocol.Parameters p;
    try {
      p = SpotCheckProtocol.decodeParameters(task.job().parameters());
    } catch (DecodingException e) {
      throw new ProtocolException(String.valueOf(e.getMessage()), e);
    }
    int predicted = p.spotCheck().samples() + p.spotCheck().canaries();
    return grind(w, task, fraction, predicted, random);
  }

  private static <I, O> GrindingSession grind(
      Workload<I, O> w, TaskSpec task, double fraction, int predicted, RandomSource random)
      throws ProtocolException {
    Digest taskId = taskDigest(task.taskId());
    ItemStructure<I, O> items =
        w.items().orElseThrow(() -> new ProtocolException("spot-check needs a workload of items"));
    I batch;
    try {
      batch = w.inputCodec().decode(task.input());
    } catch (DecodingException e) {
      throw new ProtocolException("the task's batch does not decode: " + e.getMessage(), e);
    }
    List<Bytes> honest;
    try {
      honest = items.itemOutputs(w.execute(batch));
    } catch (IllegalArgumentException e) {
      throw new ProtocolException("the workload refuses the batch: " + e.getMessage(), e);
    }
    int m = honest.size();
    List<Bytes> outputs = List.of();
    MerkleTree tree = MerkleTree.ofLeaves(honest);
    Set<Integer> faked = Set.of();
    int tries = 0;
    boolean dodged = false;
    while (tries < MAX_TRIES && !dodged) {
      tries++;
      Set<Integer> fakes = new TreeSet<>();
      List<Bytes> attempt = new ArrayList<>(honest);
      for (int i = 0; i < m; i++) {
        if (uniform(random) < fraction) {
          fakes.add(i);
          attempt.set(i, flipOneBit(honest.get(i), random));
        }
      }
      MerkleTree t = MerkleTree.ofLeaves(attempt);
      Set<Integer> samples = predictSamples(t.root(), m, predicted);
      dodged = samples.stream().noneMatch(fakes::contains);
      outputs = attempt;
      tree = t;
      faked = fakes;
    }
    return new GrindingSession(
        taskId, List.copyOf(outputs), tree, Set.copyOf(faked), tries, dodged);
  }

  /**
   * The samples a naive Fiat–Shamir spot-check would open: {@code count} distinct indices in {@code
   * [0, m)} drawn from {@code H(root)} (all of them when {@code count >= m}).
   */
  static Set<Integer> predictSamples(Digest root, int m, int count) {
    Set<Integer> out = new TreeSet<>();
    if (count >= m) {
      for (int i = 0; i < m; i++) {
        out.add(i);
      }
      return out;
    }
    long counter = 0;
    while (out.size() < count) {
      byte[] block =
          Hashes.hash(
                  PREDICT_TAG,
                  root.toByteArray(),
                  ByteBuffer.allocate(8).putLong(counter++).array())
              .toByteArray();
      long v = ByteBuffer.wrap(block).getLong() >>> 1;
      out.add((int) (v % m));
    }
    return out;
  }

  private static double uniform(RandomSource random) {
    return (random.nextLong() >>> 11) * 0x1p-53;
  }

  private static Bytes flipOneBit(Bytes honest, RandomSource random) {
    if (honest.length() == 0) {
      return Bytes.of(new byte[] {1});
    }
    byte[] b = honest.toByteArray();
    int bit = (int) random.nextLong(8L * b.length);
    b[bit / 8] ^= (byte) (1 << (bit % 8));
    return Bytes.of(b);
  }

  static Digest taskDigest(String taskId) throws ProtocolException {
    if (!taskId.matches("[0-9a-f]{64}")) {
      throw new ProtocolException("a task id is the lower-case hex of a 32-byte digest");
    }
    return Digest.fromHex(taskId);
  }

  /** How many commitments the grinder tried. */
  int tries() {
    return tries;
  }

  /** Whether the committed attempt dodges the predicted samples (the grinder "won" its model). */
  boolean dodgedPrediction() {
    return dodgedPrediction;
  }

  /** The positions (in the batch the provider ran) whose outputs are faked. */
  Set<Integer> faked() {
    return faked;
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
    List<Bytes> opened = new ArrayList<>(c.indices().size());
    for (long i : c.indices()) {
      if (i < 0 || i >= outputs.size()) {
        throw new ProtocolException("the challenge opens item " + i + " beyond the batch");
      }
      opened.add(outputs.get((int) i));
    }
    SpotCheckOpening opening = new SpotCheckOpening(taskId, opened, tree.multiProof(c.indices()));
    List<CborValue> all = new ArrayList<>(outputs.size());
    for (Bytes b : outputs) {
      all.add(new CborBytes(b));
    }
    return CborMap.builder()
        .put("task", taskId)
        .put("opening", opening.toBytes())
        .put("outputs", new CborArray(all))
        .build()
        .encode();
  }

  @Override
  public Bytes answerDispute(Bytes request) throws ProtocolException {
    throw new ProtocolException("spot-check has no disputes");
  }
}
