package dev.proofofcompute.coordinator;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.proofofcompute.coordinator.client.ApiException;
import dev.proofofcompute.coordinator.client.CoordinatorClient;
import dev.proofofcompute.coordinator.service.SchemeRegistry;
import dev.proofofcompute.coordinator.service.ServiceSettings;
import dev.proofofcompute.core.workload.Workload;
import dev.proofofcompute.core.workload.WorkloadId;
import dev.proofofcompute.crypto.Bytes;
import dev.proofofcompute.crypto.DecodingException;
import dev.proofofcompute.crypto.Hashes;
import dev.proofofcompute.crypto.identity.NodeIdentity;
import dev.proofofcompute.crypto.money.Amount;
import dev.proofofcompute.crypto.random.RandomSource;
import dev.proofofcompute.crypto.time.ManualClock;
import dev.proofofcompute.ledger.LedgerSnapshot;
import dev.proofofcompute.protocol.JobSpec;
import dev.proofofcompute.protocol.ProtocolException;
import dev.proofofcompute.protocol.ProviderBehaviour;
import dev.proofofcompute.protocol.ProviderContext;
import dev.proofofcompute.protocol.ProviderSession;
import dev.proofofcompute.protocol.SchemeProtocol;
import dev.proofofcompute.protocol.TaskSpec;
import dev.proofofcompute.storage.JobQuery;
import dev.proofofcompute.storage.JobRecord;
import dev.proofofcompute.storage.NodeRecord;
import dev.proofofcompute.storage.TaskRecord;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * A coordinator on a real socket (loopback, port 0) over a SQLite file, with one manual clock for
 * the server and every client, and in-test nodes that talk to it only through {@link
 * CoordinatorClient}.
 */
public final class ApiFixture implements AutoCloseable {
  static final Instant T0 = Instant.parse("2026-11-27T12:00:00Z");
  static final ObjectMapper JSON = new ObjectMapper();

  final long seed;
  final ManualClock clock = ManualClock.at(T0);
  public final Coordinator coordinator;
  final SchemeRegistry schemes = SchemeRegistry.standard();
  private final RandomSource random;

  public ApiFixture(Path dir, long seed, long maxBody) throws Exception {
    this.seed = seed;
    this.random = RandomSource.seeded(seed);
    this.coordinator =
        Coordinator.start(
            CoordinatorConfig.of("sqlite:" + dir.resolve("api.db"), 0)
                .withClock(clock)
                .withRandom(RandomSource.seeded(seed ^ 0x1234))
                .withSettings(ServiceSettings.defaults().withMaxLongPoll(Duration.ofMillis(500)))
                .withTickInterval(Duration.ofMinutes(10))
                .withMaxBodyBytes(maxBody));
  }

  NodeIdentity identity(String name) throws DecodingException {
    return NodeIdentity.fromSeed(
        Hashes.hash(
                "poc/test/api-identity",
                ByteBuffer.allocate(8).putLong(seed).array(),
                name.getBytes(StandardCharsets.UTF_8))
            .toBytes());
  }

  CoordinatorClient client(NodeIdentity id) {
    return CoordinatorClient.create(
        coordinator.uri(), id, clock, RandomSource.seeded(random.nextLong()));
  }

  /** Registers a node, deposits and bonds. */
  CoordinatorClient node(String name, long deposit, long stake, String... roles) throws Exception {
    CoordinatorClient c = client(identity(name));
    c.register(List.of(roles), Amount.ZERO);
    if (deposit > 0) {
      c.deposit(Amount.ofCredits(deposit));
    }
    if (stake > 0) {
      c.bond(Amount.ofCredits(stake));
    }
    return c;
  }

  static <I> CoordinatorClient.JobSubmission job(
      Workload<I, ?> w,
      I input,
      String scheme,
      JsonNode params,
      long reward,
      long fee,
      long stake,
      String key) {
    return new CoordinatorClient.JobSubmission(
        w.id(),
        w.inputCodec().encode(input),
        scheme,
        params,
        Optional.empty(),
        Amount.ofCredits(reward),
        Amount.ofCredits(fee),
        Amount.ofCredits(stake),
        5000,
        2000,
        3000,
        Optional.empty(),
        key);
  }

  static JsonNode params(String json) {
    try {
      return JSON.readTree(json);
    } catch (Exception e) {
      throw new IllegalArgumentException(e);
    }
  }

  /** A provider's executed task, through the API. */
  record Executed(JsonNode lease, ProviderSession session, JsonNode commit) {
    String taskId() {
      return lease.get("taskId").asText();
    }

    String leaseId() {
      return lease.get("leaseId").asText();
    }
  }

  /** Leases, executes (with {@code behaviour}) and commits one task; empty if none. */
  Optional<Executed> execute(CoordinatorClient provider, ProviderBehaviour behaviour)
      throws Exception {
    Optional<JsonNode> lease = provider.lease("provider", Duration.ZERO);
    if (lease.isEmpty()) {
      return Optional.empty();
    }
    JsonNode l = lease.get();
    ProviderSession session = session(provider, l, behaviour);
    JsonNode commit =
        provider.commit(l.get("taskId").asText(), l.get("leaseId").asText(), session.commitment());
    return Optional.of(new Executed(l, session, commit));
  }

  /** Runs the leased task {@code l} (a lease as the API answers it) with {@code behaviour}. */
  ProviderSession session(CoordinatorClient provider, JsonNode l, ProviderBehaviour behaviour)
      throws Exception {
    SchemeProtocol protocol = schemes.find(l.get("scheme").asText()).orElseThrow();
    JsonNode w = l.get("workload");
    WorkloadId workload =
        new WorkloadId(
            w.get("name").asText(),
            w.get("version").asInt(),
            dev.proofofcompute.crypto.Digest.fromHex(w.get("digest").asText()));
    JobSpec job =
        new JobSpec(
            l.get("jobId").asText(),
            workload,
            CoordinatorClient.bytes(l, "jobInput"),
            l.get("scheme").asText(),
            CoordinatorClient.bytes(l, "parameters"));
    TaskSpec spec =
        new TaskSpec(
            l.get("taskId").asText(),
            job,
            l.get("replica").asInt(),
            CoordinatorClient.bytes(l, "taskInput"),
            Bytes.EMPTY);
    return protocol.execute(
        spec,
        new ProviderContext(
            provider.identity(),
            RandomSource.seeded(random.nextLong()),
            Optional.empty(),
            behaviour));
  }

  /** Polls the challenge and answers it. */
  JsonNode respond(CoordinatorClient provider, Executed e) throws Exception {
    JsonNode c = e.commit();
    if (!c.get("ready").asBoolean()) {
      c = provider.challenge(e.taskId(), e.leaseId());
    }
    if (!c.hasNonNull("challenge")) {
      throw new AssertionError("no challenge for " + e.taskId() + ": " + c);
    }
    Bytes response;
    try {
      response = e.session().respond(CoordinatorClient.bytes(c, "challenge"));
    } catch (ProtocolException ex) {
      throw new AssertionError(ex);
    }
    return provider.respond(e.taskId(), e.leaseId(), response);
  }

  /** Leases a validation and reports honestly; false when there was none. */
  boolean validate(CoordinatorClient validator) throws Exception {
    Optional<JsonNode> lease = validator.lease("validator", Duration.ZERO);
    if (lease.isEmpty()) {
      return false;
    }
    JsonNode l = lease.get();
    validator.report(l.get("taskId").asText(), l.get("leaseId").asText(), validationReport(l));
    return true;
  }

  /** An honest validator's report on the validation lease {@code l}. */
  Bytes validationReport(JsonNode l) throws Exception {
    SchemeProtocol protocol = schemes.find(l.get("scheme").asText()).orElseThrow();
    JsonNode w = l.get("workload");
    JobSpec job =
        new JobSpec(
            l.get("jobId").asText(),
            new WorkloadId(
                w.get("name").asText(),
                w.get("version").asInt(),
                dev.proofofcompute.crypto.Digest.fromHex(w.get("digest").asText())),
            CoordinatorClient.bytes(l, "jobInput"),
            l.get("scheme").asText(),
            CoordinatorClient.bytes(l, "parameters"));
    return protocol.validate(job, CoordinatorClient.bytes(l, "work"));
  }

  /** Everything a request could change: balances, jobs, tasks, nodes, the log's size. */
  record Snapshot(
      LedgerSnapshot ledger,
      List<JobRecord> jobs,
      List<TaskRecord> tasks,
      List<NodeRecord> nodes,
      long logSize) {}

  Snapshot snapshot() {
    return coordinator
        .storage()
        .transaction(tx -> {
          List<JobRecord> jobs = tx.jobs().list(JobQuery.all(1000));
          List<TaskRecord> tasks = new ArrayList<>();
          for (JobRecord j : jobs) {
            tasks.addAll(tx.tasks().ofJob(j.jobId()));
          }
          return new Snapshot(
              tx.ledger().snapshot(), jobs, tasks, tx.nodes().list(), tx.log().size());
        });
  }

  static int status(ApiException e) {
    return e.status();
  }

  @Override
  public void close() {
    coordinator.close();
  }
}
