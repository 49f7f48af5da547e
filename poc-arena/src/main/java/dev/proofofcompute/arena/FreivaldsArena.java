package dev.proofofcompute.arena;

import dev.proofofcompute.core.linalg.DoubleMatrix;
import dev.proofofcompute.core.linalg.IntMatrix;
import dev.proofofcompute.core.linalg.Matrix;
import dev.proofofcompute.core.scheme.Verdict;
import dev.proofofcompute.core.workload.MatrixStructure;
import dev.proofofcompute.core.workload.Workload;
import dev.proofofcompute.crypto.Bytes;
import dev.proofofcompute.crypto.random.RandomSource;
import dev.proofofcompute.schemes.freivalds.FreivaldsEvidence;
import dev.proofofcompute.schemes.freivalds.FreivaldsParameters;
import dev.proofofcompute.schemes.freivalds.FreivaldsScheme;
import dev.proofofcompute.schemes.freivalds.FreivaldsValidator;
import dev.proofofcompute.workloads.matmul.MatMul;
import dev.proofofcompute.workloads.matmul.MatMulF64;
import dev.proofofcompute.workloads.matmul.MatMulF64Input;
import dev.proofofcompute.workloads.matmul.MatMulF64Output;
import dev.proofofcompute.workloads.matmul.MatMulInput;
import dev.proofofcompute.workloads.matmul.MatMulOutput;
import dev.proofofcompute.workloads.mlp.MlpGenerator;
import dev.proofofcompute.workloads.mlp.MlpInfer;
import dev.proofofcompute.workloads.mlp.MlpInferInput;
import dev.proofofcompute.workloads.mlp.MlpInferOutput;
import java.util.ArrayList;
import java.util.List;

/**
 * The Freivalds scheme in the arena: a provider submits its output and every product of the
 * workload's matrix chain ({@link FreivaldsEvidence}); {@link FreivaldsValidator} checks each
 * product with fresh random vectors and derives the output. Cheaters edit the chain consistently: a
 * wrong or made-up product is followed by the honest products of the wrong chain and the output
 * those imply, so that only the Freivalds check itself can catch it.
 *
 * <p>Verification work is measured, not estimated: the validator's challenge randomness is wrapped
 * to count its draws (one per entry of each random vector {@code r}), which gives the rounds it ran
 * on each product; a round on {@code C = A × B} ({@code A} m×n, {@code B} n×q) costs {@code nq + mn
 * + mq} MACs ({@code B·r}, {@code A·(Br)}, {@code C·r}), and {@code 2nq + 2mn + mq} for float
 * products, whose tolerance needs {@code |B||r|} and {@code |A|(|B||r|)} as well. The validator's
 * workload calls ({@code left}, {@code right}, {@code output}) are elementwise and free.
 */
final class FreivaldsArena {
  private static final String SCHEME = FreivaldsScheme.NAME;

  private final ArenaConfig config;
  private final FreivaldsParameters parameters = FreivaldsParameters.defaults();

  FreivaldsArena(ArenaConfig config) {
    this.config = config;
  }

  List<ScenarioResult> run() {
    int n = config.matrixSize();
    List<ChainJob<?, ?>> jobs =
        List.of(
            matMul(n),
            mlpInfer(n, ArenaRandom.fork(config.seed(), "freivalds/mlp-model")),
            matMulF64(n));
    List<ScenarioResult> out = new ArrayList<>();
    for (ChainJob<?, ?> job : jobs) {
      out.add(scenario(job, new Behaviour.Honest(), config.honestRuns()));
    }
    for (ChainJob<?, ?> job : jobs) {
      for (Behaviour b :
          List.of(
              new Behaviour.WrongResult(),
              new Behaviour.Lazy(0.25),
              new Behaviour.Copycat(),
              new Behaviour.Malformed())) {
        out.add(scenario(job, b, config.adversaryRuns()));
      }
    }
    return out;
  }

  private <I, O> ScenarioResult scenario(ChainJob<I, O> job, Behaviour behaviour, int runs) {
    Workload<I, O> workload = job.workload();
    MatrixStructure<I, O> chain = workload.matrices().orElseThrow();
    boolean floating = workload.outputKind() == Workload.OutputKind.FLOATING;
    String name = workload.id().name();
    String policy =
        floating
            ? "float rounds=" + parameters.floatRounds() + " " + parameters.floatVectors()
            : "rounds=" + parameters.rounds() + " GF(2^61-1)";
    double log2Error = floating ? parameters.log2FloatError() : parameters.log2ExactError(1);
    double theory = 1 - Math.pow(2, log2Error);
    String source =
        (floating ? "1 - 2^log2FloatError()" : "1 - 2^log2ExactError(1)")
            + " = 1 - 2^"
            + Math.round(log2Error * 100) / 100.0;
    String expectation =
        switch (behaviour) {
          case Behaviour.Honest h -> "every honest chain accepted, in any summation order";
          case Behaviour.Malformed m -> "a missing product or one of the wrong kind: malformed";
          default ->
              "a wrong product fails its rounds: rejected with probability >= 1 - 2^"
                  + Math.round(log2Error);
        };
    RandomSource scenario =
        ArenaRandom.fork(config.seed(), SCHEME + "/" + name + "/" + behaviour.label());
    Tally tally = new Tally(SCHEME, policy, name, behaviour, expectation, job.model().unit());
    for (int run = 0; run < runs; run++) {
      RandomSource r = ArenaRandom.child(scenario);
      RandomSource validatorRandom = ArenaRandom.child(r);
      I input = job.input(r);
      FreivaldsEvidence<O> honest = job.honest(input, run);
      FreivaldsEvidence<O> submitted =
          switch (behaviour) {
            case Behaviour.Honest h -> honest;
            case Behaviour.WrongResult w -> {
              int k = (int) r.nextLong(honest.products().size());
              yield consistent(
                  chain,
                  input,
                  honest.products(),
                  k,
                  MatrixEdits.corruptEntry(honest.products().get(k), r));
            }
            case Behaviour.Lazy lazy -> {
              Matrix first = honest.products().get(0);
              int rows = first.rows();
              Matrix faked =
                  MatrixEdits.zeroRows(
                      first,
                      MatrixEdits.distinct(rows, MatrixEdits.faked(rows, lazy.fakedFraction()), r));
              yield consistent(chain, input, honest.products(), 0, faked);
            }
            case Behaviour.Copycat c -> job.honest(job.input(r), run);
            case Behaviour.Malformed m -> malformed(honest, run);
            case Behaviour.Grinder g -> throw notApplicable(behaviour);
            case Behaviour.ColludingPair p -> throw notApplicable(behaviour);
            case Behaviour.LateWrongStep l -> throw notApplicable(behaviour);
          };
      CountingRandomness counted = new CountingRandomness(validatorRandom);
      WorkMeter validatorMeter = new WorkMeter();
      Verdict verdict =
          FreivaldsValidator.create(parameters, counted)
              .validate(
                  CountingWorkload.wrap(workload, job.model(), validatorMeter), input, submitted);
      tally.run();
      if (behaviour.honest()) {
        tally.honest(verdict);
      } else if (!sameEvidence(workload, honest, submitted)) {
        tally.cheater(verdict);
      }
      long rounds = roundWork(chain, input, honest.products(), counted.draws(), floating);
      tally.work(job.model().execute(input), validatorMeter.units() + rounds);
    }
    return behaviour.honest() ? tally.honestResult() : tally.result(theory, source);
  }

  /**
   * The chain with product {@code k} replaced by {@code replacement}, every later product
   * recomputed honestly from the edited chain, and the output those imply.
   */
  static <I, O> FreivaldsEvidence<O> consistent(
      MatrixStructure<I, O> chain, I input, List<Matrix> honest, int k, Matrix replacement) {
    List<Matrix> claimed = new ArrayList<>(honest);
    claimed.set(k, replacement);
    for (int j = k + 1; j < claimed.size(); j++) {
      claimed.set(
          j,
          MatrixEdits.product(chain.left(input, claimed.subList(0, j), j), chain.right(input, j)));
    }
    return new FreivaldsEvidence<>(chain.output(input, claimed), claimed);
  }

  /** Even runs drop the last product; odd runs send the first one as the other kind of matrix. */
  private static <O> FreivaldsEvidence<O> malformed(FreivaldsEvidence<O> honest, int run) {
    List<Matrix> products = new ArrayList<>(honest.products());
    if (run % 2 == 0) {
      products.remove(products.size() - 1);
    } else {
      Matrix first = products.get(0);
      products.set(
          0,
          switch (first) {
            case IntMatrix im -> DoubleMatrix.generate(im.rows(), im.cols(), im::get);
            case DoubleMatrix dm ->
                IntMatrix.generate(dm.rows(), dm.cols(), (i, j) -> (int) Math.round(dm.get(i, j)));
          });
    }
    return new FreivaldsEvidence<>(honest.output(), products);
  }

  private static <I, O> boolean sameEvidence(
      Workload<I, O> workload, FreivaldsEvidence<O> a, FreivaldsEvidence<O> b) {
    return a.products().equals(b.products())
        && workload
            .outputCodec()
            .encode(a.output())
            .equals(workload.outputCodec().encode(b.output()));
  }

  /**
   * The MACs of the rounds the validator ran, from its number of draws: product {@code k} with
   * right operand of {@code q_k} columns takes {@code q_k} draws per round, rounds run product by
   * product in chain order, and a failed product ends the validation.
   */
  private <I, O> long roundWork(
      MatrixStructure<I, O> chain, I input, List<Matrix> honest, long draws, boolean floating) {
    long left = draws;
    long work = 0;
    int perProduct = floating ? parameters.floatRounds() : parameters.rounds();
    for (int k = 0; k < honest.size() && left > 0; k++) {
      Matrix a = chain.left(input, honest.subList(0, k), k);
      Matrix b = chain.right(input, k);
      long m = a.rows();
      long n = a.cols();
      long q = b.cols();
      long rounds = Math.min(perProduct, left / q);
      left -= rounds * q;
      long round = floating ? 2 * n * q + 2 * m * n + m * q : n * q + m * n + m * q;
      work += rounds * round;
    }
    return work;
  }

  private static IllegalArgumentException notApplicable(Behaviour behaviour) {
    return new IllegalArgumentException(
        behaviour.label() + " has no meaning for a single Freivalds submission in the arena");
  }

  /**
   * Counts the validator's bounded draws ({@link #nextLong(long)}, one per entry of a challenge
   * vector) while passing every call through.
   */
  static final class CountingRandomness implements RandomSource {
    private final RandomSource source;
    private long draws;

    CountingRandomness(RandomSource source) {
      this.source = source;
    }

    @Override
    public Bytes nextBytes(int n) {
      return source.nextBytes(n);
    }

    @Override
    public long nextLong() {
      return source.nextLong();
    }

    @Override
    public long nextLong(long bound) {
      draws++;
      return source.nextLong(bound);
    }

    long draws() {
      return draws;
    }
  }

  // ---- jobs ----

  /** A workload with a matrix chain, its random inputs and an honest prover. */
  interface ChainJob<I, O> {
    Workload<I, O> workload();

    WorkModel<I> model();

    I input(RandomSource random);

    /** The honest evidence of prover number {@code index} (float provers vary the order). */
    FreivaldsEvidence<O> honest(I input, int index);
  }

  static ChainJob<MatMulInput, MatMulOutput> matMul(int n) {
    MatMul workload = MatMul.create();
    return new ChainJob<>() {
      @Override
      public Workload<MatMulInput, MatMulOutput> workload() {
        return workload;
      }

      @Override
      public WorkModel<MatMulInput> model() {
        return WorkModel.matMul();
      }

      @Override
      public MatMulInput input(RandomSource random) {
        return MatMulInput.random(random.nextLong(), n, n, n);
      }

      @Override
      public FreivaldsEvidence<MatMulOutput> honest(MatMulInput input, int index) {
        return honestChain(workload, input);
      }
    };
  }

  static ChainJob<MlpInferInput, MlpInferOutput> mlpInfer(int n, RandomSource modelRandom) {
    MlpInfer workload =
        MlpInfer.create(MlpGenerator.randomModel(modelRandom.nextLong(), n, n, (n + 1) / 2));
    WorkModel<MlpInferInput> model = WorkModel.mlpInfer(workload.model());
    return new ChainJob<>() {
      @Override
      public Workload<MlpInferInput, MlpInferOutput> workload() {
        return workload;
      }

      @Override
      public WorkModel<MlpInferInput> model() {
        return model;
      }

      @Override
      public MlpInferInput input(RandomSource random) {
        return workload.input(MlpGenerator.randomBatch(random.nextLong(), n, n));
      }

      @Override
      public FreivaldsEvidence<MlpInferOutput> honest(MlpInferInput input, int index) {
        return honestChain(workload, input);
      }
    };
  }

  static ChainJob<MatMulF64Input, MatMulF64Output> matMulF64(int n) {
    MatMulF64 workload = MatMulF64.create();
    return new ChainJob<>() {
      @Override
      public Workload<MatMulF64Input, MatMulF64Output> workload() {
        return workload;
      }

      @Override
      public WorkModel<MatMulF64Input> model() {
        return WorkModel.matMulF64();
      }

      @Override
      public MatMulF64Input input(RandomSource random) {
        return MatMulF64Input.random(random.nextLong(), n, n, n);
      }

      @Override
      public FreivaldsEvidence<MatMulF64Output> honest(MatMulF64Input input, int index) {
        DoubleMatrix c = SummationOrder.of(index).product(input.a(), input.b());
        return new FreivaldsEvidence<>(new MatMulF64Output(c), List.of(c));
      }
    };
  }

  private static <I, O> FreivaldsEvidence<O> honestChain(Workload<I, O> workload, I input) {
    MatrixStructure<I, O> chain = workload.matrices().orElseThrow();
    List<Matrix> products = chain.products(input);
    return new FreivaldsEvidence<>(chain.output(input, products), products);
  }
}
