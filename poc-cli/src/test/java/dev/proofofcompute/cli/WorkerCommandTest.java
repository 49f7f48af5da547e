package dev.proofofcompute.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.proofofcompute.cli.TourCommandTest.Run;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class WorkerCommandTest {
  @TempDir Path dir;

  @Test
  void helpListsEveryFlagAndBehaviour() {
    Run r = TourCommandTest.run("worker", "--help");
    assertThat(r.exit()).isZero();
    assertThat(r.out())
        .contains("--coordinator", "--key", "--role", "--stake", "--deposit", "--concurrency")
        .contains("--behaviour", "lazy:F", "grinder", "copycat", "collude:GROUP", "crash")
        .contains("lazy-validator");
  }

  private Run worker(String... extra) {
    String[] base = {
      "worker", "--coordinator", "http://127.0.0.1:1", "--key", dir.resolve("k.pem").toString()
    };
    String[] args = new String[base.length + extra.length];
    System.arraycopy(base, 0, args, 0, base.length);
    System.arraycopy(extra, 0, args, base.length, extra.length);
    return TourCommandTest.run(args);
  }

  @Test
  void badFlagsGetOneLineAndExitTwoWithoutTouchingAnything() {
    String[][] cases = {
      {"--behaviour", "saint"},
      {"--behaviour", "lazy:2"},
      {"--behaviour", "collude"},
      {"--role", "requester"},
      {"--stake", "-5"},
      {"--deposit", "ten"},
      {"--concurrency", "0"},
      {"--poll-millis", "-1"},
    };
    for (String[] c : cases) {
      Run r = worker(c);
      assertThat(r.exit()).as(String.join(" ", c) + ": " + r.err()).isEqualTo(Main.EXIT_USAGE);
      assertThat(r.err().strip())
          .as(String.join(" ", c))
          .startsWith("poc worker: ")
          .doesNotContain("\n");
      assertThat(r.err()).doesNotContain("Exception", "\tat ");
    }
    assertThat(dir.resolve("k.pem")).as("no key is created for a refused command").doesNotExist();
    Run url =
        TourCommandTest.run(
            "worker", "--coordinator", "ftp://x", "--key", dir.resolve("k.pem").toString());
    assertThat(url.exit()).isEqualTo(Main.EXIT_USAGE);
    assertThat(url.err()).contains("http://HOST:PORT");
    Run missing = TourCommandTest.run("worker", "--key", "k");
    assertThat(missing.exit()).isEqualTo(Main.EXIT_USAGE);
    assertThat(missing.err()).contains("--coordinator");
  }
}
