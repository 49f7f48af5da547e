package dev.proofofcompute.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;

class TourCommandTest {

  record Run(int exit, String out, String err) {}

  static Run run(String... args) {
    StringWriter out = new StringWriter();
    StringWriter err = new StringWriter();
    CommandLine cmd = Main.commandLine();
    cmd.setOut(new PrintWriter(out));
    cmd.setErr(new PrintWriter(err));
    int exit = cmd.execute(args);
    return new Run(exit, out.toString(), err.toString());
  }

  static int caught(String out, String provider) {
    Matcher m = Pattern.compile(Pattern.quote(provider) + "\\s+(\\d+)\\s+(\\d+)\\s").matcher(out);
    assertThat(m.find()).as("row for %s in:%n%s", provider, out).isTrue();
    return Integer.parseInt(m.group(2));
  }

  @Test
  void demoCatchesLazyProvidersAndNeverTheHonestOne() {
    Run r = run("tour", "--seed", "11", "--items", "512", "--samples", "66", "--trials", "20");
    assertThat(r.exit()).as(r.err()).isZero();
    assertThat(r.out()).contains("seed 11").contains("rw-------, reloaded: same id");
    assertThat(caught(r.out(), "honest")).isZero();
    // With 66 of 512 samples, f = 0.10 escapes with probability < 1e-3 per job.
    assertThat(caught(r.out(), "lazy f=0.10")).isEqualTo(20);
    assertThat(r.out()).containsPattern("tampering: (\\d+) of \\1 single-bit flips");
  }

  @Test
  void theSameSeedGivesTheSameReport() {
    String[] args = {"tour", "--seed", "5", "--items", "256", "--samples", "10", "--trials", "5"};
    Run a = run(args);
    Run b = run(args);
    // Key file names are node ids, derived from the seed too; only the temp path differs.
    assertThat(a.out()).isEqualTo(b.out());
  }

  @Test
  void badOptionsGetAOneLineErrorAndNonZeroExit() {
    Run r = run("tour", "--samples", "0");
    assertThat(r.exit()).isNotZero();
    assertThat(r.err()).contains("--samples");
    Run unknown = run("tour", "--frobnicate");
    assertThat(unknown.exit()).isNotZero();
    assertThat(unknown.err()).contains("Unknown option: '--frobnicate'");
  }
}
