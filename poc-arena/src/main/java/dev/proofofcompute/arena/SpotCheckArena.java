package dev.proofofcompute.arena;

import dev.proofofcompute.core.scheme.PolicyException;
import dev.proofofcompute.core.scheme.Verdict;
import dev.proofofcompute.core.workload.ItemStructure;
import dev.proofofcompute.core.workload.Workload;
import dev.proofofcompute.crypto.Bytes;
import dev.proofofcompute.crypto.Digest;
import dev.proofofcompute.crypto.VerificationException;
import dev.proofofcompute.crypto.random.RandomSource;
import dev.proofofcompute.schemes.economics.CheatingEconomics;
import dev.proofofcompute.schemes.spotcheck.CanarySet;
import dev.proofofcompute.schemes.spotcheck.PreparedTask;
import dev.proofofcompute.schemes.spotcheck.SpotCheckChallenge;
import dev.proofofcompute.schemes.spotcheck.SpotCheckCommitment;
import dev.proofofcompute.schemes.spotcheck.SpotCheckExecution;
import dev.proofofcompute.schemes.spotcheck.SpotCheckParameters;
import dev.proofofcompute.schemes.spotcheck.SpotCheckScheme;
import dev.proofofcompute.schemes.spotcheck.SpotCheckTask;
import dev.proofofcompute.schemes.spotcheck.SpotCheckValidator;
import dev.proofofcompute.schemes.spotcheck.adversary.ChallengePredictor;
import dev.proofofcompute.schemes.spotcheck.adversary.GrindingProvider;
import dev.proofofcompute.schemes.spotcheck.adversary.HonestProvider;
import dev.proofofcompute.schemes.spotcheck.adversary.LazyProvider;
import dev.proofofcompute.schemes.spotcheck.adversary.MalformedOpeningProvider;
import dev.proofofcompute.schemes.spotcheck.adversary.MalformedOpeningProvider.Malformation;
import dev.proofofcompute.schemes.spotcheck.adversary.SpotCheckBehaviour;
import dev.proofofcompute.workloads.matmul.MatMul;
import dev.proofofcompute.workloads.matmul.MatMulInput;
import dev.proofofcompute.workloads.matmul.MatMulOutput;
import dev.proofofcompute.workloads.mlp.MlpGenerator;
import dev.proofofcompute.workloads.mlp.MlpInfer;
import dev.proofofcompute.workloads.mlp.MlpInferInput;
import dev.proofofcompute.workloads.mlp.MlpInferOutput;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * The spot-check scheme in the arena: the validator mixes canaries into the requester's batch and
 * commits to a challenge seed ({@link SpotCheckValidator#prepare}); the provider commits to a
 * Merkle root over its per-item outputs; the seed is revealed and the opened positions derived; the
 * provider opens them and the validator checks the batch proof, the canaries and the sampled items.
 * Providers are the scheme's own behaviours ({@link LazyProvider}, {@link GrindingProvider}, {@link
 * MalformedOpeningProvider}), plus a copycat that commits to another task's outputs.
 *
 * <p>Theory: a provider faking {@code F} of the {@code M = N + c} positions escapes with the
 * hypergeometric {@code C(M-F, s+c)/C(M, s+c)} ({@link
 * CheatingEconomics#escapeWithoutReplacement}). Verification work is the validator's item
 * executions (the canaries' answers and the sampled items), counted by {@link CountingWorkload};
 * Merkle hashing is not counted.
 */
final class SpotCheckArena {
  private static final String SCHEME = SpotCheckScheme.NAME;

  private final ArenaConfig config;
  private final SpotCheckParameters parameters = new SpotCheckParameters(8, 4);

  SpotCheckArena(ArenaConfig config) {
    this.config = config;
  }

  List<ScenarioResult> run() {
    int n = config.matrixSize();
    int items = config.itemCount();
    ItemJob<?, ?> matmul = matMul(n, items);
    ItemJob<?, ?> mlp = mlpInfer(n, items, ArenaRandom.fork(config.seed(), "spot-check/mlp-model"));
    int sampled = config.samplingRuns();
    List<ScenarioResult> out = new ArrayList<>();
    out.add(scenario(matmul, new Behaviour.Honest(), config.honestRuns()));
    out.add(scenario(mlp, new Behaviour.Honest(), config.honestRuns()));
    out.add(scenario(matmul, new Behaviour.WrongResult(), sampled));
    out.add(scenario(matmul, new Behaviour.Lazy(0.1), sampled));
    out.add(scenario(matmul, new Behaviour.Grinder(0.1, 4), sampled));
    out.add(scenario(matmul, new Behaviour.Copycat(), config.adversaryRuns()));
    out.add(scenario(matmul, new Behaviour.Malformed(), config.adversaryRuns()));
    out.add(scenario(mlp, new Behaviour.Lazy(0.1), sampled));
    return out;
  }

  private <I, O> ScenarioResult scenario(ItemJob<I, O> job, Behaviour behaviour, int runs) {
    Workload<I, O> workload = job.workload();
    ItemStructure<I, O> structure = workload.items().orElseThrow();
    String name = workload.id().name();
    int n = config.itemCount();
    int m = parameters.batchSize(n);
    int opened = parameters.opened();
    long faked =
        switch (behaviour) {
          case Behaviour.Honest h -> 0;
          case Behaviour.WrongResult w -> 1;
          case Behaviour.Lazy l -> SpotCheckParameters.fakedItems(m, l.fakedFraction());
          case Behaviour.Grinder g -> SpotCheckParameters.fakedItems(m, g.fakedFraction());
          case Behaviour.Copycat c -> m;
          case Behaviour.Malformed x -> 0;
          case Behaviour.ColludingPair p -> throw notApplicable(behaviour);
          case Behaviour.LateWrongStep l -> throw notApplicable(behaviour);
        };
    boolean malformed = behaviour instanceof Behaviour.Malformed;
    double theory =
        malformed ? 1 : 1 - CheatingEconomics.escapeWithoutReplacement(m, faked, opened);
    String source =
        malformed
            ? "every malformed opening is rejected"
            : "1 - CheatingEconomics.escapeWithoutReplacement("
                + m
                + ", "
                + faked
                + ", "
                + opened
                + ")";
    String policy = "s=" + parameters.samples() + " c=" + parameters.canaries() + " N=" + n;
    String expectation =
        switch (behaviour) {
          case Behaviour.Honest h -> "every honest opening accepted";
          case Behaviour.Malformed x -> "every malformed opening rejected";
          case Behaviour.Copycat c -> "another task's outputs: every opened item is wrong";
          case Behaviour.Grinder g ->
              "the seed is hidden until the commitment: grinding gains nothing over lazy";
          default ->
              "faking "
                  + faked
                  + " of "
                  + m
                  + " positions: caught with the hypergeometric probability";
        };
    RandomSource scenario =
        ArenaRandom.fork(config.seed(), SCHEME + "/" + name + "/" + behaviour.label());
    Tally tally = new Tally(SCHEME, policy, name, behaviour, expectation, job.model().unit());
    for (int run = 0; run < runs; run++) {
      RandomSource r = ArenaRandom.child(scenario);
      RandomSource validatorRandom = ArenaRandom.child(r);
      RandomSource providerRandom = ArenaRandom.child(r);
      I batch = job.batch(r);
      I other = job.batch(r);
      List<Bytes> canaryInputs = new ArrayList<>();
      for (int i = 0; i < parameters.canaries(); i++) {
        canaryInputs.add(structure.itemInput(other, i));
      }
      Digest taskId = Digest.of(r.nextBytes(Digest.LENGTH).toByteArray());
      WorkMeter validatorWork = new WorkMeter();
      CountingWorkload<I, O> validatorView =
          CountingWorkload.wrap(workload, job.model(), validatorWork);
      Verdict verdict;
      Set<Long> fakedPositions;
      try {
        SpotCheckValidator<I, O> validator = SpotCheckValidator.create(validatorView, parameters);
        CanarySet canaries = CanarySet.compute(validatorView, batch, canaryInputs);
        PreparedTask<I> task = validator.prepare(taskId, batch, canaries, validatorRandom);
        SpotCheckBehaviour<I> provider = provider(job, behaviour, run, providerRandom, r);
        SpotCheckBehaviour.Round round = provider.commit(task.task());
        SpotCheckCommitment commitment = round.commitment();
        SpotCheckChallenge challenge = validator.challenge(task, commitment);
        Bytes opening = round.answer(challenge);
        verdict = validator.verify(task, commitment, opening);
        fakedPositions = round.faked();
      } catch (PolicyException | VerificationException e) {
        throw new IllegalStateException(
            "the arena's spot-check setup failed: " + e.getMessage(), e);
      }
      tally.run();
      if (behaviour.honest()) {
        tally.honest(verdict);
      } else if (malformed || !fakedPositions.isEmpty()) {
        tally.cheater(verdict);
      }
      tally.work(job.model().execute(batch), validatorWork.units());
    }
    return behaviour.honest() ? tally.honestResult() : tally.result(theory, source);
  }

  private <I, O> SpotCheckBehaviour<I> provider(
      ItemJob<I, O> job, Behaviour behaviour, int run, RandomSource random, RandomSource world)
      throws PolicyException {
    Workload<I, O> workload = job.workload();
    return switch (behaviour) {
      case Behaviour.Honest h -> HonestProvider.create(workload);
      case Behaviour.WrongResult w -> new OneWrongItem<>(workload.items().orElseThrow(), random);
      case Behaviour.Lazy l -> LazyProvider.create(workload, l.fakedFraction(), random);
      case Behaviour.Grinder g ->
          GrindingProvider.create(
              workload,
              g.fakedFraction(),
              g.attempts(),
              ChallengePredictor.guessing(parameters.samples(), ArenaRandom.child(random)),
              random);
      case Behaviour.Copycat c -> new Copycat<>(workload.items().orElseThrow(), job.batch(world));
      case Behaviour.Malformed m -> {
        Malformation[] all = Malformation.values();
        yield MalformedOpeningProvider.create(workload, all[run % all.length], random);
      }
      case Behaviour.ColludingPair p -> throw notApplicable(behaviour);
      case Behaviour.LateWrongStep l -> throw notApplicable(behaviour);
    };
  }

  private static IllegalArgumentException notApplicable(Behaviour behaviour) {
    return new IllegalArgumentException(
        behaviour.label() + " has no meaning for a single spot-checked provider in the arena");
  }

  /** Computes every item honestly, then changes one uniformly chosen committed output. */
  private static final class OneWrongItem<I, O> implements SpotCheckBehaviour<I> {
    private final ItemStructure<I, O> items;
    private final RandomSource random;

    OneWrongItem(ItemStructure<I, O> items, RandomSource random) {
      this.items = items;
      this.random = random;
    }

    @Override
    public String name() {
      return "wrong-result";
    }

    @Override
    public Round commit(SpotCheckTask<I> task) {
      List<Bytes> outputs = new ArrayList<>();
      for (int p = 0; p < task.itemCount(); p++) {
        outputs.add(items.executeItem(task.batch(), p));
      }
      int wrong = (int) random.nextLong(task.itemCount());
      outputs.set(wrong, outputs.get(wrong).concat(Bytes.of(new byte[] {1})));
      return new FixedRound(SpotCheckExecution.commitTo(task, outputs), Set.of((long) wrong));
    }
  }

  /**
   * Does no work: commits to the per-item outputs of another batch of the same shape (another
   * provider's result), item for item, and opens them faithfully.
   */
  private static final class Copycat<I, O> implements SpotCheckBehaviour<I> {
    private final ItemStructure<I, O> items;
    private final I copiedBatch;

    Copycat(ItemStructure<I, O> items, I copiedBatch) {
      this.items = items;
      this.copiedBatch = copiedBatch;
    }

    @Override
    public String name() {
      return "copycat";
    }

    @Override
    public Round commit(SpotCheckTask<I> task) {
      int size = task.itemCount();
      int available = items.itemCount(copiedBatch);
      List<Bytes> outputs = new ArrayList<>(size);
      Set<Long> wrong = new HashSet<>();
      for (int p = 0; p < size; p++) {
        Bytes copied = items.executeItem(copiedBatch, p % available);
        outputs.add(copied);
        if (!copied.equals(items.executeItem(task.batch(), p))) {
          wrong.add((long) p);
        }
      }
      return new FixedRound(SpotCheckExecution.commitTo(task, outputs), wrong);
    }
  }

  /** A round answered faithfully from one execution, with its ground truth. */
  private record FixedRound(SpotCheckExecution execution, Set<Long> faked)
      implements SpotCheckBehaviour.Round {
    FixedRound {
      faked = Set.copyOf(faked);
    }

    @Override
    public SpotCheckCommitment commitment() {
      return execution.commitment();
    }

    @Override
    public Bytes answer(SpotCheckChallenge challenge) throws VerificationException {
      return execution.open(challenge).toBytes();
    }
  }

  // ---- jobs ----

  /** A workload with items, its work model and random batches. */
  interface ItemJob<I, O> {
    Workload<I, O> workload();

    WorkModel<I> model();

    I batch(RandomSource random);
  }

  static ItemJob<MatMulInput, ?> matMul(int n, int items) {
    MatMul workload = MatMul.create();
    WorkModel<MatMulInput> model = WorkModel.matMul();
    return new ItemJob<MatMulInput, MatMulOutput>() {
      @Override
      public Workload<MatMulInput, MatMulOutput> workload() {
        return workload;
      }

      @Override
      public WorkModel<MatMulInput> model() {
        return model;
      }

      @Override
      public MatMulInput batch(RandomSource random) {
        return MatMulInput.random(random.nextLong(), items, n, n);
      }
    };
  }

  static ItemJob<MlpInferInput, ?> mlpInfer(int n, int items, RandomSource modelRandom) {
    MlpInfer workload =
        MlpInfer.create(MlpGenerator.randomModel(modelRandom.nextLong(), n, n, (n + 1) / 2));
    WorkModel<MlpInferInput> model = WorkModel.mlpInfer(workload.model());
    return new ItemJob<MlpInferInput, MlpInferOutput>() {
      @Override
      public Workload<MlpInferInput, MlpInferOutput> workload() {
        return workload;
      }

      @Override
      public WorkModel<MlpInferInput> model() {
        return model;
      }

      @Override
      public MlpInferInput batch(RandomSource random) {
        return workload.input(MlpGenerator.randomBatch(random.nextLong(), items, n));
      }
    };
  }
}
