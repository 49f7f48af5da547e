package dev.proofofcompute.arena;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import org.junit.jupiter.api.Test;

class BehaviourTest {
  @Test
  void onlyHonestIsHonestAndLabelsAreDistinct() {
    List<Behaviour> all =
        List.of(
            new Behaviour.Honest(),
            new Behaviour.WrongResult(),
            new Behaviour.Lazy(0.1),
            new Behaviour.Grinder(0.1, 16),
            new Behaviour.Copycat(),
            new Behaviour.ColludingPair(),
            new Behaviour.LateWrongStep(3),
            new Behaviour.Malformed());
    assertThat(all).filteredOn(Behaviour::honest).containsExactly(new Behaviour.Honest());
    assertThat(all.stream().map(Behaviour::label).distinct()).hasSize(all.size());
  }

  @Test
  void parametersAreCheckedEagerly() {
    assertThatThrownBy(() -> new Behaviour.Lazy(0)).isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> new Behaviour.Lazy(1.5)).isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> new Behaviour.Lazy(Double.NaN))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> new Behaviour.Grinder(0.1, 0))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> new Behaviour.LateWrongStep(-1))
        .isInstanceOf(IllegalArgumentException.class);
  }
}
