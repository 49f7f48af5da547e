package dev.proofofcompute.core.scheme;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.proofofcompute.core.workload.Codec;
import dev.proofofcompute.core.workload.Workload;
import dev.proofofcompute.core.workload.WorkloadId;
import dev.proofofcompute.crypto.Bytes;
import org.junit.jupiter.api.Test;

class PolicyTest {
  /** Parameters of a test scheme that needs items. */
  record NeedsItems(int samples) implements SchemeParameters {
    @Override
    public String scheme() {
      return "needs-items";
    }
  }

  /** A test scheme that, like spot-checks, needs a workload with independent items. */
  static class NeedsItemsScheme implements Scheme<NeedsItems> {
    @Override
    public String name() {
      return "needs-items";
    }

    @Override
    public Class<NeedsItems> parametersType() {
      return NeedsItems.class;
    }

    @Override
    public void checkApplicable(Workload<?, ?> workload, NeedsItems parameters)
        throws PolicyException {
      if (workload.items().isEmpty()) {
        throw new PolicyException(workload.id().name() + " has no independent items");
      }
      if (parameters.samples() < 1) {
        throw new PolicyException("samples must be >= 1");
      }
    }
  }

  /** A workload with no optional structure: the identity on bytes. */
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
  void aSchemeThatCannotVerifyTheWorkloadIsRejectedWhenThePolicyIsBuilt() {
    assertThatThrownBy(
            () -> Policy.forWorkload(new NeedsItemsScheme(), new NeedsItems(3), new Identity()))
        .isInstanceOf(PolicyException.class)
        .hasMessage("identity has no independent items");
  }

  @Test
  void mismatchedParametersAreRejected() {
    Scheme<NeedsItems> other =
        new NeedsItemsScheme() {
          @Override
          public String name() {
            return "other";
          }
        };
    assertThatThrownBy(() -> Policy.forWorkload(other, new NeedsItems(3), new Identity()))
        .isInstanceOf(PolicyException.class)
        .hasMessageContaining("given to scheme 'other'");
    assertThatThrownBy(() -> new Policy<>(other, new NeedsItems(3)))
        .isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void verdictsSwitchExhaustively() {
    Verdict v = Verdict.rejected(Verdict.Reason.WRONG_RESULT, "item 4 differs");
    String kind =
        switch (v) {
          case Verdict.Accepted a -> "accepted";
          case Verdict.Rejected r -> "rejected:" + r.reason();
          case Verdict.Inconclusive i -> "inconclusive";
        };
    assertThat(kind).isEqualTo("rejected:WRONG_RESULT");
  }
}
