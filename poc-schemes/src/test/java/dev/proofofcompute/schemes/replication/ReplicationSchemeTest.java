package dev.proofofcompute.schemes.replication;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.proofofcompute.core.scheme.Policy;
import dev.proofofcompute.core.scheme.PolicyException;
import org.junit.jupiter.api.Test;

class ReplicationSchemeTest {
  private final ReplicationScheme scheme = ReplicationScheme.create();
  private final FloatTolerance tolerance = FloatTolerance.relative(1e-12);

  @Test
  void itIsNamedReplication() {
    assertThat(scheme.name()).isEqualTo("replication");
    assertThat(scheme.parametersType()).isEqualTo(ReplicationParameters.class);
  }

  @Test
  void anExactWorkloadWithoutToleranceMakesAPolicy() throws Exception {
    ReplicationParameters p = Replicas.exact(3, 2);
    Policy<ReplicationParameters> policy =
        Policy.forWorkload(scheme, p, SumOfSquaresWorkload.INSTANCE);
    assertThat(policy.parameters()).isEqualTo(p);
  }

  @Test
  void aFloatingWorkloadWithAToleranceMakesAPolicy() throws Exception {
    ReplicationParameters p = Replicas.floating(3, 2, tolerance);
    assertThat(Policy.forWorkload(scheme, p, FloatSumWorkload.INSTANCE).scheme()).isSameAs(scheme);
  }

  @Test
  void aFloatingWorkloadWithoutAToleranceIsRefused() {
    assertThatThrownBy(
            () -> Policy.forWorkload(scheme, Replicas.exact(3, 2), FloatSumWorkload.INSTANCE))
        .isInstanceOf(PolicyException.class)
        .hasMessageContaining("needs a float tolerance");
  }

  @Test
  void anExactWorkloadWithAToleranceIsRefused() {
    assertThatThrownBy(() ->
            Policy.forWorkload(
                scheme, Replicas.floating(3, 2, tolerance), SumOfSquaresWorkload.INSTANCE))
        .isInstanceOf(PolicyException.class)
        .hasMessageContaining("byte for byte");
  }

  @Test
  void theComparatorFollowsTheWorkloadsOutputKind() {
    ResultComparator<Long> exact =
        ResultComparator.forWorkload(SumOfSquaresWorkload.INSTANCE, Replicas.exact(3, 2));
    assertThat(exact.tolerance()).isEmpty();
    assertThat(exact.agree(169L, 169L)).isTrue();
    assertThat(exact.agree(169L, 170L)).isFalse();

    ResultComparator<Double> tolerant =
        ResultComparator.forWorkload(
            FloatSumWorkload.INSTANCE, Replicas.floating(3, 2, tolerance), FloatSumWorkload.VIEW);
    assertThat(tolerant.tolerance()).contains(tolerance);
    assertThat(tolerant.agree(1.0, Math.nextUp(1.0))).isTrue();
    assertThat(tolerant.agree(1.0, 1.0 + 1e-9)).isFalse();

    assertThatThrownBy(
            () -> ResultComparator.forWorkload(FloatSumWorkload.INSTANCE, Replicas.exact(3, 2)))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() ->
            ResultComparator.forWorkload(
                FloatSumWorkload.INSTANCE, Replicas.exact(3, 2), FloatSumWorkload.VIEW))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("need a tolerance");
  }
}
