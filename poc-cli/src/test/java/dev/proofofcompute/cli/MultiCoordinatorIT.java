package dev.proofofcompute.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.proofofcompute.cli.RecordingApi.LeaseRecord;
import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Two {@code poc coordinator} processes on one PostgreSQL database (a fresh schema) serve the same
 * honest workers: two workers call only the first, two only the second, and two spread every call
 * over both (a task leased on one coordinator is committed on the other and responded on either).
 * Jobs of every scheme are submitted through both.
 *
 * <p>Every lease the workers received is recorded (task, lease id, node, coordinator, deadline) and
 * checked by {@link RunAudit} against the database: no task was ever under two live leases, no node
 * held two replicas of one job, every job decided once, every task final, every honest provider
 * paid exactly its tasks, the ledger invariants hold. Both coordinators must have granted leases.
 * Skipped, with how to run it, when {@code POC_TEST_PG_URL} names no reachable server.
 */
class MultiCoordinatorIT {
  static final long LEASE_SECONDS = 10;

  @TempDir Path dir;

  @Test
  void twoCoordinatorsOnOnePostgresNeverDoubleAssign() throws Exception {
    long seed = 43;
    try (TestDatabase db = TestDatabase.postgres("MultiCoordinatorIT")) {
      System.out.println("MultiCoordinatorIT on " + db + ", seed " + seed);
      int p0 = CoordinatorProcess.freePort();
      int p1 = CoordinatorProcess.freePort();
      ProcessNet net =
          new ProcessNet(
              seed,
              dir,
              List.of(URI.create("http://127.0.0.1:" + p0), URI.create("http://127.0.0.1:" + p1)));
      try (CoordinatorProcess c0 =
              new CoordinatorProcess(
                  db.url(), p0, net.keyFile, LEASE_SECONDS, dir.resolve("c0.log"));
          CoordinatorProcess c1 =
              new CoordinatorProcess(
                  db.url(), p1, net.keyFile, LEASE_SECONDS, dir.resolve("c1.log"));
          net) {
        CoordinatorProcess.startTogether(c0, c1);
        net.fundRequester();
        net.submit(15, 0);
        net.submit(15, 1);
        net.worker("a0", 2, List.of(0), Duration.ZERO);
        net.worker("a1", 2, List.of(0), Duration.ZERO);
        net.worker("b0", 2, List.of(1), Duration.ZERO);
        net.worker("b1", 2, List.of(1), Duration.ZERO);
        net.worker("x0", 2, List.of(0, 1), Duration.ZERO);
        net.worker("x1", 2, List.of(1, 0), Duration.ZERO);
        Map<String, JsonNode> ended =
            net.awaitAllEnded(
                Duration.ofSeconds(90), () -> "c0:\n" + c0.log() + "\nc1:\n" + c1.log());
        for (JsonNode j : ended.values()) {
          assertThat(j.get("status").asText()).as("%s (seed %d)", j, seed).isEqualTo("decided");
        }
        net.close();
        c0.stop();
        c1.stop();
        Map<String, Long> byCoordinator =
            net.recorder.leases.stream()
                .collect(Collectors.groupingBy(LeaseRecord::coordinator, Collectors.counting()));
        assertThat(byCoordinator).as("leases granted by each coordinator").containsKeys("c0", "c1");
        RunAudit.Summary s =
            RunAudit.check(db.url(), net, Duration.ofSeconds(LEASE_SECONDS), "two coordinators");
        System.out.printf("MultiCoordinatorIT: leases by coordinator %s; %s%n", byCoordinator, s);
      }
    }
  }
}
