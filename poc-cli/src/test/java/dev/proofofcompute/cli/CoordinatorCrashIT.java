package dev.proofofcompute.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.function.BooleanSupplier;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The coordinator is crash-safe: {@code poc coordinator} runs as a child process, honest worker
 * agents (in this JVM, over loopback HTTP) work through a mix of spot-check, replication and
 * Freivalds jobs, and the coordinator is killed with SIGKILL twice in the middle of the run — once
 * early (a few results accepted, leases out), once later (about half the jobs decided, leases out)
 * — and started again each time on the same database and port. The workers' calls fail while it is
 * down and are retried with back-off; leases (10 s) outlive the outage, so the workers carry on
 * with the tasks they hold.
 *
 * <p>Afterwards {@link RunAudit} reads the database: no job, task, accepted result or ledger
 * posting lost or duplicated, every task final, every honest provider paid exactly its tasks,
 * nobody slashed, the ledger invariants hold and the stored postings replay to the stored balances.
 * Every submission re-sent after the restarts names the job it created the first time. Runs on
 * SQLite and, when {@code POC_TEST_PG_URL} names a server, on PostgreSQL (a fresh schema).
 */
class CoordinatorCrashIT {
  static final long LEASE_SECONDS = 10;
  static final int WAVE = 9;

  @TempDir Path dir;

  @Test
  void sqliteSurvivesSigkillTwice() throws Exception {
    crashRun(TestDatabase.sqlite(dir), 41);
  }

  @Test
  void postgresSurvivesSigkillTwice() throws Exception {
    try (TestDatabase db = TestDatabase.postgres("CoordinatorCrashIT")) {
      crashRun(db, 42);
    }
  }

  private void crashRun(TestDatabase db, long seed) throws Exception {
    System.out.println("CoordinatorCrashIT on " + db + ", seed " + seed);
    int port = CoordinatorProcess.freePort();
    Path log = dir.resolve("coordinator.log");
    ProcessNet net =
        new ProcessNet(seed, dir, List.of(java.net.URI.create("http://127.0.0.1:" + port)));
    try (CoordinatorProcess coordinator =
            new CoordinatorProcess(db.url(), port, net.keyFile, LEASE_SECONDS, log);
        net) {
      coordinator.start();
      phase("started");
      net.fundRequester();
      for (int i = 0; i < 4; i++) {
        // A 40 ms delay before each response or report keeps leases out long enough to kill
        // the coordinator while some are held.
        net.worker("w" + i, 2, List.of(0), Duration.ofMillis(40));
      }

      // Kill 1: early, once a few results were accepted and while leases are out.
      net.submit(WAVE, 0);
      long before = net.recorder.accepted();
      awaitThen(
          () -> net.recorder.accepted() >= before + 2 && net.recorder.outstanding() > 0,
          "two accepted results and a lease out",
          coordinator,
          net);
      int outAtKill1 = net.recorder.outstanding();
      phase("kill 1");
      coordinator.kill();
      Thread.sleep(300);
      coordinator.start();
      phase("restarted");

      // Kill 2: later, once about half of all jobs were decided and while leases are out.
      net.submit(WAVE, 0);
      int total = net.jobs.size();
      awaitThen(
          () -> net.recorder.accepted() >= total / 2 && net.recorder.outstanding() > 0,
          "half the jobs' results accepted and a lease out",
          coordinator,
          net);
      int outAtKill2 = net.recorder.outstanding();
      phase("kill 2");
      coordinator.kill();
      Thread.sleep(300);
      coordinator.start();
      phase("restarted");

      // Submissions re-sent after the crashes are recognised by their idempotency keys.
      Map<String, String> again = net.resubmitAll(0);
      assertThat(again).as("seed %d", seed).isEqualTo(net.jobs);

      Map<String, JsonNode> ended = net.awaitAllEnded(Duration.ofSeconds(60), coordinator::log);
      for (JsonNode j : ended.values()) {
        assertThat(j.get("status").asText()).as("%s (seed %d)", j, seed).isEqualTo("decided");
        for (JsonNode t : j.get("tasks")) {
          if (t.get("kind").asText().equals("execute")) {
            assertThat(t.path("verdict").asText())
                .as("%s (seed %d)", t, seed)
                .isEqualTo("accepted");
          }
        }
      }
      phase("all decided");
      net.close();
      coordinator.stop();
      phase("stopped");
      RunAudit.Summary s =
          RunAudit.check(db.url(), net, Duration.ofSeconds(LEASE_SECONDS), "crash run on " + db);
      System.out.printf(
          "CoordinatorCrashIT on %s: killed with %d and %d leases out; %s%n",
          db, outAtKill1, outAtKill2, s);
      assertThat(s.acceptedOutcomes()).isPositive();
    }
  }

  private static void phase(String what) {
    System.out.println("CoordinatorCrashIT " + Instant.now() + " " + what);
  }

  private static void awaitThen(
      BooleanSupplier condition, String what, CoordinatorProcess c, ProcessNet net)
      throws Exception {
    Instant until = Instant.now().plusSeconds(60);
    while (!condition.getAsBoolean()) {
      if (Instant.now().isAfter(until)) {
        throw new AssertionError(
            "never: "
                + what
                + " (seed "
                + net.seed
                + ", accepted "
                + net.recorder.accepted()
                + ", outstanding "
                + net.recorder.outstanding()
                + "); log:\n"
                + c.log());
      }
      Thread.sleep(2);
    }
  }
}
