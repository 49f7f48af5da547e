package dev.proofofcompute.schemes.spotcheck;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.proofofcompute.core.scheme.Policy;
import dev.proofofcompute.core.scheme.PolicyException;
import org.junit.jupiter.api.Test;

class SpotCheckSchemeTest {
  private final SpotCheckScheme scheme = SpotCheckScheme.create();
  private final SpotCheckParameters parameters = new SpotCheckParameters(10, 2);

  @Test
  void namesItself() {
    assertThat(scheme.name()).isEqualTo("spot-check").isEqualTo(parameters.scheme());
    assertThat(scheme.parametersType()).isEqualTo(SpotCheckParameters.class);
  }

  @Test
  void aPolicyForAWorkloadOfExactItems() throws Exception {
    Policy<SpotCheckParameters> policy =
        Policy.forWorkload(scheme, parameters, LongItemsWorkload.create());
    assertThat(policy.parameters()).isEqualTo(parameters);
  }

  @Test
  void refusesAWorkloadWithoutItemsNamingIt() {
    LongItemsWorkload workload = LongItemsWorkload.withoutItems();
    assertThatThrownBy(() -> Policy.forWorkload(scheme, parameters, workload))
        .isInstanceOf(PolicyException.class)
        .hasMessageContaining(workload.id().toString())
        .hasMessageContaining("independent items");
  }

  @Test
  void refusesFloatingOutputsNamingTheWorkload() {
    LongItemsWorkload workload = LongItemsWorkload.floating();
    assertThatThrownBy(() -> scheme.checkApplicable(workload, parameters))
        .isInstanceOf(PolicyException.class)
        .hasMessageContaining(workload.id().toString())
        .hasMessageContaining("FLOATING");
  }

  @Test
  void checksTheBatchSizeAgainstTheSamples() throws Exception {
    scheme.checkBatch(10, parameters); // s = N: every requester item is sampled
    assertThatThrownBy(() -> scheme.checkBatch(9, parameters))
        .isInstanceOf(PolicyException.class)
        .hasMessageContaining("10 distinct samples");
    assertThatThrownBy(() -> scheme.checkBatch(0, new SpotCheckParameters(0, 2)))
        .isInstanceOf(PolicyException.class);
  }
}
