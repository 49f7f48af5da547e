package dev.proofofcompute.workloads;

import dev.proofofcompute.core.linalg.DoubleMatrix;
import dev.proofofcompute.core.linalg.IntMatrix;
import dev.proofofcompute.core.workload.Workload;
import dev.proofofcompute.workloads.heat.HeatSim;
import dev.proofofcompute.workloads.heat.HeatSimInput;
import dev.proofofcompute.workloads.matmul.MatMul;
import dev.proofofcompute.workloads.matmul.MatMulF64;
import dev.proofofcompute.workloads.matmul.MatMulF64Input;
import dev.proofofcompute.workloads.matmul.MatMulInput;
import dev.proofofcompute.workloads.mlp.MlpGenerator;
import dev.proofofcompute.workloads.mlp.MlpInfer;
import dev.proofofcompute.workloads.train.FixedPoint;
import dev.proofofcompute.workloads.train.MlpTrain;
import dev.proofofcompute.workloads.train.MlpTrainInput;
import java.util.ArrayList;
import java.util.List;

/** Seeded sample jobs of every built-in workload, for the contract tests. */
final class WorkloadSamples {
  private WorkloadSamples() {}

  /** One job: a workload and an input for it. */
  record Sample<I, O>(String label, Workload<I, O> workload, I input) {
    @Override
    public String toString() {
      return label;
    }
  }

  static List<Sample<?, ?>> all() {
    List<Sample<?, ?>> out = new ArrayList<>();
    long seed = 20261127L;
    SplitMix64 rnd = new SplitMix64(seed);
    for (int[] shape : new int[][] {{1, 1, 1}, {3, 5, 4}, {7, 2, 9}}) {
      IntMatrix a = IntMatrix.generate(shape[0], shape[1], (r, c) -> rnd.nextInt(-128, 127));
      IntMatrix b = IntMatrix.generate(shape[1], shape[2], (r, c) -> rnd.nextInt(-128, 127));
      out.add(
          new Sample<>(
              "matmul " + shape[0] + "x" + shape[1] + "x" + shape[2] + " seed " + seed,
              MatMul.create(),
              new MatMulInput(a, b)));
      DoubleMatrix fa = DoubleMatrix.generate(shape[0], shape[1], (r, c) -> real(rnd));
      DoubleMatrix fb = DoubleMatrix.generate(shape[1], shape[2], (r, c) -> real(rnd));
      out.add(
          new Sample<>(
              "matmul-f64 " + shape[0] + "x" + shape[1] + "x" + shape[2] + " seed " + seed,
              MatMulF64.create(),
              new MatMulF64Input(fa, fb)));
    }
    MlpInfer deep = MlpInfer.create(MlpGenerator.randomModel(seed, 6, 10, 7, 3));
    out.add(
        new Sample<>(
            "mlp-infer 6-10-7-3 seed " + seed,
            deep,
            deep.input(MlpGenerator.randomBatch(seed + 1, 5, 6))));
    MlpInfer single = MlpInfer.create(MlpGenerator.randomModel(seed + 2, 4, 2));
    out.add(
        new Sample<>(
            "mlp-infer 4-2 seed " + (seed + 2),
            single,
            single.input(MlpGenerator.randomBatch(seed + 3, 1, 4))));
    out.add(
        new Sample<>(
            "mlp-train 3-4-2 seed " + seed,
            MlpTrain.create(),
            new MlpTrainInput(seed, 3, 4, 2, 10, 3, 7, FixedPoint.ONE / 8, FixedPoint.ONE / 2)));
    out.add(
        new Sample<>(
            "mlp-train 1-1-1 one step seed 5",
            MlpTrain.create(),
            new MlpTrainInput(5, 1, 1, 1, 1, 1, 1, FixedPoint.ONE, 0)));
    IntMatrix grid = IntMatrix.generate(6, 6, (r, c) -> rnd.nextInt(-1000, 1000));
    out.add(
        new Sample<>(
            "heat-sim 6x6 9 steps seed " + seed,
            HeatSim.create(),
            new HeatSimInput(grid, 1, 2, 9)));
    out.add(
        new Sample<>(
            "heat-sim 3x3 1 step",
            HeatSim.create(),
            new HeatSimInput(IntMatrix.of(3, 3, new int[] {9, 9, 9, 0, 0, 0, 0, 0, 0}), 3, 4, 1)));
    return out;
  }

  /** A finite double with a spread of exponents. */
  static double real(SplitMix64 rnd) {
    return (rnd.nextLong() >> 11) * 0x1.0p-50;
  }
}
