package dev.proofofcompute.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.proofofcompute.coordinator.client.CoordinatorClient;
import dev.proofofcompute.crypto.Hashes;
import dev.proofofcompute.crypto.identity.KeyFiles;
import dev.proofofcompute.crypto.identity.NodeId;
import dev.proofofcompute.crypto.identity.NodeIdentity;
import dev.proofofcompute.crypto.money.Amount;
import dev.proofofcompute.storage.NodeRole;
import dev.proofofcompute.worker.Backoff;
import dev.proofofcompute.worker.Behaviour;
import dev.proofofcompute.worker.CoordinatorApi;
import dev.proofofcompute.worker.HttpCoordinatorApi;
import dev.proofofcompute.worker.WorkerAgent;
import dev.proofofcompute.worker.WorkerConfig;
import dev.proofofcompute.workloads.heat.HeatSim;
import dev.proofofcompute.workloads.heat.HeatSimInput;
import dev.proofofcompute.workloads.matmul.MatMul;
import dev.proofofcompute.workloads.matmul.MatMulInput;
import java.net.URI;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Supplier;

/**
 * The client side of the whole-process tests: seeded identities, the coordinators' shared operator
 * key file, a requester that submits a mix of jobs (spot-check, replication, Freivalds on small
 * integer matrix products), honest worker agents in this JVM whose calls are recorded ({@link
 * RecordingApi}), and waiting for every job to end. The coordinators themselves are child processes
 * ({@link CoordinatorProcess}).
 */
final class ProcessNet implements AutoCloseable {
  static final ObjectMapper JSON = new ObjectMapper();
  static final Amount DEPOSIT = Amount.ofCredits(1_000);
  static final Amount STAKE = Amount.ofCredits(100);
  static final Amount REWARD = Amount.ofCredits(10);
  static final Amount FEE = Amount.ofCredits(1);
  static final Amount MIN_STAKE = Amount.ofCredits(20);
  static final Set<NodeRole> BOTH = Set.of(NodeRole.PROVIDER, NodeRole.VALIDATOR);

  final long seed;
  final Path keyFile;
  final NodeIdentity operatorKey;
  final List<URI> coordinators;
  final RecordingApi.Recorder recorder = new RecordingApi.Recorder();

  /** Job id by idempotency key, in submission order. */
  final Map<String, String> jobs = new LinkedHashMap<>();

  /** Replicas each job was submitted with, by job id. */
  final Map<String, Integer> replicas = new LinkedHashMap<>();

  private final Map<String, CoordinatorClient.JobSubmission> submissions = new LinkedHashMap<>();

  final List<WorkerAgent> workers = new ArrayList<>();
  private final NodeIdentity requesterKey;
  private int submitted;

  ProcessNet(long seed, Path dir, List<URI> coordinators) throws Exception {
    this.seed = seed;
    this.coordinators = List.copyOf(coordinators);
    this.keyFile = dir.resolve("operator.pem");
    this.operatorKey = identity("operator");
    KeyFiles.savePrivateKey(keyFile, operatorKey);
    this.requesterKey = identity("requester");
  }

  NodeIdentity identity(String name) {
    try {
      return NodeIdentity.fromSeed(
          Hashes.hash(
                  "poc/cli-test/process-net",
                  ByteBuffer.allocate(8).putLong(seed).array(),
                  name.getBytes(StandardCharsets.UTF_8))
              .toBytes());
    } catch (dev.proofofcompute.crypto.DecodingException e) {
      throw new IllegalStateException(e);
    }
  }

  CoordinatorClient operator(int i) {
    return CoordinatorClient.create(coordinators.get(i), operatorKey);
  }

  CoordinatorClient requester(int i) {
    return CoordinatorClient.create(coordinators.get(i), requesterKey);
  }

  NodeId requesterId() {
    return requesterKey.nodeId();
  }

  /** Registers the requester and funds it (through coordinator 0). */
  void fundRequester() throws Exception {
    requester(0).register(List.of("requester"), Amount.ZERO);
    requester(0).deposit(Amount.ofCredits(1_000_000));
  }

  /**
   * Starts an honest worker with both roles whose calls go to the coordinators {@code endpoints}
   * (round-robin per call when there are several).
   */
  WorkerAgent worker(String name, int concurrency, List<Integer> endpoints, Duration delay)
      throws Exception {
    NodeIdentity id = identity(name);
    List<CoordinatorApi> apis = new ArrayList<>();
    List<String> names = new ArrayList<>();
    for (int i : endpoints) {
      apis.add(HttpCoordinatorApi.create(coordinators.get(i), id));
      names.add("c" + i);
    }
    WorkerConfig config =
        WorkerConfig.builder(coordinators.get(endpoints.get(0)), id)
            .roles(BOTH)
            .behaviour(new Behaviour.Honest())
            .deposit(DEPOSIT)
            .stake(STAKE)
            .concurrency(concurrency)
            .seed(seed)
            .pollWait(Duration.ofMillis(500))
            .challengePoll(Duration.ofMillis(50))
            .shutdownGrace(Duration.ofSeconds(1))
            .backoff(new Backoff(Duration.ofMillis(50), Duration.ofMillis(500)))
            .startupAttempts(20)
            .build();
    WorkerAgent w =
        WorkerAgent.start(config, new RecordingApi(recorder, id.nodeId(), apis, names, delay));
    workers.add(w);
    return w;
  }

  List<NodeId> workerIds() {
    return workers.stream().map(w -> w.config().identity().nodeId()).toList();
  }

  /**
   * Submits {@code count} more jobs through coordinator {@code via}, cycling spot-check (one task,
   * re-executed samples leased to validators), replication (three replicas, quorum two) and
   * Freivalds (checked in the coordinator).
   */
  void submit(int count, int via) throws Exception {
    for (int n = 0; n < count; n++) {
      int k = submitted++;
      String key = "job-" + k;
      String scheme;
      String params;
      MatMulInput input;
      int r = 1;
      switch (k % 3) {
        case 0 -> {
          scheme = "spot-check";
          params = "{\"samples\":3,\"canaries\":1,\"validator-canaries\":1}";
          input = MatMulInput.random(seed ^ k, 12, 4, 3);
        }
        case 1 -> {
          scheme = "replication";
          params = "{\"replicas\":3,\"quorum\":2}";
          input = MatMulInput.random(seed ^ k, 4, 5, 3);
          r = 3;
        }
        default -> {
          scheme = "freivalds";
          params = "{\"rounds\":2,\"float-rounds\":1}";
          input = MatMulInput.random(seed ^ k, 6, 5, 4);
        }
      }
      CoordinatorClient.JobSubmission sub = submission(scheme, params, input, key);
      submissions.put(key, sub);
      JsonNode answer = requester(via).submit(sub);
      String jobId = answer.get("jobId").asText();
      jobs.put(key, jobId);
      replicas.put(jobId, r);
    }
  }

  /**
   * Submits {@code count} bisection jobs (heat-sim, two replicas whose checkpoint roots must agree)
   * through coordinator {@code via}.
   */
  void submitBisection(int count, int via) throws Exception {
    HeatSim w = HeatSim.create();
    for (int n = 0; n < count; n++) {
      int k = submitted++;
      String key = "job-" + k;
      CoordinatorClient.JobSubmission sub =
          new CoordinatorClient.JobSubmission(
              w.id(),
              w.inputCodec().encode(HeatSimInput.random(seed ^ k, 4, 12)),
              "bisection",
              JSON.readTree("{\"checkpoint-interval\":2}"),
              Optional.empty(),
              REWARD,
              FEE,
              MIN_STAKE,
              5000,
              2000,
              3000,
              Optional.empty(),
              key);
      submissions.put(key, sub);
      String jobId = requester(via).submit(sub).get("jobId").asText();
      jobs.put(key, jobId);
      replicas.put(jobId, 2);
    }
  }

  static CoordinatorClient.JobSubmission submission(
      String scheme, String params, MatMulInput input, String key) throws Exception {
    MatMul w = MatMul.create();
    return new CoordinatorClient.JobSubmission(
        w.id(),
        w.inputCodec().encode(input),
        scheme,
        JSON.readTree(params),
        Optional.empty(),
        REWARD,
        FEE,
        MIN_STAKE,
        5000,
        2000,
        3000,
        Optional.empty(),
        key);
  }

  /** Re-sends every submission: each must name the job it created the first time. */
  Map<String, String> resubmitAll(int via) throws Exception {
    Map<String, String> again = new LinkedHashMap<>();
    for (Map.Entry<String, CoordinatorClient.JobSubmission> e : submissions.entrySet()) {
      again.put(e.getKey(), requester(via).submit(e.getValue()).get("jobId").asText());
    }
    return again;
  }

  /** Waits until every submitted job is decided or failed; returns the final job views. */
  Map<String, JsonNode> awaitAllEnded(Duration timeout, Supplier<String> context) throws Exception {
    Instant until = Instant.now().plus(timeout);
    Map<String, JsonNode> out = new LinkedHashMap<>();
    int i = 0;
    for (String jobId : jobs.values()) {
      while (true) {
        JsonNode j = null;
        try {
          j = operator(i++ % coordinators.size()).job(jobId);
        } catch (dev.proofofcompute.coordinator.client.ApiException e) {
          if (e.status() != 0 && e.status() < 500) {
            throw e;
          }
        }
        if (j != null) {
          String s = j.get("status").asText();
          if (s.equals("decided") || s.equals("failed")) {
            out.put(jobId, j);
            break;
          }
        }
        if (Instant.now().isAfter(until)) {
          throw new AssertionError(
              "job "
                  + jobId
                  + " never ended (seed "
                  + seed
                  + "); last: "
                  + j
                  + "\n"
                  + context.get());
        }
        Thread.sleep(100);
      }
    }
    return out;
  }

  @Override
  public void close() {
    for (WorkerAgent w : workers) {
      w.close();
    }
  }
}
