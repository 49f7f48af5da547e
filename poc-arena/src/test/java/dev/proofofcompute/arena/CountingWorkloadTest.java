package dev.proofofcompute.arena;

import static org.assertj.core.api.Assertions.assertThat;

import dev.proofofcompute.core.workload.StepStructure;
import dev.proofofcompute.crypto.Bytes;
import dev.proofofcompute.workloads.heat.HeatSim;
import dev.proofofcompute.workloads.heat.HeatSimInput;
import dev.proofofcompute.workloads.heat.HeatSimOutput;
import dev.proofofcompute.workloads.matmul.MatMul;
import dev.proofofcompute.workloads.matmul.MatMulInput;
import dev.proofofcompute.workloads.matmul.MatMulOutput;
import dev.proofofcompute.workloads.mlp.MlpGenerator;
import dev.proofofcompute.workloads.mlp.MlpInfer;
import dev.proofofcompute.workloads.mlp.MlpInferInput;
import dev.proofofcompute.workloads.mlp.MlpInferOutput;
import org.junit.jupiter.api.Test;

class CountingWorkloadTest {
  @Test
  void matmulChargesNkmPerExecutionAndKmPerItemAndComputesTheSame_seed3() {
    MatMul matmul = MatMul.create();
    MatMulInput input = MatMulInput.random(3, 4, 5, 6);
    WorkMeter meter = new WorkMeter();
    CountingWorkload<MatMulInput, MatMulOutput> counted =
        CountingWorkload.wrap(matmul, WorkModel.matMul(), meter);
    assertThat(counted.execute(input)).isEqualTo(matmul.execute(input));
    assertThat(meter.take()).isEqualTo(4 * 5 * 6);
    Bytes row = counted.items().orElseThrow().executeItem(input, 2);
    assertThat(row).isEqualTo(matmul.items().orElseThrow().executeItem(input, 2));
    assertThat(meter.take()).isEqualTo(5 * 6);
    assertThat(counted.matrices().orElseThrow().products(input))
        .isEqualTo(matmul.matrices().orElseThrow().products(input));
    assertThat(meter.units()).isEqualTo(4 * 5 * 6);
    assertThat(counted.id()).isEqualTo(matmul.id());
  }

  @Test
  void mlpInferChargesEveryLayer_seed5() {
    MlpInfer mlp = MlpInfer.create(MlpGenerator.randomModel(5, 6, 4, 3));
    MlpInferInput input = mlp.input(MlpGenerator.randomBatch(6, 7, 6));
    WorkMeter meter = new WorkMeter();
    CountingWorkload<MlpInferInput, MlpInferOutput> counted =
        CountingWorkload.wrap(mlp, WorkModel.mlpInfer(mlp.model()), meter);
    counted.matrices().orElseThrow().products(input);
    assertThat(meter.take()).isEqualTo(7L * (6 * 4 + 4 * 3));
    counted.execute(input);
    assertThat(meter.take()).isEqualTo(7L * (6 * 4 + 4 * 3));
  }

  @Test
  void heatSimChargesInteriorCellsPerStep_seed9() {
    HeatSim heat = HeatSim.create();
    HeatSimInput input = HeatSimInput.random(9, 6, 5);
    WorkMeter meter = new WorkMeter();
    CountingWorkload<HeatSimInput, HeatSimOutput> counted =
        CountingWorkload.wrap(heat, WorkModel.heatSim(), meter);
    StepStructure<HeatSimInput, HeatSimOutput> steps = counted.steps().orElseThrow();
    Bytes state = steps.initialState(input);
    for (int t = 1; t <= 5; t++) {
      state = steps.step(input, state, t);
    }
    assertThat(meter.take()).isEqualTo(5 * 4 * 4);
    assertThat(steps.output(input, state)).isEqualTo(heat.execute(input));
    assertThat(steps.stateHash(state)).isEqualTo(heat.steps().orElseThrow().stateHash(state));
    assertThat(meter.units()).isZero();
  }
}
