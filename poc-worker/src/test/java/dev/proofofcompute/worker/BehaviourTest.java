package dev.proofofcompute.worker;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.proofofcompute.protocol.ProviderBehaviour;
import java.util.List;
import org.junit.jupiter.api.Test;

class BehaviourTest {
  @Test
  void everyFlagParsesAndPrintsBack() {
    List<Behaviour> all =
        List.of(
            new Behaviour.Honest(),
            new Behaviour.Wrong(),
            new Behaviour.Lazy(0.2),
            new Behaviour.Grinder(0.3),
            new Behaviour.Copycat(),
            new Behaviour.Collude("team-1"),
            new Behaviour.Crash(),
            new Behaviour.LazyValidator());
    for (Behaviour b : all) {
      assertThat(Behaviour.parse(b.flag())).isEqualTo(b);
    }
    assertThat(Behaviour.parse("grinder")).isEqualTo(new Behaviour.Grinder(0.2));
    assertThat(Behaviour.parse(" LAZY:0.5 ")).isEqualTo(new Behaviour.Lazy(0.5));
    assertThat(new Behaviour.Honest().cheats()).isFalse();
    assertThat(new Behaviour.Crash().cheats()).isTrue();
  }

  @Test
  void badFlagsGetOneLineMessages() {
    assertThatThrownBy(() -> Behaviour.parse("saint"))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("unknown behaviour 'saint'")
        .hasMessageContaining("collude:GROUP");
    assertThatThrownBy(() -> Behaviour.parse("lazy")).hasMessageContaining("lazy needs a fraction");
    assertThatThrownBy(() -> Behaviour.parse("lazy:1.5")).hasMessageContaining("(0, 1]");
    assertThatThrownBy(() -> Behaviour.parse("lazy:0")).hasMessageContaining("(0, 1]");
    assertThatThrownBy(() -> Behaviour.parse("lazy:abc")).hasMessageContaining("not a number");
    assertThatThrownBy(() -> Behaviour.parse("collude")).hasMessageContaining("collude:GROUP");
    assertThatThrownBy(() -> Behaviour.parse("collude:a b")).hasMessageContaining("group");
    assertThatThrownBy(() -> Behaviour.parse("honest:1")).hasMessageContaining("no ':'");
    for (String bad : List.of("saint", "lazy", "lazy:NaN", "collude:")) {
      assertThatThrownBy(() -> Behaviour.parse(bad))
          .satisfies(e -> assertThat(e.getMessage()).doesNotContain("\n"));
    }
  }

  @Test
  void protocolBehavioursFollowTheCheat() {
    assertThat(new Behaviour.Honest().protocolBehaviour(1))
        .isInstanceOf(ProviderBehaviour.Honest.class);
    assertThat(new Behaviour.Crash().protocolBehaviour(1))
        .isInstanceOf(ProviderBehaviour.Honest.class);
    assertThat(new Behaviour.Wrong().protocolBehaviour(7))
        .isEqualTo(new ProviderBehaviour.Wrong(7));
    assertThat(new Behaviour.Lazy(0.4).protocolBehaviour(7))
        .isEqualTo(new ProviderBehaviour.Lazy(0.4, 7));
    assertThat(new Behaviour.Grinder(0.4).protocolBehaviour(7))
        .isEqualTo(new ProviderBehaviour.Lazy(0.4, 7));
  }
}
