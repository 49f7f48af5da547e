package dev.proofofcompute.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.proofofcompute.cli.TourCommandTest.Run;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ArenaCommandTest {

  @Test
  void arenaRunsAndWritesAJsonReport(@TempDir Path dir) throws Exception {
    Path json = dir.resolve("report.json");
    Run r = TourCommandTest.run("arena", "--seed", "3", "--runs", "20", "--json", json.toString());
    assertThat(r.exit()).as(r.err()).isZero();
    assertThat(r.out())
        .contains("seed 3")
        .contains("replication")
        .contains("freivalds")
        .contains("honest providers wrongly rejected across all honest scenarios: 0");
    JsonNode root = new ObjectMapper().readTree(json.toFile());
    assertThat(root.get("seed").asLong()).isEqualTo(3);
    assertThat(root.get("config").get("honestRuns").asInt()).isEqualTo(20);
    JsonNode scenarios = root.get("scenarios");
    assertThat(scenarios.size()).isPositive();
    int caught = 0;
    for (JsonNode s : scenarios) {
      assertThat(s.get("caught").asInt() + s.get("escaped").asInt() + s.get("inconclusive").asInt())
          .isEqualTo(s.get("cheatingRuns").asInt());
      caught += s.get("caught").asInt();
    }
    assertThat(caught).as("cheaters caught across the report").isPositive();
  }

  @Test
  void theSameSeedGivesTheSameReport() {
    Run a = TourCommandTest.run("arena", "--seed", "9", "--runs", "5");
    Run b = TourCommandTest.run("arena", "--seed", "9", "--runs", "5");
    assertThat(a.exit()).isZero();
    assertThat(a.out()).isEqualTo(b.out());
  }

  @Test
  void badOptionsExitNonZeroWithOneLine() {
    Run r = TourCommandTest.run("arena", "--runs", "0");
    assertThat(r.exit()).isEqualTo(2);
    assertThat(r.err()).contains("--runs must be >= 1").doesNotContain("\tat ");
    Run s = TourCommandTest.run("arena", "--seed", "abc");
    assertThat(s.exit()).isEqualTo(2);
    assertThat(s.err()).contains("--seed");
  }
}
