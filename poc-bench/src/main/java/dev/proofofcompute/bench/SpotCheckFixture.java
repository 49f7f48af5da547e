package dev.proofofcompute.bench;

import static java.nio.charset.StandardCharsets.UTF_8;

import dev.proofofcompute.core.scheme.PolicyException;
import dev.proofofcompute.core.scheme.Verdict;
import dev.proofofcompute.crypto.Bytes;
import dev.proofofcompute.crypto.Digest;
import dev.proofofcompute.crypto.Hashes;
import dev.proofofcompute.crypto.VerificationException;
import dev.proofofcompute.crypto.random.RandomSource;
import dev.proofofcompute.schemes.spotcheck.CanarySet;
import dev.proofofcompute.schemes.spotcheck.PreparedTask;
import dev.proofofcompute.schemes.spotcheck.SpotCheckChallenge;
import dev.proofofcompute.schemes.spotcheck.SpotCheckCommitment;
import dev.proofofcompute.schemes.spotcheck.SpotCheckExecution;
import dev.proofofcompute.schemes.spotcheck.SpotCheckParameters;
import dev.proofofcompute.schemes.spotcheck.SpotCheckProver;
import dev.proofofcompute.schemes.spotcheck.SpotCheckValidator;
import dev.proofofcompute.workloads.MatrixRows;
import dev.proofofcompute.workloads.mlp.MlpGenerator;
import dev.proofofcompute.workloads.mlp.MlpInfer;
import dev.proofofcompute.workloads.mlp.MlpInferInput;
import dev.proofofcompute.workloads.mlp.MlpInferOutput;
import java.util.List;

/**
 * One spot-checked {@code mlp-infer} task: a seeded int8 MLP {@code 128 → 128 → 128 → 10} ({@link
 * MlpGenerator}) over a batch of {@code items} random inputs, {@value #CANARIES} canaries mixed in,
 * and the sample count that detects a provider faking at least {@value #FAKED_FRACTION} of its
 * batch with probability at least {@value #TARGET_DETECTION} ({@link
 * SpotCheckParameters#forTarget(int, double, double, int)}, exact hypergeometric). The honest
 * provider's commitment and opening are made once; the timed operations replay the validator's side
 * and the provider's execution. Shared by {@link SpotCheckBenchmark} and {@link SchemeCostProbe}.
 */
final class SpotCheckFixture {
  static final double FAKED_FRACTION = 0.1;
  static final double TARGET_DETECTION = 0.999;
  static final int CANARIES = 8;
  private static final int[] WIDTHS = {128, 128, 128, 10};

  private final MlpInfer workload;
  private final MlpInferInput requesterBatch;
  private final List<Bytes> canaryInputs;
  private final SpotCheckParameters parameters;
  private final SpotCheckValidator<MlpInferInput, MlpInferOutput> validator;
  private final SpotCheckProver<MlpInferInput, MlpInferOutput> prover;
  private final PreparedTask<MlpInferInput> task;
  private final SpotCheckCommitment commitment;
  private final Bytes opening;
  private final RandomSource random;

  private SpotCheckFixture(
      MlpInfer workload,
      MlpInferInput requesterBatch,
      List<Bytes> canaryInputs,
      SpotCheckParameters parameters,
      SpotCheckValidator<MlpInferInput, MlpInferOutput> validator,
      SpotCheckProver<MlpInferInput, MlpInferOutput> prover,
      PreparedTask<MlpInferInput> task,
      SpotCheckCommitment commitment,
      Bytes opening,
      RandomSource random) {
    this.workload = workload;
    this.requesterBatch = requesterBatch;
    this.canaryInputs = canaryInputs;
    this.parameters = parameters;
    this.validator = validator;
    this.prover = prover;
    this.task = task;
    this.commitment = commitment;
    this.opening = opening;
    this.random = random;
  }

  /**
   * The task for a requester batch of {@code items} items drawn from {@code seed}, after checking
   * once that the honest opening is accepted (so that the timed calls take the full path of an
   * honest submission: every sampled item is recomputed).
   *
   * @throws IllegalStateException if the honest opening is not accepted
   */
  static SpotCheckFixture create(long seed, int items) {
    try {
      MlpInfer workload = MlpInfer.create(MlpGenerator.randomModel(seed, WIDTHS));
      MlpInferInput batch = workload.input(MlpGenerator.randomBatch(seed + 1, items, WIDTHS[0]));
      List<Bytes> canaryInputs =
          MatrixRows.encodedRows(MlpGenerator.randomBatch(seed + 2, CANARIES, WIDTHS[0]));
      SpotCheckParameters parameters =
          SpotCheckParameters.forTarget(items, FAKED_FRACTION, TARGET_DETECTION, CANARIES);
      SpotCheckValidator<MlpInferInput, MlpInferOutput> validator =
          SpotCheckValidator.create(workload, parameters);
      RandomSource random = RandomSource.seeded(seed);
      Digest taskId = Hashes.hash("poc/bench/task/v1", ("spot-check " + items).getBytes(UTF_8));
      PreparedTask<MlpInferInput> task =
          validator.prepare(
              taskId, batch, CanarySet.compute(workload, batch, canaryInputs), random);
      SpotCheckProver<MlpInferInput, MlpInferOutput> prover = SpotCheckProver.create(workload);
      SpotCheckExecution execution = prover.execute(task.task());
      SpotCheckChallenge challenge = validator.challenge(task, execution.commitment());
      Bytes opening = execution.open(challenge).toBytes();
      SpotCheckFixture fixture =
          new SpotCheckFixture(
              workload,
              batch,
              canaryInputs,
              parameters,
              validator,
              prover,
              task,
              execution.commitment(),
              opening,
              random);
      Verdict verdict = fixture.verify();
      if (!(verdict instanceof Verdict.Accepted)) {
        throw new IllegalStateException("the honest opening is not accepted: " + verdict);
      }
      return fixture;
    } catch (PolicyException | VerificationException e) {
      throw new IllegalStateException("cannot set up the spot-check task: " + e.getMessage(), e);
    }
  }

  SpotCheckParameters parameters() {
    return parameters;
  }

  /** N, the requester's items. */
  int items() {
    return task.layout().itemCount();
  }

  /**
   * The exact probability of catching a provider that fakes {@code ceil(0.1 · (N + c))} items of
   * its batch, the fewest that make up {@value #FAKED_FRACTION} of it; faking more is caught more
   * often.
   */
  double detectionProbability() {
    int batch = task.layout().size();
    return parameters.detectionProbability(
        items(), SpotCheckParameters.fakedItems(batch, FAKED_FRACTION));
  }

  /** The baseline: executing the provider's whole batch (N requester items and c canaries). */
  MlpInferOutput execute() {
    return workload.execute(task.task().batch());
  }

  /** The honest provider's work: execute the batch and build the Merkle commitment. */
  SpotCheckExecution executeAndCommit() {
    return prover.execute(task.task());
  }

  /**
   * The validator's check of the encoded opening: parse, derive the challenge, verify the batch
   * Merkle proof, compare the canaries, recompute every sampled item.
   */
  Verdict verify() {
    return validator.verify(task, commitment, opening);
  }

  /** The validator computing the canaries' known answers itself ({@code c} item executions). */
  CanarySet canaryAnswers() {
    try {
      return CanarySet.compute(workload, requesterBatch, canaryInputs);
    } catch (PolicyException e) {
      throw new IllegalStateException(e);
    }
  }

  /** The validator preparing a task: shuffling the canaries in and committing to a seed. */
  PreparedTask<MlpInferInput> prepare() {
    try {
      return validator.prepare(task.taskId(), requesterBatch, task.canaries(), random);
    } catch (PolicyException e) {
      throw new IllegalStateException(e);
    }
  }
}
