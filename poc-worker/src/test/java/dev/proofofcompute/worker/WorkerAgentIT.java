package dev.proofofcompute.worker;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.proofofcompute.crypto.identity.NodeId;
import dev.proofofcompute.crypto.money.Amount;
import dev.proofofcompute.storage.NodeRole;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Worker agents against a real coordinator (SQLite, loopback HTTP), one behaviour at a time, each
 * with its expected outcome: honest workers are always accepted and paid; wrong and lazy providers
 * are caught and slashed; a grinder is caught like any lazy provider; a copycat is caught; a
 * colluding minority is outvoted and a colluding majority wins (replication's known limit); a lazy
 * validator is not paid and loses reputation, and the provider it failed to check is not punished;
 * a crashed worker loses its lease, never its stake; a worker that shuts down releases its leases.
 */
class WorkerAgentIT {
  static final Duration LEASE = Duration.ofSeconds(3);
  static final Set<NodeRole> BOTH = Set.of(NodeRole.PROVIDER, NodeRole.VALIDATOR);

  @TempDir Path dir;

  static NodeId id(WorkerAgent w) {
    return w.config().identity().nodeId();
  }

  @Test
  void honestWorkersAreAcceptedAndPaidOnEveryScheme() throws Exception {
    try (Net net = Net.start(dir, 11, LEASE)) {
      WorkerAgent a = net.worker("a", new Behaviour.Honest(), BOTH, b -> b.concurrency(2));
      WorkerAgent b = net.worker("b", new Behaviour.Honest(), BOTH);
      WorkerAgent c = net.worker("c", new Behaviour.Honest(), BOTH);
      List<String> jobs =
          List.of(
              net.spotCheck("s1", 20, 4, 2, 2),
              net.spotCheck("s2", 20, 4, 0, 1),
              net.replication("r1", 3, 2),
              net.freivalds("f1"));
      int accepted = 0;
      for (String job : jobs) {
        JsonNode j = net.awaitEnd(job);
        assertThat(Net.decided(j)).as("job %s: %s (seed %d)", job, j, net.seed).isTrue();
        assertThat(j.get("hasResult").asBoolean()).isTrue();
        for (JsonNode t : Net.executeTasks(j)) {
          assertThat(t.path("verdict").asText()).as("task %s", t).isEqualTo("accepted");
          accepted++;
        }
      }
      // Every accepted task paid its provider the reward; nobody was slashed.
      Amount earned = Amount.ZERO;
      for (WorkerAgent w : List.of(a, b, c)) {
        Net.Money m = net.balances(id(w));
        assertThat(m.total()).isGreaterThanOrEqualTo(Net.DEPOSIT);
        earned = earned.plus(m.total().minus(Net.DEPOSIT));
        assertThat(net.node(id(w)).get("strikes").asInt()).isZero();
        assertThat(w.stats().errors()).isZero();
      }
      assertThat(earned).isGreaterThanOrEqualTo(Amount.ofCredits(Net.REWARD).times(accepted));
    }
  }

  /** A lone cheater takes the task, is judged, and an honest worker then completes the job. */
  private static JsonNode cheatThenHonest(Net net, WorkerAgent cheater, String job)
      throws Exception {
    NodeId cid = id(cheater);
    net.await(
        job,
        j -> Net.verdictsOf(j, cid).stream().anyMatch(v -> !v.equals("none")),
        Duration.ofSeconds(30),
        "the cheater's task has a verdict");
    cheater.close();
    net.provider("honest", new Behaviour.Honest());
    return net.awaitEnd(job);
  }

  @Test
  void aWrongProviderIsCaughtAndSlashedAndTheJobCompletesElsewhere() throws Exception {
    try (Net net = Net.start(dir, 12, LEASE)) {
      net.validator("v", new Behaviour.Honest());
      WorkerAgent wrong = net.provider("wrong", new Behaviour.Wrong());
      String job = net.spotCheck("w1", 20, 4, 1, 1);
      JsonNode j = cheatThenHonest(net, wrong, job);
      assertThat(Net.verdictsOf(j, id(wrong))).allMatch(v -> v.startsWith("rejected:"));
      assertThat(Net.decided(j)).as("%s", j).isTrue();
      assertThat(net.balances(id(wrong)).total())
          .as("slashed the minimum stake")
          .isEqualTo(Net.DEPOSIT.minus(Amount.ofCredits(Net.MIN_STAKE)));
    }
  }

  @Test
  void aLazyProviderIsCaughtAndSlashed() throws Exception {
    try (Net net = Net.start(dir, 13, LEASE)) {
      net.validator("v", new Behaviour.Honest());
      // Faking half the items against 8 samples + 2 canaries escapes with probability < 0.002.
      WorkerAgent lazy = net.provider("lazy", new Behaviour.Lazy(0.5));
      String job = net.spotCheck("l1", 30, 8, 2, 1);
      JsonNode j = cheatThenHonest(net, lazy, job);
      assertThat(Net.verdictsOf(j, id(lazy)))
          .as("seed 13: %s", j)
          .allMatch(v -> v.startsWith("rejected:"));
      assertThat(net.balances(id(lazy)).total()).isLessThan(Net.DEPOSIT);
    }
  }

  @Test
  void aGrinderIsCaughtDespiteGrinding() throws Exception {
    try (Net net = Net.start(dir, 14, LEASE)) {
      net.validator("v", new Behaviour.Honest());
      WorkerAgent grinder = net.provider("grinder", new Behaviour.Grinder(0.5));
      String job = net.spotCheck("g1", 30, 8, 2, 1);
      JsonNode j = cheatThenHonest(net, grinder, job);
      assertThat(grinder.stats().grindTries()).as("it did grind").isGreaterThan(1);
      assertThat(Net.verdictsOf(j, id(grinder)))
          .as("seed 14: %s", j)
          .allMatch(v -> v.startsWith("rejected:"));
      assertThat(net.balances(id(grinder)).total()).isLessThan(Net.DEPOSIT);
    }
  }

  @Test
  void aCopycatFindsNothingToCopyAndIsOutvoted() throws Exception {
    try (Net net = Net.start(dir, 15, LEASE)) {
      WorkerAgent copycat = net.provider("copycat", new Behaviour.Copycat());
      net.provider("h1", new Behaviour.Honest());
      net.provider("h2", new Behaviour.Honest());
      String job = net.replication("c1", 3, 2);
      JsonNode j = net.awaitEnd(job);
      assertThat(Net.decided(j)).isTrue();
      assertThat(Net.verdictsOf(j, id(copycat))).containsExactly("rejected:OUTVOTED");
      assertThat(net.balances(id(copycat)).total()).isLessThan(Net.DEPOSIT);
    }
  }

  @Test
  void aColludingMinorityIsOutvotedAndAColludingMajorityWins() throws Exception {
    try (Net net = Net.start(dir, 16, LEASE)) {
      WorkerAgent c1 = net.provider("c1", new Behaviour.Collude("g"));
      WorkerAgent h1 = net.provider("h1", new Behaviour.Honest());
      WorkerAgent h2 = net.provider("h2", new Behaviour.Honest());
      JsonNode minority = net.awaitEnd(net.replication("m1", 3, 2));
      assertThat(Net.verdictsOf(minority, id(c1))).containsExactly("rejected:OUTVOTED");
      assertThat(Net.verdictsOf(minority, id(h1))).containsExactly("accepted");
      h2.close();
      // Replication's documented limit: two colluders of three replicas decide the job.
      WorkerAgent c2 = net.provider("c2", new Behaviour.Collude("g"));
      JsonNode majority = net.awaitEnd(net.replication("m2", 3, 2));
      assertThat(Net.decided(majority)).isTrue();
      assertThat(Net.verdictsOf(majority, id(c2))).containsExactly("accepted");
      assertThat(Net.verdictsOf(majority, id(h1))).containsExactly("rejected:OUTVOTED");
    }
  }

  @Test
  void aLazyValidatorIsNotPaidAndTheProviderIsNotPunished() throws Exception {
    try (Net net = Net.start(dir, 17, LEASE)) {
      WorkerAgent lazy = net.validator("lazy-v", new Behaviour.LazyValidator());
      WorkerAgent p = net.provider("p", new Behaviour.Honest());
      String job = net.spotCheck("v1", 20, 4, 0, 2);
      // The lazy validator echoes the provider's claims; its report fails the validator canaries,
      // so the check is unresolved: the report is thrown away, the validator gets failure points
      // (and is soon throttled), and the coordinator hands the work out again.
      net.await(
          job,
          j -> {
            for (JsonNode t : j.get("tasks")) {
              if (t.get("kind").asText().equals("validate")
                  && t.get("state").asText().equals("final")) {
                return true;
              }
            }
            return false;
          },
          Duration.ofSeconds(30),
          "a validation report");
      JsonNode node = net.node(id(lazy));
      assertThat(node.get("consecutiveValid").asInt()).isZero();
      assertThat(node.get("strikes").asInt()).as("%s", node).isPositive();
      assertThat(net.balances(id(lazy)).total())
          .as("no fee for a useless report")
          .isEqualTo(Net.DEPOSIT);
      assertThat(Net.verdictsOf(net.job(job), id(p))).containsExactly("none");
      // An honest validator does the work; the provider is accepted and paid, the lazy validator
      // never earns a fee.
      lazy.close();
      WorkerAgent v = net.validator("v", new Behaviour.Honest());
      JsonNode end = net.awaitEnd(job);
      assertThat(Net.decided(end)).as("%s", end).isTrue();
      assertThat(Net.verdictsOf(end, id(p))).containsExactly("accepted");
      assertThat(net.balances(id(p)).total()).isGreaterThan(Net.DEPOSIT);
      assertThat(net.balances(id(v)).total()).isGreaterThan(Net.DEPOSIT);
      assertThat(net.balances(id(lazy)).total()).isEqualTo(Net.DEPOSIT);
      assertThat(lazy.stats().reported()).isPositive();
    }
  }

  @Test
  void aCrashedWorkerLosesItsLeaseNotItsStakeAndTheTaskCompletesElsewhere() throws Exception {
    try (Net net = Net.start(dir, 18, LEASE)) {
      WorkerAgent crash = net.provider("crash", new Behaviour.Crash());
      net.validator("v", new Behaviour.Honest());
      String job = net.spotCheck("k1", 20, 4, 1, 1);
      net.await(
          job,
          j -> Net.executeTasks(j).get(0).get("state").asText().equals("committed"),
          Duration.ofSeconds(30),
          "the crashing worker committed");
      assertThat(crash.awaitTermination(Duration.ofSeconds(10))).isTrue();
      assertThat(crash.crashed()).isTrue();
      assertThat(crash.stats().released()).as("a dead worker releases nothing").isZero();
      net.provider("honest", new Behaviour.Honest());
      JsonNode j = net.awaitEnd(job);
      assertThat(Net.decided(j)).as("%s", j).isTrue();
      assertThat(Net.verdictsOf(j, id(crash))).doesNotContain("rejected");
      Net.Money m = net.balances(id(crash));
      assertThat(m.total()).as("only provable cheating is slashed").isEqualTo(Net.DEPOSIT);
      assertThat(m.locked()).isEqualTo(Amount.ZERO);
    }
  }

  @Test
  void closeReleasesTheLeasesItHolds() throws Exception {
    try (Net net = Net.start(dir, 19, Duration.ofSeconds(60))) {
      // Two replicas and one worker: it commits replica 0 and waits for a challenge that needs
      // replica 1 to commit first. Closing it must give the lease back at once.
      WorkerAgent w =
          net.worker(
              "w",
              new Behaviour.Honest(),
              Set.of(NodeRole.PROVIDER),
              b -> b.shutdownGrace(Duration.ofMillis(300)));
      String job = net.replication("s1", 2, 2);
      net.await(
          job,
          j ->
              Net.executeTasks(j).stream()
                  .anyMatch(t -> t.get("state").asText().equals("committed")),
          Duration.ofSeconds(30),
          "one replica committed");
      assertThat(w.heldTasks()).hasSize(1);
      w.close();
      assertThat(w.stats().released()).isEqualTo(1);
      JsonNode j = net.job(job);
      assertThat(Net.executeTasks(j)).allMatch(t -> t.get("state").asText().equals("pending"));
      Net.Money m = net.balances(id(w));
      assertThat(m.locked()).as("the stake behind the lease came back").isEqualTo(Amount.ZERO);
      assertThat(net.node(id(w)).get("strikes").asInt()).as("a release is no failure").isZero();
      // Long before the 60 s lease would lapse, two fresh workers finish the job.
      net.provider("x", new Behaviour.Honest());
      net.provider("y", new Behaviour.Honest());
      JsonNode end =
          net.await(job, Net::decided, Duration.ofSeconds(30), "decided by the fresh workers");
      assertThat(Net.verdictsOf(end, id(w))).isEmpty();
    }
  }

  @Test
  void startFailsWithOneLineWhenTheCoordinatorIsUnreachable() throws Exception {
    int port;
    try (java.net.ServerSocket s = new java.net.ServerSocket(0)) {
      port = s.getLocalPort();
    }
    WorkerConfig cfg =
        WorkerConfig.builder(
                java.net.URI.create("http://127.0.0.1:" + port),
                dev.proofofcompute.crypto.identity.NodeIdentity.generate(
                    new java.security.SecureRandom()))
            .startupAttempts(2)
            .backoff(new Backoff(Duration.ofMillis(10), Duration.ofMillis(20)))
            .build();
    org.assertj.core.api.Assertions.assertThatThrownBy(() -> WorkerAgent.start(cfg))
        .isInstanceOf(WorkerException.class)
        .hasMessageContaining("cannot reach the coordinator at http://127.0.0.1:" + port)
        .satisfies(e -> assertThat(e.getMessage()).doesNotContain("\n"));
  }
}
