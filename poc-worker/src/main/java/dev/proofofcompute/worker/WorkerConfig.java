package dev.proofofcompute.worker;

import dev.proofofcompute.crypto.identity.NodeIdentity;
import dev.proofofcompute.crypto.money.Amount;
import dev.proofofcompute.protocol.WorkloadCatalog;
import dev.proofofcompute.storage.NodeRole;
import java.net.URI;
import java.time.Duration;
import java.util.EnumSet;
import java.util.Set;

/**
 * How a worker runs. Build one with {@link #builder}; every field has a default except the
 * coordinator and the identity.
 *
 * @param coordinator the coordinator's base URL ({@code http://host:port})
 * @param identity the node's Ed25519 key; every request is signed with it
 * @param roles {@link NodeRole#PROVIDER}, {@link NodeRole#VALIDATOR} or both
 * @param deposit credited to the node's account at start (zero: none)
 * @param stake bonded at start, up to what the account holds (a provider needs at least the minimum
 *     stake of the jobs it leases)
 * @param concurrency how many tasks the worker holds at once (each on its own thread)
 * @param behaviour honest, or one of the cheats
 * @param seed seeds the cheats, so that a demo or test can be replayed (honest workers draw their
 *     commitment salts from a secure source regardless)
 * @param pollWait how long one lease request waits for work (the coordinator caps it)
 * @param challengePoll how often a provider waiting for its challenge asks again
 * @param disputePoll how often the worker asks for dispute questions to its tasks
 * @param shutdownGrace how long {@link WorkerAgent#close()} lets tasks in flight finish before it
 *     releases their leases
 * @param backoff the retry back-off when the coordinator is unreachable or busy
 * @param startupAttempts how many times {@link WorkerAgent#start} tries to reach the coordinator
 *     before it gives up
 * @param catalog the workloads this worker can run
 * @param crashMode what the {@code crash} behaviour does when it dies
 * @param copycatPeek how long a copycat looks for a result to copy before it commits
 */
public record WorkerConfig(
    URI coordinator,
    NodeIdentity identity,
    Set<NodeRole> roles,
    Amount deposit,
    Amount stake,
    int concurrency,
    Behaviour behaviour,
    long seed,
    Duration pollWait,
    Duration challengePoll,
    Duration disputePoll,
    Duration shutdownGrace,
    Backoff backoff,
    int startupAttempts,
    WorkloadCatalog catalog,
    CrashMode crashMode,
    Duration copycatPeek) {

  /** Upper bound on {@link #concurrency}. */
  public static final int MAX_CONCURRENCY = 256;

  /** What the {@code crash} behaviour does. */
  public enum CrashMode {
    /** {@link Runtime#halt}: the process dies at once, like a power cut (the default). */
    HALT_PROCESS,
    /**
     * The agent's threads stop where they are without releasing their leases, and the process lives
     * on (for tests that run several workers in one JVM).
     */
    STOP_AGENT
  }

  public WorkerConfig {
    roles = Set.copyOf(roles);
    if (roles.isEmpty()) {
      throw new IllegalArgumentException("a worker needs a role: provider, validator or both");
    }
    if (roles.contains(NodeRole.REQUESTER)) {
      throw new IllegalArgumentException("a worker is a provider and/or a validator");
    }
    if (concurrency < 1 || concurrency > MAX_CONCURRENCY) {
      throw new IllegalArgumentException(
          "concurrency must be 1.." + MAX_CONCURRENCY + ", got " + concurrency);
    }
    if (startupAttempts < 1) {
      throw new IllegalArgumentException("startupAttempts must be >= 1");
    }
    String scheme = coordinator.getScheme();
    if (scheme == null
        || !(scheme.equals("http") || scheme.equals("https"))
        || coordinator.getHost() == null) {
      throw new IllegalArgumentException(
          "the coordinator URL must be http://HOST:PORT or https://HOST:PORT, got " + coordinator);
    }
    for (Duration d : new Duration[] {pollWait, challengePoll, disputePoll, copycatPeek}) {
      if (d.isNegative()) {
        throw new IllegalArgumentException("durations cannot be negative");
      }
    }
    if (challengePoll.isZero() || disputePoll.isZero()) {
      throw new IllegalArgumentException("poll intervals must be positive");
    }
    if (shutdownGrace.isNegative()) {
      throw new IllegalArgumentException("the shutdown grace cannot be negative");
    }
  }

  /** A builder with the defaults. */
  public static Builder builder(URI coordinator, NodeIdentity identity) {
    return new Builder(coordinator, identity);
  }

  /** Whether this worker executes tasks. */
  public boolean provider() {
    return roles.contains(NodeRole.PROVIDER);
  }

  /** Whether this worker does validation work. */
  public boolean validator() {
    return roles.contains(NodeRole.VALIDATOR);
  }

  /** A copy with another behaviour. */
  public WorkerConfig withBehaviour(Behaviour b) {
    return toBuilder().behaviour(b).build();
  }

  /** A builder holding this configuration. */
  public Builder toBuilder() {
    Builder b = new Builder(coordinator, identity);
    b.roles = EnumSet.copyOf(roles);
    b.deposit = deposit;
    b.stake = stake;
    b.concurrency = concurrency;
    b.behaviour = behaviour;
    b.seed = seed;
    b.pollWait = pollWait;
    b.challengePoll = challengePoll;
    b.disputePoll = disputePoll;
    b.shutdownGrace = shutdownGrace;
    b.backoff = backoff;
    b.startupAttempts = startupAttempts;
    b.catalog = catalog;
    b.crashMode = crashMode;
    b.copycatPeek = copycatPeek;
    return b;
  }

  /** Builds a {@link WorkerConfig}; not thread-safe. */
  public static final class Builder {
    private final URI coordinator;
    private final NodeIdentity identity;
    private Set<NodeRole> roles = EnumSet.of(NodeRole.PROVIDER);
    private Amount deposit = Amount.ZERO;
    private Amount stake = Amount.ZERO;
    private int concurrency = 1;
    private Behaviour behaviour = new Behaviour.Honest();
    private long seed = 1;
    private Duration pollWait = Duration.ofSeconds(5);
    private Duration challengePoll = Duration.ofMillis(100);
    private Duration disputePoll = Duration.ofMillis(500);
    private Duration shutdownGrace = Duration.ofSeconds(10);
    private Backoff backoff = Backoff.defaults();
    private int startupAttempts = 3;
    private WorkloadCatalog catalog = WorkloadCatalog.standard();
    private CrashMode crashMode = CrashMode.HALT_PROCESS;
    private Duration copycatPeek = Duration.ofSeconds(1);

    private Builder(URI coordinator, NodeIdentity identity) {
      this.coordinator = coordinator;
      this.identity = identity;
    }

    public Builder roles(Set<NodeRole> v) {
      roles = v;
      return this;
    }

    public Builder deposit(Amount v) {
      deposit = v;
      return this;
    }

    public Builder stake(Amount v) {
      stake = v;
      return this;
    }

    public Builder concurrency(int v) {
      concurrency = v;
      return this;
    }

    public Builder behaviour(Behaviour v) {
      behaviour = v;
      return this;
    }

    public Builder seed(long v) {
      seed = v;
      return this;
    }

    public Builder pollWait(Duration v) {
      pollWait = v;
      return this;
    }

    public Builder challengePoll(Duration v) {
      challengePoll = v;
      return this;
    }

    public Builder disputePoll(Duration v) {
      disputePoll = v;
      return this;
    }

    public Builder shutdownGrace(Duration v) {
      shutdownGrace = v;
      return this;
    }

    public Builder backoff(Backoff v) {
      backoff = v;
      return this;
    }

    public Builder startupAttempts(int v) {
      startupAttempts = v;
      return this;
    }

    public Builder catalog(WorkloadCatalog v) {
      catalog = v;
      return this;
    }

    public Builder crashMode(CrashMode v) {
      crashMode = v;
      return this;
    }

    public Builder copycatPeek(Duration v) {
      copycatPeek = v;
      return this;
    }

    /**
     * The configuration.
     *
     * @throws IllegalArgumentException naming the first field that is out of range
     */
    public WorkerConfig build() {
      return new WorkerConfig(
          coordinator,
          identity,
          roles,
          deposit,
          stake,
          concurrency,
          behaviour,
          seed,
          pollWait,
          challengePoll,
          disputePoll,
          shutdownGrace,
          backoff,
          startupAttempts,
          catalog,
          crashMode,
          copycatPeek);
    }
  }
}
