package dev.proofofcompute.worker;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.proofofcompute.coordinator.Coordinator;
import dev.proofofcompute.coordinator.CoordinatorConfig;
import dev.proofofcompute.coordinator.client.CoordinatorClient;
import dev.proofofcompute.coordinator.service.ServiceSettings;
import dev.proofofcompute.core.workload.Workload;
import dev.proofofcompute.crypto.Hashes;
import dev.proofofcompute.crypto.identity.NodeId;
import dev.proofofcompute.crypto.identity.NodeIdentity;
import dev.proofofcompute.crypto.money.Amount;
import dev.proofofcompute.crypto.random.RandomSource;
import dev.proofofcompute.storage.NodeRole;
import dev.proofofcompute.workloads.matmul.MatMul;
import dev.proofofcompute.workloads.matmul.MatMulInput;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.function.Consumer;
import java.util.function.Predicate;

/**
 * A real coordinator on loopback (port 0) over a SQLite file, a requester that submits jobs, the
 * operator's view of everything, and worker agents started in process against it over HTTP. Time is
 * the system clock (workers sign with it); leases are short so that lapses happen in seconds.
 */
final class Net implements AutoCloseable {
  static final ObjectMapper JSON = new ObjectMapper();
  static final Amount STAKE = Amount.ofCredits(100);
  static final Amount DEPOSIT = Amount.ofCredits(1_000);
  static final long REWARD = 10;
  static final long FEE = 1;
  static final long MIN_STAKE = 20;

  final long seed;
  final Coordinator coordinator;
  final CoordinatorClient operator;
  final CoordinatorClient requester;
  private final List<WorkerAgent> workers = new ArrayList<>();

  private Net(long seed, Coordinator coordinator) throws Exception {
    this.seed = seed;
    this.coordinator = coordinator;
    this.operator = CoordinatorClient.create(coordinator.uri(), coordinator.identity());
    this.requester = CoordinatorClient.create(coordinator.uri(), identity("requester"));
    requester.register(List.of("requester"), Amount.ZERO);
    requester.deposit(Amount.ofCredits(100_000));
  }

  static Net start(Path dir, long seed, Duration lease) throws Exception {
    ServiceSettings settings =
        ServiceSettings.defaults().withLeaseDuration(lease).withMaxLongPoll(Duration.ofMillis(500));
    Coordinator c =
        Coordinator.start(
            CoordinatorConfig.of("sqlite:" + dir.resolve("net.db"), 0)
                .withRandom(RandomSource.seeded(seed ^ 0xC00DL))
                .withSettings(settings)
                .withTickInterval(Duration.ofMillis(200)));
    return new Net(seed, c);
  }

  NodeIdentity identity(String name) {
    try {
      return NodeIdentity.fromSeed(
          Hashes.hash(
                  "poc/worker-test/net-identity",
                  ByteBuffer.allocate(8).putLong(seed).array(),
                  name.getBytes(StandardCharsets.UTF_8))
              .toBytes());
    } catch (dev.proofofcompute.crypto.DecodingException e) {
      throw new IllegalStateException(e);
    }
  }

  WorkerConfig.Builder config(String name, Behaviour behaviour, Set<NodeRole> roles) {
    return WorkerConfig.builder(coordinator.uri(), identity(name))
        .roles(EnumSet.copyOf(roles))
        .behaviour(behaviour)
        .deposit(DEPOSIT)
        .stake(STAKE)
        .seed(seed)
        .pollWait(Duration.ofMillis(500))
        .challengePoll(Duration.ofMillis(50))
        .shutdownGrace(Duration.ofSeconds(2))
        .copycatPeek(Duration.ofMillis(300))
        .crashMode(WorkerConfig.CrashMode.STOP_AGENT);
  }

  WorkerAgent worker(String name, Behaviour behaviour, Set<NodeRole> roles) throws Exception {
    return worker(name, behaviour, roles, b -> {});
  }

  WorkerAgent worker(
      String name, Behaviour behaviour, Set<NodeRole> roles, Consumer<WorkerConfig.Builder> tweak)
      throws Exception {
    WorkerConfig.Builder b = config(name, behaviour, roles);
    tweak.accept(b);
    WorkerAgent w = WorkerAgent.start(b.build());
    workers.add(w);
    return w;
  }

  WorkerAgent provider(String name, Behaviour behaviour) throws Exception {
    return worker(name, behaviour, Set.of(NodeRole.PROVIDER));
  }

  WorkerAgent validator(String name, Behaviour behaviour) throws Exception {
    return worker(name, behaviour, Set.of(NodeRole.VALIDATOR));
  }

  // ------------------------------------------------------------------ jobs

  static JsonNode params(String json) {
    try {
      return JSON.readTree(json);
    } catch (Exception e) {
      throw new IllegalArgumentException(e);
    }
  }

  <I> String submit(Workload<I, ?> w, I input, String scheme, String params, String key)
      throws Exception {
    CoordinatorClient.JobSubmission s =
        new CoordinatorClient.JobSubmission(
            w.id(),
            w.inputCodec().encode(input),
            scheme,
            params(params),
            Optional.empty(),
            Amount.ofCredits(REWARD),
            Amount.ofCredits(FEE),
            Amount.ofCredits(MIN_STAKE),
            5000,
            2000,
            3000,
            Optional.empty(),
            key);
    return requester.submit(s).get("jobId").asText();
  }

  String spotCheck(String key, int items, int samples, int canaries, int validatorCanaries)
      throws Exception {
    return submit(
        MatMul.create(),
        MatMulInput.random(seed ^ key.hashCode(), items, 4, 3),
        "spot-check",
        "{\"samples\":"
            + samples
            + ",\"canaries\":"
            + canaries
            + ",\"validator-canaries\":"
            + validatorCanaries
            + "}",
        key);
  }

  String replication(String key, int replicas, int quorum) throws Exception {
    return submit(
        MatMul.create(),
        MatMulInput.random(seed ^ key.hashCode(), 4, 5, 3),
        "replication",
        "{\"replicas\":" + replicas + ",\"quorum\":" + quorum + "}",
        key);
  }

  String freivalds(String key) throws Exception {
    return submit(
        MatMul.create(),
        MatMulInput.random(seed ^ key.hashCode(), 6, 5, 4),
        "freivalds",
        "{\"rounds\":2,\"float-rounds\":1}",
        key);
  }

  JsonNode job(String jobId) throws Exception {
    return operator.job(jobId);
  }

  /** Waits until the job satisfies {@code done}; fails with the job's state on timeout. */
  JsonNode await(String jobId, Predicate<JsonNode> done, Duration timeout, String what)
      throws Exception {
    Instant until = Instant.now().plus(timeout);
    JsonNode j = job(jobId);
    while (!done.test(j)) {
      if (Instant.now().isAfter(until)) {
        throw new AssertionError(
            "job " + jobId + " never reached: " + what + " (seed " + seed + "); last: " + j);
      }
      Thread.sleep(100);
      j = job(jobId);
    }
    return j;
  }

  JsonNode awaitEnd(String jobId) throws Exception {
    return await(
        jobId,
        j ->
            j.get("status").asText().equals("decided") || j.get("status").asText().equals("failed"),
        Duration.ofSeconds(60),
        "decided or failed");
  }

  static boolean decided(JsonNode job) {
    return job.get("status").asText().equals("decided");
  }

  /** The execute tasks of a job. */
  static List<JsonNode> executeTasks(JsonNode job) {
    List<JsonNode> out = new ArrayList<>();
    for (JsonNode t : job.get("tasks")) {
      if (t.get("kind").asText().equals("execute")) {
        out.add(t);
      }
    }
    return out;
  }

  /** The verdicts ({@code accepted}, {@code rejected}, ...) of {@code node}'s execute tasks. */
  static List<String> verdictsOf(JsonNode job, NodeId node) {
    List<String> out = new ArrayList<>();
    for (JsonNode t : executeTasks(job)) {
      if (t.hasNonNull("holder") && t.get("holder").asText().equals(node.toHex())) {
        out.add(
            t.path("verdict").asText("none")
                + (t.hasNonNull("reason") ? ":" + t.get("reason").asText() : ""));
      }
    }
    return out;
  }

  record Money(Amount available, Amount bonded, Amount locked) {
    Amount total() {
      return available.plus(bonded).plus(locked);
    }
  }

  Money balances(NodeId node) throws Exception {
    JsonNode b = operator.balances(node);
    return new Money(
        Amount.parse(b.get("available").asText()),
        Amount.parse(b.get("bonded").asText()),
        Amount.parse(b.get("locked").asText()));
  }

  JsonNode node(NodeId id) throws Exception {
    return operator.node(id);
  }

  @Override
  public void close() {
    for (WorkerAgent w : workers) {
      w.close();
    }
    coordinator.close();
  }
}
