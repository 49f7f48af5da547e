package dev.proofofcompute.stark.scheme;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.proofofcompute.core.scheme.Policy;
import dev.proofofcompute.core.scheme.PolicyException;
import dev.proofofcompute.core.workload.Codec;
import dev.proofofcompute.core.workload.Workload;
import dev.proofofcompute.core.workload.WorkloadId;
import dev.proofofcompute.crypto.Bytes;
import dev.proofofcompute.stark.StarkParameters;
import dev.proofofcompute.stark.air.Air;
import dev.proofofcompute.stark.air.Trace;
import dev.proofofcompute.stark.workload.MimcChain;
import dev.proofofcompute.stark.workload.MimcChainInput;
import dev.proofofcompute.stark.workload.MimcChainOutput;
import org.junit.jupiter.api.Test;

class StarkSchemeTest {

  /** The identity on byte strings: a workload with no AIR statement. */
  private enum Sum implements Workload<Bytes, Bytes> {
    INSTANCE;

    @Override
    public WorkloadId id() {
      return WorkloadId.of("sum", 1, Bytes.of(new byte[0]));
    }

    @Override
    public Codec<Bytes> inputCodec() {
      return Identity.INSTANCE;
    }

    @Override
    public Codec<Bytes> outputCodec() {
      return Identity.INSTANCE;
    }

    @Override
    public Bytes execute(Bytes input) {
      return input;
    }
  }

  private enum Identity implements Codec<Bytes> {
    INSTANCE;

    @Override
    public Bytes encode(Bytes value) {
      return value;
    }

    @Override
    public Bytes decode(Bytes bytes) {
      return bytes;
    }
  }

  @Test
  void theMimcChainWithDefaultParametersIsAPolicy() throws PolicyException {
    StarkSchemeParameters p = StarkSchemeParameters.defaults(MimcChain.AIR);
    Policy<StarkSchemeParameters> policy =
        Policy.forWorkload(StarkScheme.create(), p, MimcChain.create());
    assertThat(policy.scheme().name()).isEqualTo("stark");
    assertThat(p.scheme()).isEqualTo("stark");
    assertThat(StarkScheme.create().parametersType()).isEqualTo(StarkSchemeParameters.class);
  }

  @Test
  void aWorkloadWithoutAnAirIsRejectedWithTheReason() {
    assertThatThrownBy(() ->
            Policy.forWorkload(
                StarkScheme.create(), StarkSchemeParameters.defaults(MimcChain.AIR), Sum.INSTANCE))
        .isInstanceOf(PolicyException.class)
        .hasMessageContaining("sum@1")
        .hasMessageContaining("not STARK-provable");
  }

  @Test
  void aPolicyNamingAnotherAirIsRejected() {
    assertThatThrownBy(() ->
            StarkScheme.create()
                .checkApplicable(
                    MimcChain.create(), StarkSchemeParameters.defaults("fibonacci/v1")))
        .isInstanceOf(PolicyException.class)
        .hasMessageContaining("'fibonacci/v1'")
        .hasMessageContaining("'mimc7-chain/v1'");
  }

  @Test
  void weakParametersAreRejected() {
    // Blowup 4 and 10 queries: 2 bits per query, 20 bits in all, far below 96.
    StarkSchemeParameters weak =
        new StarkSchemeParameters(new StarkParameters(4, 10, 0, 8, 2, 128), MimcChain.AIR);
    assertThatThrownBy(() -> StarkScheme.create().checkApplicable(MimcChain.create(), weak))
        .isInstanceOf(PolicyException.class)
        .hasMessageContaining("19 conjectured bits");
  }

  /** The MiMC chain, claiming transitions of degree 9 (eight composition segments). */
  private enum HighDegreeChain implements AirWorkload<MimcChainInput, MimcChainOutput> {
    INSTANCE;

    @Override
    public WorkloadId id() {
      return WorkloadId.of("high-degree-chain", 1, Bytes.of(new byte[0]));
    }

    @Override
    public Codec<MimcChainInput> inputCodec() {
      return MimcChain.create().inputCodec();
    }

    @Override
    public Codec<MimcChainOutput> outputCodec() {
      return MimcChain.create().outputCodec();
    }

    @Override
    public MimcChainOutput execute(MimcChainInput input) {
      return MimcChain.create().execute(input);
    }

    @Override
    public String airName() {
      return MimcChain.AIR;
    }

    @Override
    public int constraintDegree() {
      return 9;
    }

    @Override
    public Air air(MimcChainInput input, MimcChainOutput output) {
      return MimcChain.create().air(input, output);
    }

    @Override
    public Trace trace(MimcChainInput input) {
      return MimcChain.create().trace(input);
    }
  }

  @Test
  void aBlowupBelowTheCompositionDegreeIsRejected() throws PolicyException {
    StarkScheme.create()
        .checkApplicable(
            HighDegreeChain.INSTANCE,
            new StarkSchemeParameters(new StarkParameters(8, 28, 16, 8, 2, 128), MimcChain.AIR));
    assertThatThrownBy(() ->
            StarkScheme.create()
                .checkApplicable(
                    HighDegreeChain.INSTANCE, StarkSchemeParameters.defaults(MimcChain.AIR)))
        .isInstanceOf(PolicyException.class)
        .hasMessageContaining("blowup factor 4 is below the composition degree 8");
  }

  @Test
  void airNamesAreChecked() {
    assertThatThrownBy(() -> StarkSchemeParameters.defaults("Not An Air"))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("AIR name");
  }
}
