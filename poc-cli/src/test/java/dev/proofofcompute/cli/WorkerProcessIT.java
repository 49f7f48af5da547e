package dev.proofofcompute.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.proofofcompute.cli.TourCommandTest.Run;
import dev.proofofcompute.coordinator.Coordinator;
import dev.proofofcompute.coordinator.CoordinatorConfig;
import dev.proofofcompute.coordinator.client.CoordinatorClient;
import dev.proofofcompute.coordinator.service.ServiceSettings;
import dev.proofofcompute.crypto.identity.KeyFiles;
import dev.proofofcompute.crypto.identity.NodeId;
import dev.proofofcompute.crypto.identity.NodeIdentity;
import dev.proofofcompute.crypto.money.Amount;
import dev.proofofcompute.crypto.random.RandomSource;
import dev.proofofcompute.storage.NodeRole;
import dev.proofofcompute.worker.WorkerAgent;
import dev.proofofcompute.worker.WorkerConfig;
import dev.proofofcompute.workloads.matmul.MatMul;
import dev.proofofcompute.workloads.matmul.MatMulInput;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code poc worker} as a real process against a coordinator in this JVM (SQLite, loopback): a
 * worker killed with SIGKILL in the middle of a task (committed, not responded) loses its lease,
 * the task completes on other workers, and the dead worker is not slashed — only provable cheating
 * is. The {@code crash} behaviour does the same to itself with {@link Runtime#halt}. And an
 * unreachable coordinator gets one line and a non-zero exit.
 */
class WorkerProcessIT {
  static final ObjectMapper JSON = new ObjectMapper();
  static final Duration LEASE = Duration.ofSeconds(3);

  @TempDir Path dir;

  static Coordinator coordinator(Path dir) throws Exception {
    return Coordinator.start(
        CoordinatorConfig.of("sqlite:" + dir.resolve("c.db"), 0)
            .withRandom(RandomSource.seeded(77))
            .withSettings(
                ServiceSettings.defaults()
                    .withLeaseDuration(LEASE)
                    .withMaxLongPoll(Duration.ofMillis(500)))
            .withTickInterval(Duration.ofMillis(200)));
  }

  static Process workerProcess(Path dir, Coordinator c, Path key, String behaviour)
      throws Exception {
    String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
    List<String> cmd = new ArrayList<>();
    cmd.add(java);
    cmd.add("-cp");
    cmd.add(System.getProperty("java.class.path"));
    cmd.add(Main.class.getName());
    cmd.addAll(
        List.of(
            "worker",
            "--coordinator",
            c.uri().toString(),
            "--key",
            key.toString(),
            "--role",
            "provider",
            "--deposit",
            "1000",
            "--stake",
            "100",
            "--poll-millis",
            "500",
            "--behaviour",
            behaviour));
    return new ProcessBuilder(cmd)
        .redirectErrorStream(true)
        .redirectOutput(dir.resolve("worker-" + behaviour + ".log").toFile())
        .start();
  }

  static String submitReplication(CoordinatorClient requester, String key, int replicas)
      throws Exception {
    MatMul w = MatMul.create();
    return requester
        .submit(
            new CoordinatorClient.JobSubmission(
                w.id(),
                w.inputCodec().encode(MatMulInput.random(key.hashCode(), 4, 5, 3)),
                "replication",
                JSON.readTree("{\"replicas\":" + replicas + ",\"quorum\":" + replicas + "}"),
                Optional.empty(),
                Amount.ofCredits(10),
                Amount.ofCredits(1),
                Amount.ofCredits(20),
                5000,
                2000,
                3000,
                Optional.empty(),
                key))
        .get("jobId")
        .asText();
  }

  static JsonNode await(
      CoordinatorClient operator, String job, Predicate<JsonNode> p, String what, Path log)
      throws Exception {
    Instant until = Instant.now().plusSeconds(60);
    JsonNode j = operator.job(job);
    while (!p.test(j)) {
      if (Instant.now().isAfter(until)) {
        throw new AssertionError("never: " + what + "; job " + j + "; worker log: " + read(log));
      }
      Thread.sleep(100);
      j = operator.job(job);
    }
    return j;
  }

  static String read(Path log) {
    try {
      return java.nio.file.Files.readString(log);
    } catch (java.io.IOException e) {
      return "(no log)";
    }
  }

  static boolean committedBy(JsonNode job, NodeId node) {
    for (JsonNode t : job.get("tasks")) {
      if (t.path("holder").asText().equals(node.toHex())
          && t.get("state").asText().equals("committed")) {
        return true;
      }
    }
    return false;
  }

  static List<String> verdictsOf(JsonNode job, NodeId node) {
    List<String> out = new ArrayList<>();
    for (JsonNode t : job.get("tasks")) {
      if (t.path("holder").asText().equals(node.toHex())) {
        out.add(t.path("verdict").asText("none"));
      }
    }
    return out;
  }

  /** Kills or crashes a worker process mid-task; checks the task completes elsewhere, no slash. */
  private void midTaskDeath(String behaviour, boolean kill) throws Exception {
    try (Coordinator c = coordinator(dir)) {
      CoordinatorClient operator = CoordinatorClient.create(c.uri(), c.identity());
      CoordinatorClient requester =
          CoordinatorClient.create(c.uri(), NodeIdentity.generate(new SecureRandom()));
      requester.register(List.of("requester"), Amount.ZERO);
      requester.deposit(Amount.ofCredits(10_000));
      NodeIdentity doomed = NodeIdentity.generate(new SecureRandom());
      Path key = dir.resolve("doomed.pem");
      KeyFiles.savePrivateKey(key, doomed);
      Path log = dir.resolve("worker-" + behaviour + ".log");
      // Two replicas, one worker: it commits replica 0 and then waits for its challenge, which
      // the coordinator draws only once replica 1 has committed too. It is mid-task.
      String job = submitReplication(requester, "job-" + behaviour, 2);
      Process p = workerProcess(dir, c, key, behaviour);
      try {
        await(operator, job, j -> committedBy(j, doomed.nodeId()), "the worker committed", log);
        if (kill) {
          p.destroyForcibly(); // SIGKILL: no shutdown hook, no release
        }
        assertThat(p.waitFor(30, TimeUnit.SECONDS)).as(read(log)).isTrue();
        assertThat(p.exitValue()).as(read(log)).isEqualTo(137);
      } finally {
        p.destroyForcibly();
      }
      List<WorkerAgent> others = new ArrayList<>();
      try {
        for (int i = 0; i < 2; i++) {
          others.add(
              WorkerAgent.start(
                  WorkerConfig.builder(c.uri(), NodeIdentity.generate(new SecureRandom()))
                      .roles(Set.of(NodeRole.PROVIDER))
                      .deposit(Amount.ofCredits(1000))
                      .stake(Amount.ofCredits(100))
                      .pollWait(Duration.ofMillis(500))
                      .build()));
        }
        JsonNode end =
            await(
                operator,
                job,
                j -> j.get("status").asText().equals("decided"),
                "the job is decided by the other workers",
                log);
        for (JsonNode t : end.get("tasks")) {
          assertThat(t.path("verdict").asText()).as("%s", end).isEqualTo("accepted");
        }
        assertThat(verdictsOf(end, doomed.nodeId())).doesNotContain("rejected");
        JsonNode b = operator.balances(doomed.nodeId());
        Amount total =
            Amount.parse(b.get("available").asText())
                .plus(Amount.parse(b.get("bonded").asText()))
                .plus(Amount.parse(b.get("locked").asText()));
        assertThat(total)
            .as("only provable cheating is slashed: %s", b)
            .isEqualTo(Amount.ofCredits(1000));
        assertThat(Amount.parse(b.get("locked").asText())).isEqualTo(Amount.ZERO);
      } finally {
        others.forEach(WorkerAgent::close);
      }
    }
  }

  @Test
  void aWorkerKilledMidTaskIsNotSlashedAndTheTaskCompletesElsewhere() throws Exception {
    midTaskDeath("honest", true);
  }

  @Test
  void theCrashBehaviourHaltsItsProcessMidTaskAndIsNotSlashed() throws Exception {
    midTaskDeath("crash", false);
  }

  @Test
  void anUnreachableCoordinatorGetsOneLineAndExitOne() throws Exception {
    int port;
    try (java.net.ServerSocket s = new java.net.ServerSocket(0)) {
      port = s.getLocalPort();
    }
    Run r =
        TourCommandTest.run(
            "worker",
            "--coordinator",
            "http://127.0.0.1:" + port,
            "--key",
            dir.resolve("k.pem").toString());
    assertThat(r.exit()).as(r.err()).isEqualTo(1);
    assertThat(r.err().strip())
        .startsWith("poc worker: cannot reach the coordinator at http://127.0.0.1:" + port)
        .doesNotContain("\n")
        .doesNotContain("Exception");
  }
}
