package dev.proofofcompute.schemes.spotcheck;

import dev.proofofcompute.core.scheme.PolicyException;
import dev.proofofcompute.core.scheme.Verdict;
import dev.proofofcompute.core.workload.ItemStructure;
import dev.proofofcompute.core.workload.Workload;
import dev.proofofcompute.crypto.Bytes;
import dev.proofofcompute.crypto.DecodingException;
import dev.proofofcompute.crypto.Digest;
import dev.proofofcompute.crypto.VerificationException;
import dev.proofofcompute.crypto.merkle.MerkleHashes;
import dev.proofofcompute.crypto.merkle.MerkleTree;
import dev.proofofcompute.crypto.merkle.MerkleVerifier;
import dev.proofofcompute.crypto.random.RandomSource;
import java.util.ArrayList;
import java.util.List;

/**
 * The validator's side of a spot-check (commit and sample). One validator serves one workload and
 * one set of parameters; it holds no per-task state — that is the {@link PreparedTask}.
 *
 * <ol>
 *   <li>{@link #prepare}: mixes the canaries into the requester's batch in a secret random order
 *       ({@link BatchLayout}), draws and commits to a challenge seed, and yields the {@link
 *       SpotCheckTask} for the provider.
 *   <li>The provider executes every item and sends a {@link SpotCheckCommitment} (Merkle root over
 *       its per-item outputs).
 *   <li>{@link #challenge}: only now the seed is revealed and the samples derived ({@link
 *       ChallengeDerivation}, the no-grinding choice of DESIGN.md §2).
 *   <li>The provider answers with a {@link SpotCheckOpening}.
 *   <li>{@link #verify}: checks the opening against the commitment, the canaries against their
 *       known answers, and recomputes every sampled item.
 *   <li>{@link #requesterOutputs}: once accepted, the provider's full outputs minus the canaries,
 *       in the requester's order.
 * </ol>
 *
 * Verdicts: a commitment or opening that does not fit the task is {@code MALFORMED_EVIDENCE}; a
 * batch proof that fails against the committed root is {@code BAD_OPENING}; a wrong canary is
 * {@code CANARY_FAILED}; a sampled item that differs from its recomputation is {@code
 * WRONG_RESULT}. A failure on the validator's own side (an unexpected runtime error) is {@code
 * Inconclusive}, never a rejection.
 *
 * <p>Design: commit-and-sample as in DESIGN.md §2; canaries are the "ringers" of Golle and Mironov,
 * "Uncheatable Distributed Computations" (CT-RSA 2001), and the spot-checking of volunteer results
 * follows Sarmenta, "Sabotage-Tolerance Mechanisms for Volunteer Computing Systems" (FGCS 18(4),
 * 2002). The detection probability is in {@link SpotCheckParameters}, the no-grinding argument in
 * {@link ChallengeDerivation}.
 */
public final class SpotCheckValidator<I, O> {
  private final Workload<I, O> workload;
  private final ItemStructure<I, O> items;
  private final SpotCheckParameters parameters;

  private SpotCheckValidator(
      Workload<I, O> workload, ItemStructure<I, O> items, SpotCheckParameters parameters) {
    this.workload = workload;
    this.items = items;
    this.parameters = parameters;
  }

  /**
   * A validator for {@code workload} with {@code parameters}.
   *
   * @throws PolicyException when the workload cannot be spot-checked
   */
  public static <I, O> SpotCheckValidator<I, O> create(
      Workload<I, O> workload, SpotCheckParameters parameters) throws PolicyException {
    SpotCheckScheme.create().checkApplicable(workload, parameters);
    return new SpotCheckValidator<>(workload, SpotCheckScheme.itemStructure(workload), parameters);
  }

  public SpotCheckParameters parameters() {
    return parameters;
  }

  /**
   * Step 1: builds the provider's batch from {@code requesterBatch} and {@code canaries} in a
   * uniformly random order drawn from {@code random}, and draws the challenge seed from it.
   *
   * @throws PolicyException if the batch is too small for the samples, or the number of canaries
   *     differs from the parameters
   */
  public PreparedTask<I> prepare(
      Digest taskId, I requesterBatch, CanarySet canaries, RandomSource random)
      throws PolicyException {
    int n = items.itemCount(requesterBatch);
    SpotCheckScheme.create().checkBatch(n, parameters);
    if (canaries.size() != parameters.canaries()) {
      throw new PolicyException(
          "spot-check: "
              + canaries.size()
              + " canaries supplied, the parameters ask for "
              + parameters.canaries());
    }
    BatchLayout layout = BatchLayout.random(n, canaries.size(), random);
    List<Bytes> inputs = new ArrayList<>(layout.size());
    for (int p = 0; p < layout.size(); p++) {
      int source = layout.sourceAt(p);
      inputs.add(
          source < n ? items.itemInput(requesterBatch, source) : canaries.get(source - n).input());
    }
    I batch = items.withItems(requesterBatch, inputs);
    Bytes seed = random.nextBytes(ChallengeDerivation.SEED_LENGTH);
    SpotCheckTask<I> task =
        new SpotCheckTask<>(
            taskId, batch, layout.size(), ChallengeDerivation.seedCommitment(taskId, seed));
    return new PreparedTask<>(workload.id(), parameters, task, layout, canaries, seed);
  }

  /**
   * Step 3: the challenge for the provider's {@code commitment}, revealing the seed. Call it only
   * once the commitment is final (signed and recorded); the same commitment always gives the same
   * challenge.
   */
  public SpotCheckChallenge challenge(PreparedTask<I> task, SpotCheckCommitment commitment) {
    checkOwn(task);
    return ChallengeDerivation.derive(
        task.task().seedCommitment(), task.seed(), task.parameters(), task.layout(), commitment);
  }

  /**
   * Step 5 on the encoded opening as received: bytes that do not parse are {@code
   * MALFORMED_EVIDENCE}; otherwise as {@link #verify(PreparedTask, SpotCheckCommitment,
   * SpotCheckOpening)}.
   */
  public Verdict verify(PreparedTask<I> task, SpotCheckCommitment commitment, Bytes opening) {
    SpotCheckOpening parsed;
    try {
      parsed = SpotCheckOpening.parse(opening);
    } catch (DecodingException e) {
      return Verdict.rejected(
          Verdict.Reason.MALFORMED_EVIDENCE, "opening does not parse: " + e.getMessage());
    } catch (RuntimeException e) {
      return Verdict.inconclusive("verifier error while parsing the opening: " + e);
    }
    return verify(task, commitment, parsed);
  }

  /**
   * Step 5: the verdict on the provider's {@code commitment} and its {@code opening} of the
   * challenge that {@link #challenge} derives for that commitment.
   */
  public Verdict verify(
      PreparedTask<I> task, SpotCheckCommitment commitment, SpotCheckOpening opening) {
    checkOwn(task);
    try {
      return check(task, commitment, opening);
    } catch (RuntimeException e) {
      return Verdict.inconclusive("verifier error: " + e);
    }
  }

  private Verdict check(
      PreparedTask<I> task, SpotCheckCommitment commitment, SpotCheckOpening opening) {
    BatchLayout layout = task.layout();
    int m = layout.size();
    if (!commitment.taskId().equals(task.taskId())) {
      return malformed("commitment is for task " + commitment.taskId());
    }
    if (commitment.itemCount() != m) {
      return malformed(
          "commitment covers " + commitment.itemCount() + " items, the batch has " + m);
    }
    SpotCheckChallenge challenge = challenge(task, commitment);
    List<Long> indices = challenge.indices();
    if (!opening.taskId().equals(task.taskId())) {
      return malformed("opening is for task " + opening.taskId());
    }
    if (opening.proof().treeSize() != m) {
      return malformed("opening proves a tree of " + opening.proof().treeSize() + " items");
    }
    if (!opening.proof().indices().equals(indices)) {
      return malformed(
          "opening answers "
              + opening.proof().indices().size()
              + " other indices than the "
              + indices.size()
              + " challenged");
    }
    List<Bytes> outputs = opening.outputs();
    List<Digest> leafHashes = new ArrayList<>(outputs.size());
    for (Bytes output : outputs) {
      leafHashes.add(MerkleHashes.leafHash(output));
    }
    try {
      MerkleVerifier.verifyMulti(indices, leafHashes, m, commitment.root(), opening.proof());
    } catch (VerificationException e) {
      return Verdict.rejected(Verdict.Reason.BAD_OPENING, String.valueOf(e.getMessage()));
    }
    int n = layout.itemCount();
    for (int k = 0; k < indices.size(); k++) {
      int position = (int) (long) indices.get(k);
      int source = layout.sourceAt(position);
      if (source >= n && !task.canaries().get(source - n).knownOutput().equals(outputs.get(k))) {
        return Verdict.rejected(
            Verdict.Reason.CANARY_FAILED, "item " + position + " differs from its known answer");
      }
    }
    I batch = task.task().batch();
    for (int k = 0; k < indices.size(); k++) {
      int position = (int) (long) indices.get(k);
      if (layout.sourceAt(position) < n
          && !items.executeItem(batch, position).equals(outputs.get(k))) {
        return Verdict.rejected(
            Verdict.Reason.WRONG_RESULT, "item " + position + " differs from its recomputation");
      }
    }
    return Verdict.accepted(
        "opened "
            + indices.size()
            + " of "
            + m
            + " items ("
            + task.parameters().samples()
            + " recomputed, "
            + task.parameters().canaries()
            + " canaries)");
  }

  /**
   * Step 6: the requester's result from the provider's full list of committed outputs (batch
   * order): the outputs of the requester's items in the requester's order, canaries removed.
   * Meaningful after an {@code Accepted} verdict: the items that were not sampled are as good as
   * the provider, which the spot-check bounds statistically.
   *
   * @throws VerificationException if {@code providerOutputs} is not the committed list (wrong count
   *     or a different Merkle root) or a canary differs from its known answer
   */
  public List<Bytes> requesterOutputs(
      PreparedTask<I> task, SpotCheckCommitment commitment, List<Bytes> providerOutputs)
      throws VerificationException {
    checkOwn(task);
    try {
      BatchLayout layout = task.layout();
      if (!commitment.taskId().equals(task.taskId()) || commitment.itemCount() != layout.size()) {
        throw new VerificationException("the commitment is not for this task's batch");
      }
      if (providerOutputs.size() != layout.size()) {
        throw new VerificationException(
            providerOutputs.size() + " outputs for a batch of " + layout.size() + " items");
      }
      Digest root = MerkleTree.ofLeaves(providerOutputs).root();
      if (!root.equalsConstantTime(commitment.root())) {
        throw new VerificationException("the outputs do not hash to the committed root");
      }
      for (int j = 0; j < layout.canaryCount(); j++) {
        Bytes output = providerOutputs.get(layout.positionOfCanary(j));
        if (!task.canaries().get(j).knownOutput().equals(output)) {
          throw new VerificationException("canary " + j + " differs from its known answer");
        }
      }
      List<Bytes> out = new ArrayList<>(layout.itemCount());
      for (int i = 0; i < layout.itemCount(); i++) {
        out.add(providerOutputs.get(layout.positionOfItem(i)));
      }
      return List.copyOf(out);
    } catch (RuntimeException e) {
      throw new VerificationException("requester outputs: unexpected error " + e, e);
    }
  }

  private void checkOwn(PreparedTask<I> task) {
    if (!task.workload().equals(workload.id())) {
      throw new IllegalArgumentException(
          "task of " + task.workload() + " given to the validator of " + workload.id());
    }
  }

  private static Verdict malformed(String detail) {
    return Verdict.rejected(Verdict.Reason.MALFORMED_EVIDENCE, detail);
  }

  @Override
  public String toString() {
    return "SpotCheckValidator[" + workload.id() + ", " + parameters + "]";
  }
}
