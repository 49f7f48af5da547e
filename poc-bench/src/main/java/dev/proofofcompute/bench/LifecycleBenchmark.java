package dev.proofofcompute.bench;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.proofofcompute.coordinator.Coordinator;
import dev.proofofcompute.coordinator.CoordinatorConfig;
import dev.proofofcompute.coordinator.client.CoordinatorClient;
import dev.proofofcompute.coordinator.service.Coordination;
import dev.proofofcompute.coordinator.service.CoordinatorException;
import dev.proofofcompute.coordinator.service.SchemeRegistry;
import dev.proofofcompute.coordinator.service.ServiceSettings;
import dev.proofofcompute.coordinator.service.TaskOp;
import dev.proofofcompute.coordinator.service.Views.Balances;
import dev.proofofcompute.coordinator.service.Views.ChallengeState;
import dev.proofofcompute.coordinator.service.Views.DisputeRequest;
import dev.proofofcompute.coordinator.service.Views.Lease;
import dev.proofofcompute.coordinator.service.Views.TaskOutcomeView;
import dev.proofofcompute.core.workload.WorkloadId;
import dev.proofofcompute.crypto.Bytes;
import dev.proofofcompute.crypto.Digest;
import dev.proofofcompute.crypto.identity.NodeIdentity;
import dev.proofofcompute.crypto.money.Amount;
import dev.proofofcompute.crypto.random.RandomSource;
import dev.proofofcompute.protocol.JobSpec;
import dev.proofofcompute.protocol.ProviderBehaviour;
import dev.proofofcompute.protocol.ProviderContext;
import dev.proofofcompute.protocol.ProviderSession;
import dev.proofofcompute.protocol.TaskSpec;
import dev.proofofcompute.storage.NodeRole;
import dev.proofofcompute.storage.TaskKind;
import dev.proofofcompute.storage.TaskState;
import dev.proofofcompute.storage.TransactionTotals;
import dev.proofofcompute.worker.CoordinatorApi;
import dev.proofofcompute.worker.HttpCoordinatorApi;
import dev.proofofcompute.worker.WorkerAgent;
import dev.proofofcompute.worker.WorkerConfig;
import dev.proofofcompute.workloads.matmul.MatMul;
import dev.proofofcompute.workloads.matmul.MatMulInput;
import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Whole task lifecycles per second through a real coordinator: the coordinator runs in this JVM on
 * loopback HTTP over SQLite (a fresh file) or PostgreSQL (a fresh schema), and N signed clients run
 * lease → commit → challenge → respond; the coordinator verifies each response (Freivalds on a 4×4
 * int8 matrix product: a trivial workload, checked in the coordinator, no validator) and settles it
 * (stake released, reward and job close posted to the ledger) in the response's transaction. One
 * lifecycle = one task leased, submitted, verified and settled.
 *
 * <p>With {@code --batch 1} (the default) the clients are {@link WorkerAgent}s, one task at a time
 * each, one signed request per step. With {@code --batch B > 1} each client leases up to B tasks in
 * one request ({@code POST /v1/leases/batch}), runs them, commits them in one batch and answers
 * their challenges in one batch ({@code POST /v1/tasks/batch}; the commit's answer carries the
 * challenge, as for the single endpoint), the way BOINC's scheduler RPC reports many results and
 * asks for many jobs in one call. Every request is Ed25519-signed and verified either way.
 *
 * <p>The jobs are submitted before the clients start (their rate is reported separately); the first
 * {@code --warmup} lifecycles are not measured. Latencies are client-side wall times <b>per
 * request</b> (a batched request carries up to B tasks): the lease request (only those that
 * returned a task), the commit and the response (the result submission), as percentiles of the
 * sorted samples. CPU ms / lifecycle is the CPU time of the whole process (coordinator and clients,
 * every thread) over the measured window divided by the lifecycles in it: unlike the rate, it does
 * not depend on how much of the machine other processes take. <b>In transactions ms (transactions)
 * / lifecycle</b> is the wall time the storage's transactions held a connection per lifecycle
 * ({@code Storage.transactionTotals}; SQLite runs one transaction at a time, so 1000 / it is the
 * rate its single writer allows) and, in parentheses, the transactions (so commits) per lifecycle.
 * <b>Written KB / lifecycle</b> is what this process wrote to storage over the window ({@code
 * write_bytes} of {@code /proc/self/io}; for SQLite the WAL frames and checkpoints, for PostgreSQL
 * next to nothing, its server writes). Prints one markdown table row per backend.
 *
 * <p>Run: {@code benchmarks/lifecycle.sh} (builds poc-bench, then {@code java -cp
 * poc-bench/target/benchmarks.jar dev.proofofcompute.bench.LifecycleBenchmark --db sqlite [--db
 * postgresql://...] --clients 8 --tasks 5000 --warmup 500 [--batch 32]}).
 */
public final class LifecycleBenchmark {
  private static final ObjectMapper JSON = new ObjectMapper();

  private LifecycleBenchmark() {}

  /** Client-side latency samples, in nanoseconds. */
  static final class Samples {
    private long[] values = new long[1024];
    private int size;

    synchronized void add(long nanos) {
      if (size == values.length) {
        values = Arrays.copyOf(values, size * 2);
      }
      values[size++] = nanos;
    }

    synchronized void clear() {
      size = 0;
    }

    /** The {@code q}-quantile (nearest rank) in milliseconds. */
    synchronized double quantileMillis(double q) {
      if (size == 0) {
        return Double.NaN;
      }
      long[] sorted = Arrays.copyOf(values, size);
      Arrays.sort(sorted);
      int rank = (int) Math.ceil(q * size);
      return sorted[Math.max(0, Math.min(size - 1, rank - 1))] / 1e6;
    }
  }

  /** Times the calls of one worker and counts the lifecycles that ended (FINAL). */
  static final class Timed implements CoordinatorApi {
    final CoordinatorApi api;
    final Samples lease;
    final Samples commit;
    final Samples respond;
    final AtomicLong done;

    Timed(CoordinatorApi api, Samples lease, Samples commit, Samples respond, AtomicLong done) {
      this.api = api;
      this.lease = lease;
      this.commit = commit;
      this.respond = respond;
      this.done = done;
    }

    @Override
    public void register(Set<NodeRole> roles) throws CoordinatorException {
      api.register(roles);
    }

    @Override
    public Balances deposit(Amount amount) throws CoordinatorException {
      return api.deposit(amount);
    }

    @Override
    public Balances bond(Amount amount) throws CoordinatorException {
      return api.bond(amount);
    }

    @Override
    public Balances balances() throws CoordinatorException {
      return api.balances();
    }

    @Override
    public Optional<Lease> lease(TaskKind kind, Duration wait) throws CoordinatorException {
      long t0 = System.nanoTime();
      Optional<Lease> l = api.lease(kind, wait);
      if (l.isPresent()) {
        lease.add(System.nanoTime() - t0);
      }
      return l;
    }

    @Override
    public Instant heartbeat(String taskId, String leaseId) throws CoordinatorException {
      return api.heartbeat(taskId, leaseId);
    }

    @Override
    public void release(String taskId, String leaseId) throws CoordinatorException {
      api.release(taskId, leaseId);
    }

    @Override
    public ChallengeState commit(String taskId, String leaseId, Bytes commitment)
        throws CoordinatorException {
      long t0 = System.nanoTime();
      ChallengeState s = api.commit(taskId, leaseId, commitment);
      commit.add(System.nanoTime() - t0);
      return s;
    }

    @Override
    public ChallengeState challenge(String taskId, String leaseId) throws CoordinatorException {
      return api.challenge(taskId, leaseId);
    }

    @Override
    public TaskOutcomeView respond(String taskId, String leaseId, Bytes response)
        throws CoordinatorException {
      long t0 = System.nanoTime();
      TaskOutcomeView v = api.respond(taskId, leaseId, response);
      respond.add(System.nanoTime() - t0);
      if (v.state() == TaskState.FINAL) {
        done.incrementAndGet();
      }
      return v;
    }

    @Override
    public TaskOutcomeView report(String taskId, String leaseId, Bytes report)
        throws CoordinatorException {
      return api.report(taskId, leaseId, report);
    }

    @Override
    public List<DisputeRequest> pendingDisputes() throws CoordinatorException {
      return api.pendingDisputes();
    }

    @Override
    public void answerDispute(String disputeId, String taskId, Bytes answer)
        throws CoordinatorException {
      api.answerDispute(disputeId, taskId, answer);
    }

    @Override
    public Optional<Bytes> peekResult(String jobId) throws CoordinatorException {
      return api.peekResult(jobId);
    }
  }

  /**
   * A client that works in batches ({@code --batch B > 1}): lease up to B tasks in one request, run
   * them (the provider side of the job's scheme, honest), commit them in one batch, poll the
   * challenges not yet drawn in one batch, answer them in one batch; again until stopped.
   */
  static final class BatchClient implements Runnable {
    private final CoordinatorClient client;
    private final SchemeRegistry schemes = SchemeRegistry.standard();
    private final RandomSource salts;
    private final int batch;
    private final Samples lease;
    private final Samples commit;
    private final Samples respond;
    private final AtomicLong done;
    private final AtomicBoolean stop;
    private final AtomicLong failures;

    BatchClient(
        CoordinatorClient client,
        long seed,
        int batch,
        Samples lease,
        Samples commit,
        Samples respond,
        AtomicLong done,
        AtomicBoolean stop,
        AtomicLong failures) {
      this.client = client;
      this.salts = RandomSource.seeded(seed);
      this.batch = batch;
      this.lease = lease;
      this.commit = commit;
      this.respond = respond;
      this.done = done;
      this.stop = stop;
      this.failures = failures;
    }

    @Override
    public void run() {
      while (!stop.get()) {
        try {
          round();
        } catch (Exception e) {
          failures.incrementAndGet();
          System.err.println("batch client: " + e);
        }
      }
    }

    private void round() throws Exception {
      long t0 = System.nanoTime();
      List<JsonNode> leases = client.leaseBatch("provider", batch, Duration.ofMillis(500));
      if (leases.isEmpty()) {
        return;
      }
      lease.add(System.nanoTime() - t0);
      Map<String, ProviderSession> sessions = new HashMap<>();
      List<TaskOp> commits = new ArrayList<>();
      for (JsonNode l : leases) {
        String taskId = l.get("taskId").asText();
        ProviderSession s = execute(l);
        sessions.put(taskId, s);
        commits.add(TaskOp.commit(taskId, l.get("leaseId").asText(), s.commitment()));
      }
      t0 = System.nanoTime();
      List<CoordinatorClient.BatchResult> committed = client.batch(commits);
      commit.add(System.nanoTime() - t0);
      List<CoordinatorClient.BatchResult> ready = new ArrayList<>();
      List<TaskOp> polls = new ArrayList<>();
      for (CoordinatorClient.BatchResult r : committed) {
        JsonNode c = r.answer();
        if (c.get("ready").asBoolean()) {
          ready.add(r);
        } else {
          polls.add(TaskOp.challenge(r.op().taskId(), r.op().leaseId()));
        }
      }
      while (!polls.isEmpty()) {
        List<TaskOp> again = new ArrayList<>();
        for (CoordinatorClient.BatchResult r : client.batch(polls)) {
          if (r.answer().get("ready").asBoolean()) {
            ready.add(r);
          } else {
            again.add(r.op());
          }
        }
        polls = again;
      }
      List<TaskOp> responses = new ArrayList<>();
      for (CoordinatorClient.BatchResult r : ready) {
        String taskId = r.op().taskId();
        Bytes challenge = CoordinatorClient.bytes(r.answer(), "challenge");
        responses.add(
            TaskOp.respond(
                taskId,
                r.op().leaseId(),
                Objects.requireNonNull(sessions.get(taskId)).respond(challenge)));
      }
      t0 = System.nanoTime();
      List<CoordinatorClient.BatchResult> answered = client.batch(responses);
      respond.add(System.nanoTime() - t0);
      for (CoordinatorClient.BatchResult r : answered) {
        if (r.answer().get("state").asText().equals("final")) {
          done.incrementAndGet();
        }
      }
    }

    private ProviderSession execute(JsonNode l) throws Exception {
      JsonNode w = l.get("workload");
      WorkloadId workload =
          new WorkloadId(
              w.get("name").asText(),
              w.get("version").asInt(),
              Digest.fromHex(w.get("digest").asText()));
      String scheme = l.get("scheme").asText();
      JobSpec job =
          new JobSpec(
              l.get("jobId").asText(),
              workload,
              CoordinatorClient.bytes(l, "jobInput"),
              scheme,
              CoordinatorClient.bytes(l, "parameters"));
      TaskSpec spec =
          new TaskSpec(
              l.get("taskId").asText(),
              job,
              l.get("replica").asInt(),
              CoordinatorClient.bytes(l, "taskInput"),
              Bytes.EMPTY);
      return schemes
          .find(scheme)
          .orElseThrow()
          .execute(
              spec,
              new ProviderContext(
                  client.identity(), salts, Optional.empty(), new ProviderBehaviour.Honest()));
    }
  }

  /** One measured run. */
  record Result(
      String backend,
      int clients,
      int batch,
      long lifecycles,
      double seconds,
      double cpuSeconds,
      long writtenBytes,
      TransactionTotals transactions,
      double submitsPerSecond,
      double leaseP50,
      double leaseP99,
      double commitP50,
      double commitP99,
      double respondP50,
      double respondP99) {
    double perSecond() {
      return lifecycles / seconds;
    }

    /** CPU time of this process (coordinator and clients) per measured lifecycle. */
    double cpuMillisPerLifecycle() {
      return cpuSeconds * 1000 / lifecycles;
    }

    /**
     * Wall time the storage's transactions held a connection, per lifecycle: on SQLite, which runs
     * one transaction at a time, the database's busy time, so 1000 / this is the rate it allows.
     */
    double txWallMillisPerLifecycle() {
      return transactions.wallNanos() / 1e6 / lifecycles;
    }

    /**
     * Bytes this process wrote to storage per lifecycle, in KB (Linux's {@code write_bytes}; "n/a"
     * elsewhere): for SQLite the WAL frames and the checkpoints that copy them into the database.
     */
    String writtenKbPerLifecycle() {
      return writtenBytes < 0
          ? "n/a"
          : String.format(Locale.ROOT, "%.1f", writtenBytes / 1000.0 / lifecycles);
    }

    String row() {
      return String.format(
          Locale.ROOT,
          "| %s | %d | %d | %d | **%.0f** | %.2f | %.2f (%.3f) | %s | %.1f / %.1f | %.1f / %.1f |"
              + " %.1f / %.1f | %.0f |",
          backend,
          clients,
          batch,
          lifecycles,
          perSecond(),
          cpuMillisPerLifecycle(),
          txWallMillisPerLifecycle(),
          (double) transactions.count() / lifecycles,
          writtenKbPerLifecycle(),
          leaseP50,
          leaseP99,
          commitP50,
          commitP99,
          respondP50,
          respondP99,
          submitsPerSecond);
    }
  }

  static Result run(String db, String label, int clients, int tasks, int warmup, int batch)
      throws Exception {
    int total = tasks + warmup;
    ServiceSettings settings =
        ServiceSettings.defaults()
            .withLeaseDuration(Duration.ofSeconds(60))
            .withMaxLongPoll(Duration.ofSeconds(1));
    try (Coordinator c =
        Coordinator.start(
            CoordinatorConfig.of(db, 0)
                .withSettings(settings)
                .withTickInterval(Duration.ofSeconds(1)))) {
      CoordinatorClient requester =
          CoordinatorClient.create(c.uri(), NodeIdentity.generate(new SecureRandom()));
      requester.register(List.of("requester"), Amount.ZERO);
      requester.deposit(Amount.ofCredits(100L * total + 1_000));
      MatMul w = MatMul.create();
      Bytes input = w.inputCodec().encode(MatMulInput.random(7, 4, 4, 4));
      // Submit every job first, from a few threads.
      long s0 = System.nanoTime();
      ExecutorService pool = Executors.newFixedThreadPool(4);
      List<Future<?>> futures = new ArrayList<>();
      for (int t = 0; t < 4; t++) {
        int offset = t;
        futures.add(
            pool.submit(() -> {
              for (int i = offset; i < total; i += 4) {
                requester.submit(
                    new CoordinatorClient.JobSubmission(
                        w.id(),
                        input,
                        "freivalds",
                        JSON.readTree("{\"rounds\":2,\"float-rounds\":1}"),
                        Optional.empty(),
                        Amount.ofCredits(10),
                        Amount.ofCredits(1),
                        Amount.ofCredits(1),
                        5000,
                        2000,
                        3000,
                        Optional.empty(),
                        "bench-" + i));
              }
              return null;
            }));
      }
      for (Future<?> f : futures) {
        f.get();
      }
      pool.shutdown();
      double submitsPerSecond = total / ((System.nanoTime() - s0) / 1e9);

      Samples lease = new Samples();
      Samples commit = new Samples();
      Samples respond = new Samples();
      AtomicLong done = new AtomicLong();
      List<WorkerAgent> workers = new ArrayList<>();
      List<Thread> batchers = new ArrayList<>();
      AtomicBoolean stop = new AtomicBoolean();
      AtomicLong failures = new AtomicLong();
      try {
        for (int i = 0; batch > 1 && i < clients; i++) {
          NodeIdentity id = NodeIdentity.generate(new SecureRandom());
          CoordinatorClient client = CoordinatorClient.create(c.uri(), id);
          client.register(List.of("provider"), Amount.ZERO);
          client.deposit(Amount.ofCredits(1_000));
          client.bond(Amount.ofCredits(1_000));
          batchers.add(
              Thread.ofPlatform()
                  .name("batch-client-" + i)
                  .start(
                      new BatchClient(
                          client, i, batch, lease, commit, respond, done, stop, failures)));
        }
        for (int i = 0; batch == 1 && i < clients; i++) {
          NodeIdentity id = NodeIdentity.generate(new SecureRandom());
          WorkerConfig config =
              WorkerConfig.builder(c.uri(), id)
                  .roles(Set.of(NodeRole.PROVIDER))
                  .deposit(Amount.ofCredits(1_000))
                  .stake(Amount.ofCredits(1_000))
                  .concurrency(1)
                  .pollWait(Duration.ofMillis(500))
                  .challengePoll(Duration.ofMillis(1))
                  .build();
          workers.add(
              WorkerAgent.start(
                  config,
                  new Timed(HttpCoordinatorApi.create(c.uri(), id), lease, commit, respond, done)));
        }
        while (done.get() < warmup) {
          Thread.sleep(5);
        }
        lease.clear();
        commit.clear();
        respond.clear();
        long startCount = done.get();
        long t0 = System.nanoTime();
        long cpu0 = processCpuNanos();
        long written0 = processWrittenBytes();
        TransactionTotals tx0 = c.storage().transactionTotals();
        Instant until = Instant.now().plusSeconds(600);
        while (done.get() < total) {
          if (Instant.now().isAfter(until)) {
            throw new IllegalStateException("stuck at " + done.get() + " of " + total);
          }
          Thread.sleep(2);
        }
        double seconds = (System.nanoTime() - t0) / 1e9;
        double cpuSeconds = (processCpuNanos() - cpu0) / 1e9;
        long written = processWrittenBytes();
        long writtenBytes = written < 0 || written0 < 0 ? -1 : written - written0;
        TransactionTotals transactions = c.storage().transactionTotals().since(tx0);
        if (failures.get() > 0) {
          throw new IllegalStateException(failures.get() + " batch client rounds failed");
        }
        return new Result(
            label,
            clients,
            batch,
            done.get() - startCount,
            seconds,
            cpuSeconds,
            writtenBytes,
            transactions,
            submitsPerSecond,
            lease.quantileMillis(0.5),
            lease.quantileMillis(0.99),
            commit.quantileMillis(0.5),
            commit.quantileMillis(0.99),
            respond.quantileMillis(0.5),
            respond.quantileMillis(0.99));
      } finally {
        stop.set(true);
        for (WorkerAgent a : workers) {
          a.close();
        }
        for (Thread t : batchers) {
          t.join(5_000);
        }
      }
    }
  }

  /** Bytes this process has caused to be written to storage ({@code /proc/self/io}), or -1. */
  static long processWrittenBytes() {
    try {
      for (String line : Files.readAllLines(Path.of("/proc/self/io"))) {
        if (line.startsWith("write_bytes:")) {
          return Long.parseLong(line.substring("write_bytes:".length()).strip());
        }
      }
    } catch (IOException | NumberFormatException e) {
      return -1;
    }
    return -1;
  }

  /** CPU time used by this JVM so far (every thread, coordinator and clients alike). */
  static long processCpuNanos() {
    if (ManagementFactory.getOperatingSystemMXBean()
        instanceof com.sun.management.OperatingSystemMXBean os) {
      return os.getProcessCpuTime();
    }
    return 0;
  }

  public static void main(String[] args) throws Exception {
    List<String> dbs = new ArrayList<>();
    int clients = 8;
    int tasks = 5000;
    int warmup = 500;
    int batch = 1;
    for (int i = 0; i < args.length; i++) {
      switch (args[i]) {
        case "--db" -> dbs.add(args[++i]);
        case "--clients" -> clients = Integer.parseInt(args[++i]);
        case "--tasks" -> tasks = Integer.parseInt(args[++i]);
        case "--warmup" -> warmup = Integer.parseInt(args[++i]);
        case "--batch" -> batch = Integer.parseInt(args[++i]);
        default -> throw new IllegalArgumentException("unknown argument " + args[i]);
      }
    }
    if (dbs.isEmpty()) {
      dbs.add("sqlite");
    }
    if (batch < 1 || batch > Coordination.MAX_BATCH) {
      throw new IllegalArgumentException("--batch is 1.." + Coordination.MAX_BATCH);
    }
    List<Result> results = new ArrayList<>();
    for (String db : dbs) {
      String url;
      String label;
      Path tmp = null;
      if (db.equals("sqlite")) {
        tmp = Files.createTempDirectory("lifecycle-bench");
        url = "sqlite:" + tmp.resolve("bench.db");
        label = "SQLite (file on disk, WAL, synchronous=FULL)";
      } else if (db.equals("sqlite-tmpfs")) {
        // tmpfs: fsync costs nothing, so this shows the CPU-bound rate (not durable).
        tmp = Files.createTempDirectory(Path.of("/dev/shm"), "lifecycle-bench");
        url = "sqlite:" + tmp.resolve("bench.db");
        label = "SQLite (file on tmpfs: fsync free, not durable)";
      } else {
        String schema = "bench_" + Long.toHexString(new SecureRandom().nextLong() >>> 1);
        url = db + (db.contains("?") ? "&" : "?") + "currentSchema=" + schema;
        label = "PostgreSQL (loopback, schema " + schema + ")";
      }
      Result r = run(url, label, clients, tasks, warmup, batch);
      results.add(r);
      System.err.printf(Locale.ROOT, "%s: %.0f lifecycles/s%n", label, r.perSecond());
      if (tmp != null) {
        try (var files = Files.walk(tmp)) {
          files.sorted(java.util.Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        }
      }
    }
    System.out.printf(
        Locale.ROOT,
        "%nclients: %d signed %s; %d measured lifecycles after %d warm-up; latencies per"
            + " request; load average at the end: %.2f; %d CPUs%n%n",
        clients,
        batch == 1
            ? "WorkerAgents, one task each at a time"
            : "batch clients, up to " + batch + " tasks per request",
        tasks,
        warmup,
        ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage(),
        Runtime.getRuntime().availableProcessors());
    System.out.println(
        "| backend | clients | batch | lifecycles | lifecycles/s | CPU ms / lifecycle |"
            + " in transactions ms (transactions) / lifecycle | written KB / lifecycle |"
            + " lease p50 / p99 (ms) | commit p50 / p99 (ms) | submit (respond) p50 / p99 (ms) |"
            + " job submissions/s |");
    System.out.println("|---|---|---|---|---|---|---|---|---|---|---|---|");
    for (Result r : results) {
      System.out.println(r.row());
    }
    System.exit(0);
  }
}
