package dev.proofofcompute.coordinator;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.proofofcompute.coordinator.ApiFixture.Executed;
import dev.proofofcompute.coordinator.ApiFixture.Snapshot;
import dev.proofofcompute.coordinator.client.CoordinatorClient;
import dev.proofofcompute.core.message.RequestAuth;
import dev.proofofcompute.core.message.RequestSigner;
import dev.proofofcompute.crypto.Bytes;
import dev.proofofcompute.crypto.identity.NodeIdentity;
import dev.proofofcompute.crypto.random.RandomSource;
import dev.proofofcompute.ledger.LedgerInvariants;
import dev.proofofcompute.protocol.ProviderBehaviour;
import dev.proofofcompute.workloads.matmul.MatMul;
import dev.proofofcompute.workloads.matmul.MatMulInput;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Every signed endpoint, attacked: unsigned, wrongly signed, stale, oversized, malformed and
 * replayed requests are each refused with a 4xx, a JSON error code and a reason, and leave the
 * state — balances, jobs, tasks, nodes — exactly as it was.
 */
class ApiRejectionIT {
  static final long SEED = 777L;
  static final long MAX_BODY = 64 << 10;

  @TempDir Path dir;

  /** One endpoint, called by {@code signer} with a well-formed body. */
  record Call(String name, CoordinatorClient signer, String method, String target, Bytes payload) {
    Call(String name, CoordinatorClient signer, String method, String target, byte[] body) {
      this(name, signer, method, target, Bytes.of(body));
    }

    byte[] body() {
      return payload.toByteArray();
    }
  }

  /**
   * The coordinator refuses an oversized body from its headers alone: asked {@code Expect:
   * 100-continue}, it answers 413 instead of "100 Continue", so the body is never sent and the
   * refusal cannot be lost to a connection reset while the body is still in flight.
   */
  @Test
  void oversizedBodyIsRefusedFromTheHeaders() throws Exception {
    try (ApiFixture f = new ApiFixture(dir, SEED, MAX_BODY)) {
      Snapshot before = f.snapshot();
      java.net.URI uri = f.coordinator.uri();
      try (java.net.Socket socket = new java.net.Socket(uri.getHost(), uri.getPort())) {
        socket.setSoTimeout(10_000);
        String head =
            "POST /v1/jobs HTTP/1.1\r\nHost: "
                + uri.getHost()
                + "\r\nContent-Type: application/json\r\nContent-Length: "
                + (4 * MAX_BODY)
                + "\r\nExpect: 100-continue\r\n\r\n";
        socket.getOutputStream().write(head.getBytes(StandardCharsets.US_ASCII));
        socket.getOutputStream().flush();
        byte[] answer = socket.getInputStream().readNBytes(12);
        assertThat(new String(answer, StandardCharsets.US_ASCII)).isEqualTo("HTTP/1.1 413");
      }
      assertThat(f.snapshot()).isEqualTo(before);
    }
  }

  /** The client asks first for a body above its threshold, and only then. */
  @Test
  void clientAsksBeforeSendingALargeBody() throws Exception {
    try (java.net.ServerSocket server =
        new java.net.ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
      CoordinatorClient client =
          CoordinatorClient.create(
              java.net.URI.create("http://127.0.0.1:" + server.getLocalPort()),
              NodeIdentity.fromSeed(Bytes.of(new byte[32])),
              java.time.InstantSource.fixed(ApiFixture.T0),
              RandomSource.seeded(SEED));
      for (int size :
          new int[] {
            CoordinatorClient.EXPECT_CONTINUE_ABOVE, CoordinatorClient.EXPECT_CONTINUE_ABOVE + 1
          }) {
        byte[] body = new byte[size];
        java.util.concurrent.CompletableFuture<String> head =
            java.util.concurrent.CompletableFuture.supplyAsync(() -> answer413(server));
        CoordinatorClient.Response r =
            client.send("POST", "/v1/jobs", body, client.sign("POST", "/v1/jobs", body));
        assertThat(r.status()).isEqualTo(413);
        assertThat(head.get().toLowerCase(java.util.Locale.ROOT).contains("expect: 100-continue"))
            .as("%d bytes", size)
            .isEqualTo(size > CoordinatorClient.EXPECT_CONTINUE_ABOVE);
      }
    }
  }

  /** Reads one request's headers, answers 413 and closes; returns the headers. */
  private static String answer413(java.net.ServerSocket server) {
    try (java.net.Socket s = server.accept()) {
      s.setSoTimeout(10_000);
      StringBuilder head = new StringBuilder();
      var in = s.getInputStream();
      while (!head.toString().endsWith("\r\n\r\n")) {
        int c = in.read();
        if (c < 0) {
          break;
        }
        head.append((char) c);
      }
      s.getOutputStream()
          .write(
              ("HTTP/1.1 413 Content Too Large\r\nContent-Length: 2\r\nConnection: close"
                      + "\r\n\r\n{}")
                  .getBytes(StandardCharsets.US_ASCII));
      s.getOutputStream().flush();
      s.shutdownOutput();
      // Drain whatever body was sent, so the close is orderly.
      in.transferTo(java.io.OutputStream.nullOutputStream());
      return head.toString();
    } catch (java.io.IOException e) {
      throw new java.io.UncheckedIOException(e);
    }
  }

  /** A valid body above the client's ask-first threshold still goes through. */
  @Test
  void largeValidBodyIsAccepted() throws Exception {
    try (ApiFixture f = new ApiFixture(dir, SEED, MAX_BODY)) {
      CoordinatorClient requester = f.node("requester", 1000, 0, "requester");
      MatMulInput input = MatMulInput.random(SEED, 70, 80, 4);
      CoordinatorClient.JobSubmission submission =
          ApiFixture.job(
              MatMul.create(),
              input,
              "freivalds",
              ApiFixture.params("{\"rounds\": 20, \"float-rounds\": 1}"),
              5,
              0,
              10,
              "big-job");
      // Base64 in the JSON body: comfortably above the threshold, below the limit.
      assertThat(submission.input().length() * 4L / 3)
          .isGreaterThan(CoordinatorClient.EXPECT_CONTINUE_ABOVE)
          .isLessThan(MAX_BODY - 4096);
      JsonNode job = requester.submit(submission);
      assertThat(requester.job(job.get("jobId").asText()).get("jobId").asText())
          .isEqualTo(job.get("jobId").asText());
    }
  }

  @Test
  void everyEndpointRefusesBadRequestsAndChangesNothing() throws Exception {
    try (ApiFixture f = new ApiFixture(dir, SEED, MAX_BODY)) {
      CoordinatorClient requester = f.node("requester", 1000, 0, "requester");
      CoordinatorClient alice = f.node("alice", 100, 50, "provider");
      CoordinatorClient bob = f.node("bob", 100, 50, "provider");
      CoordinatorClient victor = f.node("victor", 0, 0, "validator");
      NodeIdentity mallory = f.identity("mallory");
      f.client(mallory).register(List.of("provider"), dev.proofofcompute.crypto.money.Amount.ZERO);
      JsonNode job =
          requester.submit(
              ApiFixture.job(
                  MatMul.create(),
                  MatMulInput.random(SEED, 6, 5, 4),
                  "freivalds",
                  ApiFixture.params("{\"rounds\": 20, \"float-rounds\": 1}"),
                  5,
                  0,
                  10,
                  "job-1"));
      String jobId = job.get("jobId").asText();
      Executed leased = f.execute(alice, new ProviderBehaviour.Honest()).orElseThrow();
      String task = leased.taskId();
      String lease = leased.leaseId();
      // A second job, whose task alice leases but has not committed yet: for commit/heartbeat.
      requester.submit(
          ApiFixture.job(
              MatMul.create(),
              MatMulInput.random(SEED + 1, 6, 5, 4),
              "freivalds",
              ApiFixture.params("{\"rounds\": 20, \"float-rounds\": 1}"),
              5,
              0,
              10,
              "job-2"));
      JsonNode second = alice.lease("provider", Duration.ZERO).orElseThrow();
      String task2 = second.get("taskId").asText();
      String lease2 = second.get("leaseId").asText();

      NodeIdentity newbie = f.identity("newbie");
      CoordinatorClient newbieClient = f.client(newbie);
      ObjectNode submit =
          CoordinatorClient.submissionBody(
              ApiFixture.job(
                  MatMul.create(),
                  MatMulInput.random(SEED + 2, 6, 5, 4),
                  "freivalds",
                  ApiFixture.params("{\"rounds\": 20, \"float-rounds\": 1}"),
                  5,
                  0,
                  10,
                  "job-3"));
      String commitment =
          Base64.getEncoder().encodeToString(leased.session().commitment().toByteArray());

      List<Call> calls = new ArrayList<>();
      calls.add(
          new Call(
              "register",
              newbieClient,
              "POST",
              "/v1/nodes",
              json(
                  "{\"publicKey\":\""
                      + newbie.publicKey().raw().toHex()
                      + "\",\"roles\":[\"provider\"]}")));
      calls.add(new Call("node", bob, "GET", "/v1/nodes/" + alice.nodeId().toHex(), new byte[0]));
      calls.add(
          new Call(
              "balances", alice, "GET", "/v1/accounts/" + alice.nodeId().toHex(), new byte[0]));
      calls.add(
          new Call("deposit", alice, "POST", "/v1/accounts/deposit", json("{\"amount\":\"1\"}")));
      calls.add(new Call("bond", alice, "POST", "/v1/accounts/bond", json("{\"amount\":\"1\"}")));
      calls.add(
          new Call("unbond", alice, "POST", "/v1/accounts/unbond", json("{\"amount\":\"1\"}")));
      calls.add(
          new Call("withdraw", alice, "POST", "/v1/accounts/withdraw", json("{\"amount\":\"1\"}")));
      calls.add(
          new Call(
              "submit", requester, "POST", "/v1/jobs", ApiFixture.JSON.writeValueAsBytes(submit)));
      calls.add(new Call("job", requester, "GET", "/v1/jobs/" + jobId, new byte[0]));
      calls.add(new Call("result", requester, "GET", "/v1/jobs/" + jobId + "/result", new byte[0]));
      calls.add(
          new Call(
              "lease",
              bob,
              "POST",
              "/v1/leases",
              json("{\"role\":\"provider\",\"waitMillis\":0}")));
      calls.add(
          new Call(
              "heartbeat",
              alice,
              "POST",
              "/v1/tasks/" + task2 + "/heartbeat",
              json("{\"leaseId\":\"" + lease2 + "\"}")));
      calls.add(
          new Call(
              "challenge",
              alice,
              "POST",
              "/v1/tasks/" + task + "/challenge",
              json("{\"leaseId\":\"" + lease + "\"}")));
      calls.add(
          new Call(
              "commit",
              alice,
              "POST",
              "/v1/tasks/" + task2 + "/commit",
              json("{\"leaseId\":\"" + lease2 + "\",\"commitment\":\"" + commitment + "\"}")));
      calls.add(
          new Call(
              "response",
              alice,
              "POST",
              "/v1/tasks/" + task + "/response",
              json("{\"leaseId\":\"" + lease + "\",\"response\":\"AAAA\"}")));
      calls.add(
          new Call(
              "report",
              victor,
              "POST",
              "/v1/tasks/" + task + "/report",
              json("{\"leaseId\":\"" + lease + "\",\"report\":\"AAAA\"}")));
      calls.add(
          new Call(
              "release",
              alice,
              "POST",
              "/v1/tasks/" + task2 + "/release",
              json("{\"leaseId\":\"" + lease2 + "\"}")));
      calls.add(new Call("pending disputes", alice, "GET", "/v1/disputes/pending", new byte[0]));
      calls.add(
          new Call(
              "answer dispute",
              alice,
              "POST",
              "/v1/disputes/0000/answer",
              json("{\"taskId\":\"" + task + "\",\"answer\":\"AAAA\"}")));
      assertThat(calls).extracting(c -> c.method() + " " + c.target()).hasSize(19);

      List<String> failures = new ArrayList<>();
      Map<String, Integer> firstStatus = new HashMap<>();
      RandomSource nonces = RandomSource.seeded(SEED);
      for (Call c : calls) {
        CoordinatorClient s = c.signer();
        Map<String, String> good = s.sign(c.method(), c.target(), c.body());

        expectRefused(
            f,
            failures,
            c,
            "unsigned",
            () -> s.send(c.method(), c.target(), c.body(), Map.of()),
            401);

        Map<String, String> forged = new HashMap<>(good);
        forged.put(
            RequestAuth.SIGNATURE,
            RequestSigner.create(mallory, f.clock, nonces)
                .sign(
                    c.method(),
                    c.target(),
                    Bytes.of(c.body()),
                    f.clock.instant(),
                    Bytes.fromHex(java.util.Objects.requireNonNull(good.get(RequestAuth.NONCE))))
                .get(RequestAuth.SIGNATURE));
        expectRefused(
            f,
            failures,
            c,
            "wrongly signed",
            () -> s.send(c.method(), c.target(), c.body(), forged),
            401);

        Map<String, String> stale =
            RequestSigner.create(s.identity(), f.clock, nonces)
                .sign(
                    c.method(),
                    c.target(),
                    Bytes.of(c.body()),
                    f.clock.instant().minus(Duration.ofSeconds(61)),
                    nonces.nextBytes(16));
        expectRefused(
            f, failures, c, "stale", () -> s.send(c.method(), c.target(), c.body(), stale), 401);

        byte[] big = new byte[(int) MAX_BODY + 1];
        java.util.Arrays.fill(big, (byte) ' ');
        big[0] = '{';
        big[big.length - 1] = '}';
        expectRefused(
            f,
            failures,
            c,
            "oversized",
            () -> s.send(c.method(), c.target(), big, s.sign(c.method(), c.target(), big)),
            413);

        if (c.method().equals("POST")) {
          byte[] bad = json("{\"amount\": ");
          expectRefused(
              f,
              failures,
              c,
              "malformed body",
              () -> s.send(c.method(), c.target(), bad, s.sign(c.method(), c.target(), bad)),
              400);
          byte[] unknown = json("{\"surprise\": 1}");
          expectRefused(
              f,
              failures,
              c,
              "unknown field",
              () ->
                  s.send(c.method(), c.target(), unknown, s.sign(c.method(), c.target(), unknown)),
              400);
        } else {
          Map<String, String> badHeader = new HashMap<>(good);
          badHeader.put(RequestAuth.TIMESTAMP, "yesterday");
          expectRefused(
              f,
              failures,
              c,
              "malformed header",
              () -> s.send(c.method(), c.target(), c.body(), badHeader),
              401);
        }

        CoordinatorClient.Response first = s.send(c.method(), c.target(), c.body(), good);
        if (first.status() >= 500) {
          failures.add(c.name() + ": valid request got " + first.status() + " " + text(first));
        }
        firstStatus.put(c.name(), first.status());
        int expectReplay = first.status() / 100 == 2 ? 401 : -1;
        expectRefused(
            f,
            failures,
            c,
            "replayed",
            () -> s.send(c.method(), c.target(), c.body(), good),
            expectReplay);
      }
      assertThat(failures).as("seed %d", SEED).isEmpty();
      long posts = calls.stream().filter(c -> c.method().equals("POST")).count();
      assertThat(checked[0]).isEqualTo(posts * 7 + (calls.size() - posts) * 6);
      // The well-formed requests were valid: each replay above was refused as a replay.
      for (String ok :
          List.of(
              "register",
              "node",
              "balances",
              "deposit",
              "bond",
              "unbond",
              "withdraw",
              "submit",
              "job",
              "result",
              "lease",
              "heartbeat",
              "challenge",
              "commit",
              "response",
              "pending disputes")) {
        assertThat(firstStatus.get(ok)).as(ok).isBetween(200, 299);
      }
      assertThat(firstStatus.get("report")).isEqualTo(409);
      assertThat(firstStatus.get("answer dispute")).isEqualTo(404);
      LedgerInvariants.check(f.snapshot().ledger());
    }
  }

  private static void expectRefused(
      ApiFixture f, List<String> failures, Call c, String attack, Send send, int status)
      throws Exception {
    checked[0]++;
    Snapshot before = f.snapshot();
    CoordinatorClient.Response r = send.send();
    String what = c.name() + " (" + c.method() + " " + c.target() + ") " + attack;
    if (r.status() < 400 || r.status() >= 500 || (status > 0 && r.status() != status)) {
      failures.add(
          what
              + ": expected "
              + (status > 0 ? status : "4xx")
              + ", got "
              + r.status()
              + " "
              + text(r));
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

  private static final int[] checked = new int[1];

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
}
