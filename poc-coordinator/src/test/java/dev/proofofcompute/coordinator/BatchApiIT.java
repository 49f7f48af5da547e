package dev.proofofcompute.coordinator;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.proofofcompute.coordinator.ApiFixture.Snapshot;
import dev.proofofcompute.coordinator.client.ApiException;
import dev.proofofcompute.coordinator.client.CoordinatorClient;
import dev.proofofcompute.coordinator.service.Coordination;
import dev.proofofcompute.coordinator.service.TaskOp;
import dev.proofofcompute.core.message.RequestAuth;
import dev.proofofcompute.core.message.RequestSigner;
import dev.proofofcompute.crypto.Bytes;
import dev.proofofcompute.crypto.identity.NodeIdentity;
import dev.proofofcompute.crypto.random.RandomSource;
import dev.proofofcompute.ledger.LedgerInvariants;
import dev.proofofcompute.protocol.ProviderBehaviour;
import dev.proofofcompute.protocol.ProviderSession;
import dev.proofofcompute.storage.TaskState;
import dev.proofofcompute.workloads.matmul.MatMul;
import dev.proofofcompute.workloads.matmul.MatMulInput;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The batched endpoints over a real socket, attacked as {@link ApiRejectionIT} attacks the single
 * ones: an unsigned, wrongly signed, stale, oversized, replayed or malformed envelope (no
 * operation, more than 64, an unknown operation, a missing or extra field, one task twice, bad
 * base64) is refused whole with a 4xx, an error code and a reason, and the state — balances, jobs,
 * tasks, nodes, the log's size — is unchanged. A batch with one bad operation lands the others and
 * answers the bad one with the 409 and reason its single endpoint would have given; its nonce is
 * spent once.
 */
class BatchApiIT {
  static final long SEED = 4711L;
  static final long MAX_BODY = 64 << 10;

  @TempDir Path dir;

  /** A provider's leased, executed, not yet committed task. */
  record Held(String taskId, String leaseId, ProviderSession session) {}

  static final class Setup {
    final ApiFixture f;
    final CoordinatorClient requester;
    final CoordinatorClient alice;
    final CoordinatorClient bob;
    final List<Held> held = new ArrayList<>();

    Setup(ApiFixture f) throws Exception {
      this.f = f;
      requester = f.node("requester", 1000, 0, "requester");
      alice = f.node("alice", 100, 50, "provider");
      bob = f.node("bob", 100, 50, "provider");
      for (int i = 0; i < 4; i++) {
        requester.submit(
            ApiFixture.job(
                MatMul.create(),
                MatMulInput.random(SEED + i, 6, 5, 4),
                "freivalds",
                ApiFixture.params("{\"rounds\": 20, \"float-rounds\": 1}"),
                5,
                0,
                10,
                "job-" + i));
      }
    }

    /** Alice leases {@code n} tasks in one batch and executes them. */
    void lease(int n) throws Exception {
      List<JsonNode> leases = alice.leaseBatch("provider", n, Duration.ZERO);
      assertThat(leases).hasSize(n);
      for (JsonNode l : leases) {
        ProviderSession s = f.session(alice, l, new ProviderBehaviour.Honest());
        held.add(new Held(l.get("taskId").asText(), l.get("leaseId").asText(), s));
      }
    }
  }

  @Test
  void aBatchLeaseAnswersWhatTheSingleLeaseAnswers() throws Exception {
    try (ApiFixture f = new ApiFixture(dir, SEED, MAX_BODY)) {
      Setup s = new Setup(f);
      JsonNode single = s.bob.lease("provider", Duration.ZERO).orElseThrow();
      List<JsonNode> batch = s.alice.leaseBatch("provider", 64, Duration.ZERO);
      assertThat(batch).hasSize(3);
      for (JsonNode l : batch) {
        assertThat(fields(l)).isEqualTo(fields(single));
      }
      assertThat(s.alice.leaseBatch("provider", 2, Duration.ZERO)).isEmpty();
    }
  }

  @Test
  void badEnvelopesAreRefusedWholeAndChangeNothing() throws Exception {
    try (ApiFixture f = new ApiFixture(dir, SEED, MAX_BODY)) {
      Setup s = new Setup(f);
      s.lease(2);
      Held a = s.held.get(0);
      Held b = s.held.get(1);
      List<String> failures = new ArrayList<>();

      // POST /v1/leases/batch
      byte[] goodLease = json("{\"role\":\"provider\",\"max\":2,\"waitMillis\":0}");
      attack(f, failures, s.bob, "/v1/leases/batch", goodLease);
      for (String bad :
          List.of(
              "{\"role\":\"provider\",\"max\":0}",
              "{\"role\":\"provider\",\"max\":" + (Coordination.MAX_BATCH + 1) + "}",
              "{\"role\":\"provider\"}",
              "{\"role\":\"requester\",\"max\":2}",
              "{\"role\":\"provider\",\"max\":2,\"surprise\":1}",
              "{\"role\":\"provider\",\"max\":\"2\"}",
              "[1]",
              "{\"role\": ")) {
        refused(f, failures, s.bob, "/v1/leases/batch", json(bad), 400, "malformed " + bad);
      }

      // POST /v1/tasks/batch
      String commitment = b64(a.session().commitment());
      ObjectNode goodOps =
          CoordinatorClient.batchBody(
              List.of(
                  TaskOp.commit(a.taskId(), a.leaseId(), a.session().commitment()),
                  TaskOp.heartbeat(b.taskId(), b.leaseId())));
      byte[] good = ApiFixture.JSON.writeValueAsBytes(goodOps);
      attack(f, failures, s.alice, "/v1/tasks/batch", good);
      String commitOp =
          "{\"op\":\"commit\",\"taskId\":\""
              + a.taskId()
              + "\",\"leaseId\":\""
              + a.leaseId()
              + "\",\"commitment\":\""
              + commitment
              + "\"}";
      ArrayNode tooMany = ApiFixture.JSON.createArrayNode();
      for (int i = 0; i <= Coordination.MAX_BATCH; i++) {
        ObjectNode o = tooMany.addObject();
        o.put("op", "heartbeat");
        o.put("taskId", "t" + i);
        o.put("leaseId", "l");
      }
      List<String> bads =
          List.of(
              "{\"ops\":[]}",
              "{\"ops\":{}}",
              "{\"ops\":[1]}",
              "{}",
              "{\"ops\":[" + commitOp + "],\"extra\":1}",
              "{\"ops\":" + ApiFixture.JSON.writeValueAsString(tooMany) + "}",
              "{\"ops\":[" + commitOp.replace("\"commit\"", "\"compute\"") + "]}",
              "{\"ops\":[" + commitOp.replace(",\"commitment\":\"" + commitment + "\"", "") + "]}",
              "{\"ops\":[" + commitOp.replace("\"op\":\"commit\"", "\"op\":\"heartbeat\"") + "]}",
              "{\"ops\":[" + commitOp.replace("\"leaseId\":", "\"lease\":") + "]}",
              "{\"ops\":[" + commitOp + "," + commitOp + "]}",
              "{\"ops\":[" + commitOp.replace(commitment, "***") + "]}",
              "{\"ops\":[" + commitOp.replace(a.taskId(), "../etc") + "]}",
              "{\"ops\":[" + commitOp + "]");
      for (String bad : bads) {
        refused(f, failures, s.alice, "/v1/tasks/batch", json(bad), 400, "malformed " + bad);
      }
      assertThat(failures).as("seed %d", SEED).isEmpty();
      LedgerInvariants.check(f.snapshot().ledger());
    }
  }

  /**
   * Unsigned, wrongly signed, stale, oversized: refused; then the good request lands (2xx) and its
   * replay is refused, state unchanged.
   */
  private static void attack(
      ApiFixture f, List<String> failures, CoordinatorClient c, String target, byte[] good)
      throws Exception {
    Map<String, String> headers = c.sign("POST", target, good);
    expect(f, failures, target + " unsigned", () -> c.send("POST", target, good, Map.of()), 401);
    Map<String, String> forged = new HashMap<>(headers);
    NodeIdentity mallory = f.identity("mallory");
    forged.put(
        RequestAuth.SIGNATURE,
        RequestSigner.create(mallory, f.clock, RandomSource.seeded(SEED))
            .sign(
                "POST",
                target,
                Bytes.of(good),
                f.clock.instant(),
                Bytes.fromHex(java.util.Objects.requireNonNull(headers.get(RequestAuth.NONCE))))
            .get(RequestAuth.SIGNATURE));
    expect(
        f, failures, target + " wrongly signed", () -> c.send("POST", target, good, forged), 401);
    Map<String, String> stale =
        RequestSigner.create(c.identity(), f.clock, RandomSource.seeded(SEED + 1))
            .sign(
                "POST",
                target,
                Bytes.of(good),
                f.clock.instant().minus(Duration.ofSeconds(61)),
                RandomSource.seeded(SEED + 2).nextBytes(16));
    expect(f, failures, target + " stale", () -> c.send("POST", target, good, stale), 401);
    byte[] big = new byte[(int) MAX_BODY + 1];
    java.util.Arrays.fill(big, (byte) ' ');
    big[0] = '{';
    big[big.length - 1] = '}';
    expect(
        f,
        failures,
        target + " oversized",
        () -> c.send("POST", target, big, c.sign("POST", target, big)),
        413);
    Snapshot before = f.snapshot();
    CoordinatorClient.Response first = c.send("POST", target, good, headers);
    if (first.status() != 200) {
      failures.add(target + ": the good request got " + first.status() + " " + text(first));
    }
    if (f.snapshot().equals(before)) {
      failures.add(target + ": the good request changed nothing");
    }
    expect(f, failures, target + " replayed", () -> c.send("POST", target, good, headers), 401);
  }

  private static void refused(
      ApiFixture f,
      List<String> failures,
      CoordinatorClient c,
      String target,
      byte[] body,
      int status,
      String what)
      throws Exception {
    expect(
        f,
        failures,
        target + " " + what,
        () -> c.send("POST", target, body, c.sign("POST", target, body)),
        status);
  }

  private static void expect(
      ApiFixture f, List<String> failures, String what, Send send, int status) throws Exception {
    Snapshot before = f.snapshot();
    CoordinatorClient.Response r = send.send();
    if (r.status() != status) {
      failures.add(what + ": expected " + status + ", got " + r.status() + " " + text(r));
      return;
    }
    JsonNode body = r.json();
    if (!body.hasNonNull("error") || body.path("reason").asText().isBlank()) {
      failures.add(what + ": no error code and reason in " + text(r));
    }
    if (!f.snapshot().equals(before)) {
      failures.add(what + ": the state changed");
    }
  }

  @Test
  void aBadOperationIsRefusedAloneAndTheOthersLand() throws Exception {
    try (ApiFixture f = new ApiFixture(dir, SEED, MAX_BODY)) {
      Setup s = new Setup(f);
      s.lease(3);
      Held a = s.held.get(0);
      Held b = s.held.get(1);
      Held c = s.held.get(2);
      List<TaskOp> ops =
          List.of(
              TaskOp.commit(a.taskId(), a.leaseId(), a.session().commitment()),
              TaskOp.commit(b.taskId(), "wrong-lease", b.session().commitment()),
              TaskOp.commit(c.taskId(), c.leaseId(), c.session().commitment()));
      byte[] body = ApiFixture.JSON.writeValueAsBytes(CoordinatorClient.batchBody(ops));
      Map<String, String> headers = s.alice.sign("POST", "/v1/tasks/batch", body);
      long logBefore = f.snapshot().logSize();
      CoordinatorClient.Response r = s.alice.send("POST", "/v1/tasks/batch", body, headers);
      assertThat(r.status()).as(text(r)).isEqualTo(200);
      JsonNode results = r.json().get("results");
      assertThat(results).hasSize(3);
      for (int i : new int[] {0, 2}) {
        JsonNode x = results.get(i);
        assertThat(x.get("status").asInt()).as("%s", x).isEqualTo(200);
        assertThat(x.get("op").asText()).isEqualTo("commit");
        assertThat(x.get("taskId").asText()).isEqualTo(s.held.get(i).taskId());
        assertThat(x.get("body").get("ready").asBoolean()).isTrue();
        assertThat(x.get("body").hasNonNull("challenge")).isTrue();
      }
      JsonNode bad = results.get(1);
      assertThat(bad.get("status").asInt()).isEqualTo(409);
      assertThat(bad.get("error").asText()).isEqualTo("conflict");
      assertThat(bad.get("reason").asText()).contains("wrong-lease");
      assertThat(bad.has("body")).isFalse();

      Snapshot after = f.snapshot();
      assertThat(after.logSize()).isGreaterThan(logBefore);
      Map<String, TaskState> states = new HashMap<>();
      after.tasks().forEach(t -> states.put(t.taskId(), t.state()));
      assertThat(states.get(a.taskId())).isEqualTo(TaskState.COMMITTED);
      assertThat(states.get(b.taskId())).isEqualTo(TaskState.LEASED);
      assertThat(states.get(c.taskId())).isEqualTo(TaskState.COMMITTED);
      // The nonce was spent exactly once: the replay of the whole batch is refused.
      CoordinatorClient.Response replay = s.alice.send("POST", "/v1/tasks/batch", body, headers);
      assertThat(replay.status()).isEqualTo(401);
      assertThat(replay.json().get("reason").asText()).contains("nonce");
      assertThat(f.snapshot()).isEqualTo(after);

      // Through the client: the results are typed, a refusal is the single endpoint's.
      List<CoordinatorClient.BatchResult> typed =
          s.alice.batch(
              List.of(
                  TaskOp.challenge(a.taskId(), a.leaseId()),
                  TaskOp.commit(b.taskId(), "wrong-lease", b.session().commitment())));
      assertThat(typed.get(0).answer().get("challenge").asText())
          .isEqualTo(results.get(0).get("body").get("challenge").asText());
      assertThat(typed.get(1).ok()).isFalse();
      ApiException single =
          catchThrowableOfType(
              ApiException.class,
              () -> s.alice.commit(b.taskId(), "wrong-lease", b.session().commitment()));
      assertThat(typed.get(1).refusal().status()).isEqualTo(single.status());
      assertThat(typed.get(1).refusal().error()).isEqualTo(single.error());
      assertThat(typed.get(1).refusal().reason()).isEqualTo(single.reason());
    }
  }

  /** Sorted top-level field names. */
  private static Set<String> fields(JsonNode n) {
    Set<String> out = new TreeSet<>();
    for (Iterator<String> it = n.fieldNames(); it.hasNext(); ) {
      out.add(it.next());
    }
    return out;
  }

  /** One attempt at a request. */
  interface Send {
    CoordinatorClient.Response send() throws Exception;
  }

  private static String text(CoordinatorClient.Response r) {
    return new String(r.body().toByteArray(), StandardCharsets.UTF_8);
  }

  private static byte[] json(String s) {
    return s.getBytes(StandardCharsets.UTF_8);
  }

  private static String b64(Bytes b) {
    return java.util.Base64.getEncoder().encodeToString(b.toByteArray());
  }
}
