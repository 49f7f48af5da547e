package dev.proofofcompute.arena;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import org.junit.jupiter.api.Test;

class ArenaReportTest {
  private static ScenarioResult honest() {
    return new ScenarioResult(
        "s",
        "p",
        "w",
        "honest",
        "e",
        10,
        0,
        0,
        0,
        0,
        30,
        0,
        null,
        Cost.of("mac", 100, 50),
        List.of());
  }

  private static ScenarioResult cheat(int caught, double theory) {
    return new ScenarioResult(
        "t",
        "p2",
        "w",
        "lazy(f=0.1)",
        "e",
        100,
        100,
        caught,
        100 - caught,
        0,
        0,
        0,
        Detection.of(caught, 100, theory, "formula"),
        Cost.of("mac", 1000, 10),
        List.of(new Metric("m", 2)));
  }

  @Test
  void theTableHasTheSeedAHeaderAndOneAlignedLinePerScenario() {
    ArenaReport r =
        new ArenaReport(9, ArenaConfig.defaults().withSeed(9), List.of(honest(), cheat(50, 0.5)));
    List<String> lines = r.table().lines().toList();
    assertThat(lines).hasSize(4);
    assertThat(lines.get(0)).isEqualTo("arena seed 9");
    assertThat(lines.get(1)).startsWith("scheme").contains("99% interval");
    assertThat(lines.get(2)).startsWith("s ").contains(" - ").endsWith("0.5000 mac");
    assertThat(lines.get(3)).contains("0.5000").doesNotContain("(!)");
    // every column starts at the same offset on every line
    int behaviourColumn = lines.get(1).indexOf("behaviour");
    assertThat(lines.get(2).indexOf("honest")).isEqualTo(behaviourColumn);
    assertThat(lines.get(3).indexOf("lazy")).isEqualTo(behaviourColumn);
  }

  @Test
  void aTheoryOutsideItsIntervalIsMarked() {
    ScenarioResult off = cheat(50, 0.9);
    assertThat(off.detectionIfAny().orElseThrow().theoryInInterval()).isFalse();
    ArenaReport r = new ArenaReport(1, ArenaConfig.defaults(), List.of(off));
    assertThat(r.rows().get(0).get(12)).isEqualTo("0.9000 (!)");
  }

  @Test
  void lookupsBySchemePolicyAndBehaviour() {
    ArenaReport r = new ArenaReport(1, ArenaConfig.defaults(), List.of(honest(), cheat(90, 0.9)));
    assertThat(r.schemes()).containsExactly("s", "t");
    assertThat(r.scenarios("t")).hasSize(1);
    assertThat(r.find("t", "p2", "lazy(f=0.1)")).isPresent();
    assertThat(r.find("t", "p", "lazy(f=0.1)")).isEmpty();
    assertThat(r.scenarios("t").get(0).metric("m")).contains(2.0);
    assertThat(r.honestFalsePositives()).isZero();
    assertThat(r.rows())
        .hasSize(2)
        .allSatisfy(row -> assertThat(row).hasSameSizeAs(ArenaReport.COLUMNS));
  }

  @Test
  void aScenarioMustAccountForEveryCheatingRun() {
    assertThatThrownBy(() ->
            new ScenarioResult(
                "s",
                "p",
                "w",
                "b",
                "e",
                10,
                10,
                3,
                3,
                3,
                0,
                0,
                null,
                Cost.of("mac", 1, 1),
                List.of()))
        .isInstanceOf(IllegalArgumentException.class);
  }
}
