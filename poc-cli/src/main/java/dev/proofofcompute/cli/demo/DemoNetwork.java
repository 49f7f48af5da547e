package dev.proofofcompute.cli.demo;

import ch.qos.logback.classic.Level;
import com.fasterxml.jackson.databind.JsonNode;
import dev.proofofcompute.cli.demo.DemoJobs.Job;
import dev.proofofcompute.coordinator.Coordinator;
import dev.proofofcompute.coordinator.CoordinatorConfig;
import dev.proofofcompute.coordinator.client.ApiException;
import dev.proofofcompute.coordinator.client.CoordinatorClient;
import dev.proofofcompute.coordinator.service.SchemeRegistry;
import dev.proofofcompute.coordinator.service.ServiceSettings;
import dev.proofofcompute.crypto.Bytes;
import dev.proofofcompute.crypto.DecodingException;
import dev.proofofcompute.crypto.Hashes;
import dev.proofofcompute.crypto.cbor.CborArray;
import dev.proofofcompute.crypto.cbor.CborFloat;
import dev.proofofcompute.crypto.cbor.CborInteger;
import dev.proofofcompute.crypto.cbor.CborMap;
import dev.proofofcompute.crypto.cbor.CborText;
import dev.proofofcompute.crypto.cbor.CborValue;
import dev.proofofcompute.crypto.identity.KeyFiles;
import dev.proofofcompute.crypto.identity.NodeId;
import dev.proofofcompute.crypto.identity.NodeIdentity;
import dev.proofofcompute.crypto.money.Amount;
import dev.proofofcompute.crypto.random.RandomSource;
import dev.proofofcompute.ledger.LedgerSnapshot;
import dev.proofofcompute.ledger.Posting;
import dev.proofofcompute.storage.JobStatus;
import dev.proofofcompute.storage.StoredPosting;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import org.slf4j.LoggerFactory;

/**
 * The demo network: a coordinator in this JVM on an embedded SQLite file in a fresh directory,
 * listening on an ephemeral loopback port, and one real {@code poc worker} process per {@link
 * WorkerSpec} (same classpath, {@code java -cp ... Main worker ...}), so that the {@code crash}
 * behaviour really halts a process and every message really crosses HTTP with signatures. A
 * requester submits the {@link DemoJobs} mix; the run ends when every job has ended (or the timeout
 * passed), then the workers are stopped with SIGTERM (graceful) and the evidence is read back:
 * every job and task verdict from the coordinator's API as the operator, every ledger posting from
 * the store. {@link DemoAnalysis} turns that into the {@link DemoReport}.
 *
 * <p>Why the coordinator is in-process: the demo needs the store's ledger history for the
 * conservation check and the job counts for the progress bar without adding operator endpoints;
 * everything the verdicts depend on still goes through the HTTP API.
 */
public final class DemoNetwork {
  /** Credits each worker deposits; the stake it bonds (all of it, so slashes do not bench it). */
  static final Amount DEPOSIT = Amount.ofCredits(1_000);

  static final Amount STAKE = Amount.ofCredits(1_000);

  /** Failure points at which the demo's coordinator suspends a node (in effect never). */
  static final int DEMO_SUSPEND_AT = 1_000_000;

  /** Validator attempts one check may use before it is inconclusive. */
  static final int DEMO_VALIDATIONS_PER_TASK = 6;

  /**
   * Tasks a job's escrow pays for: enough that the redo of several rejected cheaters, and
   * replication's extra replicas, never exhaust it.
   */
  static final int MAX_TASKS = 16;

  /** Credits the requester deposits. */
  static final Amount REQUESTER_DEPOSIT = Amount.ofCredits(1_000_000);

  static final Amount REWARD = Amount.ofCredits(10);
  static final Amount FEE = Amount.ofCredits(1);
  static final Amount MIN_STAKE = Amount.ofCredits(20);
  static final int REQUESTER_BPS = 5000;
  static final int TREASURY_BPS = 2000;
  static final int CHALLENGER_BPS = 3000;

  /** Where the run's progress goes. */
  public interface Progress {
    /** Called with a short phase description. */
    void phase(String what);

    /** Called as jobs end. */
    void jobs(int ended, int total, int decided, int failed);

    /** Called once when the run ends. */
    void done();
  }

  /** What a run collected, before analysis. */
  record Evidence(
      DemoConfig config,
      DemoJobs jobs,
      List<Job> submitted,
      List<DemoJobs.Refusal> refusals,
      List<String> served,
      Map<String, String> jobIds,
      Map<String, JsonNode> jobViews,
      Map<String, Optional<Bytes>> results,
      Map<String, NodeId> nodes,
      Map<String, Integer> exitCodes,
      NodeId requester,
      List<Posting> postings,
      LedgerSnapshot snapshot,
      Amount outstanding,
      Amount deposited,
      Duration wall,
      Duration network,
      Path directory) {}

  private DemoNetwork() {}

  /**
   * Runs the network of {@code config} in a fresh directory under {@code workDir} and returns the
   * report. The directory (database, keys, worker logs) is kept when {@code keep}, else deleted.
   *
   * @throws IOException when the directory, keys or processes cannot be made
   */
  public static DemoReport run(DemoConfig config, Path workDir, boolean keep, Progress progress)
      throws IOException, InterruptedException {
    Instant started = Instant.now();
    Files.createDirectories(workDir);
    Path dir = Files.createTempDirectory(workDir, "poc-demo-");
    ch.qos.logback.classic.Logger root =
        (ch.qos.logback.classic.Logger) LoggerFactory.getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME);
    Level before = root.getLevel();
    root.setLevel(Level.WARN);
    try {
      Evidence e = collect(config, dir, progress, started);
      progress.phase("measuring the verification overhead and the honest results");
      DemoReport report = DemoAnalysis.analyse(e);
      progress.done();
      return report;
    } catch (DecodingException e) {
      throw new IOException("a key could not be made: " + e.getMessage(), e);
    } finally {
      root.setLevel(before);
      if (!keep) {
        deleteTree(dir);
      }
    }
  }

  private static Evidence collect(DemoConfig config, Path dir, Progress progress, Instant started)
      throws IOException, InterruptedException, DecodingException {
    DemoJobs jobs = DemoJobs.of(config.seed());
    DemoJobs.Mix mix = jobs.mix(config.jobsPerWorkload());
    SchemeRegistry registry = SchemeRegistry.standard(jobs.catalog());
    List<Job> submitted = new ArrayList<>();
    List<DemoJobs.Refusal> refusals = new ArrayList<>(mix.refusals());
    for (Job j : mix.jobs()) {
      if (registry.find(j.scheme()).isPresent() && !j.scheme().equals("tee")) {
        submitted.add(j);
      }
    }
    progress.phase("starting the coordinator (SQLite " + dir.resolve("demo.db") + ")");
    ServiceSettings d =
        ServiceSettings.defaults()
            .withLeaseDuration(config.lease())
            .withMaxLongPoll(Duration.ofMillis(500));
    // Suspension off and throttles short, so that the cheaters keep submitting and their detection
    // rate can be measured; six validation attempts per check, so that a lazy validator that is not
    // suspended cannot exhaust them (production: throttled at 3 failure points for 10 s per point,
    // suspended at 9, 3 attempts; docs/demo.md).
    ServiceSettings settings =
        new ServiceSettings(
            d.leaseDuration(),
            d.maxLongPoll(),
            d.freshnessWindow(),
            d.disputeAnswerWindow(),
            d.deposits(),
            d.operator(),
            d.throttleAt(),
            DEMO_SUSPEND_AT,
            Duration.ofSeconds(1),
            DEMO_VALIDATIONS_PER_TASK,
            d.minCheckFloor());
    CoordinatorConfig cc =
        CoordinatorConfig.of("sqlite:" + dir.resolve("demo.db"), 0)
            .withRandom(RandomSource.seeded(jobs.derive("coordinator", 0)))
            .withSettings(settings)
            .withTickInterval(Duration.ofMillis(250));
    Path model = dir.resolve("mlp-infer.cbor");
    Files.write(model, jobs.modelDefinition().toByteArray());
    List<Process> processes = new ArrayList<>();
    Map<String, NodeId> nodes = new LinkedHashMap<>();
    Map<String, Integer> exits = new LinkedHashMap<>();
    try (Coordinator coordinator = Coordinator.start(cc, registry)) {
      CoordinatorClient operator =
          CoordinatorClient.create(coordinator.uri(), coordinator.identity());
      NodeIdentity requesterId = identity(config.seed(), "requester");
      CoordinatorClient requester = CoordinatorClient.create(coordinator.uri(), requesterId);
      requester.register(List.of("requester"), Amount.ZERO);
      requester.deposit(REQUESTER_DEPOSIT);
      progress.phase("starting " + config.workers().size() + " worker processes");
      for (int i = 0; i < config.workers().size(); i++) {
        WorkerSpec w = config.workers().get(i);
        NodeIdentity id = identity(config.seed(), w.name());
        Path key = dir.resolve(w.name() + ".pem");
        KeyFiles.savePrivateKey(key, id);
        nodes.put(w.name(), id.nodeId());
        processes.add(spawn(coordinator, w, key, model, jobs.derive("worker", i), dir));
      }
      awaitRegistered(operator, config, nodes, processes, dir);
      progress.phase("submitting " + submitted.size() + " jobs");
      Instant networkStart = Instant.now();
      Map<String, String> jobIds = new LinkedHashMap<>();
      for (Job j : submitted) {
        JsonNode r = requester.submit(submission(j));
        jobIds.put(j.key(), r.get("jobId").asText());
      }
      waitForJobs(coordinator, submitted.size(), config.timeout(), progress);
      Duration network = Duration.between(networkStart, Instant.now());
      progress.phase("stopping the workers");
      stop(processes, config.workers(), exits);
      progress.phase("reading verdicts and the ledger");
      Map<String, JsonNode> views = new LinkedHashMap<>();
      Map<String, Optional<Bytes>> results = new LinkedHashMap<>();
      for (Map.Entry<String, String> e : jobIds.entrySet()) {
        JsonNode v = operator.job(e.getValue());
        views.put(e.getKey(), v);
        String status = v.get("status").asText();
        results.put(
            e.getKey(),
            status.equals("decided") ? operator.result(e.getValue()) : Optional.empty());
      }
      List<Posting> postings = new ArrayList<>();
      long after = 0;
      while (true) {
        long from = after;
        List<StoredPosting> page =
            coordinator.storage().transaction(tx -> tx.ledger().postings(from, 1000));
        if (page.isEmpty()) {
          break;
        }
        for (StoredPosting p : page) {
          postings.add(p.posting());
          after = p.seq();
        }
      }
      LedgerSnapshot snapshot = coordinator.storage().transaction(tx -> tx.ledger().snapshot());
      Amount outstanding = coordinator.storage().transaction(tx -> tx.ledger().outstanding());
      Amount deposited = REQUESTER_DEPOSIT;
      for (int i = 0; i < config.workers().size(); i++) {
        deposited = deposited.plus(DEPOSIT);
      }
      return new Evidence(
          config,
          jobs,
          submitted,
          refusals,
          registry.names(),
          jobIds,
          views,
          results,
          nodes,
          exits,
          requesterId.nodeId(),
          postings,
          snapshot,
          outstanding,
          deposited,
          Duration.between(started, Instant.now()),
          network,
          dir);
    } catch (ApiException e) {
      throw new IOException("the coordinator refused a demo request: " + e.getMessage(), e);
    } finally {
      for (Process p : processes) {
        if (p.isAlive()) {
          p.destroyForcibly();
        }
      }
    }
  }

  static NodeIdentity identity(long seed, String name) throws DecodingException {
    return NodeIdentity.fromSeed(
        Hashes.hash(
                "poc/demo/identity/v1",
                ByteBuffer.allocate(8).putLong(seed).array(),
                name.getBytes(StandardCharsets.UTF_8))
            .toBytes());
  }

  private static Process spawn(
      Coordinator c, WorkerSpec w, Path key, Path model, long seed, Path dir) throws IOException {
    String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
    List<String> cmd = new ArrayList<>();
    cmd.add(java);
    // Small, quick JVMs: eight of them share two cores with the coordinator.
    cmd.addAll(List.of("-XX:+UseSerialGC", "-XX:TieredStopAtLevel=1", "-Xmx256m"));
    cmd.add("-cp");
    cmd.add(System.getProperty("java.class.path"));
    cmd.add("dev.proofofcompute.cli.Main");
    cmd.addAll(
        List.of(
            "worker",
            "--coordinator",
            c.uri().toString(),
            "--key",
            key.toString(),
            "--role",
            w.role(),
            "--deposit",
            DEPOSIT.toString(),
            "--stake",
            STAKE.toString(),
            "--behaviour",
            w.behaviour(),
            "--seed",
            Long.toString(seed),
            "--concurrency",
            "2",
            "--poll-millis",
            "500",
            "--grace-seconds",
            "2",
            "--workload-definition",
            "mlp-infer=" + model));
    return new ProcessBuilder(cmd)
        .redirectErrorStream(true)
        .redirectOutput(dir.resolve(w.name() + ".log").toFile())
        .start();
  }

  private static void awaitRegistered(
      CoordinatorClient operator,
      DemoConfig config,
      Map<String, NodeId> nodes,
      List<Process> processes,
      Path dir)
      throws InterruptedException, IOException {
    Instant until = Instant.now().plusSeconds(90);
    for (int i = 0; i < config.workers().size(); i++) {
      WorkerSpec w = config.workers().get(i);
      NodeId id = java.util.Objects.requireNonNull(nodes.get(w.name()));
      while (true) {
        try {
          JsonNode b = operator.balances(id);
          if (!Amount.parse(b.get("bonded").asText()).isZero()
              || !Amount.parse(b.get("locked").asText()).isZero()) {
            break;
          }
        } catch (ApiException e) {
          // not registered yet
        }
        if (!processes.get(i).isAlive()) {
          throw new IOException(
              "worker "
                  + w.name()
                  + " exited before it registered; its log: "
                  + tail(dir.resolve(w.name() + ".log")));
        }
        if (Instant.now().isAfter(until)) {
          throw new IOException(
              "worker "
                  + w.name()
                  + " did not register within 90 s; its log: "
                  + tail(dir.resolve(w.name() + ".log")));
        }
        Thread.sleep(100);
      }
    }
  }

  private static void waitForJobs(
      Coordinator coordinator, int total, Duration timeout, Progress progress)
      throws InterruptedException {
    Instant until = Instant.now().plus(timeout);
    while (true) {
      Map<JobStatus, Long> counts =
          coordinator.storage().transaction(tx -> tx.jobs().countByStatus());
      int decided = counts.getOrDefault(JobStatus.DECIDED, 0L).intValue();
      int failed = counts.getOrDefault(JobStatus.FAILED, 0L).intValue();
      progress.jobs(decided + failed, total, decided, failed);
      if (decided + failed >= total || Instant.now().isAfter(until)) {
        return;
      }
      Thread.sleep(250);
    }
  }

  private static void stop(
      List<Process> processes, List<WorkerSpec> specs, Map<String, Integer> exits)
      throws InterruptedException {
    for (Process p : processes) {
      if (p.isAlive()) {
        p.destroy(); // SIGTERM: the worker finishes or releases what it holds
      }
    }
    for (int i = 0; i < processes.size(); i++) {
      Process p = processes.get(i);
      if (!p.waitFor(15, TimeUnit.SECONDS)) {
        p.destroyForcibly();
        p.waitFor(5, TimeUnit.SECONDS);
      }
      exits.put(specs.get(i).name(), p.isAlive() ? -1 : p.exitValue());
    }
  }

  /** A job submission with the demo's terms. */
  static CoordinatorClient.JobSubmission submission(Job j) {
    return new CoordinatorClient.JobSubmission(
        j.impl().id(),
        j.input(),
        j.scheme(),
        j.params(),
        Optional.empty(),
        REWARD,
        FEE,
        MIN_STAKE,
        REQUESTER_BPS,
        TREASURY_BPS,
        CHALLENGER_BPS,
        Optional.of(MAX_TASKS),
        j.key());
  }

  /**
   * The deterministic CBOR of policy parameters given as JSON, by the same rules as the
   * coordinator's API (objects to maps with text keys, integers to integers, other numbers to
   * floats, strings to text, arrays to arrays).
   */
  static Bytes paramsToCbor(JsonNode json) {
    return cbor(json).encode();
  }

  private static CborValue cbor(JsonNode n) {
    if (n.isObject()) {
      List<CborMap.Entry> entries = new ArrayList<>();
      for (Map.Entry<String, JsonNode> e : n.properties()) {
        entries.add(new CborMap.Entry(new CborText(e.getKey()), cbor(e.getValue())));
      }
      return CborMap.ofEntries(entries);
    }
    if (n.isArray()) {
      List<CborValue> items = new ArrayList<>();
      n.forEach(i -> items.add(cbor(i)));
      return new CborArray(items);
    }
    if (n.isIntegralNumber()) {
      return CborInteger.of(n.longValue());
    }
    if (n.isNumber()) {
      return new CborFloat(n.doubleValue());
    }
    if (n.isTextual()) {
      return new CborText(n.textValue());
    }
    throw new IllegalArgumentException("unsupported policy parameter " + n);
  }

  static String tail(Path log) {
    try {
      String s = Files.readString(log);
      return s.length() > 2000 ? s.substring(s.length() - 2000) : s;
    } catch (IOException e) {
      return "(no log)";
    }
  }

  private static void deleteTree(Path dir) {
    try (var walk = Files.walk(dir)) {
      walk.sorted(java.util.Comparator.reverseOrder())
          .forEach(p -> {
            try {
              Files.deleteIfExists(p);
            } catch (IOException e) {
              // best effort: a temp directory
            }
          });
    } catch (IOException e) {
      // best effort
    }
  }
}
