package dev.proofofcompute.arena;

import dev.proofofcompute.workloads.heat.HeatSimInput;
import dev.proofofcompute.workloads.matmul.MatMulF64Input;
import dev.proofofcompute.workloads.matmul.MatMulInput;
import dev.proofofcompute.workloads.mlp.Layer;
import dev.proofofcompute.workloads.mlp.MlpInferInput;
import dev.proofofcompute.workloads.mlp.QuantizedMlp;
import java.util.List;

/**
 * The work a workload's operations cost, in one deterministic unit: what {@link CountingWorkload}
 * adds to its meter per call. Costs are the arithmetic the operation performs by definition, not a
 * measured time, so reports are identical on every machine.
 *
 * <ul>
 *   <li>{@code mac}: one multiply-accumulate of a matrix product ({@code matmul}, {@code
 *       matmul-f64}, {@code mlp-infer}); elementwise work (requantisation, bias) is not counted.
 *   <li>{@code cell-update}: one interior cell of one {@code heat-sim} step.
 * </ul>
 *
 * @param <I> the workload's input type
 */
public interface WorkModel<I> {
  /** The unit's name, e.g. {@code mac}. */
  String unit();

  /** Work of {@code execute(input)}. */
  long execute(I input);

  /** Work of one item of {@code input}; 0 when the workload has no items. */
  long item(I input, int index);

  /** Work of step {@code t} of {@code input}; 0 when the workload has no steps. */
  long step(I input, int t);

  /** Work of computing product {@code k}; 0 when the workload has no products. */
  long product(I input, int k);

  /** {@code matmul}: {@code n·k·m} MACs, {@code k·m} per row. */
  static WorkModel<MatMulInput> matMul() {
    return new WorkModel<>() {
      @Override
      public String unit() {
        return "mac";
      }

      @Override
      public long execute(MatMulInput x) {
        return (long) x.a().rows() * x.a().cols() * x.b().cols();
      }

      @Override
      public long item(MatMulInput x, int index) {
        return (long) x.a().cols() * x.b().cols();
      }

      @Override
      public long step(MatMulInput x, int t) {
        return 0;
      }

      @Override
      public long product(MatMulInput x, int k) {
        return execute(x);
      }
    };
  }

  /** {@code matmul-f64}: {@code n·k·m} MACs, {@code k·m} per row. */
  static WorkModel<MatMulF64Input> matMulF64() {
    return new WorkModel<>() {
      @Override
      public String unit() {
        return "mac";
      }

      @Override
      public long execute(MatMulF64Input x) {
        return (long) x.a().rows() * x.a().cols() * x.b().cols();
      }

      @Override
      public long item(MatMulF64Input x, int index) {
        return (long) x.a().cols() * x.b().cols();
      }

      @Override
      public long step(MatMulF64Input x, int t) {
        return 0;
      }

      @Override
      public long product(MatMulF64Input x, int k) {
        return execute(x);
      }
    };
  }

  /** {@code mlp-infer} of {@code model}: {@code rows · Σ in_l·out_l} MACs. */
  static WorkModel<MlpInferInput> mlpInfer(QuantizedMlp model) {
    List<Layer> layers = model.layers();
    long perRow = 0;
    for (Layer l : layers) {
      perRow += (long) l.inputs() * l.outputs();
    }
    long row = perRow;
    return new WorkModel<>() {
      @Override
      public String unit() {
        return "mac";
      }

      @Override
      public long execute(MlpInferInput x) {
        return x.batch().rows() * row;
      }

      @Override
      public long item(MlpInferInput x, int index) {
        return row;
      }

      @Override
      public long step(MlpInferInput x, int t) {
        return 0;
      }

      @Override
      public long product(MlpInferInput x, int k) {
        Layer l = layers.get(k);
        return (long) x.batch().rows() * l.inputs() * l.outputs();
      }
    };
  }

  /** {@code heat-sim}: {@code (N-2)²} cell updates per step, {@code T} steps. */
  static WorkModel<HeatSimInput> heatSim() {
    return new WorkModel<>() {
      @Override
      public String unit() {
        return "cell-update";
      }

      @Override
      public long execute(HeatSimInput x) {
        return x.steps() * step(x, 1);
      }

      @Override
      public long item(HeatSimInput x, int index) {
        return 0;
      }

      @Override
      public long step(HeatSimInput x, int t) {
        long inner = x.initial().rows() - 2L;
        return inner * inner;
      }

      @Override
      public long product(HeatSimInput x, int k) {
        return 0;
      }
    };
  }
}
