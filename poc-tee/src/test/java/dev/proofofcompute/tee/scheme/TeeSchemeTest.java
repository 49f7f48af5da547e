package dev.proofofcompute.tee.scheme;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.proofofcompute.core.scheme.Policy;
import dev.proofofcompute.core.scheme.PolicyException;
import dev.proofofcompute.core.workload.Codec;
import dev.proofofcompute.core.workload.Workload;
import dev.proofofcompute.core.workload.WorkloadId;
import dev.proofofcompute.crypto.Bytes;
import dev.proofofcompute.tee.AttestationPolicy;
import dev.proofofcompute.tee.Format;
import org.junit.jupiter.api.Test;

class TeeSchemeTest {
  /** Any workload: the identity on bytes. */
  static final class Identity implements Workload<Bytes, Bytes> {
    private static final Codec<Bytes> CODEC =
        new Codec<>() {
          @Override
          public Bytes encode(Bytes value) {
            return value;
          }

          @Override
          public Bytes decode(Bytes bytes) {
            return bytes;
          }
        };

    @Override
    public WorkloadId id() {
      return WorkloadId.of("identity", 1, Bytes.EMPTY);
    }

    @Override
    public Codec<Bytes> inputCodec() {
      return CODEC;
    }

    @Override
    public Codec<Bytes> outputCodec() {
      return CODEC;
    }

    @Override
    public Bytes execute(Bytes input) {
      return input;
    }
  }

  @Test
  void appliesToAnyWorkloadWithAMeasurementAllowList() throws PolicyException {
    TeeParameters p =
        new TeeParameters(
            Format.NITRO,
            AttestationPolicy.builder().allowMeasurement(Bytes.fromHex("00".repeat(48))).build());
    Policy<TeeParameters> policy = Policy.forWorkload(new TeeScheme(), p, new Identity());
    assertThat(policy.scheme().name()).isEqualTo("tee");
    assertThat(new TeeScheme().parametersType()).isEqualTo(TeeParameters.class);
  }

  @Test
  void refusesAPolicyWithoutAllowListOrAllowingDebug() {
    TeeParameters anyImage = new TeeParameters(Format.SEV_SNP, AttestationPolicy.defaults());
    assertThatThrownBy(() -> Policy.forWorkload(new TeeScheme(), anyImage, new Identity()))
        .isInstanceOf(PolicyException.class)
        .hasMessageContaining("allowed measurement");
    TeeParameters debug =
        new TeeParameters(
            Format.SEV_SNP,
            AttestationPolicy.builder()
                .allowMeasurement(Bytes.fromHex("00".repeat(48)))
                .allowDebug(true)
                .build());
    assertThatThrownBy(() -> Policy.forWorkload(new TeeScheme(), debug, new Identity()))
        .isInstanceOf(PolicyException.class)
        .hasMessageContaining("debug");
  }
}
