package dev.proofofcompute.schemes.bisection;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.proofofcompute.core.scheme.Policy;
import dev.proofofcompute.core.scheme.PolicyException;
import dev.proofofcompute.core.workload.Codec;
import dev.proofofcompute.core.workload.StepStructure;
import dev.proofofcompute.core.workload.Workload;
import dev.proofofcompute.core.workload.WorkloadId;
import org.junit.jupiter.api.Test;

class BisectionSchemeTest {
  private static final BisectionParameters PARAMETERS = new BisectionParameters(4, 2, 0.05);

  /** The mix workload without its step structure. */
  private static final class Opaque implements Workload<MixWorkload.Input, MixWorkload.State> {
    private final MixWorkload inner = new MixWorkload();

    @Override
    public WorkloadId id() {
      return WorkloadId.of("test-opaque", 1, dev.proofofcompute.crypto.Bytes.EMPTY);
    }

    @Override
    public Codec<MixWorkload.Input> inputCodec() {
      return inner.inputCodec();
    }

    @Override
    public Codec<MixWorkload.State> outputCodec() {
      return inner.outputCodec();
    }

    @Override
    public MixWorkload.State execute(MixWorkload.Input input) {
      return inner.execute(input);
    }
  }

  /** The mix workload declared as having floating-point outputs. */
  private static final class Floating implements Workload<MixWorkload.Input, MixWorkload.State> {
    private final MixWorkload inner = new MixWorkload();

    @Override
    public WorkloadId id() {
      return WorkloadId.of("test-floating", 1, dev.proofofcompute.crypto.Bytes.EMPTY);
    }

    @Override
    public Codec<MixWorkload.Input> inputCodec() {
      return inner.inputCodec();
    }

    @Override
    public Codec<MixWorkload.State> outputCodec() {
      return inner.outputCodec();
    }

    @Override
    public MixWorkload.State execute(MixWorkload.Input input) {
      return inner.execute(input);
    }

    @Override
    public OutputKind outputKind() {
      return OutputKind.FLOATING;
    }

    @Override
    public java.util.Optional<StepStructure<MixWorkload.Input, MixWorkload.State>> steps() {
      return inner.steps();
    }
  }

  @Test
  void aSteppedExactWorkloadGetsAPolicy() throws PolicyException {
    Policy<BisectionParameters> policy =
        Policy.forWorkload(BisectionScheme.create(), PARAMETERS, new MixWorkload());
    assertThat(policy.scheme().name()).isEqualTo("bisection");
    assertThat(policy.parameters()).isEqualTo(PARAMETERS);
    assertThat(BisectionScheme.create().parametersType()).isEqualTo(BisectionParameters.class);
  }

  @Test
  void aWorkloadWithoutStepsIsRejectedWhenThePolicyIsBuilt() {
    assertThatThrownBy(() -> Policy.forWorkload(BisectionScheme.create(), PARAMETERS, new Opaque()))
        .isInstanceOf(PolicyException.class)
        .hasMessageContaining("no step structure");
  }

  @Test
  void aFloatingPointWorkloadIsRejectedWhenThePolicyIsBuilt() {
    assertThatThrownBy(
            () -> Policy.forWorkload(BisectionScheme.create(), PARAMETERS, new Floating()))
        .isInstanceOf(PolicyException.class)
        .hasMessageContaining("FLOATING");
  }
}
