package dev.proofofcompute.cli.demo;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import org.junit.jupiter.api.Test;

class WorkerSpecTest {
  @Test
  void theDefaultMixHasEightWorkersWithCheatersAndValidators() {
    List<WorkerSpec> mix = WorkerSpec.parseMix(DemoConfig.DEFAULT_MIX);
    assertThat(mix).hasSize(8);
    assertThat(mix.stream().map(WorkerSpec::name).distinct()).hasSize(8);
    assertThat(mix.stream().filter(WorkerSpec::cheatingProvider).map(WorkerSpec::behaviour))
        .containsExactly("wrong", "lazy:0.2", "grinder:0.2");
    assertThat(mix.stream().filter(WorkerSpec::validator).map(WorkerSpec::name))
        .containsExactly("w3-honest-both", "w7-honest-validator", "w8-lazy-validator");
  }

  @Test
  void countsRolesAndGroundTruth() {
    List<WorkerSpec> mix = WorkerSpec.parseMix("honest*2,crash,lazy-validator,copycat@both");
    assertThat(mix)
        .extracting(WorkerSpec::role)
        .containsExactly("provider", "provider", "provider", "validator", "both");
    assertThat(mix)
        .extracting(WorkerSpec::cheatingProvider)
        .containsExactly(false, false, false, false, true);
    assertThat(mix.get(3).isLazyValidator()).isTrue();
  }

  @Test
  void badMixesAreRefused() {
    assertThatThrownBy(() -> WorkerSpec.parseMix("honest,,wrong"))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> WorkerSpec.parseMix("nonsense"))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> WorkerSpec.parseMix("honest@boss"))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> WorkerSpec.parseMix("honest*0"))
        .isInstanceOf(IllegalArgumentException.class);
  }
}
