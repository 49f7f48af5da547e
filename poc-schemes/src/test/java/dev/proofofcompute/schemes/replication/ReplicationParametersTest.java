package dev.proofofcompute.schemes.replication;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class ReplicationParametersTest {
  private static final Duration W = Duration.ofMinutes(5);

  @ParameterizedTest(name = "k={0} q={1}")
  @CsvSource({"1, 1", "2, 2", "3, 2", "3, 3", "4, 3", "5, 3", "64, 33"})
  void aStrictMajorityQuorumIsAccepted(int k, int q) {
    ReplicationParameters p =
        ReplicationParameters.exact(k, q, AdaptiveSettings.alwaysReplicate(), W, W);
    assertThat(p.replicas()).isEqualTo(k);
    assertThat(p.quorum()).isEqualTo(q);
    assertThat(p.scheme()).isEqualTo("replication");
    assertThat(p.floatTolerance()).isEmpty();
  }

  @ParameterizedTest(name = "k={0} q={1}")
  @CsvSource({"0, 0", "-1, 1", "65, 33", "2, 1", "3, 1", "4, 2", "3, 4", "5, 0"})
  void otherReplicaAndQuorumCountsAreRefused(int k, int q) {
    assertThatThrownBy(
            () -> ReplicationParameters.exact(k, q, AdaptiveSettings.alwaysReplicate(), W, W))
        .isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void windowsArePositiveAndBounded() {
    AdaptiveSettings a = AdaptiveSettings.alwaysReplicate();
    for (Duration bad :
        new Duration[] {Duration.ZERO, Duration.ofSeconds(-1), Duration.ofDays(8)}) {
      assertThatThrownBy(() -> ReplicationParameters.exact(3, 2, a, bad, W))
          .isInstanceOf(IllegalArgumentException.class)
          .hasMessageContaining("commit window");
      assertThatThrownBy(() -> ReplicationParameters.exact(3, 2, a, W, bad))
          .isInstanceOf(IllegalArgumentException.class)
          .hasMessageContaining("reveal window");
    }
  }

  @Test
  void floatingParametersCarryTheirTolerance() {
    FloatTolerance t = FloatTolerance.relative(1e-12);
    ReplicationParameters p =
        ReplicationParameters.floating(3, 2, t, AdaptiveSettings.boinc(0.05), W, W);
    assertThat(p.floatTolerance()).contains(t);
    assertThat(p.adaptive().trustThreshold()).isEqualTo(10);
  }

  @ParameterizedTest(name = "threshold={0} floor={1}")
  @CsvSource({"0, 0.1", "10, 0", "10, -0.1", "10, 1.5", "10, NaN"})
  void adaptiveSettingsNeedAPositiveThresholdAndAFloorAboveZero(int threshold, double floor) {
    assertThatThrownBy(() -> new AdaptiveSettings(threshold, floor))
        .isInstanceOf(IllegalArgumentException.class);
  }
}
