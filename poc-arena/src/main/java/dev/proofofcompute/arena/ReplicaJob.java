package dev.proofofcompute.arena;

import dev.proofofcompute.core.linalg.DoubleMatrix;
import dev.proofofcompute.core.linalg.IntMatrix;
import dev.proofofcompute.core.linalg.Matrix;
import dev.proofofcompute.core.workload.Workload;
import dev.proofofcompute.crypto.random.RandomSource;
import dev.proofofcompute.schemes.replication.FloatTolerance;
import dev.proofofcompute.schemes.replication.ReplicationParameters;
import dev.proofofcompute.schemes.replication.ResultComparator;
import dev.proofofcompute.workloads.matmul.MatMul;
import dev.proofofcompute.workloads.matmul.MatMulF64;
import dev.proofofcompute.workloads.matmul.MatMulF64Input;
import dev.proofofcompute.workloads.matmul.MatMulF64Output;
import dev.proofofcompute.workloads.matmul.MatMulInput;
import dev.proofofcompute.workloads.matmul.MatMulOutput;

/**
 * A workload as the replication arena uses it: random inputs, each replica's honest computation
 * (float replicas each in their own {@link SummationOrder}), and the result matrix that cheaters
 * edit.
 *
 * @param <I> the input type
 * @param <O> the output type
 */
interface ReplicaJob<I, O> {
  Workload<I, O> workload();

  WorkModel<I> model();

  I input(RandomSource random);

  /** Replica {@code index}'s honest output, charging its work to {@code meter}. */
  O honest(I input, int index, WorkMeter meter);

  Matrix result(O output);

  O withResult(Matrix result);

  ResultComparator<O> comparator(ReplicationParameters parameters);

  /** {@code matmul}: int8 {@code n × n} operands, exact outputs. */
  static ReplicaJob<MatMulInput, MatMulOutput> matMul(int n) {
    MatMul workload = MatMul.create();
    WorkModel<MatMulInput> model = WorkModel.matMul();
    return new ReplicaJob<>() {
      @Override
      public Workload<MatMulInput, MatMulOutput> workload() {
        return workload;
      }

      @Override
      public WorkModel<MatMulInput> model() {
        return model;
      }

      @Override
      public MatMulInput input(RandomSource random) {
        return MatMulInput.random(random.nextLong(), n, n, n);
      }

      @Override
      public MatMulOutput honest(MatMulInput input, int index, WorkMeter meter) {
        return CountingWorkload.wrap(workload, model, meter).execute(input);
      }

      @Override
      public Matrix result(MatMulOutput output) {
        return output.c();
      }

      @Override
      public MatMulOutput withResult(Matrix result) {
        return new MatMulOutput((IntMatrix) result);
      }

      @Override
      public ResultComparator<MatMulOutput> comparator(ReplicationParameters parameters) {
        return ResultComparator.forWorkload(workload, parameters);
      }
    };
  }

  /**
   * {@code matmul-f64}: {@code n × n} operands with entries in [-1, 1), floating outputs; replica
   * {@code i} sums in {@link SummationOrder#of(int) order i}.
   */
  static ReplicaJob<MatMulF64Input, MatMulF64Output> matMulF64(int n) {
    MatMulF64 workload = MatMulF64.create();
    WorkModel<MatMulF64Input> model = WorkModel.matMulF64();
    return new ReplicaJob<>() {
      @Override
      public Workload<MatMulF64Input, MatMulF64Output> workload() {
        return workload;
      }

      @Override
      public WorkModel<MatMulF64Input> model() {
        return model;
      }

      @Override
      public MatMulF64Input input(RandomSource random) {
        return MatMulF64Input.random(random.nextLong(), n, n, n);
      }

      @Override
      public MatMulF64Output honest(MatMulF64Input input, int index, WorkMeter meter) {
        meter.add(model.execute(input));
        return new MatMulF64Output(SummationOrder.of(index).product(input.a(), input.b()));
      }

      @Override
      public Matrix result(MatMulF64Output output) {
        return output.c();
      }

      @Override
      public MatMulF64Output withResult(Matrix result) {
        return new MatMulF64Output((DoubleMatrix) result);
      }

      @Override
      public ResultComparator<MatMulF64Output> comparator(ReplicationParameters parameters) {
        return ResultComparator.forWorkload(workload, parameters, o -> o.c().toRowMajorArray());
      }
    };
  }

  /**
   * The tolerance under which any two honest {@code n}-term float64 dot products of entries in [-1,
   * 1) agree: each is within {@code γ_n Σ|a_t||b_t| ≤ γ_n · n} of the exact value in any order,
   * with or without FMA (Higham, 2nd ed., §3.1, eq. (3.4)), so two differ by at most {@code 2nγ_n};
   * an absolute tolerance of that, widened by {@code 1 + 2^-20} for the rounding of the bound and
   * of the comparison. Relative tolerances do not fit here: a sum of mixed-sign terms may cancel to
   * nearly zero.
   */
  static FloatTolerance dotProductTolerance(int n) {
    double nu = n * 0x1p-53;
    double gamma = nu / (1 - nu);
    return new FloatTolerance(0, 2 * n * gamma * (1 + 0x1p-20));
  }
}
