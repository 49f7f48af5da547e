package dev.proofofcompute.coordinator;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.proofofcompute.coordinator.ApiFixture.Executed;
import dev.proofofcompute.coordinator.audit.RequestBodyCheck;
import dev.proofofcompute.coordinator.audit.VerdictCheck;
import dev.proofofcompute.coordinator.client.ApiException;
import dev.proofofcompute.coordinator.client.CoordinatorClient;
import dev.proofofcompute.coordinator.service.TaskOp;
import dev.proofofcompute.crypto.Bytes;
import dev.proofofcompute.crypto.money.Amount;
import dev.proofofcompute.crypto.random.RandomSource;
import dev.proofofcompute.ledger.AccountId;
import dev.proofofcompute.ledger.LedgerInvariants;
import dev.proofofcompute.ledger.LedgerSnapshot;
import dev.proofofcompute.protocol.ProviderBehaviour;
import dev.proofofcompute.protocol.ProviderSession;
import dev.proofofcompute.storage.TransactionalLogStore;
import dev.proofofcompute.translog.TransparencyLog;
import dev.proofofcompute.translog.audit.AuditReport;
import dev.proofofcompute.translog.audit.LocalLogSource;
import dev.proofofcompute.translog.audit.LogAuditor;
import dev.proofofcompute.translog.ledger.LedgerReplayCheck;
import dev.proofofcompute.workloads.heat.HeatSim;
import dev.proofofcompute.workloads.heat.HeatSimInput;
import dev.proofofcompute.workloads.matmul.MatMul;
import dev.proofofcompute.workloads.matmul.MatMulInput;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Jobs of several schemes run end to end through the HTTP client by in-test honest and cheating
 * providers ({@link ProviderBehaviour.Wrong}) and an honest validator: every job is decided, every
 * cheat is caught and slashed, no honest provider loses stake, the honest are paid, and the ledger
 * invariants hold at the end.
 */
public class EndToEndIT {
  public static final long SEED = 20261127L;

  @TempDir Path dir;

  /** A provider node as the test drives it. */
  static final class Agent {
    final String name;
    final CoordinatorClient client;
    final ProviderBehaviour behaviour;
    final List<Executed> waiting = new ArrayList<>();
    final Map<String, ProviderSession> sessions = new HashMap<>();
    final Set<String> tasks = new java.util.HashSet<>();

    Agent(String name, CoordinatorClient client, ProviderBehaviour behaviour) {
      this.name = name;
      this.client = client;
      this.behaviour = behaviour;
    }

    boolean honest() {
      return behaviour instanceof ProviderBehaviour.Honest;
    }
  }

  @Test
  void jobsOfEverySchemeAreDecidedCheatersSlashedHonestPaid() throws Exception {
    try (ApiFixture f = new ApiFixture(dir, SEED, 8 << 20)) {
      runAndCheck(f);
      // The transparency log of the whole run audits clean: signatures, beacon randomness, the
      // ledger replayed against the stored balances, and every verdict re-verified.
      auditPasses(f.coordinator);
    }
  }

  /**
   * The same run with every lease, commitment, challenge poll, response and validator report sent
   * in batched requests ({@code POST /v1/leases/batch}, {@code POST /v1/tasks/batch}): the same
   * outcome, and the log written through batches audits clean (docs/coordinator.md, "Batched
   * requests").
   */
  @Test
  void theSameRunThroughBatchedRequestsAuditsClean() throws Exception {
    try (ApiFixture f = new ApiFixture(dir, SEED, 8 << 20)) {
      runAndCheck(f, true);
      auditPasses(f.coordinator);
    }
  }

  /**
   * Runs spot-check, replication, Freivalds and bisection jobs with honest and cheating providers
   * through {@code f}'s coordinator and checks the outcome (also used by poc-cli's audit tests).
   */
  public static void runAndCheck(ApiFixture f) throws Exception {
    runAndCheck(f, false);
  }

  /**
   * Like {@link #runAndCheck(ApiFixture)}; with {@code batched}, the providers and the validator
   * send their leases and task operations in batched requests.
   */
  public static void runAndCheck(ApiFixture f, boolean batched) throws Exception {
    {
      CoordinatorClient requester = f.node("requester", 10_000, 0, "requester");
      // Cheaters are interleaved with the honest so that they lease tasks of several schemes.
      List<Agent> agents = new ArrayList<>();
      agents.add(agent(f, "bob", new ProviderBehaviour.Wrong(SEED)));
      agents.add(agent(f, "alice", new ProviderBehaviour.Honest()));
      agents.add(agent(f, "carol", new ProviderBehaviour.Honest()));
      agents.add(agent(f, "eve", new ProviderBehaviour.Wrong(SEED + 1)));
      agents.add(agent(f, "dave", new ProviderBehaviour.Honest()));
      agents.add(agent(f, "frank", new ProviderBehaviour.Honest()));
      CoordinatorClient victor = f.node("victor", 0, 0, "validator");

      Map<String, String> jobs = new LinkedHashMap<>();
      jobs.put(
          "spot-check",
          requester
              .submit(
                  ApiFixture.job(
                      MatMul.create(),
                      MatMulInput.random(SEED, 16, 4, 3),
                      "spot-check",
                      ApiFixture.params(
                          "{\"samples\": 16, \"canaries\": 2, \"validator-canaries\": 1}"),
                      10,
                      2,
                      20,
                      "spot"))
              .get("jobId")
              .asText());
      jobs.put(
          "replication",
          requester
              .submit(
                  ApiFixture.job(
                      MatMul.create(),
                      MatMulInput.random(SEED + 1, 4, 5, 3),
                      "replication",
                      ApiFixture.params("{\"replicas\": 3, \"quorum\": 2}"),
                      5,
                      0,
                      10,
                      "rep"))
              .get("jobId")
              .asText());
      jobs.put(
          "freivalds",
          requester
              .submit(
                  ApiFixture.job(
                      MatMul.create(),
                      MatMulInput.random(SEED + 2, 8, 6, 5),
                      "freivalds",
                      ApiFixture.params("{\"rounds\": 20, \"float-rounds\": 1}"),
                      5,
                      0,
                      10,
                      "fr"))
              .get("jobId")
              .asText());
      jobs.put(
          "bisection",
          requester
              .submit(
                  ApiFixture.job(
                      HeatSim.create(),
                      HeatSimInput.random(SEED, 5, 16),
                      "bisection",
                      ApiFixture.params("{\"checkpoint-interval\": 4}"),
                      5,
                      0,
                      10,
                      "bis"))
              .get("jobId")
              .asText());

      for (int round = 0; round < 200 && !allEnded(requester, jobs); round++) {
        for (Agent a : agents) {
          if (batched) {
            stepBatched(f, a);
          } else {
            step(f, a);
          }
        }
        if (batched) {
          while (validateBatched(f, victor)) {}
        } else {
          while (f.validate(victor)) {}
        }
      }

      Map<String, JsonNode> views = new LinkedHashMap<>();
      for (var e : jobs.entrySet()) {
        JsonNode j = requester.job(e.getValue());
        views.put(e.getKey(), j);
        assertThat(j.get("status").asText())
            .as("seed %d, %s: %s", SEED, e.getKey(), j)
            .isEqualTo("decided");
        assertThat(requester.result(e.getValue())).as(e.getKey()).isPresent();
      }
      Map<String, Agent> byNode = new HashMap<>();
      for (Agent a : agents) {
        byNode.put(a.client.nodeId().toHex(), a);
      }
      int caught = 0;
      for (var e : views.entrySet()) {
        for (JsonNode t : e.getValue().get("tasks")) {
          if (!t.get("kind").asText().equals("execute") || !t.hasNonNull("holder")) {
            continue;
          }
          Agent a = java.util.Objects.requireNonNull(byNode.get(t.get("holder").asText()));
          String verdict = t.path("verdict").asText("none");
          System.out.printf(
              "seed %d %-11s replica %d %-5s %-12s %s%n",
              SEED,
              e.getKey(),
              t.get("replica").asInt(),
              a.name,
              verdict,
              t.path("reason").asText(""));
          if (a.honest()) {
            assertThat(verdict)
                .as("%s's task in %s: %s", a.name, e.getKey(), t)
                .isIn("accepted", "inconclusive", "none");
          } else {
            assertThat(verdict)
                .as("%s's task in %s: %s", a.name, e.getKey(), t)
                .isIn("rejected", "none");
            if (verdict.equals("rejected")) {
              caught++;
            }
          }
        }
      }
      LedgerSnapshot ledger = f.snapshot().ledger();
      LedgerInvariants.check(ledger);
      for (Agent a : agents) {
        JsonNode b = a.client.balances(a.client.nodeId());
        assertThat(b.get("locked").asText()).as(a.name).isEqualTo("0");
        Amount bonded = Amount.parse(b.get("bonded").asText());
        if (a.honest()) {
          assertThat(bonded).as("%s is never slashed", a.name).isEqualTo(Amount.ofCredits(100));
        } else if (!a.tasks.isEmpty()) {
          assertThat(bonded).as("%s was slashed", a.name).isLessThan(Amount.ofCredits(100));
        }
      }
      long honestEarned = 0;
      for (Agent a : agents) {
        if (a.honest()) {
          honestEarned +=
              ledger.balance(AccountId.available(a.client.nodeId())) - Amount.ofCredits(0).units();
        }
      }
      assertThat(honestEarned).isGreaterThan(0);
      assertThat(caught).as("cheats caught (seed %d)", SEED).isGreaterThan(0);
      assertThat(ledger.balance(AccountId.available(victor.nodeId()))).isPositive();
    }
  }

  /**
   * Audits the coordinator's log in-process (what {@code poc audit --db} does) and asserts a pass.
   */
  static void auditPasses(Coordinator c) {
    var balances = c.services().log().balances();
    var head = c.services().log().head().orElseThrow();
    VerdictCheck[] verdicts = new VerdictCheck[1];
    RequestBodyCheck[] bodies = new RequestBodyCheck[1];
    AuditReport report =
        LogAuditor.builder(c.services().logKey(), RandomSource.seeded(SEED))
            .sampleCount(16)
            .addCheck(() ->
                LedgerReplayCheck.comparingWith(
                    new LedgerReplayCheck.ReportedBalances(
                        balances.treeSize(), balances.balances())))
            .addCheck(() -> verdicts[0] = VerdictCheck.standard())
            .addCheck(() -> bodies[0] = RequestBodyCheck.standard())
            .build()
            .audit(
                new LocalLogSource(TransparencyLog.open(new TransactionalLogStore(c.storage()))),
                List.of(head));
    assertThat(report.passed()).as(report.summary()).isTrue();
    assertThat(verdicts[0].verdictsReverified()).as(report.summary()).isPositive();
    assertThat(bodies[0].bodiesVerified()).as(report.summary()).isPositive();
    System.out.println(
        report.summary()
            + "; verdicts re-verified: "
            + verdicts[0].verdictsReverified()
            + "; request bodies matched: "
            + bodies[0].bodiesVerified()
            + ", not logged: "
            + bodies[0].bodiesNotLogged());
  }

  static Agent agent(ApiFixture f, String name, ProviderBehaviour b) throws Exception {
    return new Agent(name, f.node(name, 100, 100, "provider"), b);
  }

  private static boolean allEnded(CoordinatorClient requester, Map<String, String> jobs)
      throws ApiException {
    for (String id : jobs.values()) {
      String s = requester.job(id).get("status").asText();
      if (!s.equals("decided") && !s.equals("failed")) {
        return false;
      }
    }
    return true;
  }

  /** A refusal a cheater or a lost race may get: throttled, suspended, lease lapsed. */
  private static boolean tolerated(int status) {
    return status == 429 || status == 403 || status == 409;
  }

  /**
   * {@link #step} through batched requests: lease up to two tasks in one request, commit them in
   * one batch, poll every waiting challenge in one batch and answer the ready ones in one batch.
   */
  private static void stepBatched(ApiFixture f, Agent a) throws Exception {
    // Each phase on its own: a throttled cheater still answers its challenges and disputes.
    try {
      leaseAndCommitBatched(f, a);
    } catch (ApiException e) {
      if (!tolerated(e.status())) {
        throw e;
      }
    }
    try {
      pollAndRespondBatched(a);
      for (JsonNode r : a.client.pendingDisputes().get("requests")) {
        ProviderSession s = a.sessions.get(r.get("taskId").asText());
        if (s != null) {
          Bytes answer = s.answerDispute(CoordinatorClient.bytes(r, "request"));
          a.client.answerDispute(r.get("disputeId").asText(), r.get("taskId").asText(), answer);
        }
      }
    } catch (ApiException e) {
      if (!tolerated(e.status())) {
        throw e;
      }
    }
  }

  private static void leaseAndCommitBatched(ApiFixture f, Agent a) throws Exception {
    if (!a.waiting.isEmpty()) {
      return;
    }
    List<JsonNode> leases = a.client.leaseBatch("provider", 2, java.time.Duration.ZERO);
    List<TaskOp> commits = new ArrayList<>();
    List<ProviderSession> sessions = new ArrayList<>();
    for (JsonNode l : leases) {
      ProviderSession s = f.session(a.client, l, a.behaviour);
      sessions.add(s);
      commits.add(
          TaskOp.commit(l.get("taskId").asText(), l.get("leaseId").asText(), s.commitment()));
    }
    if (commits.isEmpty()) {
      return;
    }
    List<CoordinatorClient.BatchResult> done = a.client.batch(commits);
    for (int i = 0; i < done.size(); i++) {
      CoordinatorClient.BatchResult r = done.get(i);
      if (!r.ok()) {
        if (!tolerated(r.status())) {
          throw r.refusal();
        }
        continue;
      }
      Executed e = new Executed(leases.get(i), sessions.get(i), r.answer());
      a.waiting.add(e);
      a.sessions.put(e.taskId(), e.session());
      a.tasks.add(e.taskId());
    }
  }

  private static void pollAndRespondBatched(Agent a) throws Exception {
    if (a.waiting.isEmpty()) {
      return;
    }
    List<Executed> waiting = List.copyOf(a.waiting);
    List<TaskOp> polls = new ArrayList<>();
    for (Executed e : waiting) {
      polls.add(TaskOp.challenge(e.taskId(), e.leaseId()));
    }
    List<CoordinatorClient.BatchResult> polled = a.client.batch(polls);
    List<TaskOp> responses = new ArrayList<>();
    for (int i = 0; i < waiting.size(); i++) {
      CoordinatorClient.BatchResult r = polled.get(i);
      Executed e = waiting.get(i);
      if (!r.ok()) {
        if (!tolerated(r.status())) {
          throw r.refusal();
        }
        a.waiting.remove(e);
        continue;
      }
      JsonNode c = r.answer();
      if (c.get("ready").asBoolean()) {
        a.waiting.remove(e);
        if (c.hasNonNull("challenge")) {
          responses.add(
              TaskOp.respond(
                  e.taskId(),
                  e.leaseId(),
                  e.session().respond(CoordinatorClient.bytes(c, "challenge"))));
        }
      }
    }
    if (responses.isEmpty()) {
      return;
    }
    for (CoordinatorClient.BatchResult r : a.client.batch(responses)) {
      if (!r.ok() && !tolerated(r.status())) {
        throw r.refusal();
      }
    }
  }

  /** Leases up to four validations in one request and reports them in one batch. */
  private static boolean validateBatched(ApiFixture f, CoordinatorClient validator)
      throws Exception {
    List<JsonNode> leases = validator.leaseBatch("validator", 4, java.time.Duration.ZERO);
    if (leases.isEmpty()) {
      return false;
    }
    List<TaskOp> reports = new ArrayList<>();
    for (JsonNode l : leases) {
      reports.add(
          TaskOp.report(
              l.get("taskId").asText(), l.get("leaseId").asText(), f.validationReport(l)));
    }
    for (CoordinatorClient.BatchResult r : validator.batch(reports)) {
      r.answer();
    }
    return true;
  }

  /** One step of a provider: lease and commit if idle, answer challenges and disputes. */
  static void step(ApiFixture f, Agent a) throws Exception {
    try {
      if (a.waiting.isEmpty()) {
        Optional<Executed> e = f.execute(a.client, a.behaviour);
        if (e.isPresent()) {
          a.waiting.add(e.get());
          a.sessions.put(e.get().taskId(), e.get().session());
          a.tasks.add(e.get().taskId());
        }
      }
      for (Executed e : List.copyOf(a.waiting)) {
        JsonNode c = a.client.challenge(e.taskId(), e.leaseId());
        if (c.get("ready").asBoolean()) {
          a.waiting.remove(e);
          if (c.hasNonNull("challenge")) {
            a.client.respond(
                e.taskId(),
                e.leaseId(),
                e.session().respond(CoordinatorClient.bytes(c, "challenge")));
          }
        }
      }
      for (JsonNode r : a.client.pendingDisputes().get("requests")) {
        ProviderSession s = a.sessions.get(r.get("taskId").asText());
        if (s != null) {
          Bytes answer = s.answerDispute(CoordinatorClient.bytes(r, "request"));
          a.client.answerDispute(r.get("disputeId").asText(), r.get("taskId").asText(), answer);
        }
      }
    } catch (ApiException e) {
      if (e.status() != 429 && e.status() != 403 && e.status() != 409) {
        throw e;
      }
      // throttled or suspended cheaters, or a lost race: skip this round
    }
  }
}
