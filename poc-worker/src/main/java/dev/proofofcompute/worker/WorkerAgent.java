package dev.proofofcompute.worker;

import dev.proofofcompute.coordinator.service.CoordinatorException;
import dev.proofofcompute.coordinator.service.SchemeRegistry;
import dev.proofofcompute.coordinator.service.Views.Balances;
import dev.proofofcompute.coordinator.service.Views.ChallengeState;
import dev.proofofcompute.coordinator.service.Views.DisputeRequest;
import dev.proofofcompute.coordinator.service.Views.Lease;
import dev.proofofcompute.crypto.Bytes;
import dev.proofofcompute.crypto.money.Amount;
import dev.proofofcompute.crypto.random.RandomSource;
import dev.proofofcompute.protocol.JobSpec;
import dev.proofofcompute.protocol.ProtocolException;
import dev.proofofcompute.protocol.ProviderSession;
import dev.proofofcompute.protocol.SchemeProtocol;
import dev.proofofcompute.protocol.TaskSpec;
import dev.proofofcompute.storage.NodeRole;
import dev.proofofcompute.storage.TaskKind;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The worker agent: one node that serves a coordinator as a provider, a validator or both.
 *
 * <p><b>Start</b> ({@link #start}): registers the node (a restarted worker finds itself registered
 * and carries on), deposits {@code --deposit}, bonds {@code --stake} as far as its funds allow,
 * then runs {@code concurrency} slot threads, a heartbeat thread and a dispute thread.
 *
 * <p><b>A slot</b> leases a task (long-poll; a worker with both roles alternates EXECUTE and
 * VALIDATE requests) and runs it to the end:
 *
 * <ul>
 *   <li>EXECUTE: builds the provider's {@link TaskSpec} from the lease, executes it with the job's
 *       {@link SchemeProtocol} as its {@link Behaviour} dictates ({@link Strategies}), sends the
 *       commitment, polls for the challenge (the coordinator draws it only after the commitment is
 *       stored, and for commit–reveal schemes only after every replica committed), sends the
 *       response, and keeps the session to answer dispute questions.
 *   <li>VALIDATE: recomputes the work ({@link SchemeProtocol#validate}) and reports.
 * </ul>
 *
 * <p><b>Leases</b> are kept alive by heartbeats while a task executes (at half of the remaining
 * lease) and by challenge polls while it waits. <b>Retries</b>: a coordinator that is unreachable
 * or busy is retried with {@link Backoff} (exponential, full jitter) for as long as the lease
 * lives; a refusal that says the lease is gone ({@code 409}/{@code 404}) drops the task, which the
 * coordinator reassigns: a lapse costs a failure point, never stake.
 *
 * <p><b>Graceful shutdown</b> ({@link #close()}, wired to SIGTERM by the CLI): no new leases; tasks
 * in flight get {@link WorkerConfig#shutdownGrace} to finish; whatever still holds a lease then is
 * released, so the coordinator reassigns it at once and releases its stake.
 *
 * <p><b>Crash</b> (the {@code crash} behaviour): after its first commitment the worker dies before
 * responding — {@link Runtime#halt} in a process, or (for in-process tests, {@link
 * WorkerConfig.CrashMode#STOP_AGENT}) all its threads stop without releasing anything. The lease
 * lapses and the task is reassigned.
 */
public final class WorkerAgent implements AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(WorkerAgent.class);

  /** Schemes whose decisions may open a dispute that asks a provider's session questions. */
  private static final java.util.Set<String> DISPUTE_SCHEMES = java.util.Set.of("bisection");

  /** Sessions kept for dispute questions, oldest evicted first. */
  private static final int MAX_SESSIONS = 256;

  private static final Duration HEARTBEAT_TICK = Duration.ofMillis(250);

  private final WorkerConfig config;
  private final CoordinatorApi api;
  private final SchemeRegistry schemes;
  private final RandomSource salts;
  private final RandomSource jitter;
  private final List<Thread> slots = new ArrayList<>();
  private final List<Thread> helpers = new ArrayList<>();
  private final Map<String, Active> active = new ConcurrentHashMap<>();
  private final Map<String, ProviderSession> sessions =
      java.util.Collections.synchronizedMap(
          new LinkedHashMap<>() {
            private static final long serialVersionUID = 1L;

            @Override
            protected boolean removeEldestEntry(Map.Entry<String, ProviderSession> eldest) {
              return size() > MAX_SESSIONS;
            }
          });
  private final AtomicBoolean stopping = new AtomicBoolean();
  private final AtomicBoolean releaseNow = new AtomicBoolean();
  private final AtomicBoolean crashed = new AtomicBoolean();
  private final AtomicBoolean closed = new AtomicBoolean();
  private final CountDownLatch terminated = new CountDownLatch(1);

  private final AtomicLong leased = new AtomicLong();
  private final AtomicLong committed = new AtomicLong();
  private final AtomicLong responded = new AtomicLong();
  private final AtomicLong reported = new AtomicLong();
  private final AtomicLong released = new AtomicLong();
  private final AtomicLong lost = new AtomicLong();
  private final AtomicLong disputesAnswered = new AtomicLong();
  private final AtomicLong retries = new AtomicLong();
  private final AtomicLong errors = new AtomicLong();
  private final AtomicLong grindTries = new AtomicLong();

  /** A task this worker holds a lease on. */
  private static final class Active {
    final String taskId;
    final String leaseId;
    volatile Instant deadline;
    volatile Instant heartbeatAt;
    volatile boolean executing = true;
    final AtomicBoolean done = new AtomicBoolean();
    final AtomicBoolean released = new AtomicBoolean();

    Active(Lease lease, Instant now) {
      this.taskId = lease.taskId();
      this.leaseId = lease.leaseId();
      this.deadline = lease.deadline();
      this.heartbeatAt = halfway(now, lease.deadline());
    }

    static Instant halfway(Instant now, Instant deadline) {
      Duration left = Duration.between(now, deadline);
      return left.isNegative() ? now : now.plus(left.dividedBy(2));
    }
  }

  /** Thrown inside a slot to unwind it when the worker dies ({@code crash}). */
  private static final class Crashed extends RuntimeException {
    private static final long serialVersionUID = 1L;

    Crashed() {
      super("the worker crashed", null, false, false);
    }
  }

  /** Thrown inside a slot when the worker stops while the slot waits. */
  private static final class Stopped extends Exception {
    private static final long serialVersionUID = 1L;

    Stopped() {
      super("the worker is stopping", null, false, false);
    }
  }

  private WorkerAgent(WorkerConfig config, CoordinatorApi api) {
    this.config = config;
    this.api = api;
    this.schemes = SchemeRegistry.standard(config.catalog());
    this.salts = RandomSource.secure();
    this.jitter = RandomSource.secure();
  }

  /**
   * Starts a worker against the coordinator at {@link WorkerConfig#coordinator()} over the signed
   * HTTP API.
   *
   * @throws WorkerException when the coordinator cannot be reached after {@link
   *     WorkerConfig#startupAttempts()} tries, or refuses the registration, deposit or stake
   */
  public static WorkerAgent start(WorkerConfig config) throws WorkerException {
    return start(config, HttpCoordinatorApi.create(config.coordinator(), config.identity()));
  }

  /** Starts a worker against {@code api} (see {@link #start(WorkerConfig)}). */
  public static WorkerAgent start(WorkerConfig config, CoordinatorApi api) throws WorkerException {
    WorkerAgent agent = new WorkerAgent(config, api);
    agent.setUp();
    agent.launch();
    return agent;
  }

  /** The configuration this worker runs with. */
  public WorkerConfig config() {
    return config;
  }

  // ------------------------------------------------------------------ start-up

  private void setUp() throws WorkerException {
    EnumSet<NodeRole> roles = EnumSet.copyOf(config.roles());
    startupCall(
        "register the node",
        () -> {
          api.register(roles);
          return Boolean.TRUE;
        });
    if (!config.deposit().isZero()) {
      startupCall("deposit " + config.deposit(), () -> api.deposit(config.deposit()));
    }
    if (!config.stake().isZero()) {
      Balances b = startupCall("read the balances", api::balances);
      if (b.bonded().compareTo(config.stake()) < 0) {
        Amount want = config.stake().minus(b.bonded());
        Amount bond = want.compareTo(b.available()) <= 0 ? want : b.available();
        if (bond.isZero()) {
          throw new WorkerException(
              "cannot stake "
                  + config.stake()
                  + ": the account holds "
                  + b.available()
                  + " available and "
                  + b.bonded()
                  + " bonded; deposit more with --deposit");
        }
        Balances after = startupCall("bond " + bond, () -> api.bond(bond));
        if (after.bonded().compareTo(config.stake()) < 0) {
          LOG.warn(
              "staked {} of the {} asked: the account has no more available funds",
              after.bonded(),
              config.stake());
        }
      }
    }
    LOG.info(
        "worker {} started: roles {}, behaviour {}, concurrency {}",
        config.identity().nodeId().toHex(),
        roles,
        config.behaviour().flag(),
        config.concurrency());
  }

  private interface Call<T> {
    T call() throws CoordinatorException;
  }

  private <T> T startupCall(String what, Call<T> call) throws WorkerException {
    for (int attempt = 0; ; attempt++) {
      try {
        return call.call();
      } catch (CoordinatorException e) {
        if (!transientFailure(e)) {
          throw new WorkerException(
              "the coordinator at "
                  + config.coordinator()
                  + " refused to "
                  + what
                  + ": "
                  + e.reason(),
              e);
        }
        if (attempt + 1 >= config.startupAttempts()) {
          throw new WorkerException(
              "cannot reach the coordinator at " + config.coordinator() + " (" + e.reason() + ")",
              e);
        }
        retries.incrementAndGet();
        sleepQuietly(config.backoff().delay(attempt, jitter));
      }
    }
  }

  private void launch() {
    List<TaskKind> kinds = new ArrayList<>();
    if (config.validator()) {
      kinds.add(TaskKind.VALIDATE);
    }
    if (config.provider()) {
      kinds.add(TaskKind.EXECUTE);
    }
    String name = config.identity().nodeId().toHex().substring(0, 8);
    for (int i = 0; i < config.concurrency(); i++) {
      int offset = i;
      Thread t =
          Thread.ofPlatform()
              .daemon()
              .name("worker-" + name + "-slot-" + i)
              .unstarted(() -> slotLoop(kinds, offset));
      slots.add(t);
    }
    helpers.add(
        Thread.ofPlatform()
            .daemon()
            .name("worker-" + name + "-heartbeat")
            .unstarted(this::heartbeats));
    if (config.provider()) {
      helpers.add(
          Thread.ofPlatform()
              .daemon()
              .name("worker-" + name + "-disputes")
              .unstarted(this::disputes));
    }
    slots.forEach(Thread::start);
    helpers.forEach(Thread::start);
  }

  // ------------------------------------------------------------------ slots

  private void slotLoop(List<TaskKind> kinds, int offset) {
    int turn = offset;
    int failures = 0;
    while (!stopping.get()) {
      TaskKind kind = kinds.get(turn++ % kinds.size());
      Duration wait =
          kinds.size() > 1 ? minimum(config.pollWait(), Duration.ofSeconds(1)) : config.pollWait();
      Optional<Lease> lease;
      try {
        lease = api.lease(kind, wait);
        failures = 0;
      } catch (CoordinatorException e) {
        if (transientFailure(e)) {
          retries.incrementAndGet();
        } else {
          LOG.warn("lease request refused: {}", e.reason());
        }
        if (!pause(config.backoff().delay(failures++, jitter))) {
          break;
        }
        continue;
      }
      if (lease.isEmpty()) {
        continue;
      }
      leased.incrementAndGet();
      Active a = new Active(lease.get(), Instant.now());
      active.put(a.taskId, a);
      try {
        if (stopping.get()) {
          release(a);
          continue;
        }
        switch (lease.get().kind()) {
          case EXECUTE -> execute(lease.get(), a);
          case VALIDATE -> validate(lease.get(), a);
        }
      } catch (Crashed c) {
        return;
      } catch (Stopped s) {
        if (!crashed.get()) {
          release(a);
        }
      } catch (RuntimeException e) {
        errors.incrementAndGet();
        LOG.error("task {} failed on this worker: {}", a.taskId, e.toString());
        release(a);
      } finally {
        a.done.set(true);
        active.remove(a.taskId);
      }
      if (crashed.get()) {
        return;
      }
    }
  }

  private static Duration minimum(Duration a, Duration b) {
    return a.compareTo(b) <= 0 ? a : b;
  }

  private static JobSpec jobSpec(Lease l) {
    return new JobSpec(l.jobId(), l.workload(), l.jobInput(), l.scheme(), l.parameters());
  }

  private void execute(Lease lease, Active a) throws Stopped {
    Optional<SchemeProtocol> protocol = schemes.find(lease.scheme());
    if (protocol.isEmpty()) {
      LOG.warn("task {}: this worker does not know scheme {}", a.taskId, lease.scheme());
      release(a);
      return;
    }
    TaskSpec spec =
        new TaskSpec(
            lease.taskId(), jobSpec(lease), lease.replica(), lease.taskInput(), Bytes.EMPTY);
    Behaviour behaviour = config.behaviour();
    ProviderSession session;
    try {
      session =
          Strategies.execute(
              protocol.get(),
              config.catalog(),
              spec,
              config.identity(),
              behaviour,
              config.seed(),
              salts);
    } catch (ProtocolException e) {
      errors.incrementAndGet();
      LOG.warn("task {} cannot be run here: {}", a.taskId, e.getMessage());
      release(a);
      return;
    }
    if (session instanceof GrindingSession g) {
      grindTries.addAndGet(g.tries());
    }
    if (behaviour instanceof Behaviour.Copycat && session instanceof ReplicaCheats.SealedReplica) {
      // Look for a result to copy before committing: there is none to see, since no replica
      // reveals before every replica has committed.
      peekForCopy(lease.jobId(), config.copycatPeek());
    }
    checkpoint();
    a.executing = false;
    ChallengeState state;
    try {
      state = commitRetrying(a, session.commitment());
    } catch (CoordinatorException e) {
      dropped(a, "commit", e);
      return;
    }
    committed.incrementAndGet();
    if (behaviour instanceof Behaviour.Crash) {
      crash(a);
    }
    while (!state.ready()) {
      if (!pause(config.challengePoll())) {
        throw new Stopped();
      }
      checkpoint();
      try {
        state = taskCall(a, () -> api.challenge(a.taskId, a.leaseId));
      } catch (CoordinatorException e) {
        dropped(a, "challenge poll", e);
        return;
      }
    }
    Bytes challenge = state.challenge().orElse(Bytes.EMPTY);
    if (session instanceof ReplicaCheats.SealedReplica replica
        && behaviour instanceof Behaviour.Copycat) {
      peekForCopy(lease.jobId(), Duration.ZERO).ifPresent(replica::substitute);
    }
    Bytes response;
    try {
      response = session.respond(challenge);
    } catch (ProtocolException e) {
      errors.incrementAndGet();
      LOG.warn("task {}: cannot answer the challenge: {}", a.taskId, e.getMessage());
      release(a);
      return;
    }
    checkpoint();
    try {
      taskCall(a, () -> api.respond(a.taskId, a.leaseId, response));
    } catch (CoordinatorException e) {
      dropped(a, "respond", e);
      return;
    }
    responded.incrementAndGet();
    if (DISPUTE_SCHEMES.contains(lease.scheme())) {
      sessions.put(a.taskId, session);
    }
  }

  /** Commits; a retried commit whose first attempt landed finds the task committed. */
  private ChallengeState commitRetrying(Active a, Bytes commitment)
      throws CoordinatorException, Stopped {
    boolean retried = false;
    for (int attempt = 0; ; attempt++) {
      try {
        return api.commit(a.taskId, a.leaseId, commitment);
      } catch (CoordinatorException e) {
        if (retried && e.kind() == CoordinatorException.Kind.CONFLICT) {
          return taskCall(a, () -> api.challenge(a.taskId, a.leaseId));
        }
        if (!transientFailure(e) || Instant.now().isAfter(a.deadline)) {
          throw e;
        }
        retried = true;
        retries.incrementAndGet();
        if (!pause(config.backoff().delay(attempt, jitter))) {
          throw new Stopped();
        }
      }
    }
  }

  private Optional<Bytes> peekForCopy(String jobId, Duration window) throws Stopped {
    Instant until = Instant.now().plus(window);
    while (true) {
      try {
        Optional<Bytes> seen = api.peekResult(jobId);
        if (seen.isPresent()) {
          LOG.info("copycat: found a result of job {} to copy", jobId);
          return seen;
        }
      } catch (CoordinatorException e) {
        LOG.debug("copycat: nothing to copy for job {}: {}", jobId, e.reason());
      }
      if (!Instant.now().isBefore(until)) {
        return Optional.empty();
      }
      if (!pause(config.challengePoll())) {
        throw new Stopped();
      }
    }
  }

  private void validate(Lease lease, Active a) throws Stopped {
    Optional<SchemeProtocol> protocol = schemes.find(lease.scheme());
    Optional<Bytes> work = lease.work();
    if (protocol.isEmpty() || work.isEmpty()) {
      LOG.warn("validation task {} cannot be done here (scheme {})", a.taskId, lease.scheme());
      release(a);
      return;
    }
    Bytes report;
    try {
      report = Strategies.validate(protocol.get(), jobSpec(lease), work.get(), config.behaviour());
    } catch (ProtocolException e) {
      errors.incrementAndGet();
      LOG.warn("validation task {}: {}", a.taskId, e.getMessage());
      release(a);
      return;
    }
    checkpoint();
    a.executing = false;
    try {
      taskCall(a, () -> api.report(a.taskId, a.leaseId, report));
    } catch (CoordinatorException e) {
      dropped(a, "report", e);
      return;
    }
    reported.incrementAndGet();
  }

  /** A call about a held task, retried on transient failures while the lease lives. */
  private <T> T taskCall(Active a, Call<T> call) throws CoordinatorException, Stopped {
    for (int attempt = 0; ; attempt++) {
      try {
        return call.call();
      } catch (CoordinatorException e) {
        if (!transientFailure(e) || Instant.now().isAfter(a.deadline)) {
          throw e;
        }
        retries.incrementAndGet();
        if (!pause(config.backoff().delay(attempt, jitter))) {
          throw new Stopped();
        }
      }
    }
  }

  private void dropped(Active a, String what, CoordinatorException e) {
    lost.incrementAndGet();
    LOG.info("task {}: {} refused ({}); dropping the task", a.taskId, what, e.reason());
  }

  /** Stops the slot when the worker crashed, or when shutdown asked for leases back. */
  private void checkpoint() throws Stopped {
    if (crashed.get()) {
      throw new Crashed();
    }
    if (releaseNow.get()) {
      throw new Stopped();
    }
  }

  private void crash(Active a) {
    LOG.warn("crash: dying in the middle of task {} (committed, not responded)", a.taskId);
    if (config.crashMode() == WorkerConfig.CrashMode.HALT_PROCESS) {
      Runtime.getRuntime().halt(137);
    }
    crashed.set(true);
    stopping.set(true);
    terminated.countDown();
    throw new Crashed();
  }

  // ------------------------------------------------------------------ helpers threads

  private void heartbeats() {
    while (!stopping.get() || !active.isEmpty()) {
      if (crashed.get()) {
        return;
      }
      Instant now = Instant.now();
      for (Active a : active.values()) {
        if (a.executing && !a.done.get() && !now.isBefore(a.heartbeatAt)) {
          try {
            Instant d = api.heartbeat(a.taskId, a.leaseId);
            a.deadline = d;
            a.heartbeatAt = Active.halfway(Instant.now(), d);
          } catch (CoordinatorException e) {
            if (transientFailure(e)) {
              retries.incrementAndGet();
              a.heartbeatAt = now.plus(HEARTBEAT_TICK.multipliedBy(4));
            } else {
              LOG.info("task {}: heartbeat refused ({})", a.taskId, e.reason());
              a.heartbeatAt = a.deadline.plus(Duration.ofDays(1));
            }
          }
        }
      }
      if (!sleepQuietly(HEARTBEAT_TICK) || (stopping.get() && releaseNow.get())) {
        return;
      }
    }
  }

  private void disputes() {
    int failures = 0;
    while (!stopping.get()) {
      if (!sessions.isEmpty()) {
        try {
          List<DisputeRequest> requests = api.pendingDisputes();
          failures = 0;
          for (DisputeRequest r : requests) {
            answer(r);
          }
        } catch (CoordinatorException e) {
          if (transientFailure(e)) {
            retries.incrementAndGet();
          }
          if (!sleepQuietly(config.backoff().delay(failures++, jitter))) {
            return;
          }
          continue;
        }
      }
      if (!sleepQuietly(config.disputePoll())) {
        return;
      }
    }
  }

  private void answer(DisputeRequest r) throws CoordinatorException {
    ProviderSession s = sessions.get(r.taskId());
    if (s == null) {
      LOG.warn(
          "dispute {} asks task {}, whose session this worker no longer has",
          r.disputeId(),
          r.taskId());
      return;
    }
    Bytes answer;
    try {
      answer = s.answerDispute(r.request());
    } catch (ProtocolException e) {
      LOG.warn("dispute {}: cannot answer: {}", r.disputeId(), e.getMessage());
      return;
    }
    api.answerDispute(r.disputeId(), r.taskId(), answer);
    disputesAnswered.incrementAndGet();
  }

  // ------------------------------------------------------------------ shutdown

  private void release(Active a) {
    if (crashed.get() || !a.released.compareAndSet(false, true)) {
      return;
    }
    try {
      api.release(a.taskId, a.leaseId);
      released.incrementAndGet();
      LOG.info("task {}: lease released", a.taskId);
    } catch (CoordinatorException e) {
      LOG.info("task {}: release refused ({})", a.taskId, e.reason());
    }
  }

  /**
   * Stops the worker gracefully: no new leases; tasks in flight get {@link
   * WorkerConfig#shutdownGrace()} to finish, then every lease still held is released. Idempotent.
   * After a {@code crash}, releases nothing (a dead worker does not clean up).
   */
  @Override
  public void close() {
    if (!closed.compareAndSet(false, true)) {
      awaitQuietly();
      return;
    }
    stopping.set(true);
    Instant until = Instant.now().plus(config.shutdownGrace());
    for (Thread t : slots) {
      joinUntil(t, until);
    }
    releaseNow.set(true);
    if (!crashed.get()) {
      for (Active a : List.copyOf(active.values())) {
        if (!a.done.get()) {
          release(a);
        }
      }
    }
    for (Thread t : slots) {
      t.interrupt();
    }
    for (Thread t : helpers) {
      t.interrupt();
    }
    Instant end = Instant.now().plusSeconds(5);
    for (Thread t : slots) {
      joinUntil(t, end);
    }
    for (Thread t : helpers) {
      joinUntil(t, end);
    }
    terminated.countDown();
    LOG.info("worker {} stopped: {}", config.identity().nodeId().toHex(), stats());
  }

  private static void joinUntil(Thread t, Instant until) {
    Duration left = Duration.between(Instant.now(), until);
    if (left.isNegative() || left.isZero()) {
      return;
    }
    try {
      t.join(left);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  /** Blocks until the worker has stopped ({@link #close()} or a crash). */
  public void awaitTermination() throws InterruptedException {
    terminated.await();
  }

  /** Waits up to {@code timeout} for the worker to stop; whether it has. */
  public boolean awaitTermination(Duration timeout) throws InterruptedException {
    return terminated.await(timeout.toMillis(), TimeUnit.MILLISECONDS);
  }

  private void awaitQuietly() {
    try {
      terminated.await(30, TimeUnit.SECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  /** Whether the worker died of its {@code crash} behaviour (in-process mode). */
  public boolean crashed() {
    return crashed.get();
  }

  /** The ids of the tasks this worker holds leases on right now. */
  public List<String> heldTasks() {
    return List.copyOf(active.keySet());
  }

  /** What the worker has done so far. */
  public WorkerStats stats() {
    return new WorkerStats(
        leased.get(),
        committed.get(),
        responded.get(),
        reported.get(),
        released.get(),
        lost.get(),
        disputesAnswered.get(),
        retries.get(),
        errors.get(),
        grindTries.get());
  }

  // ------------------------------------------------------------------ waiting

  static boolean transientFailure(CoordinatorException e) {
    return e.kind() == CoordinatorException.Kind.UNAVAILABLE
        || e.kind() == CoordinatorException.Kind.TOO_MANY;
  }

  /** Sleeps unless the worker stops first; whether it slept the whole time. */
  private boolean pause(Duration d) {
    if (stopping.get() && releaseNow.get()) {
      return false;
    }
    return sleepQuietly(d) && !(crashed.get() || releaseNow.get());
  }

  private static boolean sleepQuietly(Duration d) {
    try {
      Thread.sleep(d);
      return true;
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return false;
    }
  }

  @Override
  public String toString() {
    return "WorkerAgent["
        + config.identity().nodeId().toHex().substring(0, 8)
        + ", "
        + config.behaviour().flag()
        + "]";
  }
}
