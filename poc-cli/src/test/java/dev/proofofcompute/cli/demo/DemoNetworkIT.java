package dev.proofofcompute.cli.demo;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.proofofcompute.cli.Main;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code poc demo} end to end, as a user runs it: a smaller seeded network (five worker processes:
 * two honest provider–validators, a wrong and a lazy provider, a lazy validator; about twenty jobs
 * over every workload and served scheme), and the promises asserted from the JSON report it
 * writes: no honest provider is ever slashed; every honest task is accepted and paid; cheaters are
 * caught at least as often as the policies' theory says; the ledger is conserved.
 */
class DemoNetworkIT {
  static final long SEED = 5;
  static final String MIX = "honest@both*2,wrong,lazy:0.3,lazy-validator";

  @TempDir Path dir;

  record Run(int exit, String out, String err) {}

  static Run run(String... args) {
    StringWriter out = new StringWriter();
    StringWriter err = new StringWriter();
    picocli.CommandLine cmd = new picocli.CommandLine(new Main());
    cmd.setOut(new PrintWriter(out, true));
    cmd.setErr(new PrintWriter(err, true));
    int exit = cmd.execute(args);
    return new Run(exit, out.toString(), err.toString());
  }

  @Test
  void theDemoNetworkKeepsItsPromises() throws Exception {
    Path json = dir.resolve("report.json");
    Path html = dir.resolve("report.html");
    Run run =
        run(
            "demo",
            "--seed",
            Long.toString(SEED),
            "--mix",
            MIX,
            "--scale",
            "0.25",
            "--timeout-seconds",
            "150",
            "--work-dir",
            dir.toString(),
            "--json",
            json.toString(),
            "--html",
            html.toString());
    String context = "seed " + SEED + "\nstdout:\n" + run.out() + "\nstderr:\n" + run.err();
    assertThat(json).as(context).exists();
    JsonNode r = new ObjectMapper().readTree(json.toFile());
    assertThat(r.get("format").asText()).isEqualTo(DemoReport.FORMAT);
    assertThat(r.get("seed").asLong()).isEqualTo(SEED);
    assertThat(r.get("timedOut").asBoolean()).as(context).isFalse();

    // No honest provider is ever slashed; every honest task is accepted and paid.
    long reward = DemoNetwork.REWARD.units();
    for (JsonNode p : r.get("providers")) {
      if (!p.get("cheats").asBoolean()) {
        assertThat(p.get("rejected").asInt()).as("%s\n%s", p, context).isZero();
        assertThat(p.get("slashes").asInt()).as("%s", p).isZero();
        assertThat(p.get("slashedMicro").asLong()).as("%s", p).isZero();
        assertThat(p.get("inconclusive").asInt()).as("%s", p).isZero();
        assertThat(p.get("rewardsMicro").asLong())
            .as("one reward per accepted task: %s", p)
            .isEqualTo(p.get("accepted").asInt() * reward);
      }
    }
    int honestTasks = 0;
    for (JsonNode job : r.get("jobs")) {
      assertThat(job.get("status").asText()).as("%s", job).isEqualTo("decided");
      for (JsonNode t : job.get("tasks")) {
        assertThat(t.get("truth").asText())
            .as("%s in %s", t, job.get("key"))
            .isNotIn("false-positive", "honest-inconclusive");
        if (t.get("truth").asText().equals("honest")) {
          honestTasks++;
          assertThat(t.get("verdict").asText()).isEqualTo("accepted");
        }
      }
    }
    assertThat(honestTasks).as(context).isPositive();

    // Cheaters are caught at least as often as the theory says (one-sided, per scheme).
    int caught = 0;
    int schemesRun = 0;
    for (JsonNode s : r.get("schemes")) {
      if (!s.get("status").asText().equals("run")) {
        assertThat(s.get("note").asText()).isNotBlank();
        continue;
      }
      schemesRun++;
      assertThat(s.get("falsePositives").asInt()).as("%s", s).isZero();
      int n = s.get("cheatingSubmissions").asInt();
      int k = s.get("caught").asInt();
      assertThat(k + s.get("escaped").asInt()).isEqualTo(n);
      caught += k;
      assertThat(s.get("pValue").asDouble())
          .as(
              "%s caught %d of %d, theory expects %.2f; %s",
              s.get("scheme"), k, n, s.get("expectedCaught").asDouble(), context)
          .isGreaterThanOrEqualTo(DemoReport.SIGNIFICANCE);
      // An independent, distribution-free bound: Var(X) <= n/4, so X >= E - 10 sd fails with
      // probability below 1% by Chebyshev even without the model; the p-value above is sharper.
      assertThat((double) k)
          .isGreaterThanOrEqualTo(s.get("expectedCaught").asDouble() - 10 * Math.sqrt(n / 4.0));
    }
    assertThat(schemesRun).isGreaterThanOrEqualTo(4);
    assertThat(caught)
        .as("the wrong and lazy providers were caught at all; " + context)
        .isPositive();

    // The ledger is conserved.
    JsonNode l = r.get("ledger");
    assertThat(l.get("conserved").asBoolean()).as("%s", l).isTrue();
    assertThat(l.get("sumOfBalancesMicro").asLong()).isZero();
    assertThat(l.get("outstandingMicro").asLong()).isEqualTo(l.get("depositedMicro").asLong());
    assertThat(l.get("replayMatches").asBoolean()).isTrue();

    assertThat(r.get("checks").get("noHonestSlashed").asBoolean()).isTrue();
    assertThat(run.exit()).as(context).isZero();
    String page = Files.readString(html);
    assertThat(page).contains("<svg").contains("spot-check").doesNotContain("http://cdn");
  }
}
