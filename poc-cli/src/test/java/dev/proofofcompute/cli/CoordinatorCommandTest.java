package dev.proofofcompute.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.proofofcompute.cli.TourCommandTest.Run;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class CoordinatorCommandTest {
  @TempDir Path dir;

  @Test
  void helpDescribesTheOptions() {
    Run r = TourCommandTest.run("coordinator", "--help");
    assertThat(r.exit()).isZero();
    assertThat(r.out()).contains("--db").contains("--port").contains("--key");
  }

  @Test
  void aMissingDatabaseIsAUsageError() {
    Run r = TourCommandTest.run("coordinator");
    assertThat(r.exit()).isEqualTo(Main.EXIT_USAGE);
    assertThat(r.err()).contains("--db");
  }

  @Test
  void aMalformedDatabaseUrlGetsOneLine() {
    Run r =
        TourCommandTest.run(
            "coordinator", "--db", "mysql://nope", "--key", dir.resolve("k").toString());
    assertThat(r.exit()).isEqualTo(Main.EXIT_USAGE);
    assertThat(r.err().strip())
        .startsWith("poc coordinator:")
        .contains("sqlite:PATH")
        .doesNotContain("\tat ");
    assertThat(r.err().strip().lines()).hasSize(1);
    assertThat(dir.resolve("k")).doesNotExist();
  }

  @Test
  void aBadPortGetsOneLine() {
    Run r =
        TourCommandTest.run(
            "coordinator", "--db", "sqlite:" + dir.resolve("x.db"), "--port", "70000");
    assertThat(r.exit()).isEqualTo(Main.EXIT_USAGE);
    assertThat(r.err().strip()).isEqualTo("poc coordinator: --port must be in 0..65535, got 70000");
  }

  @Test
  void theDefaultKeySitsBesideTheSqliteFile() {
    assertThat(CoordinatorCommand.defaultKey("sqlite:" + dir.resolve("poc.db")))
        .isEqualTo(dir.resolve("coordinator.key").toAbsolutePath());
    assertThat(CoordinatorCommand.defaultKey("postgresql://h/db"))
        .isEqualTo(Path.of("coordinator.key"));
  }
}
